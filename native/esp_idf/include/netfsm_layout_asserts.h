/*
 * netfsm ESP-IDF stand-in: compile-time checks of the struct layouts against the measurements
 * of the real headers (drivers.md §1, per release). Structs without pointers are checked on
 * every target (their layout is the same on ILP32 and x86_64); pointer-holding ones on 32-bit
 * targets against the -m32 measurements and on 64-bit targets against the x86_64 ones.
 * Included by the stand-in's sources; compile test/layout_check.c with -m32 to run the 32-bit
 * checks (see test/run.sh).
 */
#ifndef NETFSM_LAYOUT_ASSERTS_H
#define NETFSM_LAYOUT_ASSERTS_H

#include <stddef.h>

#include "esp_netif_sntp.h"
#include "esp_netif_types.h"
#include "esp_wifi.h"
#include "esp_wifi_types.h"

#define NETFSM_AT(T, field, off, size)                                             \
    _Static_assert(offsetof(T, field) == (off), #T "." #field " offset");        \
    _Static_assert(sizeof(((T *)0)->field) == (size), #T "." #field " size")
#define NETFSM_SZ(T, size, align)                                                  \
    _Static_assert(sizeof(T) == (size), #T " size");                               \
    _Static_assert(_Alignof(T) == (align), #T " align")

#if NETFSM_IDF_AT_LEAST(504)
#define NETFSM_V54(old, new) (new)
#else
#define NETFSM_V54(old, new) (old)
#endif

/* ---- wifi_sta_config_t: 180 (5.1-5.3) / 184 (5.4 on) ---- */
NETFSM_SZ(wifi_sta_config_t, NETFSM_V54(180, 184), 4);
NETFSM_AT(wifi_sta_config_t, ssid, 0, 32);
NETFSM_AT(wifi_sta_config_t, password, 32, 64);
NETFSM_AT(wifi_sta_config_t, scan_method, 96, 4);
NETFSM_AT(wifi_sta_config_t, bssid_set, 100, 1);
NETFSM_AT(wifi_sta_config_t, bssid, 101, 6);
NETFSM_AT(wifi_sta_config_t, channel, 107, 1);
NETFSM_AT(wifi_sta_config_t, listen_interval, 108, 2);
NETFSM_AT(wifi_sta_config_t, sort_method, 112, 4);
NETFSM_AT(wifi_sta_config_t, threshold, 116, NETFSM_V54(8, 12));
NETFSM_AT(wifi_sta_config_t, threshold.rssi, 116, 1);
NETFSM_AT(wifi_sta_config_t, threshold.authmode, 120, 4);
#if NETFSM_IDF_AT_LEAST(504)
NETFSM_AT(wifi_sta_config_t, threshold.rssi_5g_adjustment, 124, 1);
#endif
NETFSM_AT(wifi_sta_config_t, pmf_cfg, NETFSM_V54(124, 128), 2);
NETFSM_AT(wifi_sta_config_t, sae_pwe_h2e, NETFSM_V54(132, 136), 4);
NETFSM_AT(wifi_sta_config_t, sae_pk_mode, NETFSM_V54(136, 140), 4);
NETFSM_AT(wifi_sta_config_t, failure_retry_cnt, NETFSM_V54(140, 144), 1);
NETFSM_AT(wifi_sta_config_t, sae_h2e_identifier, NETFSM_V54(147, 151), 32);

/* ---- wifi_ap_config_t: 120 (5.1, 5.2) / 124 (5.3, 5.4) / 132 (5.5, 6.0) ---- */
#if NETFSM_IDF_AT_LEAST(505)
NETFSM_SZ(wifi_ap_config_t, 132, 4);
#elif NETFSM_IDF_AT_LEAST(503)
NETFSM_SZ(wifi_ap_config_t, 124, 4);
#else
NETFSM_SZ(wifi_ap_config_t, 120, 4);
#endif
NETFSM_AT(wifi_ap_config_t, ssid, 0, 32);
NETFSM_AT(wifi_ap_config_t, password, 32, 64);
NETFSM_AT(wifi_ap_config_t, ssid_len, 96, 1);
NETFSM_AT(wifi_ap_config_t, channel, 97, 1);
NETFSM_AT(wifi_ap_config_t, authmode, 100, 4);
NETFSM_AT(wifi_ap_config_t, ssid_hidden, 104, 1);
NETFSM_AT(wifi_ap_config_t, max_connection, 105, 1);
NETFSM_AT(wifi_ap_config_t, beacon_interval, 106, 2);
#if NETFSM_IDF_AT_LEAST(503)
NETFSM_AT(wifi_ap_config_t, csa_count, 108, 1);
NETFSM_AT(wifi_ap_config_t, dtim_period, 109, 1);
NETFSM_AT(wifi_ap_config_t, pairwise_cipher, 112, 4);
NETFSM_AT(wifi_ap_config_t, ftm_responder, 116, 1);
NETFSM_AT(wifi_ap_config_t, pmf_cfg, 117, 2);
NETFSM_AT(wifi_ap_config_t, sae_pwe_h2e, 120, 4);
#else
NETFSM_AT(wifi_ap_config_t, pairwise_cipher, 108, 4);
NETFSM_AT(wifi_ap_config_t, ftm_responder, 112, 1);
NETFSM_AT(wifi_ap_config_t, pmf_cfg, 113, 2);
NETFSM_AT(wifi_ap_config_t, sae_pwe_h2e, 116, 4);
#endif
#if NETFSM_IDF_AT_LEAST(505)
NETFSM_AT(wifi_ap_config_t, bss_max_idle_cfg, 126, 4);
NETFSM_AT(wifi_ap_config_t, gtk_rekey_interval, 130, 2);
#endif

/* ---- wifi_config_t: the station config's size ---- */
NETFSM_SZ(wifi_config_t, NETFSM_V54(180, 184), 4);

/* ---- event payloads ---- */
NETFSM_SZ(wifi_event_sta_connected_t, 48, 4);
NETFSM_AT(wifi_event_sta_connected_t, ssid, 0, 32);
NETFSM_AT(wifi_event_sta_connected_t, ssid_len, 32, 1);
NETFSM_AT(wifi_event_sta_connected_t, bssid, 33, 6);
NETFSM_AT(wifi_event_sta_connected_t, channel, 39, 1);
NETFSM_AT(wifi_event_sta_connected_t, authmode, 40, 4);
NETFSM_AT(wifi_event_sta_connected_t, aid, 44, 2);

NETFSM_SZ(wifi_event_sta_disconnected_t, 41, 1);
NETFSM_AT(wifi_event_sta_disconnected_t, ssid, 0, 32);
NETFSM_AT(wifi_event_sta_disconnected_t, ssid_len, 32, 1);
NETFSM_AT(wifi_event_sta_disconnected_t, bssid, 33, 6);
NETFSM_AT(wifi_event_sta_disconnected_t, reason, 39, 1);
NETFSM_AT(wifi_event_sta_disconnected_t, rssi, 40, 1);

NETFSM_SZ(wifi_event_ap_staconnected_t, 8, 1);
NETFSM_AT(wifi_event_ap_staconnected_t, mac, 0, 6);
NETFSM_AT(wifi_event_ap_staconnected_t, aid, 6, 1);
NETFSM_AT(wifi_event_ap_staconnected_t, is_mesh_child, 7, 1);

#if NETFSM_IDF_AT_LEAST(503)
NETFSM_SZ(wifi_event_ap_stadisconnected_t, 10, 2);
NETFSM_AT(wifi_event_ap_stadisconnected_t, reason, 8, 2);
#elif NETFSM_IDF_AT_LEAST(502)
NETFSM_SZ(wifi_event_ap_stadisconnected_t, 9, 1);
NETFSM_AT(wifi_event_ap_stadisconnected_t, reason, 8, 1);
#else
NETFSM_SZ(wifi_event_ap_stadisconnected_t, 8, 1);
#endif
NETFSM_AT(wifi_event_ap_stadisconnected_t, mac, 0, 6);
NETFSM_AT(wifi_event_ap_stadisconnected_t, aid, 6, 1);
NETFSM_AT(wifi_event_ap_stadisconnected_t, is_mesh_child, 7, 1);

NETFSM_SZ(wifi_event_sta_scan_done_t, 8, 4);

/* ---- wifi_ap_record_t: 84 (5.1, 5.2) / 88 (5.3) / 92 (5.4 on) ---- */
#if NETFSM_IDF_AT_LEAST(504)
NETFSM_SZ(wifi_ap_record_t, 92, 4);
#elif NETFSM_IDF_AT_LEAST(503)
NETFSM_SZ(wifi_ap_record_t, 88, 4);
#else
NETFSM_SZ(wifi_ap_record_t, 84, 4);
#endif
NETFSM_AT(wifi_ap_record_t, bssid, 0, 6);
NETFSM_AT(wifi_ap_record_t, ssid, 6, 33);
NETFSM_AT(wifi_ap_record_t, primary, 39, 1);
NETFSM_AT(wifi_ap_record_t, second, 40, 4);
NETFSM_AT(wifi_ap_record_t, rssi, 44, 1);
NETFSM_AT(wifi_ap_record_t, authmode, 48, 4);

/* ---- IP event payloads and the SNTP config (pointer-holding) ---- */
NETFSM_SZ(esp_netif_ip_info_t, 12, 4);
#if __SIZEOF_POINTER__ == 4
NETFSM_SZ(ip_event_got_ip_t, 20, 4);
NETFSM_AT(ip_event_got_ip_t, esp_netif, 0, 4);
NETFSM_AT(ip_event_got_ip_t, ip_info, 4, 12);
NETFSM_AT(ip_event_got_ip_t, ip_info.ip, 4, 4);
NETFSM_AT(ip_event_got_ip_t, ip_info.netmask, 8, 4);
NETFSM_AT(ip_event_got_ip_t, ip_info.gw, 12, 4);
NETFSM_AT(ip_event_got_ip_t, ip_changed, 16, 1);
NETFSM_SZ(ip_event_ap_staipassigned_t, 16, 4);
NETFSM_AT(ip_event_ap_staipassigned_t, ip, 4, 4);
NETFSM_AT(ip_event_ap_staipassigned_t, esp_netif, 0, 4); /* 6.0: not measured; inferred */
NETFSM_AT(ip_event_ap_staipassigned_t, mac, 8, 6);       /* 6.0: not measured; inferred */
NETFSM_SZ(esp_sntp_config_t, 24 + 4 * CONFIG_LWIP_SNTP_MAX_SERVERS, 4);
NETFSM_AT(esp_sntp_config_t, smooth_sync, 0, 1);
NETFSM_AT(esp_sntp_config_t, server_from_dhcp, 1, 1);
NETFSM_AT(esp_sntp_config_t, wait_for_sync, 2, 1);
NETFSM_AT(esp_sntp_config_t, start, 3, 1);
NETFSM_AT(esp_sntp_config_t, sync_cb, 4, 4);
NETFSM_AT(esp_sntp_config_t, renew_servers_after_new_IP, 8, 1);
NETFSM_AT(esp_sntp_config_t, ip_event_to_renew, 12, 4);
NETFSM_AT(esp_sntp_config_t, index_of_first_server, 16, 4);
NETFSM_AT(esp_sntp_config_t, num_of_servers, 20, 4);
NETFSM_AT(esp_sntp_config_t, servers, 24, 4 * CONFIG_LWIP_SNTP_MAX_SERVERS);
#elif __SIZEOF_POINTER__ == 8
NETFSM_SZ(ip_event_got_ip_t, 24, 8);
NETFSM_AT(ip_event_got_ip_t, esp_netif, 0, 8);
NETFSM_AT(ip_event_got_ip_t, ip_info, 8, 12);
NETFSM_AT(ip_event_got_ip_t, ip_info.ip, 8, 4);
NETFSM_AT(ip_event_got_ip_t, ip_info.netmask, 12, 4);
NETFSM_AT(ip_event_got_ip_t, ip_info.gw, 16, 4);
NETFSM_AT(ip_event_got_ip_t, ip_changed, 20, 1);
NETFSM_SZ(ip_event_ap_staipassigned_t, 24, 8);
NETFSM_AT(ip_event_ap_staipassigned_t, ip, 8, 4);
NETFSM_AT(ip_event_ap_staipassigned_t, esp_netif, 0, 8); /* 6.0: not measured; inferred */
NETFSM_AT(ip_event_ap_staipassigned_t, mac, 12, 6);      /* 6.0: not measured; inferred */
/* esp_sntp_config_t on x86_64: not measured; natural LP64 placement. */
NETFSM_AT(esp_sntp_config_t, sync_cb, 8, 8);
NETFSM_AT(esp_sntp_config_t, servers, 40, 8 * CONFIG_LWIP_SNTP_MAX_SERVERS);
#else
#error "unexpected pointer size"
#endif

/* ---- ids and values ---- */
_Static_assert(WIFI_EVENT_SCAN_DONE == 1 && WIFI_EVENT_STA_START == 2 && WIFI_EVENT_STA_STOP == 3,
               "wifi event ids");
_Static_assert(WIFI_EVENT_STA_CONNECTED == 4 && WIFI_EVENT_STA_DISCONNECTED == 5, "wifi event ids");
_Static_assert(WIFI_EVENT_AP_START == 12 && WIFI_EVENT_AP_STOP == 13, "wifi event ids");
_Static_assert(WIFI_EVENT_AP_STACONNECTED == 14 && WIFI_EVENT_AP_STADISCONNECTED == 15,
               "wifi event ids");
_Static_assert(WIFI_EVENT_STA_BEACON_TIMEOUT == 21, "wifi event ids");
_Static_assert(IP_EVENT_STA_GOT_IP == 0 && IP_EVENT_STA_LOST_IP == 1 &&
                   IP_EVENT_AP_STAIPASSIGNED == 2 && IP_EVENT_GOT_IP6 == 3,
               "ip event ids");
_Static_assert(WIFI_REASON_ASSOC_LEAVE == 8 && WIFI_REASON_4WAY_HANDSHAKE_TIMEOUT == 15 &&
                   WIFI_REASON_BEACON_TIMEOUT == 200 && WIFI_REASON_NO_AP_FOUND == 201 &&
                   WIFI_REASON_AUTH_FAIL == 202,
               "reason codes");
_Static_assert(ESP_ERR_WIFI_NOT_INIT == 0x3001 && ESP_ERR_WIFI_NOT_CONNECT == 0x300F &&
                   ESP_ERR_WIFI_POST == 0x3012 && ESP_ERR_WIFI_NOT_ASSOC == 0x3015,
               "wifi error codes");

#undef NETFSM_V54
#endif
