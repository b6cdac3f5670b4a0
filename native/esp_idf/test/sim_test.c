/*
 * netfsm ESP-IDF stand-in: the C test of libesp_idf_sim (run by test/run.sh, for every
 * release, plain, under valgrind and under the sanitizers). Exits 0 when every check passed.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "esp_err.h"
#include "esp_event.h"
#include "esp_netif.h"
#include "esp_netif_sntp.h"
#include "esp_wifi.h"
#include "mdns.h"
#include "netfsm_sim.h"

esp_err_t netfsm_wifi_init_default(void); /* glue/netfsm_wifi_glue.c, inside the library */

/* ------------------------------------------------------------------ checking ---- */

static int checks, failures;
static const char *current_test = "";

#define CHECK(cond)                                                                     \
    do {                                                                                \
        checks++;                                                                       \
        if (!(cond)) {                                                                  \
            failures++;                                                                 \
            fprintf(stderr, "FAIL [%s] %s:%d: %s\n", current_test, __FILE__, __LINE__, #cond); \
        }                                                                               \
    } while (0)

#define CHECK_ERR(call, expected)                                                        \
    do {                                                                                 \
        esp_err_t got_ = (call);                                                         \
        checks++;                                                                        \
        if (got_ != (expected)) {                                                        \
            failures++;                                                                  \
            fprintf(stderr, "FAIL [%s] %s:%d: %s returned %s (0x%x), expected %s\n",     \
                    current_test, __FILE__, __LINE__, #call, esp_err_to_name(got_), got_, \
                    esp_err_to_name(expected));                                          \
        }                                                                                \
    } while (0)

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* ------------------------------------------------------------- event recorder ---- */

typedef struct {
    esp_event_base_t base;
    int32_t id;
    bool has_data;
    _Alignas(8) uint8_t data[64];
    bool on_main_thread;
} rec_t;

#define REC_MAX 200000
static rec_t *recs;
static int nrec, cursor;
static pthread_mutex_t rec_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rec_cv = PTHREAD_COND_INITIALIZER;
static pthread_t main_thread;

/* What the handler does besides recording, set by a test. */
static _Atomic int connect_on_start;      /* call esp_wifi_connect() from STA_START */
static _Atomic int sleep_on_connected;    /* sleep this many ms in STA_CONNECTED */
static _Atomic int reentrant_calls;       /* calls into the library made from the handler */
static _Atomic int in_connected_sleep;    /* the handler is inside its STA_CONNECTED sleep */

static size_t payload_size(esp_event_base_t base, int32_t id) {
    if (base == WIFI_EVENT) {
        switch (id) {
        case WIFI_EVENT_SCAN_DONE: return sizeof(wifi_event_sta_scan_done_t);
        case WIFI_EVENT_STA_CONNECTED: return sizeof(wifi_event_sta_connected_t);
        case WIFI_EVENT_STA_DISCONNECTED: return sizeof(wifi_event_sta_disconnected_t);
        case WIFI_EVENT_AP_STACONNECTED: return sizeof(wifi_event_ap_staconnected_t);
        case WIFI_EVENT_AP_STADISCONNECTED: return sizeof(wifi_event_ap_stadisconnected_t);
        default: return 0;
        }
    }
    if (base == IP_EVENT) {
        switch (id) {
        case IP_EVENT_STA_GOT_IP:
        case IP_EVENT_STA_LOST_IP: return sizeof(ip_event_got_ip_t);
        case IP_EVENT_AP_STAIPASSIGNED: return sizeof(ip_event_ap_staipassigned_t);
        default: return 0;
        }
    }
    return 0;
}

static void recorder(void *arg, esp_event_base_t base, int32_t id, void *data) {
    (void)arg;
    rec_t r;
    memset(&r, 0, sizeof r);
    r.base = base;
    r.id = id;
    r.has_data = data != NULL;
    size_t n = payload_size(base, id);
    if (data && n) memcpy(r.data, data, n);
    r.on_main_thread = pthread_equal(pthread_self(), main_thread);
    pthread_mutex_lock(&rec_lock);
    if (nrec < REC_MAX) recs[nrec++] = r;
    pthread_cond_broadcast(&rec_cv);
    pthread_mutex_unlock(&rec_lock);

    if (base == WIFI_EVENT && id == WIFI_EVENT_STA_START && connect_on_start) {
        wifi_mode_t mode;
        if (esp_wifi_get_mode(&mode) == ESP_OK && esp_wifi_connect() == ESP_OK) reentrant_calls++;
        (void)netfsm_sim_state();
    }
    if (base == WIFI_EVENT && id == WIFI_EVENT_STA_CONNECTED && sleep_on_connected) {
        in_connected_sleep = 1;
        sleep_ms(sleep_on_connected);
        in_connected_sleep = 0;
    }
}

static const char *event_name(esp_event_base_t base, int32_t id) {
    static char buf[64];
    snprintf(buf, sizeof buf, "%s:%d", base == WIFI_EVENT ? "WIFI_EVENT" : base == IP_EVENT ? "IP_EVENT" : "?",
             (int)id);
    return buf;
}

/* The next recorded event, which must be (base, id), within timeout_ms; NULL (a failure) else. */
static const rec_t *next_event_at(const char *file, int line, esp_event_base_t base, int32_t id,
                                  int timeout_ms) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&rec_lock);
    while (nrec <= cursor) {
        if (pthread_cond_timedwait(&rec_cv, &rec_lock, &until) != 0) break;
    }
    const rec_t *r = nrec > cursor ? &recs[cursor] : NULL;
    if (r) cursor++;
    pthread_mutex_unlock(&rec_lock);
    checks++;
    if (r == NULL) {
        failures++;
        fprintf(stderr, "FAIL [%s] %s:%d: no event within %d ms, expected %s\n", current_test, file,
                line, timeout_ms, event_name(base, id));
        return NULL;
    }
    if (r->base != base || r->id != id) {
        failures++;
        fprintf(stderr, "FAIL [%s] %s:%d: got %s", current_test, file, line, event_name(r->base, r->id));
        fprintf(stderr, ", expected %s\n", event_name(base, id));
        return NULL;
    }
    checks++;
    if (r->on_main_thread) {
        failures++;
        fprintf(stderr, "FAIL [%s] %s:%d: handler ran on the caller's thread\n", current_test, file, line);
    }
    return r;
}
#define NEXT(base, id) next_event_at(__FILE__, __LINE__, base, id, 2000)

/* No event arrives for `ms`. */
static void quiet_at(const char *file, int line, int ms) {
    sleep_ms(ms);
    pthread_mutex_lock(&rec_lock);
    bool extra = nrec > cursor;
    const rec_t *r = extra ? &recs[cursor] : NULL;
    esp_event_base_t b = r ? r->base : NULL;
    int32_t id = r ? r->id : 0;
    pthread_mutex_unlock(&rec_lock);
    checks++;
    if (extra) {
        failures++;
        fprintf(stderr, "FAIL [%s] %s:%d: unexpected event %s\n", current_test, file, line, event_name(b, id));
    }
}
#define QUIET(ms) quiet_at(__FILE__, __LINE__, ms)

/* Waits until the library's world is idle (no timers, no queued events). */
static void settle(void) {
    for (int i = 0; i < 400 && netfsm_sim_pending() > 0; i++) sleep_ms(5);
}

static void reset_recorder(void) {
    settle();
    pthread_mutex_lock(&rec_lock);
    nrec = cursor = 0;
    pthread_mutex_unlock(&rec_lock);
    connect_on_start = 0;
    sleep_on_connected = 0;
    reentrant_calls = 0;
}

/* ------------------------------------------------------------------ fixtures ---- */

static const uint8_t BSSID_HOME[6] = {0xaa, 0xbb, 0xcc, 0x00, 0x00, 0x01};
static const uint8_t BSSID_HOME2[6] = {0xaa, 0xbb, 0xcc, 0x00, 0x00, 0x02};
static const uint8_t BSSID_CAFE[6] = {0xaa, 0xbb, 0xcc, 0x00, 0x00, 0x03};
static esp_netif_t *sta_netif, *ap_netif;
static esp_event_handler_instance_t any_instance;

static void begin_test(const char *name) {
    current_test = name;
    netfsm_sim_reset();
    reset_recorder();
    sta_netif = ap_netif = NULL;
    /* No IP_EVENT_STA_LOST_IP unless a test asks for it: its timer would race the sequences. */
    CHECK(netfsm_sim_set("lost_ip_ms", -1) == 0);
}

/* Event loop, interfaces, the recorder on every event, WiFi initialised through the glue. */
static void bring_up(wifi_mode_t mode) {
    CHECK_ERR(esp_netif_init(), ESP_OK);
    CHECK_ERR(esp_event_loop_create_default(), ESP_OK);
    CHECK_ERR(esp_event_handler_instance_register(ESP_EVENT_ANY_BASE, ESP_EVENT_ANY_ID, recorder,
                                                  NULL, &any_instance),
              ESP_OK);
    sta_netif = esp_netif_create_default_wifi_sta();
    ap_netif = esp_netif_create_default_wifi_ap();
    CHECK(sta_netif != NULL && ap_netif != NULL && sta_netif != ap_netif);
    CHECK_ERR(netfsm_wifi_init_default(), ESP_OK);
    CHECK_ERR(esp_wifi_set_mode(mode), ESP_OK);
}

static void sta_config(const char *ssid, const char *password) {
    wifi_config_t c;
    memset(&c, 0, sizeof c);
    memcpy(c.sta.ssid, ssid, strlen(ssid));
    memcpy(c.sta.password, password, strlen(password));
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &c), ESP_OK);
}

static void add_home(void) {
    CHECK(netfsm_sim_add_ap("home", "correct horse", BSSID_HOME, 6, -50, 1) == 0);
    CHECK(netfsm_sim_add_ap("cafe", "", BSSID_CAFE, 11, -70, 7) == 1);
}

static uint32_t ip4(int a, int b, int c, int d) {
    uint8_t bytes[4] = {(uint8_t)a, (uint8_t)b, (uint8_t)c, (uint8_t)d};
    uint32_t v;
    memcpy(&v, bytes, 4);
    return v;
}

/* Brings the station up and joined to "home", with an address. */
static void joined_home(void) {
    bring_up(WIFI_MODE_STA);
    add_home();
    sta_config("home", "correct horse");
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_START);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
}

/* ---------------------------------------------------------------------- tests ---- */

static void test_before_init(void) {
    begin_test("before_init");
    wifi_mode_t mode;
    wifi_config_t c;
    uint16_t n = 0;
    int rssi;
    uint8_t mac[6];
    wifi_ap_record_t rec;
    memset(&c, 0, sizeof c);
    CHECK_ERR(esp_wifi_set_mode(WIFI_MODE_STA), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_get_mode(&mode), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_start(), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_stop(), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_connect(), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_disconnect(), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_scan_start(NULL, false), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_scan_stop(), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_scan_get_ap_num(&n), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_scan_get_ap_records(&n, &rec), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_clear_ap_list(), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_sta_get_ap_info(&rec), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_sta_get_rssi(&rssi), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_get_mac(WIFI_IF_STA, mac), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &c), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_get_config(WIFI_IF_STA, &c), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_set_storage(WIFI_STORAGE_RAM), ESP_ERR_WIFI_NOT_INIT);
    CHECK_ERR(esp_wifi_deinit(), ESP_ERR_WIFI_NOT_INIT);
    CHECK(netfsm_sim_last_config(0, &c) == 0);
    /* Event loop and interfaces. */
    CHECK_ERR(esp_event_handler_instance_register(WIFI_EVENT, ESP_EVENT_ANY_ID, recorder, NULL, NULL),
              ESP_ERR_INVALID_STATE);
    CHECK(esp_netif_create_default_wifi_sta() == NULL); /* no esp_netif_init, no loop */
    CHECK_ERR(esp_event_loop_create_default(), ESP_OK);
    CHECK_ERR(esp_event_loop_create_default(), ESP_ERR_INVALID_STATE);
    CHECK_ERR(esp_event_handler_instance_register(WIFI_EVENT, 3, NULL, NULL, NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_event_handler_instance_register(NULL, 3, recorder, NULL, NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_netif_sntp_start(), ESP_ERR_INVALID_STATE);
    /* Init arguments. */
    CHECK_ERR(esp_wifi_init(NULL), ESP_ERR_INVALID_ARG);
    wifi_init_config_t cfg = WIFI_INIT_CONFIG_DEFAULT();
    cfg.magic = 0;
    CHECK_ERR(esp_wifi_init(&cfg), ESP_ERR_INVALID_ARG);
    CHECK_ERR(netfsm_wifi_init_default(), ESP_OK);
    CHECK_ERR(netfsm_wifi_init_default(), ESP_OK); /* again: no-op */
    CHECK_ERR(esp_wifi_get_mode(&mode), ESP_OK);
    CHECK(mode == WIFI_MODE_STA);
    CHECK_ERR(esp_wifi_get_mac(WIFI_IF_STA, mac), ESP_OK);
    CHECK(mac[0] == 0x24 && mac[5] == 0x56);
    CHECK_ERR(esp_wifi_get_mac(WIFI_IF_AP, mac), ESP_OK);
    CHECK(mac[5] == 0x57);
    CHECK_ERR(esp_wifi_get_mac(WIFI_IF_AP, NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_wifi_get_mac((wifi_interface_t)7, mac), ESP_ERR_WIFI_IF);
    CHECK_ERR(esp_wifi_connect(), ESP_ERR_WIFI_NOT_STARTED);
    CHECK_ERR(esp_wifi_disconnect(), ESP_ERR_WIFI_NOT_STARTED);
    CHECK_ERR(esp_wifi_scan_start(NULL, false), ESP_ERR_WIFI_NOT_STARTED);
    CHECK_ERR(esp_wifi_scan_get_ap_num(&n), ESP_ERR_WIFI_NOT_STARTED);
    CHECK_ERR(esp_wifi_set_mode((wifi_mode_t)9), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_wifi_get_mode(NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_wifi_deinit(), ESP_OK);
    CHECK_ERR(esp_wifi_deinit(), ESP_ERR_WIFI_NOT_INIT);
}

static void sntp_cb(struct timeval *tv);
static _Atomic int64_t sntp_seen_sec = -1;
static _Atomic int sntp_calls, sntp_on_main;

static void sntp_cb(struct timeval *tv) {
    sntp_seen_sec = (int64_t)tv->tv_sec;
    sntp_on_main = pthread_equal(pthread_self(), main_thread);
    sntp_calls++;
}

static void test_connect_sequence(void) {
    begin_test("connect_sequence");
    sntp_seen_sec = -1;
    sntp_calls = 0;
    bring_up(WIFI_MODE_STA);
    add_home();
    sta_config("home", "correct horse");
    esp_sntp_config_t sc = ESP_NETIF_SNTP_DEFAULT_CONFIG("pool.ntp.org");
    sc.sync_cb = sntp_cb;
    CHECK_ERR(esp_netif_sntp_init(&sc), ESP_OK);
    CHECK_ERR(esp_netif_sntp_init(&sc), ESP_ERR_INVALID_STATE);
    CHECK(netfsm_sim_set("sntp_epoch", 1800000000) == 0);
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    CHECK_ERR(esp_wifi_start(), ESP_OK); /* again: nothing more */
    const rec_t *r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_START);
    CHECK(r && !r->has_data);
    CHECK_ERR(esp_netif_set_hostname(sta_netif, "netfsm-test"), ESP_OK);
    const char *hn = NULL;
    CHECK_ERR(esp_netif_get_hostname(sta_netif, &hn), ESP_OK);
    CHECK(hn && strcmp(hn, "netfsm-test") == 0);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    CHECK_ERR(esp_wifi_connect(), ESP_ERR_WIFI_CONN); /* already joining */
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    if (r) {
        wifi_event_sta_connected_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(ev.ssid_len == 4 && memcmp(ev.ssid, "home", 4) == 0);
        CHECK(memcmp(ev.bssid, BSSID_HOME, 6) == 0);
        CHECK(ev.channel == 6);
        CHECK(ev.authmode == WIFI_AUTH_WPA2_PSK);
        CHECK(ev.aid == 1);
    }
    r = NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
    if (r) {
        ip_event_got_ip_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(ev.esp_netif == sta_netif);
        CHECK(ev.ip_info.ip.addr == ip4(192, 168, 1, 100));
        CHECK(ev.ip_info.gw.addr == ip4(192, 168, 1, 1));
        CHECK(ev.ip_info.netmask.addr == ip4(255, 255, 255, 0));
        CHECK(ev.ip_changed);
    }
    for (int i = 0; i < 200 && sntp_calls == 0; i++) sleep_ms(5);
    CHECK(sntp_calls == 1);
    CHECK(sntp_seen_sec == 1800000000);
    CHECK(!sntp_on_main);
    esp_netif_ip_info_t info;
    CHECK_ERR(esp_netif_get_ip_info(sta_netif, &info), ESP_OK);
    CHECK(info.ip.addr == ip4(192, 168, 1, 100));
    CHECK_ERR(esp_netif_get_ip_info(NULL, &info), ESP_ERR_ESP_NETIF_INVALID_PARAMS);
    int rssi = 0;
    CHECK_ERR(esp_wifi_sta_get_rssi(&rssi), ESP_OK);
    CHECK(rssi == -50);
    wifi_ap_record_t rec;
    CHECK_ERR(esp_wifi_sta_get_ap_info(&rec), ESP_OK);
    CHECK(strcmp((const char *)rec.ssid, "home") == 0 && rec.primary == 6 && rec.rssi == -50);
    CHECK(memcmp(rec.bssid, BSSID_HOME, 6) == 0 && rec.authmode == WIFI_AUTH_WPA2_PSK);
    CHECK_ERR(esp_wifi_connect(), ESP_ERR_WIFI_CONN); /* already joined */
    const char *state = netfsm_sim_state();
    CHECK(strstr(state, "\"dhcp_hostname\":\"netfsm-test\"") != NULL);
    CHECK(strstr(state, "\"state\":\"connected\"") != NULL);
    CHECK(strstr(state, "\"servers\":[\"pool.ntp.org\"]") != NULL);
    wifi_config_t told;
    CHECK(netfsm_sim_last_config(0, &told) == 1);
    CHECK(strcmp((const char *)told.sta.ssid, "home") == 0);
    CHECK(strcmp((const char *)told.sta.password, "correct horse") == 0);
    QUIET(60);
    /* stop: the link goes (reason 8), then STA_STOP. */
    CHECK_ERR(esp_wifi_deinit(), ESP_ERR_WIFI_NOT_STOPPED);
    CHECK_ERR(esp_wifi_stop(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) CHECK(((const wifi_event_sta_disconnected_t *)r->data)->reason == WIFI_REASON_ASSOC_LEAVE);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_STOP);
    CHECK_ERR(esp_wifi_deinit(), ESP_OK);
    esp_netif_sntp_deinit();
}

static void test_wrong_password_and_no_ap(void) {
    begin_test("wrong_password");
    bring_up(WIFI_MODE_STA);
    add_home();
    sta_config("home", "wrong horse");
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_START);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    const rec_t *r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) {
        wifi_event_sta_disconnected_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(ev.reason == WIFI_REASON_4WAY_HANDSHAKE_TIMEOUT);
        CHECK(ev.ssid_len == 4 && memcmp(ev.ssid, "home", 4) == 0);
        CHECK(memcmp(ev.bssid, BSSID_HOME, 6) == 0);
        CHECK(ev.rssi == -50);
    }
    QUIET(60); /* no retry of its own */
    CHECK(netfsm_sim_set("wrong_password_reason", 202) == 0);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) CHECK(((const wifi_event_sta_disconnected_t *)r->data)->reason == WIFI_REASON_AUTH_FAIL);
    int rssi;
    CHECK_ERR(esp_wifi_sta_get_rssi(&rssi), ESP_ERR_WIFI_NOT_CONNECT);
    wifi_ap_record_t rec;
    CHECK_ERR(esp_wifi_sta_get_ap_info(&rec), ESP_ERR_WIFI_NOT_CONNECT);
    CHECK_ERR(esp_wifi_sta_get_ap_info(NULL), ESP_ERR_INVALID_ARG);

    current_test = "no_ap";
    sta_config("elsewhere", "whatever1");
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) {
        wifi_event_sta_disconnected_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(ev.reason == WIFI_REASON_NO_AP_FOUND);
        CHECK(ev.ssid_len == 9 && memcmp(ev.ssid, "elsewhere", 9) == 0);
    }
    /* An open AP, joined without a password; a bssid-pinned config misses a wrong bssid. */
    sta_config("cafe", "");
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    if (r) CHECK(((const wifi_event_sta_connected_t *)r->data)->authmode == WIFI_AUTH_OPEN);
    r = NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
    if (r) CHECK(((const ip_event_got_ip_t *)r->data)->ip_info.ip.addr == ip4(192, 168, 7, 100));
    CHECK_ERR(esp_wifi_disconnect(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    wifi_config_t c;
    memset(&c, 0, sizeof c);
    memcpy(c.sta.ssid, "cafe", 4);
    c.sta.bssid_set = true;
    memcpy(c.sta.bssid, BSSID_HOME, 6);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &c), ESP_OK);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) CHECK(((const wifi_event_sta_disconnected_t *)r->data)->reason == WIFI_REASON_NO_AP_FOUND);
    /* The authmode threshold rules out the open AP. */
    memset(&c, 0, sizeof c);
    memcpy(c.sta.ssid, "cafe", 4);
    c.sta.threshold.authmode = WIFI_AUTH_WPA2_PSK;
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &c), ESP_OK);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) CHECK(((const wifi_event_sta_disconnected_t *)r->data)->reason == WIFI_REASON_NO_AP_FOUND);
}

static void test_config_errors(void) {
    begin_test("config_errors");
    bring_up(WIFI_MODE_STA);
    add_home();
    wifi_config_t c;
    memset(&c, 0, sizeof c);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_wifi_get_config(WIFI_IF_STA, NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_wifi_set_config((wifi_interface_t)5, &c), ESP_ERR_WIFI_IF);
    CHECK_ERR(esp_wifi_get_config((wifi_interface_t)5, &c), ESP_ERR_WIFI_IF);
    /* WPA threshold with a 7-character password. */
    memcpy(c.sta.ssid, "home", 4);
    memcpy(c.sta.password, "1234567", 7);
    c.sta.threshold.authmode = WIFI_AUTH_WPA2_PSK;
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &c), ESP_ERR_WIFI_PASSWORD);
    const char *state = netfsm_sim_state();
    char want[64];
    snprintf(want, sizeof want, "\"set_config\":{\"sta\":%d,\"ap\":null}", ESP_ERR_WIFI_PASSWORD);
    CHECK(strstr(state, want) != NULL);
    wifi_config_t told;
    CHECK(netfsm_sim_last_config(WIFI_IF_STA, &told) == 1);
    CHECK(memcmp(told.sta.password, "1234567", 8) == 0); /* told, though refused */
    CHECK(netfsm_sim_last_config(WIFI_IF_AP, &told) == 0);
    CHECK(netfsm_sim_last_config(2, &told) == -1);
    /* 64 characters that are not hex. */
    memset(c.sta.password, 'z', 64);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &c), ESP_ERR_WIFI_PASSWORD);
    memset(c.sta.password, 'a', 64);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &c), ESP_OK);
    /* An AP config in station-only mode. */
    wifi_config_t ap;
    memset(&ap, 0, sizeof ap);
    memcpy(ap.ap.ssid, "x", 1);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_AP, &ap), ESP_ERR_WIFI_MODE);
    /* Connect with no SSID. */
    memset(&c, 0, sizeof c);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &c), ESP_OK);
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_START);
    CHECK_ERR(esp_wifi_connect(), ESP_ERR_WIFI_SSID);
    /* set_config while joining. */
    sta_config("home", "correct horse");
    CHECK(netfsm_sim_set("assoc_ms", 150) == 0);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &c), ESP_ERR_WIFI_STATE);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
    CHECK_ERR(esp_wifi_set_storage((wifi_storage_t)3), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_wifi_stop(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_STOP);
    CHECK_ERR(esp_wifi_stop(), ESP_OK); /* again: nothing */
    QUIET(30);
    /* FLASH storage keeps the config across deinit/init; RAM does not. */
    CHECK_ERR(esp_wifi_deinit(), ESP_OK);
    CHECK_ERR(netfsm_wifi_init_default(), ESP_OK);
    CHECK_ERR(esp_wifi_get_config(WIFI_IF_STA, &told), ESP_OK);
    CHECK(strcmp((const char *)told.sta.ssid, "home") == 0);
    CHECK_ERR(esp_wifi_set_storage(WIFI_STORAGE_RAM), ESP_OK);
    sta_config("ramonly", "12345678");
    CHECK_ERR(esp_wifi_deinit(), ESP_OK);
    CHECK_ERR(netfsm_wifi_init_default(), ESP_OK);
    CHECK_ERR(esp_wifi_get_config(WIFI_IF_STA, &told), ESP_OK);
    CHECK(strcmp((const char *)told.sta.ssid, "home") == 0);
    /* Handlers: unregister stops delivery; unknown instances are refused. */
    esp_event_handler_instance_t inst = NULL;
    CHECK_ERR(esp_event_handler_instance_unregister(ESP_EVENT_ANY_BASE, ESP_EVENT_ANY_ID, any_instance),
              ESP_OK);
    CHECK_ERR(esp_event_handler_instance_unregister(ESP_EVENT_ANY_BASE, ESP_EVENT_ANY_ID, any_instance),
              ESP_ERR_NOT_FOUND);
    CHECK_ERR(esp_event_handler_instance_unregister(WIFI_EVENT, 1, NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_event_handler_instance_register(WIFI_EVENT, WIFI_EVENT_STA_START, recorder, NULL, &inst),
              ESP_OK);
    CHECK(inst != NULL);
    CHECK_ERR(esp_event_handler_instance_unregister(WIFI_EVENT, WIFI_EVENT_STA_STOP, inst),
              ESP_ERR_NOT_FOUND);
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_START);
    CHECK_ERR(esp_event_handler_instance_unregister(WIFI_EVENT, WIFI_EVENT_STA_START, inst), ESP_OK);
    CHECK_ERR(esp_wifi_stop(), ESP_OK);
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    QUIET(40);
    CHECK_ERR(esp_wifi_stop(), ESP_OK);
    /* Hostnames. */
    CHECK_ERR(esp_netif_set_hostname(sta_netif, "this-hostname-is-far-too-long-for-lwip"),
              ESP_ERR_ESP_NETIF_INVALID_PARAMS);
    CHECK_ERR(esp_netif_set_hostname(NULL, "x"), ESP_ERR_ESP_NETIF_INVALID_PARAMS);
    const char *hn = NULL;
    CHECK_ERR(esp_netif_get_hostname(ap_netif, &hn), ESP_OK);
    CHECK(hn && strcmp(hn, "espressif") == 0);
}

static void test_scan(void) {
    begin_test("scan");
    bring_up(WIFI_MODE_STA);
    add_home();
    CHECK(netfsm_sim_add_ap("home", "correct horse", BSSID_HOME2, 1, -80, 1) == 2);
    sta_config("home", "correct horse");
    CHECK(netfsm_sim_set("assoc_ms", 150) == 0); /* room to call while joining */
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_START);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    CHECK_ERR(esp_wifi_scan_start(NULL, false), ESP_ERR_WIFI_STATE); /* while joining */
    const rec_t *r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    /* A fast scan takes the first channel: the weaker "home" on channel 1. */
    if (r) CHECK(memcmp(((const wifi_event_sta_connected_t *)r->data)->bssid, BSSID_HOME2, 6) == 0);
    NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
    CHECK_ERR(esp_wifi_scan_start(NULL, false), ESP_OK); /* joined: allowed */
    CHECK_ERR(esp_wifi_scan_start(NULL, false), ESP_ERR_WIFI_STATE); /* one at a time */
    r = NEXT(WIFI_EVENT, WIFI_EVENT_SCAN_DONE);
    if (r) {
        wifi_event_sta_scan_done_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(ev.status == 0 && ev.number == 3);
    }
    uint16_t n = 0;
    CHECK_ERR(esp_wifi_scan_get_ap_num(NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_wifi_scan_get_ap_num(&n), ESP_OK);
    CHECK(n == 3);
    wifi_ap_record_t recs[8];
    n = 2;
    CHECK_ERR(esp_wifi_scan_get_ap_records(&n, NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_wifi_scan_get_ap_records(&n, recs), ESP_OK);
    CHECK(n == 2);
    CHECK(strcmp((const char *)recs[0].ssid, "home") == 0 && recs[0].rssi == -50 && recs[0].primary == 6);
    CHECK(strcmp((const char *)recs[1].ssid, "cafe") == 0 && recs[1].authmode == WIFI_AUTH_OPEN);
    CHECK_ERR(esp_wifi_scan_get_ap_num(&n), ESP_OK);
    CHECK(n == 0); /* reading the records frees the list */
    /* A blocking scan with a filter; the event still follows. */
    uint8_t want[] = "cafe";
    wifi_scan_config_t sc;
    memset(&sc, 0, sizeof sc);
    sc.ssid = want;
    CHECK_ERR(esp_wifi_scan_start(&sc, true), ESP_OK);
    CHECK_ERR(esp_wifi_scan_get_ap_num(&n), ESP_OK);
    CHECK(n == 1);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_SCAN_DONE);
    if (r) CHECK(((const wifi_event_sta_scan_done_t *)r->data)->number == 1);
    CHECK_ERR(esp_wifi_clear_ap_list(), ESP_OK);
    CHECK_ERR(esp_wifi_scan_get_ap_num(&n), ESP_OK);
    CHECK(n == 0);
    /* Channel filter, absent APs are not seen, scan_stop reports a failed scan. */
    CHECK(netfsm_sim_ap_present(1, 0) == 0);
    memset(&sc, 0, sizeof sc);
    sc.channel = 11;
    CHECK_ERR(esp_wifi_scan_start(&sc, true), ESP_OK);
    CHECK_ERR(esp_wifi_scan_get_ap_num(&n), ESP_OK);
    CHECK(n == 0);
    NEXT(WIFI_EVENT, WIFI_EVENT_SCAN_DONE);
    CHECK(netfsm_sim_set("scan_ms", 500) == 0);
    CHECK_ERR(esp_wifi_scan_start(NULL, false), ESP_OK);
    CHECK_ERR(esp_wifi_scan_stop(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_SCAN_DONE);
    if (r) CHECK(((const wifi_event_sta_scan_done_t *)r->data)->status == 1);
    /* Scans need the station interface. */
    CHECK_ERR(esp_wifi_set_mode(WIFI_MODE_AP), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) CHECK(((const wifi_event_sta_disconnected_t *)r->data)->reason == WIFI_REASON_ASSOC_LEAVE);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_STOP);
    NEXT(WIFI_EVENT, WIFI_EVENT_AP_START);
    CHECK_ERR(esp_wifi_scan_start(NULL, false), ESP_ERR_WIFI_MODE);
    CHECK_ERR(esp_wifi_connect(), ESP_ERR_WIFI_MODE);
    CHECK_ERR(esp_wifi_disconnect(), ESP_ERR_WIFI_MODE);
    int rssi;
    CHECK_ERR(esp_wifi_sta_get_rssi(&rssi), ESP_ERR_WIFI_CONN);
}

static void test_disconnect_reason_8(void) {
    begin_test("disconnect_reason_8");
    CHECK(netfsm_sim_set("lost_ip_ms", 40) == 0);
    joined_home();
    CHECK_ERR(esp_wifi_disconnect(), ESP_OK);
    const rec_t *r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) {
        wifi_event_sta_disconnected_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(ev.reason == WIFI_REASON_ASSOC_LEAVE);
        CHECK(memcmp(ev.bssid, BSSID_HOME, 6) == 0);
    }
    r = NEXT(IP_EVENT, IP_EVENT_STA_LOST_IP);
    if (r) CHECK(((const ip_event_got_ip_t *)r->data)->esp_netif == sta_netif);
    /* While only joining: reason 8 at once, and the join never completes. */
    current_test = "disconnect_while_joining";
    CHECK(netfsm_sim_set("assoc_ms", 200) == 0);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    CHECK_ERR(esp_wifi_disconnect(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) CHECK(((const wifi_event_sta_disconnected_t *)r->data)->reason == WIFI_REASON_ASSOC_LEAVE);
    QUIET(250);
    CHECK(netfsm_sim_set("assoc_ms", 20) == 0);
    /* While idle: still reason 8. */
    current_test = "disconnect_while_idle";
    CHECK_ERR(esp_wifi_disconnect(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) CHECK(((const wifi_event_sta_disconnected_t *)r->data)->reason == WIFI_REASON_ASSOC_LEAVE);
    QUIET(40);
    /* A new lease after LOST_IP reports ip_changed; one before it does not. */
    current_test = "ip_changed";
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    r = NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
    if (r) CHECK(((const ip_event_got_ip_t *)r->data)->ip_changed);
    CHECK(netfsm_sim_set("lost_ip_ms", -1) == 0);
    CHECK_ERR(esp_wifi_disconnect(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    r = NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
    if (r) CHECK(!((const ip_event_got_ip_t *)r->data)->ip_changed);
}

static void test_beacon_loss(void) {
    begin_test("beacon_loss");
    CHECK(netfsm_sim_set("lost_ip_ms", -1) == 0);
    joined_home();
    /* Gone and back before the timeout: nothing. */
    CHECK(netfsm_sim_set("beacon_timeout_ms", 300) == 0);
    CHECK(netfsm_sim_ap_present(0, 0) == 0);
    sleep_ms(30);
    CHECK(netfsm_sim_ap_present(0, 1) == 0);
    QUIET(350);
    /* Gone for good. */
    CHECK(netfsm_sim_ap_present(0, 0) == 0);
    const rec_t *r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_BEACON_TIMEOUT);
    if (r) CHECK(!r->has_data);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) {
        wifi_event_sta_disconnected_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(ev.reason == WIFI_REASON_BEACON_TIMEOUT);
        CHECK(memcmp(ev.bssid, BSSID_HOME, 6) == 0);
    }
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    if (r) CHECK(((const wifi_event_sta_disconnected_t *)r->data)->reason == WIFI_REASON_NO_AP_FOUND);
    CHECK(netfsm_sim_ap_present(0, 1) == 0);
    CHECK(netfsm_sim_ap_present(9, 1) == -1);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    r = NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
    if (r) CHECK(!((const ip_event_got_ip_t *)r->data)->ip_changed); /* same lease, no LOST_IP */
}

static void test_softap(void) {
    begin_test("softap");
    bring_up(WIFI_MODE_AP);
    const uint8_t A[6] = {0x10, 0, 0, 0, 0, 0xa}, B[6] = {0x10, 0, 0, 0, 0, 0xb},
                  C[6] = {0x10, 0, 0, 0, 0, 0xc};
    CHECK(netfsm_sim_visitor_join(A) == -1); /* not running */
    wifi_config_t c;
    memset(&c, 0, sizeof c);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_AP, &c), ESP_ERR_WIFI_SSID);
    memcpy(c.ap.ssid, "netfsm-ap", 9);
    c.ap.ssid_len = 9;
    c.ap.authmode = WIFI_AUTH_WPA2_PSK;
    memcpy(c.ap.password, "short", 5);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_AP, &c), ESP_ERR_WIFI_PASSWORD);
    memcpy(c.ap.password, "longenough", 10);
    c.ap.max_connection = 2;
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_AP, &c), ESP_OK);
    wifi_config_t sta;
    memset(&sta, 0, sizeof sta);
    CHECK_ERR(esp_wifi_set_config(WIFI_IF_STA, &sta), ESP_ERR_WIFI_MODE);
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_AP_START);
    CHECK(netfsm_sim_visitor_join(A) == 1);
    const rec_t *r = NEXT(WIFI_EVENT, WIFI_EVENT_AP_STACONNECTED);
    if (r) {
        wifi_event_ap_staconnected_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(memcmp(ev.mac, A, 6) == 0 && ev.aid == 1 && !ev.is_mesh_child);
    }
    r = NEXT(IP_EVENT, IP_EVENT_AP_STAIPASSIGNED);
    if (r) {
        ip_event_ap_staipassigned_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(ev.esp_netif == ap_netif);
        CHECK(ev.ip.addr == ip4(192, 168, 4, 2));
        CHECK(memcmp(ev.mac, A, 6) == 0);
    }
    CHECK(netfsm_sim_visitor_join(A) == -3);
    CHECK(netfsm_sim_visitor_join(B) == 2);
    NEXT(WIFI_EVENT, WIFI_EVENT_AP_STACONNECTED);
    r = NEXT(IP_EVENT, IP_EVENT_AP_STAIPASSIGNED);
    if (r) CHECK(((const ip_event_ap_staipassigned_t *)r->data)->ip.addr == ip4(192, 168, 4, 3));
    CHECK(netfsm_sim_visitor_join(C) == -2); /* max_connection 2 */
    wifi_sta_list_t list;
    CHECK_ERR(esp_wifi_ap_get_sta_list(NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(esp_wifi_ap_get_sta_list(&list), ESP_OK);
    CHECK(list.num == 2 && memcmp(list.sta[0].mac, A, 6) == 0 && list.sta[1].rssi == -45);
    CHECK(netfsm_sim_visitor_leave(A, WIFI_REASON_ASSOC_LEAVE) == 0);
    CHECK(netfsm_sim_visitor_leave(A, WIFI_REASON_ASSOC_LEAVE) == -1);
    r = NEXT(WIFI_EVENT, WIFI_EVENT_AP_STADISCONNECTED);
    if (r) {
        wifi_event_ap_stadisconnected_t ev;
        memcpy(&ev, r->data, sizeof ev);
        CHECK(memcmp(ev.mac, A, 6) == 0 && ev.aid == 1);
#if NETFSM_IDF_AT_LEAST(502)
        CHECK(ev.reason == WIFI_REASON_ASSOC_LEAVE);
#endif
    }
    CHECK(netfsm_sim_visitor_join(C) == 1); /* the freed aid */
    NEXT(WIFI_EVENT, WIFI_EVENT_AP_STACONNECTED);
    NEXT(IP_EVENT, IP_EVENT_AP_STAIPASSIGNED);
    esp_netif_ip_info_t info;
    CHECK_ERR(esp_netif_get_ip_info(ap_netif, &info), ESP_OK);
    CHECK(info.ip.addr == ip4(192, 168, 4, 1));
    CHECK(strstr(netfsm_sim_state(), "\"ssid\":\"netfsm-ap\"") != NULL);
    CHECK_ERR(esp_wifi_connect(), ESP_ERR_WIFI_MODE);
    /* APSTA: the station starts beside the AP. */
    CHECK_ERR(esp_wifi_set_mode(WIFI_MODE_APSTA), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_START);
    CHECK_ERR(esp_wifi_stop(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_STOP);
    NEXT(WIFI_EVENT, WIFI_EVENT_AP_STOP);
    CHECK(netfsm_sim_visitor_join(B) == -1);
}

static esp_event_handler_instance_t self_instance;
static _Atomic int self_calls, self_result = -1;

static void self_remover(void *arg, esp_event_base_t base, int32_t id, void *data) {
    (void)arg;
    (void)data;
    self_calls++;
    self_result = esp_event_handler_instance_unregister(base, id, self_instance);
}

static void test_reentrant_and_slow_handlers(void) {
    begin_test("reentrant");
    bring_up(WIFI_MODE_STA);
    add_home();
    sta_config("home", "correct horse");
    connect_on_start = 1;
    sleep_on_connected = 400;
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_START);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    CHECK(reentrant_calls == 1);
    /* The handler still sleeps in STA_CONNECTED, yet the world moved on: the lease is there. */
    sleep_ms(100);
    CHECK(strstr(netfsm_sim_state(), "\"has_ip\":true") != NULL);
    CHECK(netfsm_sim_pending() > 0); /* GOT_IP queued behind the sleeping handler */
    /* Unregistering from another thread waits for the running call to return, as ESP-IDF's
     * does; the handler is not called again. */
    CHECK(in_connected_sleep == 1);
    CHECK_ERR(esp_event_handler_instance_unregister(ESP_EVENT_ANY_BASE, ESP_EVENT_ANY_ID, any_instance),
              ESP_OK);
    CHECK(in_connected_sleep == 0); /* it returned before unregister did */
    QUIET(50);                      /* GOT_IP went to nobody */

    /* A handler may unregister itself from inside its call (no wait on the event thread). */
    current_test = "self_unregister";
    CHECK_ERR(esp_event_handler_instance_register(WIFI_EVENT, WIFI_EVENT_STA_STOP, self_remover, NULL,
                                                  &self_instance),
              ESP_OK);
    CHECK_ERR(esp_wifi_stop(), ESP_OK);
    CHECK_ERR(esp_wifi_start(), ESP_OK);
    CHECK_ERR(esp_wifi_stop(), ESP_OK);
    settle();
    CHECK(self_calls == 1);
    CHECK(self_result == ESP_OK);
}

static void test_storm(void) {
    begin_test("storm");
    bring_up(WIFI_MODE_STA);
    const int N = 20000;
    CHECK(netfsm_sim_storm(-1) == -1);
    CHECK(netfsm_sim_storm(N) == 0);
    /* The caller's thread keeps calling in meanwhile. */
    wifi_mode_t mode;
    for (int i = 0; i < 2000; i++) {
        if (esp_wifi_get_mode(&mode) != ESP_OK) break;
    }
    int ok = 1;
    for (int i = 0; i < N && ok; i++) {
        const rec_t *r = NEXT(WIFI_EVENT, WIFI_EVENT_AP_STACONNECTED);
        if (r == NULL) {
            ok = 0;
            break;
        }
        wifi_event_ap_staconnected_t ev;
        memcpy(&ev, r->data, sizeof ev);
        uint32_t k = (uint32_t)ev.mac[2] << 24 | (uint32_t)ev.mac[3] << 16 | (uint32_t)ev.mac[4] << 8 | ev.mac[5];
        if (ev.mac[0] != 0x02 || k != (uint32_t)i || ev.aid != (uint8_t)i) {
            ok = 0;
            fprintf(stderr, "storm: event %d carries counter %u\n", i, k);
        }
    }
    CHECK(ok);
    QUIET(20);
    /* A reset in the middle of a storm stops it. */
    CHECK(netfsm_sim_storm(1000000) == 0);
    sleep_ms(5);
    netfsm_sim_reset();
    settle();
    CHECK(netfsm_sim_pending() == 0);
    pthread_mutex_lock(&rec_lock);
    int got = nrec - cursor;
    pthread_mutex_unlock(&rec_lock);
    CHECK(got < 1000000);
    /* Without an event loop, nothing is delivered. */
    CHECK(netfsm_sim_storm(10) == 0);
    CHECK(netfsm_sim_pending() == 0);
}

/* --------------------------------------------------------------- layouts JSON ---- */

/* The [offset, size] the JSON gives for struct.field; false when absent. */
static bool json_field(const char *json, const char *st, const char *field, long *off, long *size) {
    char key[128];
    snprintf(key, sizeof key, "\"%s\":{", st);
    const char *s = strstr(json, key);
    if (s == NULL) return false;
    const char *end = strchr(s + strlen(key), '}');
    snprintf(key, sizeof key, "\"%s\":[", field);
    const char *f = strstr(s, key);
    if (f == NULL || f > end) return false;
    return sscanf(f + strlen(key), "%ld,%ld", off, size) == 2;
}

#define LAYOUT(st, field, o, s)                                                                  \
    do {                                                                                         \
        long off_ = -1, size_ = -1;                                                              \
        checks++;                                                                                \
        if (!json_field(json, st, field, &off_, &size_) || off_ != (o) || size_ != (s)) {        \
            failures++;                                                                          \
            fprintf(stderr, "FAIL [layouts] %s.%s: [%ld,%ld], expected [%d,%d]\n", st, field, off_, \
                    size_, (int)(o), (int)(s));                                                  \
        }                                                                                        \
    } while (0)

static void test_layouts(void) {
    begin_test("layouts");
    const char *json = netfsm_sim_layouts();
    CHECK(json == netfsm_sim_layouts()); /* static */
    int depth = 0, min_depth = 0;
    for (const char *p = json; *p; p++) {
        if (*p == '{') depth++;
        if (*p == '}') depth--;
        if (depth < min_depth) min_depth = depth;
    }
    CHECK(depth == 0 && min_depth == 0 && json[0] == '{');
    int v = netfsm_sim_idf_version();
    CHECK(v == NETFSM_IDF_VERSION);
    bool v54 = v >= 504;
    LAYOUT("wifi_sta_config_t", "ssid", 0, 32);
    LAYOUT("wifi_sta_config_t", "password", 32, 64);
    LAYOUT("wifi_sta_config_t", "scan_method", 96, 4);
    LAYOUT("wifi_sta_config_t", "bssid_set", 100, 1);
    LAYOUT("wifi_sta_config_t", "bssid", 101, 6);
    LAYOUT("wifi_sta_config_t", "channel", 107, 1);
    LAYOUT("wifi_sta_config_t", "listen_interval", 108, 2);
    LAYOUT("wifi_sta_config_t", "sort_method", 112, 4);
    LAYOUT("wifi_sta_config_t", "threshold", 116, v54 ? 12 : 8);
    LAYOUT("wifi_sta_config_t", "threshold.rssi", 116, 1);
    LAYOUT("wifi_sta_config_t", "threshold.authmode", 120, 4);
    if (v54) LAYOUT("wifi_sta_config_t", "threshold.rssi_5g_adjustment", 124, 1);
    LAYOUT("wifi_sta_config_t", "pmf_cfg", v54 ? 128 : 124, 2);
    LAYOUT("wifi_sta_config_t", "sae_pwe_h2e", v54 ? 136 : 132, 4);
    LAYOUT("wifi_sta_config_t", "sae_pk_mode", v54 ? 140 : 136, 4);
    LAYOUT("wifi_sta_config_t", "failure_retry_cnt", v54 ? 144 : 140, 1);
    LAYOUT("wifi_sta_config_t", "sae_h2e_identifier", v54 ? 151 : 147, 32);
    LAYOUT("$sizeof", "wifi_sta_config_t", v54 ? 184 : 180, 4);
    LAYOUT("$sizeof", "wifi_config_t", v54 ? 184 : 180, 4);
    LAYOUT("wifi_config_t", "sta", 0, v54 ? 184 : 180);
    /* The bit fields rm_enabled..transition_disable: byte 126 / 130, bits 0-5. */
    wifi_sta_config_t bits;
    memset(&bits, 0, sizeof bits);
    bits.rm_enabled = 1;
    bits.transition_disable = 1;
    const uint8_t *raw = (const uint8_t *)&bits;
    int at = -1;
    for (size_t i = 0; i < sizeof bits; i++) {
        if (raw[i]) at = (int)i;
    }
    CHECK(at == (v54 ? 130 : 126) && raw[at] == 0x21);

    bool v53 = v >= 503;
    LAYOUT("$sizeof", "wifi_ap_config_t", v >= 505 ? 132 : v53 ? 124 : 120, 4);
    LAYOUT("wifi_ap_config_t", "ssid_len", 96, 1);
    LAYOUT("wifi_ap_config_t", "channel", 97, 1);
    LAYOUT("wifi_ap_config_t", "authmode", 100, 4);
    LAYOUT("wifi_ap_config_t", "ssid_hidden", 104, 1);
    LAYOUT("wifi_ap_config_t", "max_connection", 105, 1);
    LAYOUT("wifi_ap_config_t", "beacon_interval", 106, 2);
    LAYOUT("wifi_ap_config_t", "pairwise_cipher", v53 ? 112 : 108, 4);
    LAYOUT("wifi_ap_config_t", "ftm_responder", v53 ? 116 : 112, 1);
    LAYOUT("wifi_ap_config_t", "pmf_cfg", v53 ? 117 : 113, 2);
    LAYOUT("wifi_ap_config_t", "sae_pwe_h2e", v53 ? 120 : 116, 4);
    if (v53) {
        LAYOUT("wifi_ap_config_t", "csa_count", 108, 1);
        LAYOUT("wifi_ap_config_t", "dtim_period", 109, 1);
    }
    if (v >= 505) {
        LAYOUT("wifi_ap_config_t", "bss_max_idle_cfg", 126, 4);
        LAYOUT("wifi_ap_config_t", "gtk_rekey_interval", 130, 2);
    }
    LAYOUT("$sizeof", "wifi_event_sta_connected_t", 48, 4);
    LAYOUT("wifi_event_sta_connected_t", "ssid_len", 32, 1);
    LAYOUT("wifi_event_sta_connected_t", "bssid", 33, 6);
    LAYOUT("wifi_event_sta_connected_t", "channel", 39, 1);
    LAYOUT("wifi_event_sta_connected_t", "authmode", 40, 4);
    LAYOUT("wifi_event_sta_connected_t", "aid", 44, 2);
    LAYOUT("$sizeof", "wifi_event_sta_disconnected_t", 41, 1);
    LAYOUT("wifi_event_sta_disconnected_t", "reason", 39, 1);
    LAYOUT("wifi_event_sta_disconnected_t", "rssi", 40, 1);
    LAYOUT("$sizeof", "wifi_event_ap_staconnected_t", 8, 1);
    LAYOUT("wifi_event_ap_staconnected_t", "aid", 6, 1);
    LAYOUT("wifi_event_ap_staconnected_t", "is_mesh_child", 7, 1);
    LAYOUT("$sizeof", "wifi_event_ap_stadisconnected_t", v53 ? 10 : v >= 502 ? 9 : 8, v53 ? 2 : 1);
    if (v >= 502) LAYOUT("wifi_event_ap_stadisconnected_t", "reason", 8, v53 ? 2 : 1);
    LAYOUT("$sizeof", "wifi_event_sta_scan_done_t", 8, 4);
    LAYOUT("wifi_ap_record_t", "ssid", 6, 33);
    LAYOUT("wifi_ap_record_t", "primary", 39, 1);
    LAYOUT("wifi_ap_record_t", "second", 40, 4);
    LAYOUT("wifi_ap_record_t", "rssi", 44, 1);
    LAYOUT("wifi_ap_record_t", "authmode", 48, 4);
    LAYOUT("$sizeof", "wifi_ap_record_t", v54 ? 92 : v53 ? 88 : 84, 4);
#if __SIZEOF_POINTER__ == 8
    LAYOUT("$sizeof", "ip_event_got_ip_t", 24, 8);
    LAYOUT("ip_event_got_ip_t", "esp_netif", 0, 8);
    LAYOUT("ip_event_got_ip_t", "ip_info", 8, 12);
    LAYOUT("ip_event_got_ip_t", "ip_info.ip", 8, 4);
    LAYOUT("ip_event_got_ip_t", "ip_info.netmask", 12, 4);
    LAYOUT("ip_event_got_ip_t", "ip_info.gw", 16, 4);
    LAYOUT("ip_event_got_ip_t", "ip_changed", 20, 1);
    LAYOUT("$sizeof", "ip_event_ap_staipassigned_t", 24, 8);
    LAYOUT("ip_event_ap_staipassigned_t", "ip", 8, 4);
    LAYOUT("ip_event_ap_staipassigned_t", "mac", 12, 6);
    if (v >= 600) LAYOUT("ip_event_assigned_ip_to_client_t", "ip", 8, 4);
    LAYOUT("esp_sntp_config_t", "sync_cb", 8, 8);
    LAYOUT("esp_sntp_config_t", "servers", 40, 8);
    LAYOUT("timeval", "tv_sec", 0, 8);
#endif
}

/* The mdns component: its codes, the interfaces it follows, and mdns_free waiting (as the event
 * loop's lock makes it) while a handler is being called. */
static void test_mdns(void) {
    begin_test("mdns");
    char name[MDNS_NAME_BUF_LEN];
    CHECK_ERR(mdns_hostname_set("a"), ESP_ERR_INVALID_ARG); /* no server yet */
    CHECK_ERR(mdns_hostname_get(name), ESP_ERR_INVALID_STATE);
    CHECK_ERR(mdns_init(), ESP_ERR_INVALID_STATE); /* no default loop to register with */
    mdns_free();                                   /* nothing to free */
    joined_home();
    CHECK_ERR(mdns_init(), ESP_OK);
    CHECK_ERR(mdns_init(), ESP_OK); /* running: nothing more */
    CHECK_ERR(mdns_hostname_get(NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(mdns_hostname_get(name), ESP_ERR_INVALID_STATE); /* no name yet */
    CHECK_ERR(mdns_hostname_set(NULL), ESP_ERR_INVALID_ARG);
    CHECK_ERR(mdns_hostname_set(""), ESP_ERR_INVALID_ARG);
    char longest[MDNS_NAME_MAX_LEN + 2];
    memset(longest, 'x', MDNS_NAME_MAX_LEN + 1);
    longest[MDNS_NAME_MAX_LEN + 1] = 0;
    CHECK_ERR(mdns_hostname_set(longest), ESP_ERR_INVALID_ARG);
    longest[MDNS_NAME_MAX_LEN] = 0;
    CHECK_ERR(mdns_hostname_set(longest), ESP_OK);
    CHECK_ERR(mdns_hostname_set("netfsm-test"), ESP_OK);
    CHECK_ERR(mdns_hostname_get(name), ESP_OK);
    CHECK(strcmp(name, "netfsm-test") == 0);
    /* Both default interfaces have an address at init: the station's lease, the soft-AP's own. */
    CHECK(strstr(netfsm_sim_state(), "\"mdns\":{\"inited\":true,\"hostname\":\"netfsm-test\",\"sta\":true,\"ap\":true,\"inits\":1,\"frees\":0}") != NULL);
    CHECK_ERR(esp_wifi_disconnect(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    settle();
    CHECK(strstr(netfsm_sim_state(), "\"sta\":false,\"ap\":true,\"inits\":1") != NULL);
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
    settle();
    CHECK(strstr(netfsm_sim_state(), "\"sta\":true,\"ap\":true,\"inits\":1") != NULL);
    CHECK_ERR(esp_wifi_disconnect(), ESP_OK);
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED);
    settle();
    sleep_on_connected = 200;
    CHECK_ERR(esp_wifi_connect(), ESP_OK);
    for (int i = 0; i < 2000 && !in_connected_sleep; i++) sleep_ms(1);
    CHECK(in_connected_sleep);
    mdns_free();
    CHECK(!in_connected_sleep); /* it returned only once the handler had */
    NEXT(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED);
    NEXT(IP_EVENT, IP_EVENT_STA_GOT_IP);
    settle();
    CHECK(strstr(netfsm_sim_state(), "\"mdns\":{\"inited\":false,\"hostname\":null,\"sta\":false,\"ap\":false,\"inits\":1,\"frees\":1}") != NULL);
    CHECK(strstr(netfsm_sim_state(), "\"handlers\":1,") != NULL); /* only the recorder */
    CHECK_ERR(mdns_hostname_set("netfsm-test"), ESP_ERR_INVALID_ARG);
    CHECK_ERR(mdns_init(), ESP_OK); /* after the lease: on the station at once */
    CHECK(strstr(netfsm_sim_state(), "\"mdns\":{\"inited\":true,\"hostname\":null,\"sta\":true") != NULL);
    mdns_free();
    sleep_on_connected = 0;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    main_thread = pthread_self();
    recs = calloc(REC_MAX, sizeof *recs);
    if (recs == NULL) return 2;
    test_before_init();
    test_connect_sequence();
    test_wrong_password_and_no_ap();
    test_config_errors();
    test_scan();
    test_disconnect_reason_8();
    test_beacon_loss();
    test_softap();
    test_reentrant_and_slow_handlers();
    test_storm();
    test_layouts();
    test_mdns();
    netfsm_sim_reset();
    settle();
    free(recs);
    printf("sim_test (IDF %d): %d checks, %d failed\n", NETFSM_IDF_VERSION, checks, failures);
    return failures ? 1 : 0;
}
