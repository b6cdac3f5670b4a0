/*
 * netfsm ESP-IDF stand-in: esp_netif's SNTP front end. The stand-in never touches the host
 * clock: a "sync" calls sync_cb with the world's epoch (netfsm_sim_set("sntp_epoch", s)).
 */
#ifndef NETFSM_ESP_NETIF_SNTP_H
#define NETFSM_ESP_NETIF_SNTP_H

#include <stdbool.h>
#include <stddef.h>

#include "esp_err.h"
#include "esp_netif_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef CONFIG_LWIP_SNTP_MAX_SERVERS
#define CONFIG_LWIP_SNTP_MAX_SERVERS 1
#endif

struct timeval;
typedef void (*esp_sntp_time_cb_t)(struct timeval *tv);

typedef struct esp_sntp_config {
    bool smooth_sync;
    bool server_from_dhcp;
    bool wait_for_sync;
    bool start;
    esp_sntp_time_cb_t sync_cb;
    bool renew_servers_after_new_IP;
    ip_event_t ip_event_to_renew;
    size_t index_of_first_server;
    size_t num_of_servers;
    const char *servers[CONFIG_LWIP_SNTP_MAX_SERVERS];
} esp_sntp_config_t;

/* A one-server configuration that starts at once, as ESP-IDF's default-config macro gives. */
#define ESP_NETIF_SNTP_DEFAULT_CONFIG(server)                                             \
    {                                                                                     \
        .smooth_sync = false, .server_from_dhcp = false, .wait_for_sync = true,           \
        .start = true, .sync_cb = NULL, .renew_servers_after_new_IP = false,              \
        .ip_event_to_renew = IP_EVENT_STA_GOT_IP, .index_of_first_server = 0,             \
        .num_of_servers = 1, .servers = { server },                                       \
    }

/*
 * ESP_OK; ESP_ERR_INVALID_ARG for NULL or num_of_servers > CONFIG_LWIP_SNTP_MAX_SERVERS;
 * ESP_ERR_INVALID_STATE when already initialised. With config->start it starts at once.
 */
esp_err_t esp_netif_sntp_init(const esp_sntp_config_t *config);
/* ESP_OK; ESP_ERR_INVALID_STATE before esp_netif_sntp_init. */
esp_err_t esp_netif_sntp_start(void);
/* Stops SNTP; returns once the sync callback is not running (the same rule as unregister). */
void esp_netif_sntp_deinit(void);

#ifdef __cplusplus
}
#endif

#endif
