/* netfsm ESP-IDF stand-in: the esp_netif calls a WiFi manager makes. */
#ifndef NETFSM_ESP_NETIF_H
#define NETFSM_ESP_NETIF_H

#include "esp_err.h"
#include "esp_netif_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ESP_OK (also when called again). */
esp_err_t esp_netif_init(void);

/*
 * Stores the hostname the interface's DHCP client sends at its next lease. ESP_OK;
 * ESP_ERR_ESP_NETIF_INVALID_PARAMS for a NULL interface or hostname, or one longer than 32.
 */
esp_err_t esp_netif_set_hostname(esp_netif_t *esp_netif, const char *hostname);
/* *hostname points at the interface's hostname ("espressif" until one is set). */
esp_err_t esp_netif_get_hostname(esp_netif_t *esp_netif, const char **hostname);
/* The interface's address (all zero while the station has none). */
esp_err_t esp_netif_get_ip_info(esp_netif_t *esp_netif, esp_netif_ip_info_t *ip_info);

#ifdef __cplusplus
}
#endif

#endif
