/*
 * ctrl_api_sim.h: the types and functions of ESP-Hosted-FG's host control library
 * (libesp_hosted_rpc.so, built from esp_hosted_fg/host/control_lib), as the stand-in
 * libesp_hosted_rpc_sim.so exports them.
 *
 * Written for netfsm from the facts of espressif/esp-hosted's ctrl_api.h (names, signatures,
 * enum values, field order and types) and the x86_64 layouts measured in
 * shared/reference/drivers.md section 2. The _Static_asserts below pin every layout netfsm
 * reads or writes; netfsm_hosted_layouts() reports the same numbers at run time.
 *
 * Ownership, as in the real library:
 *   - a synchronous call returns a ctrl_cmd_t the caller owns, or NULL (a request the library
 *     refused before sending it, a busy library, or no answer within cmd_timeout_sec);
 *     release it with CTRL_CMD_RELEASE below: free_buffer_func(free_buffer_handle) when both
 *     are set (the scan list, the soft-AP station list), then hosted_free(resp);
 *   - an event callback (set_event_callback) receives a ctrl_cmd_t it owns: it must release
 *     it the same way before returning (the real library never frees an event);
 *   - an asynchronous request (ctrl_resp_cb set) returns NULL and its response goes to
 *     ctrl_resp_cb on the library's thread, owned by the callback likewise.
 */
#ifndef NETFSM_CTRL_API_SIM_H
#define NETFSM_CTRL_API_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status values ---------------------------------------------------------------------- */

#define SUCCESS 0
#define FAILURE (-1)

/* set_event_callback / reset_event_callback results */
#define CALLBACK_SET_SUCCESS 0
#define CALLBACK_AVAILABLE 0
#define CALLBACK_NOT_REGISTERED (-1)
#define MSG_ID_OUT_OF_ORDER (-2)

/* resp_event_status values other than SUCCESS / FAILURE (the library's own error enum) */
enum {
  CTRL_ERR_NOT_CONNECTED = 1,
  CTRL_ERR_NO_AP_FOUND = 2,
  CTRL_ERR_INVALID_PASSWORD = 3,
  CTRL_ERR_INVALID_ARGUMENT = 4,
  CTRL_ERR_OUT_OF_RANGE = 5,
  CTRL_ERR_MEMORY_FAILURE = 6,
  CTRL_ERR_UNSUPPORTED_MSG = 7,
  CTRL_ERR_INCORRECT_ARG = 8,
  CTRL_ERR_PROTOBUF_ENCODE = 9,
  CTRL_ERR_PROTOBUF_DECODE = 10,
  CTRL_ERR_SET_ASYNC_CB = 11,
  CTRL_ERR_TRANSPORT_SEND = 12,
  CTRL_ERR_REQUEST_TIMEOUT = 13,
  CTRL_ERR_REQ_IN_PROG = 14
};

/* ---- sizes and timeouts ----------------------------------------------------------------- */

#define SSID_LENGTH 33
#define PASSWORD_LENGTH 65
#define MAX_MAC_STR_SIZE 18 /* "aa:bb:cc:dd:ee:ff" and its NUL */
#define BSSID_STR_SIZE MAX_MAC_STR_SIZE
#define STATUS_LENGTH 14
#define VENDOR_OUI_BUF 3
#define COUNTRY_CODE_LEN 3

#define WAIT_TIME_B2B_CTRL_REQ 3 /* s a request waits for the one in progress */
#define DEFAULT_CTRL_RESP_TIMEOUT 5 /* s, when cmd_timeout_sec is 0 */
#define DEFAULT_CTRL_RESP_AP_SCAN_TIMEOUT (60 * 3) /* s, the least a scan waits */
#define DEFAULT_CTRL_RESP_CONNECT_AP_TIMEOUT 10 /* s, the least a connect waits */

#define SUCCESS_STR "success"
#define FAILURE_STR "failure"
#define NOT_CONNECTED_STR "not_connected"

/* ---- message types and ids -------------------------------------------------------------- */

typedef enum {
  CTRL_MSGTYPE_INVALID = 0,
  CTRL_REQ = 1,
  CTRL_RESP = 2,
  CTRL_EVENT = 3,
  CTRL_MSGTYPE_MAX = 4
} AppMsgType_e;

/* A response's id is its request's id + 100 (CTRL_RESP_BASE - CTRL_REQ_BASE). */
typedef enum {
  CTRL_MSGID_INVALID = 0,

  CTRL_REQ_BASE = 100,
  CTRL_REQ_GET_MAC_ADDR = 101,
  CTRL_REQ_SET_MAC_ADDR = 102,
  CTRL_REQ_GET_WIFI_MODE = 103,
  CTRL_REQ_SET_WIFI_MODE = 104,
  CTRL_REQ_GET_AP_SCAN_LIST = 105,
  CTRL_REQ_GET_AP_CONFIG = 106,
  CTRL_REQ_CONNECT_AP = 107,
  CTRL_REQ_DISCONNECT_AP = 108,
  CTRL_REQ_GET_SOFTAP_CONFIG = 109,
  CTRL_REQ_SET_SOFTAP_VND_IE = 110,
  CTRL_REQ_START_SOFTAP = 111,
  CTRL_REQ_GET_SOFTAP_CONN_STA_LIST = 112,
  CTRL_REQ_STOP_SOFTAP = 113,
  CTRL_REQ_SET_PS_MODE = 114,
  CTRL_REQ_GET_PS_MODE = 115,
  CTRL_REQ_OTA_BEGIN = 116,
  CTRL_REQ_OTA_WRITE = 117,
  CTRL_REQ_OTA_END = 118,
  CTRL_REQ_SET_WIFI_MAX_TX_POWER = 119,
  CTRL_REQ_GET_WIFI_CURR_TX_POWER = 120,
  CTRL_REQ_CONFIG_HEARTBEAT = 121,
  CTRL_REQ_ENABLE_DISABLE = 122,
  CTRL_REQ_GET_FW_VERSION = 123,
  CTRL_REQ_SET_COUNTRY_CODE = 124,
  CTRL_REQ_GET_COUNTRY_CODE = 125,
  CTRL_REQ_CUSTOM_RPC_UNSERIALISED_MSG = 126,
  CTRL_REQ_SET_DHCP_DNS_STATUS = 127,
  CTRL_REQ_GET_DHCP_DNS_STATUS = 128,
  CTRL_REQ_MAX = 129,

  CTRL_RESP_BASE = 200,
  CTRL_RESP_GET_MAC_ADDR = 201,
  CTRL_RESP_SET_MAC_ADDRESS = 202,
  CTRL_RESP_GET_WIFI_MODE = 203,
  CTRL_RESP_SET_WIFI_MODE = 204,
  CTRL_RESP_GET_AP_SCAN_LIST = 205,
  CTRL_RESP_GET_AP_CONFIG = 206,
  CTRL_RESP_CONNECT_AP = 207,
  CTRL_RESP_DISCONNECT_AP = 208,
  CTRL_RESP_GET_SOFTAP_CONFIG = 209,
  CTRL_RESP_SET_SOFTAP_VND_IE = 210,
  CTRL_RESP_START_SOFTAP = 211,
  CTRL_RESP_GET_SOFTAP_CONN_STA_LIST = 212,
  CTRL_RESP_STOP_SOFTAP = 213,
  CTRL_RESP_SET_PS_MODE = 214,
  CTRL_RESP_GET_PS_MODE = 215,
  CTRL_RESP_OTA_BEGIN = 216,
  CTRL_RESP_OTA_WRITE = 217,
  CTRL_RESP_OTA_END = 218,
  CTRL_RESP_SET_WIFI_MAX_TX_POWER = 219,
  CTRL_RESP_GET_WIFI_CURR_TX_POWER = 220,
  CTRL_RESP_CONFIG_HEARTBEAT = 221,
  CTRL_RESP_ENABLE_DISABLE = 222,
  CTRL_RESP_GET_FW_VERSION = 223,
  CTRL_RESP_SET_COUNTRY_CODE = 224,
  CTRL_RESP_GET_COUNTRY_CODE = 225,
  CTRL_RESP_CUSTOM_RPC_UNSERIALISED_MSG = 226,
  CTRL_RESP_SET_DHCP_DNS_STATUS = 227,
  CTRL_RESP_GET_DHCP_DNS_STATUS = 228,
  CTRL_RESP_MAX = 229,

  CTRL_EVENT_BASE = 300,
  CTRL_EVENT_ESP_INIT = 301,
  CTRL_EVENT_HEARTBEAT = 302,
  CTRL_EVENT_STATION_DISCONNECT_FROM_AP = 303,
  CTRL_EVENT_STATION_DISCONNECT_FROM_ESP_SOFTAP = 304,
  CTRL_EVENT_STATION_CONNECTED_TO_AP = 305,
  CTRL_EVENT_STATION_CONNECTED_TO_ESP_SOFTAP = 306,
  CTRL_EVENT_CUSTOM_RPC_UNSERIALISED_MSG = 307,
  CTRL_EVENT_DHCP_DNS_STATUS = 308,
  CTRL_EVENT_MAX = 309
} AppMsgId_e;

typedef enum {
  WIFI_MODE_NONE = 0,
  WIFI_MODE_STA = 1,
  WIFI_MODE_AP = 2,
  WIFI_MODE_APSTA = 3,
  WIFI_MODE_MAX = 4
} wifi_mode_e;

typedef enum {
  WIFI_AUTH_OPEN = 0,
  WIFI_AUTH_WEP = 1,
  WIFI_AUTH_WPA_PSK = 2,
  WIFI_AUTH_WPA2_PSK = 3,
  WIFI_AUTH_WPA_WPA2_PSK = 4,
  WIFI_AUTH_WPA2_ENTERPRISE = 5,
  WIFI_AUTH_WPA3_PSK = 6,
  WIFI_AUTH_WPA2_WPA3_PSK = 7,
  WIFI_AUTH_MAX = 8
} wifi_auth_mode_e;

typedef enum { WIFI_BW_HT20 = 1, WIFI_BW_HT40 = 2 } wifi_bandwidth_e;

typedef enum {
  WIFI_PS_NONE = 0,
  WIFI_PS_MIN_MODEM = 1,
  WIFI_PS_MAX_MODEM = 2,
  WIFI_PS_INVALID = 3
} wifi_ps_type_e;

typedef enum {
  WIFI_VND_IE_TYPE_BEACON = 0,
  WIFI_VND_IE_TYPE_PROBE_REQ = 1,
  WIFI_VND_IE_TYPE_PROBE_RESP = 2,
  WIFI_VND_IE_TYPE_ASSOC_REQ = 3,
  WIFI_VND_IE_TYPE_ASSOC_RESP = 4
} wifi_vendor_ie_type_e;

typedef enum { WIFI_VND_IE_ID_0 = 0, WIFI_VND_IE_ID_1 = 1 } wifi_vendor_ie_id_e;

/* protobuf-c's HostedFeature: an int-sized enum */
typedef enum {
  HOSTED_WIFI = 0,
  HOSTED_BT = 1,
  HOSTED_IS_NETWORK_SPLIT_ON = 2
} HostedFeature;

/* ---- the union members of ctrl_cmd_t ----------------------------------------------------- */
/* MACs and BSSIDs are strings ("aa:bb:cc:dd:ee:ff" + NUL), never 6-byte arrays. */

typedef struct {
  uint8_t element_id;
  uint8_t length;
  uint8_t vendor_oui[VENDOR_OUI_BUF];
  uint8_t vendor_oui_type;
  uint16_t payload_len;
  uint8_t *payload;
} vendor_ie_data_t;

/* one scanned AP: an element of wifi_ap_scan_list_t.out_list */
typedef struct {
  uint8_t ssid[SSID_LENGTH];
  uint8_t bssid[BSSID_STR_SIZE];
  int rssi;
  int channel;
  int encryption_mode; /* wifi_auth_mode_e */
} wifi_scanlist_t;

/* one station joined to the soft-AP: an element of wifi_softap_conn_sta_list_t.out_list */
typedef struct {
  uint8_t bssid[BSSID_STR_SIZE]; /* the station's MAC */
  int rssi;
} wifi_connected_stations_list_t;

typedef struct {
  int mode; /* WIFI_MODE_STA or WIFI_MODE_AP: which interface */
  char mac[MAX_MAC_STR_SIZE];
} wifi_mac_t;

typedef struct {
  int mode; /* wifi_mode_e */
} wifi_mode_t;

typedef struct {
  uint8_t ssid[SSID_LENGTH];
  uint8_t pwd[PASSWORD_LENGTH];
  uint8_t bssid[BSSID_STR_SIZE]; /* "" for any */
  bool is_wpa3_supported;
  int rssi;
  int channel;
  int encryption_mode;
  uint16_t listen_interval;
  char status[STATUS_LENGTH]; /* wifi_get_ap_config: "success", "not_connected", "failure" */
  char out_mac[MAX_MAC_STR_SIZE]; /* wifi_connect_ap's answer: the station's MAC */
  int band_mode;
} wifi_ap_config_t;

typedef struct {
  uint8_t ssid[SSID_LENGTH];
  uint8_t pwd[PASSWORD_LENGTH];
  int channel;
  int encryption_mode;
  int max_connections;
  bool ssid_hidden;
  wifi_bandwidth_e bandwidth;
  char out_mac[MAX_MAC_STR_SIZE]; /* wifi_start_softap's answer: the soft-AP's MAC */
  int band_mode;
} softap_config_t;

typedef struct {
  int count;
  wifi_scanlist_t *out_list; /* count entries; the same block as free_buffer_handle */
} wifi_ap_scan_list_t;

typedef struct {
  int count;
  wifi_connected_stations_list_t *out_list; /* count entries; = free_buffer_handle */
} wifi_softap_conn_sta_list_t;

typedef struct {
  int ps_mode;
} wifi_power_save_t;

typedef struct {
  bool enable;
  wifi_vendor_ie_type_e type;
  wifi_vendor_ie_id_e idx;
  vendor_ie_data_t vnd_ie;
} wifi_softap_vendor_ie_t;

typedef struct {
  uint8_t *ota_data;
  uint32_t ota_data_len;
} ota_write_t;

typedef struct {
  int power;
} wifi_tx_power_t;

typedef struct {
  char project_name[3];
  uint8_t major_1;
  uint8_t major_2;
  uint8_t minor;
  uint8_t revision_patch_1;
  uint8_t revision_patch_2;
} fw_version_t;

typedef struct {
  char country[COUNTRY_CODE_LEN];
  bool ieee80211d_enabled;
} country_code_t;

typedef struct {
  HostedFeature feature;
  uint8_t enable;
} feature_enable_disable_t;

typedef struct {
  uint32_t hb_num; /* in the event */
  uint8_t enable; /* in config_heartbeat's request */
  uint32_t duration; /* s, in config_heartbeat's request */
} event_heartbeat_t;

typedef struct {
  uint8_t ssid[SSID_LENGTH];
  uint32_t ssid_len;
  uint8_t bssid[BSSID_STR_SIZE];
  int channel;
  int authmode;
  int aid;
} event_sta_conn_t;

typedef struct {
  uint8_t ssid[SSID_LENGTH];
  uint32_t ssid_len;
  uint8_t bssid[BSSID_STR_SIZE];
  uint32_t reason; /* ESP-IDF's wifi_err_reason_t: 200 beacon timeout, 201 no AP found, ... */
  int32_t rssi;
} event_sta_disconn_t;

typedef struct {
  uint8_t mac[MAX_MAC_STR_SIZE];
  int32_t aid;
  int32_t is_mesh_child;
} event_softap_sta_conn_t;

typedef struct {
  uint8_t mac[MAX_MAC_STR_SIZE];
  int32_t aid;
  int32_t is_mesh_child;
  uint32_t reason;
} event_softap_sta_disconn_t;

typedef struct {
  int iface;
  int net_link_up;
  int dhcp_up;
  uint8_t dhcp_ip[64];
  uint8_t dhcp_nm[64];
  uint8_t dhcp_gw[64];
  int dns_up;
  uint8_t dns_ip[64];
  int dns_type;
} dhcp_dns_status_t;

typedef void (*custom_data_free_func_t)(void *data);

typedef struct {
  uint32_t custom_msg_id;
  uint16_t data_len;
  custom_data_free_func_t free_func;
  uint8_t *data;
} custom_rpc_unserialised_data_t;

/* ---- the request / response / event message --------------------------------------------- */

typedef struct Ctrl_cmd_t {
  uint8_t msg_type; /* AppMsgType_e */
  uint16_t msg_id; /* AppMsgId_e */
  int32_t uid; /* written by the library into the request; echoed in its response */
  int32_t resp_event_status; /* SUCCESS, FAILURE or a CTRL_ERR_* */
  union {
    wifi_mac_t wifi_mac;
    wifi_mode_t wifi_mode;
    wifi_ap_scan_list_t wifi_ap_scan;
    wifi_ap_config_t wifi_ap_config;
    softap_config_t wifi_softap_config;
    wifi_softap_vendor_ie_t wifi_softap_vendor_ie;
    wifi_softap_conn_sta_list_t wifi_softap_con_sta;
    wifi_power_save_t wifi_ps;
    ota_write_t ota_write;
    feature_enable_disable_t feat_ena_disable;
    wifi_tx_power_t wifi_tx_power;
    fw_version_t fw_version;
    country_code_t country_code;
    event_heartbeat_t e_heartbeat;
    event_sta_conn_t e_sta_conn;
    event_sta_disconn_t e_sta_disconn;
    event_softap_sta_conn_t e_softap_sta_conn;
    event_softap_sta_disconn_t e_softap_sta_disconn;
    dhcp_dns_status_t dhcp_dns_status;
    custom_rpc_unserialised_data_t custom_rpc_unserialised_data;
  } u;
  /* NULL: synchronous (the call returns the response). Set: asynchronous (the call returns
   * NULL; the response goes to this function on the library's thread). */
  int (*ctrl_resp_cb)(struct Ctrl_cmd_t *data);
  int cmd_timeout_sec; /* 0: DEFAULT_CTRL_RESP_TIMEOUT; raised to the scan/connect minimums */
  void *free_buffer_handle; /* a block the library allocated for this message, or NULL */
  void (*free_buffer_func)(void *free_buffer_handle); /* how to free it (hosted_free) */
} ctrl_cmd_t;

typedef int (*ctrl_resp_cb_t)(ctrl_cmd_t *resp);
typedef int (*ctrl_event_cb_t)(ctrl_cmd_t *event);

/* How a caller releases a message the library handed over (the real header's
 * CLEANUP_CTRL_MSG, with hosted_free for the message itself). */
#define CTRL_CMD_RELEASE(msg)                                                                  \
  do {                                                                                         \
    if (msg) {                                                                                 \
      if ((msg)->free_buffer_handle && (msg)->free_buffer_func) {                              \
        (msg)->free_buffer_func((msg)->free_buffer_handle);                                    \
        (msg)->free_buffer_handle = NULL;                                                      \
      }                                                                                        \
      hosted_free(msg);                                                                        \
      (msg) = NULL;                                                                            \
    }                                                                                          \
  } while (0)

/* ---- the functions ------------------------------------------------------------------------ */

/* 0 (SUCCESS), or -1 (FAILURE) when the device node cannot be opened: the stand-in opens
 * $NETFSM_HOSTED_DEVICE (default /dev/esps0), O_RDWR, as the real library opens /dev/esps0. */
int init_hosted_control_lib(void);
int deinit_hosted_control_lib(void);

/* event: 301..308. CALLBACK_SET_SUCCESS, or MSG_ID_OUT_OF_ORDER for another number.
 * NULL unregisters (events without a callback are dropped). */
int set_event_callback(int event, ctrl_resp_cb_t event_cb);
ctrl_resp_cb_t get_event_callback(int event);
int reset_event_callback(int event);

ctrl_cmd_t *wifi_get_mac(ctrl_cmd_t *req); /* u.wifi_mac.mode in: STA or AP; u.wifi_mac.mac out */
ctrl_cmd_t *wifi_get_mode(ctrl_cmd_t *req); /* u.wifi_mode.mode out */
ctrl_cmd_t *wifi_set_mode(ctrl_cmd_t *req); /* u.wifi_mode.mode in */
ctrl_cmd_t *wifi_ap_scan_list(ctrl_cmd_t *req); /* u.wifi_ap_scan out (free_buffer_*) */
ctrl_cmd_t *wifi_get_ap_config(ctrl_cmd_t *req); /* u.wifi_ap_config out */
ctrl_cmd_t *wifi_connect_ap(ctrl_cmd_t *req); /* u.wifi_ap_config in; .out_mac out */
ctrl_cmd_t *wifi_disconnect_ap(ctrl_cmd_t *req);
ctrl_cmd_t *wifi_start_softap(ctrl_cmd_t *req); /* u.wifi_softap_config in; .out_mac out */
ctrl_cmd_t *wifi_stop_softap(ctrl_cmd_t *req);
ctrl_cmd_t *wifi_get_softap_connected_station_list(ctrl_cmd_t *req); /* u.wifi_softap_con_sta */
ctrl_cmd_t *get_fw_version(ctrl_cmd_t *req); /* u.fw_version out */
ctrl_cmd_t *config_heartbeat(ctrl_cmd_t *req); /* u.e_heartbeat.enable, .duration in */

/* The real library's allocator (platform_wrapper.c): malloc, calloc and free. Release what
 * the library hands over with hosted_free (the stand-in then also counts it as released:
 * netfsm_hosted_sim_live_allocations). */
void *hosted_malloc(size_t size);
void *hosted_calloc(size_t blk_no, size_t size);
void hosted_free(void *ptr);

/* netfsm's own: the layouts above, measured with offsetof/sizeof, as JSON:
 * {"ctrl_cmd_t": {"sizeof": [0, 328], "alignof": [0, 8], "msg_type": [0, 1], ...}, ...}
 * (each field [offset, size]; "sizeof"/"alignof" are C keywords, never field names).
 * A static string: never free it. */
const char *netfsm_hosted_layouts(void);

/* ---- the layouts, pinned (LP64: x86_64 as drivers.md measured; aarch64 is the same) --------- */

#if defined(__LP64__)
#define NETFSM_HOSTED_AT(type, field, off, size)                                               \
  _Static_assert(offsetof(type, field) == (off), #type "." #field " offset");                  \
  _Static_assert(sizeof(((type *)0)->field) == (size), #type "." #field " size")

_Static_assert(sizeof(ctrl_cmd_t) == 328, "ctrl_cmd_t size");
NETFSM_HOSTED_AT(ctrl_cmd_t, msg_type, 0, 1);
NETFSM_HOSTED_AT(ctrl_cmd_t, msg_id, 2, 2);
NETFSM_HOSTED_AT(ctrl_cmd_t, uid, 4, 4);
NETFSM_HOSTED_AT(ctrl_cmd_t, resp_event_status, 8, 4);
NETFSM_HOSTED_AT(ctrl_cmd_t, u, 16, 280);
NETFSM_HOSTED_AT(ctrl_cmd_t, ctrl_resp_cb, 296, 8);
NETFSM_HOSTED_AT(ctrl_cmd_t, cmd_timeout_sec, 304, 4);
NETFSM_HOSTED_AT(ctrl_cmd_t, free_buffer_handle, 312, 8);
NETFSM_HOSTED_AT(ctrl_cmd_t, free_buffer_func, 320, 8);

_Static_assert(sizeof(wifi_ap_config_t) == 172, "wifi_ap_config_t size");
NETFSM_HOSTED_AT(wifi_ap_config_t, ssid, 0, 33);
NETFSM_HOSTED_AT(wifi_ap_config_t, pwd, 33, 65);
NETFSM_HOSTED_AT(wifi_ap_config_t, bssid, 98, 18);
NETFSM_HOSTED_AT(wifi_ap_config_t, is_wpa3_supported, 116, 1);
NETFSM_HOSTED_AT(wifi_ap_config_t, rssi, 120, 4);
NETFSM_HOSTED_AT(wifi_ap_config_t, channel, 124, 4);
NETFSM_HOSTED_AT(wifi_ap_config_t, encryption_mode, 128, 4);
NETFSM_HOSTED_AT(wifi_ap_config_t, listen_interval, 132, 2);
NETFSM_HOSTED_AT(wifi_ap_config_t, status, 134, 14);
NETFSM_HOSTED_AT(wifi_ap_config_t, out_mac, 148, 18);
NETFSM_HOSTED_AT(wifi_ap_config_t, band_mode, 168, 4);

_Static_assert(sizeof(softap_config_t) == 144, "softap_config_t size");
NETFSM_HOSTED_AT(softap_config_t, ssid, 0, 33);
NETFSM_HOSTED_AT(softap_config_t, pwd, 33, 65);
NETFSM_HOSTED_AT(softap_config_t, channel, 100, 4);
NETFSM_HOSTED_AT(softap_config_t, encryption_mode, 104, 4);
NETFSM_HOSTED_AT(softap_config_t, max_connections, 108, 4);
NETFSM_HOSTED_AT(softap_config_t, ssid_hidden, 112, 1);
NETFSM_HOSTED_AT(softap_config_t, bandwidth, 116, 4);
NETFSM_HOSTED_AT(softap_config_t, out_mac, 120, 18);
NETFSM_HOSTED_AT(softap_config_t, band_mode, 140, 4);

_Static_assert(sizeof(event_sta_disconn_t) == 68, "event_sta_disconn_t size");
NETFSM_HOSTED_AT(event_sta_disconn_t, ssid, 0, 33);
NETFSM_HOSTED_AT(event_sta_disconn_t, ssid_len, 36, 4);
NETFSM_HOSTED_AT(event_sta_disconn_t, bssid, 40, 18);
NETFSM_HOSTED_AT(event_sta_disconn_t, reason, 60, 4);
NETFSM_HOSTED_AT(event_sta_disconn_t, rssi, 64, 4);

_Static_assert(sizeof(event_sta_conn_t) == 72, "event_sta_conn_t size");
NETFSM_HOSTED_AT(event_sta_conn_t, ssid, 0, 33);
NETFSM_HOSTED_AT(event_sta_conn_t, ssid_len, 36, 4);
NETFSM_HOSTED_AT(event_sta_conn_t, bssid, 40, 18);
NETFSM_HOSTED_AT(event_sta_conn_t, channel, 60, 4);
NETFSM_HOSTED_AT(event_sta_conn_t, authmode, 64, 4);
NETFSM_HOSTED_AT(event_sta_conn_t, aid, 68, 4);

_Static_assert(sizeof(event_softap_sta_conn_t) == 28, "event_softap_sta_conn_t size");
NETFSM_HOSTED_AT(event_softap_sta_conn_t, mac, 0, 18);
NETFSM_HOSTED_AT(event_softap_sta_conn_t, aid, 20, 4);
NETFSM_HOSTED_AT(event_softap_sta_conn_t, is_mesh_child, 24, 4);

_Static_assert(sizeof(event_softap_sta_disconn_t) == 32, "event_softap_sta_disconn_t size");
NETFSM_HOSTED_AT(event_softap_sta_disconn_t, mac, 0, 18);
NETFSM_HOSTED_AT(event_softap_sta_disconn_t, aid, 20, 4);
NETFSM_HOSTED_AT(event_softap_sta_disconn_t, is_mesh_child, 24, 4);
NETFSM_HOSTED_AT(event_softap_sta_disconn_t, reason, 28, 4);

/* Not in drivers.md's measurements: these follow from the declarations (LP64). */
_Static_assert(sizeof(wifi_scanlist_t) == 64, "wifi_scanlist_t size");
NETFSM_HOSTED_AT(wifi_scanlist_t, ssid, 0, 33);
NETFSM_HOSTED_AT(wifi_scanlist_t, bssid, 33, 18);
NETFSM_HOSTED_AT(wifi_scanlist_t, rssi, 52, 4);
NETFSM_HOSTED_AT(wifi_scanlist_t, channel, 56, 4);
NETFSM_HOSTED_AT(wifi_scanlist_t, encryption_mode, 60, 4);
_Static_assert(sizeof(wifi_connected_stations_list_t) == 24, "sta list entry size");
NETFSM_HOSTED_AT(wifi_connected_stations_list_t, bssid, 0, 18);
NETFSM_HOSTED_AT(wifi_connected_stations_list_t, rssi, 20, 4);
_Static_assert(sizeof(wifi_ap_scan_list_t) == 16, "wifi_ap_scan_list_t size");
NETFSM_HOSTED_AT(wifi_ap_scan_list_t, count, 0, 4);
NETFSM_HOSTED_AT(wifi_ap_scan_list_t, out_list, 8, 8);
_Static_assert(sizeof(wifi_softap_conn_sta_list_t) == 16, "wifi_softap_conn_sta_list_t size");
NETFSM_HOSTED_AT(wifi_softap_conn_sta_list_t, count, 0, 4);
NETFSM_HOSTED_AT(wifi_softap_conn_sta_list_t, out_list, 8, 8);
_Static_assert(sizeof(wifi_mac_t) == 24, "wifi_mac_t size");
NETFSM_HOSTED_AT(wifi_mac_t, mode, 0, 4);
NETFSM_HOSTED_AT(wifi_mac_t, mac, 4, 18);
NETFSM_HOSTED_AT(wifi_mode_t, mode, 0, 4);
_Static_assert(sizeof(fw_version_t) == 8, "fw_version_t size");
NETFSM_HOSTED_AT(fw_version_t, project_name, 0, 3);
NETFSM_HOSTED_AT(fw_version_t, major_1, 3, 1);
NETFSM_HOSTED_AT(fw_version_t, major_2, 4, 1);
NETFSM_HOSTED_AT(fw_version_t, minor, 5, 1);
NETFSM_HOSTED_AT(fw_version_t, revision_patch_1, 6, 1);
NETFSM_HOSTED_AT(fw_version_t, revision_patch_2, 7, 1);
_Static_assert(sizeof(event_heartbeat_t) == 12, "event_heartbeat_t size");
NETFSM_HOSTED_AT(event_heartbeat_t, hb_num, 0, 4);
NETFSM_HOSTED_AT(event_heartbeat_t, enable, 4, 1);
NETFSM_HOSTED_AT(event_heartbeat_t, duration, 8, 4);
_Static_assert(sizeof(dhcp_dns_status_t) == 276, "dhcp_dns_status_t size (the union's largest)");
#endif /* __LP64__ */

#ifdef __cplusplus
}
#endif

#endif /* NETFSM_CTRL_API_SIM_H */
