/*
 * netfsm ESP-IDF stand-in: the WiFi types, enums and event payloads a WiFi manager uses, laid
 * out per release (NETFSM_IDF_VERSION) as the project's measurements of the real headers give
 * them (drivers.md §1: offsetof/sizeof under gcc -m32 and x86_64). Written from those facts;
 * netfsm_layout_asserts.h checks every measured offset and size.
 *
 * Where a struct has members the measurements do not name (bit fields between measured fields,
 * tails after the last measured field), the stand-in declares placeholder members that keep
 * the measured offsets and sizes: `netfsm_unmeasured_*` arrays, and bit fields whose widths
 * reproduce the measured placement. Do not rely on those members.
 */
#ifndef NETFSM_ESP_WIFI_TYPES_GENERIC_H
#define NETFSM_ESP_WIFI_TYPES_GENERIC_H

#include <stdbool.h>
#include <stdint.h>

#include "esp_event_base.h"
#include "netfsm_idf_version.h"

#ifdef __cplusplus
extern "C" {
#endif

ESP_EVENT_DECLARE_BASE(WIFI_EVENT);

typedef enum {
    WIFI_MODE_NULL = 0,
    WIFI_MODE_STA = 1,
    WIFI_MODE_AP = 2,
    WIFI_MODE_APSTA = 3,
} wifi_mode_t;

typedef enum {
    WIFI_IF_STA = 0,
    WIFI_IF_AP = 1,
} wifi_interface_t;

typedef enum {
    WIFI_AUTH_OPEN = 0,
    WIFI_AUTH_WEP = 1,
    WIFI_AUTH_WPA_PSK = 2,
    WIFI_AUTH_WPA2_PSK = 3,
    WIFI_AUTH_WPA_WPA2_PSK = 4,
    WIFI_AUTH_WPA2_ENTERPRISE = 5,
    WIFI_AUTH_WPA3_PSK = 6,
    WIFI_AUTH_WPA2_WPA3_PSK = 7,
} wifi_auth_mode_t;

typedef enum {
    WIFI_REASON_UNSPECIFIED = 1,
    WIFI_REASON_AUTH_EXPIRE = 2,
    WIFI_REASON_AUTH_LEAVE = 3,
    WIFI_REASON_DISASSOC_DUE_TO_INACTIVITY = 4,
    WIFI_REASON_ASSOC_TOOMANY = 5,
    WIFI_REASON_CLASS2_FRAME_FROM_NONAUTH_STA = 6,
    WIFI_REASON_CLASS3_FRAME_FROM_NONASSOC_STA = 7,
    WIFI_REASON_ASSOC_LEAVE = 8,
    WIFI_REASON_ASSOC_NOT_AUTHED = 9,
    WIFI_REASON_DISASSOC_PWRCAP_BAD = 10,
    WIFI_REASON_DISASSOC_SUPCHAN_BAD = 11,
    WIFI_REASON_BSS_TRANSITION_DISASSOC = 12,
    WIFI_REASON_IE_INVALID = 13,
    WIFI_REASON_MIC_FAILURE = 14,
    WIFI_REASON_4WAY_HANDSHAKE_TIMEOUT = 15,
    WIFI_REASON_GROUP_KEY_UPDATE_TIMEOUT = 16,
    WIFI_REASON_IE_IN_4WAY_DIFFERS = 17,
    WIFI_REASON_GROUP_CIPHER_INVALID = 18,
    WIFI_REASON_PAIRWISE_CIPHER_INVALID = 19,
    WIFI_REASON_AKMP_INVALID = 20,
    WIFI_REASON_UNSUPP_RSN_IE_VERSION = 21,
    WIFI_REASON_INVALID_RSN_IE_CAP = 22,
    WIFI_REASON_802_1X_AUTH_FAILED = 23,
    WIFI_REASON_CIPHER_SUITE_REJECTED = 24,
    WIFI_REASON_TIMEOUT = 39,
    WIFI_REASON_BEACON_TIMEOUT = 200,
    WIFI_REASON_NO_AP_FOUND = 201,
    WIFI_REASON_AUTH_FAIL = 202,
    WIFI_REASON_ASSOC_FAIL = 203,
    WIFI_REASON_HANDSHAKE_TIMEOUT = 204,
    WIFI_REASON_CONNECTION_FAIL = 205,
} wifi_err_reason_t;

typedef enum {
    WIFI_SECOND_CHAN_NONE = 0,
    WIFI_SECOND_CHAN_ABOVE = 1,
    WIFI_SECOND_CHAN_BELOW = 2,
} wifi_second_chan_t;

typedef enum {
    WIFI_SCAN_TYPE_ACTIVE = 0,
    WIFI_SCAN_TYPE_PASSIVE = 1,
} wifi_scan_type_t;

typedef enum {
    WIFI_FAST_SCAN = 0,
    WIFI_ALL_CHANNEL_SCAN = 1,
} wifi_scan_method_t;

typedef enum {
    WIFI_CONNECT_AP_BY_SIGNAL = 0,
    WIFI_CONNECT_AP_BY_SECURITY = 1,
} wifi_sort_method_t;

typedef enum {
    WIFI_STORAGE_FLASH = 0,
    WIFI_STORAGE_RAM = 1,
} wifi_storage_t;

typedef enum {
    WIFI_CIPHER_TYPE_NONE = 0,
    WIFI_CIPHER_TYPE_WEP40 = 1,
    WIFI_CIPHER_TYPE_WEP104 = 2,
    WIFI_CIPHER_TYPE_TKIP = 3,
    WIFI_CIPHER_TYPE_CCMP = 4,
    WIFI_CIPHER_TYPE_TKIP_CCMP = 5,
} wifi_cipher_type_t;

typedef enum {
    WPA3_SAE_PWE_UNSPECIFIED = 0,
    WPA3_SAE_PWE_HUNT_AND_PECK = 1,
    WPA3_SAE_PWE_HASH_TO_ELEMENT = 2,
    WPA3_SAE_PWE_BOTH = 3,
} wifi_sae_pwe_method_t;

typedef enum {
    WPA3_SAE_PK_MODE_AUTOMATIC = 0,
    WPA3_SAE_PK_MODE_ONLY = 1,
    WPA3_SAE_PK_MODE_DISABLED = 2,
} wifi_sae_pk_mode_t;

/* Event ids of WIFI_EVENT (implicit from 0 in ESP-IDF; 0-27 are the same in every release). */
typedef enum {
    WIFI_EVENT_WIFI_READY = 0,
    WIFI_EVENT_SCAN_DONE = 1,
    WIFI_EVENT_STA_START = 2,
    WIFI_EVENT_STA_STOP = 3,
    WIFI_EVENT_STA_CONNECTED = 4,
    WIFI_EVENT_STA_DISCONNECTED = 5,
    WIFI_EVENT_STA_AUTHMODE_CHANGE = 6,
    WIFI_EVENT_STA_WPS_ER_SUCCESS = 7,
    WIFI_EVENT_STA_WPS_ER_FAILED = 8,
    WIFI_EVENT_STA_WPS_ER_TIMEOUT = 9,
    WIFI_EVENT_STA_WPS_ER_PIN = 10,
    WIFI_EVENT_STA_WPS_ER_PBC_OVERLAP = 11,
    WIFI_EVENT_AP_START = 12,
    WIFI_EVENT_AP_STOP = 13,
    WIFI_EVENT_AP_STACONNECTED = 14,
    WIFI_EVENT_AP_STADISCONNECTED = 15,
    WIFI_EVENT_AP_PROBEREQRECVED = 16,
    WIFI_EVENT_FTM_REPORT = 17,
    WIFI_EVENT_STA_BSS_RSSI_LOW = 18,
    WIFI_EVENT_ACTION_TX_STATUS = 19,
    WIFI_EVENT_ROC_DONE = 20,
    WIFI_EVENT_STA_BEACON_TIMEOUT = 21,
#if NETFSM_IDF_AT_LEAST(505)
    WIFI_EVENT_MAX = 50,
#elif NETFSM_IDF_AT_LEAST(504)
    WIFI_EVENT_MAX = 45,
#elif NETFSM_IDF_AT_LEAST(503)
    WIFI_EVENT_MAX = 43,
#elif NETFSM_IDF_AT_LEAST(502)
    WIFI_EVENT_MAX = 41,
#else
    WIFI_EVENT_MAX = 40,
#endif
} wifi_event_t;

/* Protected management frames: size 2 (measured as pmf_cfg's size). */
typedef struct {
    bool capable;
    bool required;
} wifi_pmf_config_t;

/* 8 bytes up to 5.3; 5.4 adds rssi_5g_adjustment at 8 (12 bytes). */
typedef struct {
    int8_t rssi;
    wifi_auth_mode_t authmode;
#if NETFSM_IDF_AT_LEAST(504)
    uint8_t rssi_5g_adjustment;
#endif
} wifi_scan_threshold_t;

typedef struct {
    uint8_t ssid[32];
    uint8_t password[64];
    wifi_scan_method_t scan_method;
    bool bssid_set;
    uint8_t bssid[6];
    uint8_t channel;
    uint16_t listen_interval;
    wifi_sort_method_t sort_method;
    wifi_scan_threshold_t threshold;
    wifi_pmf_config_t pmf_cfg;
    /* Byte 126 (5.1-5.3) / 130 (5.4 on), bits 0-5; the 26-bit rest spills into the next word. */
    uint32_t rm_enabled : 1;
    uint32_t btm_enabled : 1;
    uint32_t mbo_enabled : 1;
    uint32_t ft_enabled : 1;
    uint32_t owe_enabled : 1;
    uint32_t transition_disable : 1;
    uint32_t reserved : 26;
    wifi_sae_pwe_method_t sae_pwe_h2e;
    wifi_sae_pk_mode_t sae_pk_mode;
    uint8_t failure_retry_cnt;
    /* Unmeasured bit fields: 10 bits after failure_retry_cnt, then 22 in the next word, which
     * places sae_h2e_identifier 7 bytes after failure_retry_cnt, as measured. */
    uint32_t netfsm_unmeasured_bits_a : 10;
    uint32_t netfsm_unmeasured_bits_b : 22;
    uint8_t sae_h2e_identifier[32];
} wifi_sta_config_t;

#if NETFSM_IDF_AT_LEAST(505)
typedef struct {
    uint16_t period;
    bool protected_keep_alive;
} wifi_bss_max_idle_config_t;
#endif

typedef struct {
    uint8_t ssid[32];
    uint8_t password[64];
    uint8_t ssid_len;
    uint8_t channel;
    wifi_auth_mode_t authmode;
    uint8_t ssid_hidden;
    uint8_t max_connection;
    uint16_t beacon_interval;
#if NETFSM_IDF_AT_LEAST(503)
    uint8_t csa_count;
    uint8_t dtim_period;
#endif
    wifi_cipher_type_t pairwise_cipher;
    bool ftm_responder;
    wifi_pmf_config_t pmf_cfg;
    wifi_sae_pwe_method_t sae_pwe_h2e;
#if NETFSM_IDF_AT_LEAST(505)
    uint8_t netfsm_unmeasured_124[2]; /* two bytes the measurements do not name */
    wifi_bss_max_idle_config_t bss_max_idle_cfg;
    uint16_t gtk_rekey_interval;
#endif
} wifi_ap_config_t;

/* The union: its size is the station config's. */
typedef union {
    wifi_ap_config_t ap;
    wifi_sta_config_t sta;
} wifi_config_t;

/* Scan results. Measured up to authmode; the rest is an opaque tail of the measured size. */
#if NETFSM_IDF_AT_LEAST(504)
#define NETFSM_AP_RECORD_TAIL_WORDS 10 /* sizeof 92 */
#elif NETFSM_IDF_AT_LEAST(503)
#define NETFSM_AP_RECORD_TAIL_WORDS 9 /* sizeof 88 */
#else
#define NETFSM_AP_RECORD_TAIL_WORDS 8 /* sizeof 84 */
#endif
typedef struct {
    uint8_t bssid[6];
    uint8_t ssid[33];
    uint8_t primary;
    wifi_second_chan_t second;
    int8_t rssi;
    wifi_auth_mode_t authmode;
    uint32_t netfsm_unmeasured_tail[NETFSM_AP_RECORD_TAIL_WORDS];
} wifi_ap_record_t;

/*
 * esp_wifi_scan_start's filter: the leading members only (ssid, bssid, channel, show_hidden,
 * scan_type, scan_time, home_chan_dwell_time). NOT MEASURED: the real struct may be longer
 * in later releases; the stand-in reads ssid, bssid, channel and show_hidden.
 */
typedef struct {
    uint32_t min;
    uint32_t max;
} wifi_active_scan_time_t;

typedef struct {
    wifi_active_scan_time_t active;
    uint32_t passive;
} wifi_scan_time_t;

typedef struct {
    uint8_t *ssid;
    uint8_t *bssid;
    uint8_t channel;
    bool show_hidden;
    wifi_scan_type_t scan_type;
    wifi_scan_time_t scan_time;
    uint8_t home_chan_dwell_time;
} wifi_scan_config_t;

/*
 * The soft-AP's station list. NOT MEASURED (not in drivers.md): mac, rssi, a word of bit
 * fields (12 bytes), 15 entries, then the count. The stand-in writes mac, rssi and num.
 */
#define ESP_WIFI_MAX_CONN_NUM 15
typedef struct {
    uint8_t mac[6];
    int8_t rssi;
    uint32_t phy_11b : 1;
    uint32_t phy_11g : 1;
    uint32_t phy_11n : 1;
    uint32_t phy_lr : 1;
    uint32_t phy_11ax : 1;
    uint32_t is_mesh_child : 1;
    uint32_t reserved : 26;
} wifi_sta_info_t;

typedef struct {
    wifi_sta_info_t sta[ESP_WIFI_MAX_CONN_NUM];
    int num;
} wifi_sta_list_t;

/* ---- WIFI_EVENT payloads ---- */

typedef struct {
    uint32_t status; /* 0 ok, 1 failed */
    uint8_t number;
    uint8_t scan_id;
} wifi_event_sta_scan_done_t;

typedef struct {
    uint8_t ssid[32];
    uint8_t ssid_len;
    uint8_t bssid[6];
    uint8_t channel;
    wifi_auth_mode_t authmode;
    uint16_t aid;
} wifi_event_sta_connected_t;

typedef struct {
    uint8_t ssid[32];
    uint8_t ssid_len;
    uint8_t bssid[6];
    uint8_t reason;
    int8_t rssi;
} wifi_event_sta_disconnected_t;

typedef struct {
    uint8_t mac[6];
    uint8_t aid;
    bool is_mesh_child;
} wifi_event_ap_staconnected_t;

/* reason: none in 5.1, uint8_t in 5.2, uint16_t from 5.3. */
typedef struct {
    uint8_t mac[6];
    uint8_t aid;
    bool is_mesh_child;
#if NETFSM_IDF_AT_LEAST(503)
    uint16_t reason;
#elif NETFSM_IDF_AT_LEAST(502)
    uint8_t reason;
#endif
} wifi_event_ap_stadisconnected_t;

#ifdef __cplusplus
}
#endif

#endif
