/* netfsm ESP-IDF stand-in: the default WiFi network interfaces. */
#ifndef NETFSM_ESP_WIFI_DEFAULT_H
#define NETFSM_ESP_WIFI_DEFAULT_H

#include "esp_netif.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The station's / soft-AP's interface: it runs the DHCP client (server) and posts the IP
 * events. NULL before esp_netif_init or without the default event loop (ESP-IDF aborts there).
 * A second call returns the same interface (ESP-IDF aborts on a duplicate).
 */
esp_netif_t *esp_netif_create_default_wifi_sta(void);
esp_netif_t *esp_netif_create_default_wifi_ap(void);

#ifdef __cplusplus
}
#endif

#endif
