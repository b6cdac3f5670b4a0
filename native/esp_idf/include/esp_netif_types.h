/*
 * netfsm ESP-IDF stand-in: network interface types, the IP_EVENT base, its ids and payloads.
 * Layouts follow the per-version measurements in the project's drivers.md (see the README).
 */
#ifndef NETFSM_ESP_NETIF_TYPES_H
#define NETFSM_ESP_NETIF_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "esp_err.h"
#include "esp_event_base.h"
#include "esp_netif_ip_addr.h"
#include "netfsm_idf_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ESP_ERR_ESP_NETIF_BASE 0x5000
#define ESP_ERR_ESP_NETIF_INVALID_PARAMS (ESP_ERR_ESP_NETIF_BASE + 0x01)
#define ESP_ERR_ESP_NETIF_IF_NOT_READY (ESP_ERR_ESP_NETIF_BASE + 0x02)

/* Longest hostname esp_netif_set_hostname accepts (bytes, without the NUL). */
#define NETFSM_NETIF_HOSTNAME_MAX 32

/* Opaque: the stand-in hands out one object per default interface. */
typedef struct esp_netif_obj esp_netif_t;

typedef struct {
    esp_ip4_addr_t ip;
    esp_ip4_addr_t netmask;
    esp_ip4_addr_t gw;
} esp_netif_ip_info_t;

ESP_EVENT_DECLARE_BASE(IP_EVENT);

typedef enum {
    IP_EVENT_STA_GOT_IP = 0,
    IP_EVENT_STA_LOST_IP = 1,
#if NETFSM_IDF_AT_LEAST(600)
    IP_EVENT_ASSIGNED_IP_TO_CLIENT = 2,
    IP_EVENT_AP_STAIPASSIGNED = IP_EVENT_ASSIGNED_IP_TO_CLIENT, /* the older name, same value */
#else
    IP_EVENT_AP_STAIPASSIGNED = 2,
#endif
    IP_EVENT_GOT_IP6 = 3,
    IP_EVENT_ETH_GOT_IP = 4,
    IP_EVENT_ETH_LOST_IP = 5,
    IP_EVENT_PPP_GOT_IP = 6,
    IP_EVENT_PPP_LOST_IP = 7,
} ip_event_t;

/* IP_EVENT_STA_GOT_IP (and, with ip_info zero, IP_EVENT_STA_LOST_IP). */
typedef struct {
    esp_netif_t *esp_netif;
    esp_netif_ip_info_t ip_info;
    bool ip_changed;
} ip_event_got_ip_t;

/*
 * IP_EVENT_AP_STAIPASSIGNED. In 6.0 it is named ip_event_assigned_ip_to_client_t (the old name
 * stays as an alias). The measured 6.0 size (16; 24 on x86_64) leaves no room for the optional
 * DHCP-reported hostname, so the stand-in declares none (see the README).
 */
typedef struct {
    esp_netif_t *esp_netif;
    esp_ip4_addr_t ip;
    uint8_t mac[6];
} netfsm_ip_event_client_ip_t;

#if NETFSM_IDF_AT_LEAST(600)
typedef netfsm_ip_event_client_ip_t ip_event_assigned_ip_to_client_t;
#endif
typedef netfsm_ip_event_client_ip_t ip_event_ap_staipassigned_t;

#ifdef __cplusplus
}
#endif

#endif
