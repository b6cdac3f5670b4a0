/*
 * netfsm ESP-IDF stand-in: the state shared by the sources. One mutex (`sim.lock`) guards all
 * of it. Two threads of the library's own run beside the callers':
 *   - the "wifi task" runs the world's timers (association, DHCP, scan, beacon loss, ...): it
 *     changes state and queues events, always under the lock, and never calls user code;
 *   - the "event task" pops queued events and calls the registered handlers (and the SNTP
 *     callback), never holding the lock during a call.
 * So a handler may call back into the library, and a handler that blocks (a JavaScript
 * callback waiting for its thread) never stops the world's clock.
 */
#ifndef NETFSM_SIM_INTERNAL_H
#define NETFSM_SIM_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "esp_err.h"
#include "esp_event.h"
#include "esp_netif.h"
#include "esp_netif_sntp.h"
#include "esp_wifi.h"
#include "mdns.h"
#include "netfsm_layout_asserts.h"
#include "netfsm_sim.h"

#pragma GCC visibility push(hidden)

#define SIM_MAX_APS 32
#define SIM_MAX_VISITORS ESP_WIFI_MAX_CONN_NUM
#define SIM_PAYLOAD_MAX 64
#define SIM_CALLING_SNTP UINT64_MAX

struct esp_netif_obj {
    int ifx; /* WIFI_IF_STA or WIFI_IF_AP */
    char hostname[NETFSM_NETIF_HOSTNAME_MAX + 1];
};

typedef struct {
    bool present;
    uint8_t ssid[32];
    size_t ssid_len;
    char psk[65];
    uint8_t bssid[6];
    uint8_t channel;
    int8_t rssi;
    uint8_t subnet;
    wifi_auth_mode_t authmode;
} sim_ap_t;

typedef struct {
    bool used;
    uint8_t mac[6];
    uint8_t aid;
    bool has_ip;
} sim_visitor_t;

typedef enum { STA_IDLE = 0, STA_CONNECTING, STA_CONNECTED } sim_sta_state_t;

typedef enum {
    T_ASSOC = 1,     /* a connect attempt resolves */
    T_DHCP,          /* the station's lease arrives */
    T_BEACON,        /* the joined AP has been gone for beacon_timeout_ms */
    T_LOST_IP,       /* the lost-IP timer expires */
    T_SCAN,          /* a scan completes */
    T_SNTP,          /* SNTP gets an answer */
    T_VISITOR_DHCP,  /* a soft-AP visitor gets its lease */
} sim_timer_kind_t;

typedef struct sim_timer {
    struct sim_timer *next;
    uint64_t due_ns;
    uint64_t seq;
    sim_timer_kind_t kind;
    uint8_t mac[6];
} sim_timer_t;

typedef enum { ITEM_EVENT = 1, ITEM_SNTP, ITEM_STORM } sim_item_kind_t;

typedef struct sim_item {
    struct sim_item *next;
    uint64_t gen;
    sim_item_kind_t kind;
    esp_event_base_t base;
    int32_t id;
    size_t len;
    _Alignas(8) uint8_t data[SIM_PAYLOAD_MAX]; /* handlers cast it to the payload struct */
    esp_sntp_time_cb_t sntp_cb;
    int64_t sntp_sec;
    uint64_t storm_count;
} sim_item_t;

typedef struct {
    uint64_t id; /* the instance handle's value, never 0 */
    esp_event_base_t base;
    int32_t event_id;
    esp_event_handler_t fn;
    void *arg;
} sim_handler_t;

typedef struct {
    /* world settings (netfsm_sim_set) */
    int64_t assoc_ms, dhcp_ms, scan_ms, beacon_timeout_ms, lost_ip_ms, sntp_ms, visitor_dhcp_ms;
    int64_t wrong_password_reason, sta_ip_host, sntp_epoch, visitor_rssi;
} sim_settings_t;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t timer_cv, event_cv, scan_cv;
    bool quit;
    uint64_t gen; /* bumped by netfsm_sim_reset: queued items of older generations are dropped */

    sim_settings_t set;
    sim_ap_t aps[SIM_MAX_APS];
    int nap;

    /* event loop */
    bool loop_created;
    sim_handler_t *handlers;
    size_t nhandlers, caphandlers;
    uint64_t next_handler_id;
    sim_item_t *qhead, *qtail;
    size_t qlen;
    bool dispatching;
    uint64_t calling;        /* the handler id being called now, SIM_CALLING_SNTP, or 0 */
    pthread_cond_t call_cv;  /* signalled when `calling` goes back to 0 */

    /* wifi task timers, sorted by (due, seq) */
    sim_timer_t *timers;
    uint64_t timer_seq;

    /* esp_netif */
    bool netif_inited;
    bool sta_netif_made, ap_netif_made;
    struct esp_netif_obj sta_netif, ap_netif;

    /* esp_wifi */
    bool inited, started;
    wifi_mode_t mode;
    wifi_storage_t storage;
    wifi_config_t sta_cfg, ap_cfg;   /* in effect */
    wifi_config_t nvs_sta, nvs_ap;   /* "flash": configs set under WIFI_STORAGE_FLASH, which */
    bool nvs_sta_set, nvs_ap_set;    /* esp_wifi_init loads again after a deinit */
    wifi_config_t told[2];           /* the last conf passed to esp_wifi_set_config, per ifx */
    bool told_set[2];
    esp_err_t told_result[2];
    bool sta_up, ap_up;              /* STA_START / AP_START posted and not stopped */

    sim_sta_state_t sta;
    int sta_ap;                      /* index of the AP joined (STA_CONNECTED) */
    wifi_sta_config_t attempt;       /* the config of the attempt in progress */
    bool has_ip;
    uint8_t ip[4], gw[4], mask[4];
    bool prev_ip_valid;              /* an address the netif keeps until the lost-IP timer */
    uint8_t prev_ip[4];
    char dhcp_hostname[NETFSM_NETIF_HOSTNAME_MAX + 1];
    bool dhcp_hostname_valid;

    /* scan */
    bool scanning;
    uint64_t scan_started, scan_finished; /* counters: a blocking caller waits for its own */
    bool scan_last_ok;
    uint8_t scan_filter_ssid[33];
    bool scan_filter_ssid_set;
    uint8_t scan_filter_bssid[6];
    bool scan_filter_bssid_set;
    uint8_t scan_filter_channel;
    wifi_ap_record_t scan_list[SIM_MAX_APS];
    uint16_t scan_n;
    uint8_t scan_id;

    /* soft-AP */
    sim_visitor_t visitors[SIM_MAX_VISITORS];

    /* SNTP */
    bool sntp_inited, sntp_started;
    esp_sntp_time_cb_t sntp_cb;
    char sntp_servers[CONFIG_LWIP_SNTP_MAX_SERVERS][64];
    size_t sntp_nservers;
    uint64_t sntp_syncs;

    /* mdns: the responder's state, as the component keeps it */
    bool mdns_inited;
    char mdns_hostname[MDNS_NAME_BUF_LEN]; /* "" until mdns_hostname_set */
    bool mdns_sta, mdns_ap;                /* answering on that interface's IPv4 address */
    esp_event_handler_instance_t mdns_wifi_handler, mdns_ip_handler;
    uint64_t mdns_inits, mdns_frees;

    /* counters, for netfsm_sim_state */
    uint64_t n_posted, n_delivered, n_dropped, n_connect, n_disconnect, n_scan;
} sim_t;

extern sim_t sim;

/* Starts the two threads once; every exported function calls it first. */
void sim_ensure(void);
void sim_lock(void);
void sim_unlock(void);

/* Under the lock. */
void sim_post(esp_event_base_t base, int32_t id, const void *data, size_t len);
void sim_post_sntp(esp_sntp_time_cb_t cb, int64_t sec);
void sim_post_storm(uint64_t count);
void sim_timer_add(sim_timer_kind_t kind, int64_t delay_ms, const uint8_t *mac);
void sim_timer_cancel(sim_timer_kind_t kind, const uint8_t *mac); /* mac NULL: every one */
bool sim_timer_pending(sim_timer_kind_t kind);
size_t sim_timer_count(void);
void sim_clear_queue(void);
void sim_clear_timers(void);
/*
 * Under the lock: returns once the event thread is not calling handler `id` (0: any handler;
 * SIM_CALLING_SNTP: the SNTP callback), as ESP-IDF's unregister waits for a running handler.
 * Returns at once on the event thread itself (a handler removing itself).
 */
void sim_wait_not_calling(uint64_t id);

/* The wifi task's timer actions (sim_wifi.c), under the lock. */
void sim_wifi_timer(sim_timer_kind_t kind, const uint8_t *mac);
/* Library state back to "just loaded" (under the lock); the world is reset by the caller. */
void sim_wifi_reset_state(void);
void sim_netif_reset_state(void);
void sim_settings_default(sim_settings_t *s);
/* The station has an address now (or SNTP just started): schedule a sync if both hold. */
void sim_sntp_kick(void);
/* Whether the soft-AP is running (mode has AP and WiFi started). */
bool sim_ap_running(void);
/* The world's hooks into the WiFi state (sim_wifi.c), under the lock. */
int sim_world_visitor_join(const uint8_t *mac);
int sim_world_visitor_leave(const uint8_t *mac, int reason);
void sim_world_ap_presence_changed(int id);
/* Frees the report buffers (sim_world.c, sim_layouts.c), at unload. */
void sim_free_reports(void);
void sim_free_layouts(void);

/* A growable text buffer for the JSON reports. */
typedef struct {
    char *p;
    size_t len, cap;
    bool failed;
} sim_buf_t;
void sim_buf_printf(sim_buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A JSON string of `n` bytes (bytes >= 0x80 and controls as \u00XX). */
void sim_buf_json_bytes(sim_buf_t *b, const uint8_t *s, size_t n);

#pragma GCC visibility pop

#endif
