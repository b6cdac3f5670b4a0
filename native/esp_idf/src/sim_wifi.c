/*
 * netfsm ESP-IDF stand-in: esp_wifi_* and the wifi task's timer actions (association, DHCP,
 * beacon loss, lost IP, scan, SNTP answer, visitor lease).
 */
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

ESP_EVENT_DEFINE_BASE(WIFI_EVENT);

/* Stand-ins for the link-time globals WIFI_INIT_CONFIG_DEFAULT() reads. */
wifi_osi_funcs_t g_wifi_osi_funcs = {._version = 1};
const wpa_crypto_funcs_t g_wifi_default_wpa_crypto_funcs = {.size = sizeof(wpa_crypto_funcs_t),
                                                            .version = 1};
uint64_t g_wifi_feature_caps = 0;

/* Espressif's OUI; the soft-AP's address is the station's plus one, as on a device. */
static const uint8_t STA_MAC[6] = {0x24, 0x0a, 0xc4, 0x12, 0x34, 0x56};
static const uint8_t AP_MAC[6] = {0x24, 0x0a, 0xc4, 0x12, 0x34, 0x57};

static bool has_sta(wifi_mode_t m) { return m == WIFI_MODE_STA || m == WIFI_MODE_APSTA; }
static bool has_ap(wifi_mode_t m) { return m == WIFI_MODE_AP || m == WIFI_MODE_APSTA; }

bool sim_ap_running(void) { return sim.inited && sim.started && sim.ap_up; }

static void default_ap_config(wifi_config_t *c) {
    memset(c, 0, sizeof *c);
    static const char hex[] = "0123456789ABCDEF";
    char name[11] = "ESP_";
    for (int i = 0; i < 3; i++) {
        name[4 + 2 * i] = hex[AP_MAC[3 + i] >> 4];
        name[5 + 2 * i] = hex[AP_MAC[3 + i] & 15];
    }
    memcpy(c->ap.ssid, name, 10);
    c->ap.ssid_len = 10;
    c->ap.channel = 1;
    c->ap.authmode = WIFI_AUTH_OPEN;
    c->ap.max_connection = 4;
    c->ap.beacon_interval = 100;
}

void sim_settings_default(sim_settings_t *s) {
    s->assoc_ms = 20;
    s->dhcp_ms = 20;
    s->scan_ms = 30;
    s->beacon_timeout_ms = 50;
    s->lost_ip_ms = 200;
    s->sntp_ms = 20;
    s->visitor_dhcp_ms = 10;
    s->wrong_password_reason = WIFI_REASON_4WAY_HANDSHAKE_TIMEOUT;
    s->sta_ip_host = 100;
    s->sntp_epoch = 1735689600; /* 2025-01-01T00:00:00Z */
    s->visitor_rssi = -45;
}

void sim_wifi_reset_state(void) {
    sim.inited = sim.started = false;
    sim.mode = WIFI_MODE_NULL;
    sim.storage = WIFI_STORAGE_FLASH;
    memset(&sim.sta_cfg, 0, sizeof sim.sta_cfg);
    default_ap_config(&sim.ap_cfg);
    memset(&sim.nvs_sta, 0, sizeof sim.nvs_sta);
    memset(&sim.nvs_ap, 0, sizeof sim.nvs_ap);
    sim.nvs_sta_set = sim.nvs_ap_set = false;
    memset(sim.told, 0, sizeof sim.told);
    sim.told_set[0] = sim.told_set[1] = false;
    sim.told_result[0] = sim.told_result[1] = ESP_OK;
    sim.sta_up = sim.ap_up = false;
    sim.sta = STA_IDLE;
    sim.sta_ap = -1;
    memset(&sim.attempt, 0, sizeof sim.attempt);
    sim.has_ip = false;
    memset(sim.ip, 0, 4);
    memset(sim.gw, 0, 4);
    memset(sim.mask, 0, 4);
    sim.prev_ip_valid = false;
    memset(sim.prev_ip, 0, 4);
    sim.dhcp_hostname[0] = 0;
    sim.dhcp_hostname_valid = false;
    sim.scanning = false;
    sim.scan_finished = sim.scan_started;
    sim.scan_last_ok = false;
    sim.scan_n = 0;
    sim.scan_id = 0;
    memset(sim.visitors, 0, sizeof sim.visitors);
    sim.n_posted = sim.n_delivered = sim.n_dropped = 0;
    sim.n_connect = sim.n_disconnect = sim.n_scan = 0;
}

static size_t ssid_len32(const uint8_t *s) {
    size_t n = 0;
    while (n < 32 && s[n]) n++;
    return n;
}

static size_t pw_len64(const uint8_t *s) {
    size_t n = 0;
    while (n < 64 && s[n]) n++;
    return n;
}

static bool all_hex(const uint8_t *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex) return false;
    }
    return true;
}

/* ------------------------------------------------------------- station events ---- */

static void post_sta_disconnected(uint8_t reason, const uint8_t *ssid, size_t ssid_len,
                                  const uint8_t *bssid, int8_t rssi) {
    wifi_event_sta_disconnected_t ev;
    memset(&ev, 0, sizeof ev);
    if (ssid_len > 32) ssid_len = 32;
    memcpy(ev.ssid, ssid, ssid_len);
    ev.ssid_len = (uint8_t)ssid_len;
    if (bssid) memcpy(ev.bssid, bssid, 6);
    ev.reason = reason;
    ev.rssi = rssi;
    sim_post(WIFI_EVENT, WIFI_EVENT_STA_DISCONNECTED, &ev, sizeof ev);
}

/*
 * The station leaves whatever it was doing (joining or joined) and posts STA_DISCONNECTED with
 * `reason`, naming the AP it was joined to, or else the SSID (and BSSID, if set) it was
 * looking for. A station that had an address starts the lost-IP timer.
 */
static void sta_drop_link(uint8_t reason) {
    sim_timer_cancel(T_ASSOC, NULL);
    sim_timer_cancel(T_DHCP, NULL);
    sim_timer_cancel(T_BEACON, NULL);
    if (sim.sta == STA_CONNECTED && sim.sta_ap >= 0) {
        const sim_ap_t *ap = &sim.aps[sim.sta_ap];
        post_sta_disconnected(reason, ap->ssid, ap->ssid_len, ap->bssid, ap->rssi);
    } else {
        const wifi_sta_config_t *c = sim.sta == STA_CONNECTING ? &sim.attempt : &sim.sta_cfg.sta;
        post_sta_disconnected(reason, c->ssid, ssid_len32(c->ssid), c->bssid_set ? c->bssid : NULL,
                              0);
    }
    if (sim.has_ip) {
        sim.has_ip = false;
        sim_timer_cancel(T_SNTP, NULL);
        sim_timer_add(T_LOST_IP, sim.set.lost_ip_ms, NULL);
    }
    sim.sta = STA_IDLE;
    sim.sta_ap = -1;
}

/* The AP an attempt with config `c` would join: -1 when none qualifies. */
static int choose_ap(const wifi_sta_config_t *c) {
    size_t want = ssid_len32(c->ssid);
    int best = -1;
    for (int i = 0; i < sim.nap; i++) {
        const sim_ap_t *ap = &sim.aps[i];
        if (!ap->present || ap->ssid_len != want || memcmp(ap->ssid, c->ssid, want) != 0) continue;
        if (c->bssid_set && memcmp(ap->bssid, c->bssid, 6) != 0) continue;
        if (ap->authmode < c->threshold.authmode) continue;
        if (c->threshold.rssi != 0 && ap->rssi < c->threshold.rssi) continue;
        if (best < 0) {
            best = i;
            continue;
        }
        const sim_ap_t *b = &sim.aps[best];
        bool better;
        if (c->scan_method == WIFI_ALL_CHANNEL_SCAN) {
            if (c->sort_method == WIFI_CONNECT_AP_BY_SECURITY && ap->authmode != b->authmode) {
                better = ap->authmode > b->authmode;
            } else {
                better = ap->rssi > b->rssi;
            }
        } else {
            better = ap->channel < b->channel; /* a fast scan stops at the first channel */
        }
        if (better) best = i;
    }
    return best;
}

static void on_assoc(void) {
    if (sim.sta != STA_CONNECTING) return;
    int idx = choose_ap(&sim.attempt);
    if (idx < 0) {
        sta_drop_link(WIFI_REASON_NO_AP_FOUND);
        return;
    }
    const sim_ap_t *ap = &sim.aps[idx];
    if (ap->authmode != WIFI_AUTH_OPEN) {
        size_t n = pw_len64(sim.attempt.password);
        if (n != strlen(ap->psk) || memcmp(sim.attempt.password, ap->psk, n) != 0) {
            post_sta_disconnected((uint8_t)sim.set.wrong_password_reason, ap->ssid, ap->ssid_len,
                                  ap->bssid, ap->rssi);
            sim.sta = STA_IDLE;
            return;
        }
    }
    sim.sta = STA_CONNECTED;
    sim.sta_ap = idx;
    wifi_event_sta_connected_t ev;
    memset(&ev, 0, sizeof ev);
    memcpy(ev.ssid, ap->ssid, ap->ssid_len);
    ev.ssid_len = (uint8_t)ap->ssid_len;
    memcpy(ev.bssid, ap->bssid, 6);
    ev.channel = ap->channel;
    ev.authmode = ap->authmode;
    ev.aid = 1;
    sim_post(WIFI_EVENT, WIFI_EVENT_STA_CONNECTED, &ev, sizeof ev);
    if (sim.sta_netif_made) sim_timer_add(T_DHCP, sim.set.dhcp_ms, NULL);
}

static void on_dhcp(void) {
    if (sim.sta != STA_CONNECTED || sim.sta_ap < 0 || sim.has_ip) return;
    const sim_ap_t *ap = &sim.aps[sim.sta_ap];
    uint8_t ip[4] = {192, 168, ap->subnet, (uint8_t)sim.set.sta_ip_host};
    bool changed = !sim.prev_ip_valid || memcmp(sim.prev_ip, ip, 4) != 0;
    memcpy(sim.ip, ip, 4);
    memcpy(sim.gw, ip, 3);
    sim.gw[3] = 1;
    memcpy(sim.mask, (const uint8_t[]){255, 255, 255, 0}, 4);
    memcpy(sim.prev_ip, ip, 4);
    sim.prev_ip_valid = true;
    sim.has_ip = true;
    sim_timer_cancel(T_LOST_IP, NULL);
    memcpy(sim.dhcp_hostname, sim.sta_netif.hostname, sizeof sim.dhcp_hostname);
    sim.dhcp_hostname_valid = true;
    ip_event_got_ip_t ev;
    memset(&ev, 0, sizeof ev);
    ev.esp_netif = &sim.sta_netif;
    memcpy(&ev.ip_info.ip.addr, sim.ip, 4);
    memcpy(&ev.ip_info.netmask.addr, sim.mask, 4);
    memcpy(&ev.ip_info.gw.addr, sim.gw, 4);
    ev.ip_changed = changed;
    sim_post(IP_EVENT, IP_EVENT_STA_GOT_IP, &ev, sizeof ev);
    sim_sntp_kick();
}

static void on_beacon_lost(void) {
    if (sim.sta != STA_CONNECTED || sim.sta_ap < 0 || sim.aps[sim.sta_ap].present) return;
    sim_post(WIFI_EVENT, WIFI_EVENT_STA_BEACON_TIMEOUT, NULL, 0);
    sta_drop_link(WIFI_REASON_BEACON_TIMEOUT);
}

static void on_lost_ip(void) {
    if (sim.has_ip || !sim.prev_ip_valid) return;
    sim.prev_ip_valid = false;
    ip_event_got_ip_t ev;
    memset(&ev, 0, sizeof ev);
    ev.esp_netif = &sim.sta_netif;
    sim_post(IP_EVENT, IP_EVENT_STA_LOST_IP, &ev, sizeof ev);
}

static int by_rssi_desc(const void *a, const void *b) {
    const wifi_ap_record_t *x = a, *y = b;
    if (x->rssi != y->rssi) return y->rssi - x->rssi;
    return x->primary - y->primary;
}

static void scan_finish(bool ok) {
    sim.scanning = false;
    sim.scan_finished = sim.scan_started;
    sim.scan_last_ok = ok;
    sim.scan_id++;
    pthread_cond_broadcast(&sim.scan_cv);
    wifi_event_sta_scan_done_t ev;
    memset(&ev, 0, sizeof ev);
    ev.status = ok ? 0 : 1;
    ev.number = ok ? (uint8_t)sim.scan_n : 0;
    ev.scan_id = sim.scan_id;
    sim_post(WIFI_EVENT, WIFI_EVENT_SCAN_DONE, &ev, sizeof ev);
}

static void on_scan(void) {
    if (!sim.scanning) return;
    uint16_t n = 0;
    for (int i = 0; i < sim.nap; i++) {
        const sim_ap_t *ap = &sim.aps[i];
        if (!ap->present) continue;
        if (sim.scan_filter_ssid_set) {
            size_t want = strlen((const char *)sim.scan_filter_ssid);
            if (ap->ssid_len != want || memcmp(ap->ssid, sim.scan_filter_ssid, want) != 0) continue;
        }
        if (sim.scan_filter_bssid_set && memcmp(ap->bssid, sim.scan_filter_bssid, 6) != 0) continue;
        if (sim.scan_filter_channel && ap->channel != sim.scan_filter_channel) continue;
        wifi_ap_record_t *r = &sim.scan_list[n++];
        memset(r, 0, sizeof *r);
        memcpy(r->bssid, ap->bssid, 6);
        memcpy(r->ssid, ap->ssid, ap->ssid_len);
        r->primary = ap->channel;
        r->second = WIFI_SECOND_CHAN_NONE;
        r->rssi = ap->rssi;
        r->authmode = ap->authmode;
    }
    qsort(sim.scan_list, n, sizeof sim.scan_list[0], by_rssi_desc);
    sim.scan_n = n;
    scan_finish(true);
}

static void on_sntp(void) {
    if (!sim.sntp_started || !sim.has_ip || sim.set.sntp_epoch <= 0) return;
    sim.sntp_syncs++;
    if (sim.sntp_cb) sim_post_sntp(sim.sntp_cb, sim.set.sntp_epoch);
}

static sim_visitor_t *find_visitor(const uint8_t *mac) {
    for (int i = 0; i < SIM_MAX_VISITORS; i++) {
        if (sim.visitors[i].used && memcmp(sim.visitors[i].mac, mac, 6) == 0) return &sim.visitors[i];
    }
    return NULL;
}

static void on_visitor_dhcp(const uint8_t *mac) {
    sim_visitor_t *v = find_visitor(mac);
    if (v == NULL || v->has_ip || !sim.ap_netif_made) return;
    v->has_ip = true;
    ip_event_ap_staipassigned_t ev;
    memset(&ev, 0, sizeof ev);
    ev.esp_netif = &sim.ap_netif;
    uint8_t ip[4] = {192, 168, 4, (uint8_t)(v->aid + 1)};
    memcpy(&ev.ip.addr, ip, 4);
    memcpy(ev.mac, v->mac, 6);
    sim_post(IP_EVENT, IP_EVENT_AP_STAIPASSIGNED, &ev, sizeof ev);
}

void sim_wifi_timer(sim_timer_kind_t kind, const uint8_t *mac) {
    switch (kind) {
    case T_ASSOC: on_assoc(); break;
    case T_DHCP: on_dhcp(); break;
    case T_BEACON: on_beacon_lost(); break;
    case T_LOST_IP: on_lost_ip(); break;
    case T_SCAN: on_scan(); break;
    case T_SNTP: on_sntp(); break;
    case T_VISITOR_DHCP: on_visitor_dhcp(mac); break;
    }
}

/* ------------------------------------------------------------ world hooks ---- */

int sim_world_visitor_join(const uint8_t *mac) {
    if (!sim_ap_running()) return -1;
    int count = 0;
    bool used[SIM_MAX_VISITORS + 2] = {false};
    for (int i = 0; i < SIM_MAX_VISITORS; i++) {
        if (!sim.visitors[i].used) continue;
        count++;
        used[sim.visitors[i].aid] = true;
    }
    int max = sim.ap_cfg.ap.max_connection ? sim.ap_cfg.ap.max_connection : 4;
    if (max > SIM_MAX_VISITORS) max = SIM_MAX_VISITORS;
    if (find_visitor(mac)) return -3;
    if (count >= max) return -2;
    int aid = 1;
    while (used[aid]) aid++;
    sim_visitor_t *v = NULL;
    for (int i = 0; i < SIM_MAX_VISITORS && v == NULL; i++) {
        if (!sim.visitors[i].used) v = &sim.visitors[i];
    }
    if (v == NULL) return -2;
    memset(v, 0, sizeof *v);
    v->used = true;
    memcpy(v->mac, mac, 6);
    v->aid = (uint8_t)aid;
    wifi_event_ap_staconnected_t ev;
    memset(&ev, 0, sizeof ev);
    memcpy(ev.mac, mac, 6);
    ev.aid = (uint8_t)aid;
    ev.is_mesh_child = false;
    sim_post(WIFI_EVENT, WIFI_EVENT_AP_STACONNECTED, &ev, sizeof ev);
    if (sim.ap_netif_made) sim_timer_add(T_VISITOR_DHCP, sim.set.visitor_dhcp_ms, mac);
    return aid;
}

int sim_world_visitor_leave(const uint8_t *mac, int reason) {
    sim_visitor_t *v = find_visitor(mac);
    if (v == NULL) return -1;
    sim_timer_cancel(T_VISITOR_DHCP, mac);
    wifi_event_ap_stadisconnected_t ev;
    memset(&ev, 0, sizeof ev);
    memcpy(ev.mac, mac, 6);
    ev.aid = v->aid;
    ev.is_mesh_child = false;
#if NETFSM_IDF_AT_LEAST(503)
    ev.reason = (uint16_t)reason;
#elif NETFSM_IDF_AT_LEAST(502)
    ev.reason = (uint8_t)reason;
#else
    (void)reason;
#endif
    memset(v, 0, sizeof *v);
    sim_post(WIFI_EVENT, WIFI_EVENT_AP_STADISCONNECTED, &ev, sizeof ev);
    return 0;
}

void sim_world_ap_presence_changed(int id) {
    if (sim.sta != STA_CONNECTED || sim.sta_ap != id) return;
    if (sim.aps[id].present) {
        sim_timer_cancel(T_BEACON, NULL);
    } else if (!sim_timer_pending(T_BEACON)) {
        sim_timer_add(T_BEACON, sim.set.beacon_timeout_ms, NULL);
    }
}

/* ------------------------------------------------------------------ esp_wifi ---- */

#define ENTER()    \
    sim_ensure(); \
    sim_lock();   \
    esp_err_t r = ESP_OK
#define LEAVE()     \
    sim_unlock(); \
    return r
#define FAIL_IF(cond, code) \
    if (cond) {             \
        r = (code);         \
        goto out;           \
    }

esp_err_t esp_wifi_init(const wifi_init_config_t *config) {
    ENTER();
    FAIL_IF(config == NULL, ESP_ERR_INVALID_ARG);
    FAIL_IF(config->magic != WIFI_INIT_CONFIG_MAGIC || config->osi_funcs == NULL,
            ESP_ERR_INVALID_ARG);
    if (sim.inited) goto out;
    sim.inited = true;
    sim.started = false;
    sim.mode = WIFI_MODE_STA;
    sim.storage = WIFI_STORAGE_FLASH;
    if (sim.nvs_sta_set) {
        sim.sta_cfg = sim.nvs_sta;
    } else {
        memset(&sim.sta_cfg, 0, sizeof sim.sta_cfg);
    }
    if (sim.nvs_ap_set) {
        sim.ap_cfg = sim.nvs_ap;
    } else {
        default_ap_config(&sim.ap_cfg);
    }
out:
    LEAVE();
}

esp_err_t esp_wifi_deinit(void) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(sim.started, ESP_ERR_WIFI_NOT_STOPPED);
    sim.inited = false;
    sim.mode = WIFI_MODE_NULL;
    sim.scan_n = 0;
    memset(&sim.sta_cfg, 0, sizeof sim.sta_cfg);
    default_ap_config(&sim.ap_cfg);
out:
    LEAVE();
}

static void sta_stop(void) {
    if (sim.scanning) {
        sim_timer_cancel(T_SCAN, NULL);
        scan_finish(false);
    }
    if (sim.sta != STA_IDLE) sta_drop_link(WIFI_REASON_ASSOC_LEAVE);
    sim.sta_up = false;
    sim_post(WIFI_EVENT, WIFI_EVENT_STA_STOP, NULL, 0);
}

static void ap_stop(void) {
    sim_timer_cancel(T_VISITOR_DHCP, NULL);
    memset(sim.visitors, 0, sizeof sim.visitors);
    sim.ap_up = false;
    sim_post(WIFI_EVENT, WIFI_EVENT_AP_STOP, NULL, 0);
}

static void sta_start(void) {
    sim.sta_up = true;
    sim_post(WIFI_EVENT, WIFI_EVENT_STA_START, NULL, 0);
}

static void ap_start(void) {
    sim.ap_up = true;
    sim_post(WIFI_EVENT, WIFI_EVENT_AP_START, NULL, 0);
}

esp_err_t esp_wifi_set_mode(wifi_mode_t mode) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF((unsigned)mode > WIFI_MODE_APSTA, ESP_ERR_INVALID_ARG);
    if (sim.started) {
        if (sim.sta_up && !has_sta(mode)) sta_stop();
        if (sim.ap_up && !has_ap(mode)) ap_stop();
        if (!sim.sta_up && has_sta(mode)) sta_start();
        if (!sim.ap_up && has_ap(mode)) ap_start();
    }
    sim.mode = mode;
out:
    LEAVE();
}

esp_err_t esp_wifi_get_mode(wifi_mode_t *mode) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(mode == NULL, ESP_ERR_INVALID_ARG);
    *mode = sim.mode;
out:
    LEAVE();
}

esp_err_t esp_wifi_start(void) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    if (sim.started) goto out;
    sim.started = true;
    if (has_sta(sim.mode)) sta_start();
    if (has_ap(sim.mode)) ap_start();
out:
    LEAVE();
}

esp_err_t esp_wifi_stop(void) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    if (!sim.started) goto out;
    if (sim.sta_up) sta_stop();
    if (sim.ap_up) ap_stop();
    sim.started = false;
out:
    LEAVE();
}

esp_err_t esp_wifi_connect(void) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(!sim.started, ESP_ERR_WIFI_NOT_STARTED);
    FAIL_IF(!has_sta(sim.mode), ESP_ERR_WIFI_MODE);
    FAIL_IF(ssid_len32(sim.sta_cfg.sta.ssid) == 0, ESP_ERR_WIFI_SSID);
    FAIL_IF(sim.sta != STA_IDLE, ESP_ERR_WIFI_CONN);
    sim.attempt = sim.sta_cfg.sta;
    sim.sta = STA_CONNECTING;
    sim.n_connect++;
    sim_timer_add(T_ASSOC, sim.set.assoc_ms, NULL);
out:
    LEAVE();
}

esp_err_t esp_wifi_disconnect(void) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(!sim.started, ESP_ERR_WIFI_NOT_STARTED);
    FAIL_IF(!has_sta(sim.mode), ESP_ERR_WIFI_MODE);
    sim.n_disconnect++;
    sta_drop_link(WIFI_REASON_ASSOC_LEAVE); /* always posts STA_DISCONNECTED, reason 8 */
out:
    LEAVE();
}

esp_err_t esp_wifi_scan_start(const wifi_scan_config_t *config, bool block) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(!sim.started, ESP_ERR_WIFI_NOT_STARTED);
    FAIL_IF(!has_sta(sim.mode), ESP_ERR_WIFI_MODE);
    FAIL_IF(sim.sta == STA_CONNECTING || sim.scanning, ESP_ERR_WIFI_STATE);
    memset(sim.scan_filter_ssid, 0, sizeof sim.scan_filter_ssid);
    sim.scan_filter_ssid_set = sim.scan_filter_bssid_set = false;
    sim.scan_filter_channel = 0;
    if (config) {
        if (config->ssid) {
            size_t n = ssid_len32(config->ssid);
            memcpy(sim.scan_filter_ssid, config->ssid, n);
            sim.scan_filter_ssid_set = true;
        }
        if (config->bssid) {
            memcpy(sim.scan_filter_bssid, config->bssid, 6);
            sim.scan_filter_bssid_set = true;
        }
        sim.scan_filter_channel = config->channel;
    }
    sim.scanning = true;
    uint64_t mine = ++sim.scan_started;
    uint64_t gen = sim.gen;
    sim.n_scan++;
    sim_timer_add(T_SCAN, sim.set.scan_ms, NULL);
    if (block) {
        /* The wifi task finishes the scan; it never waits for handlers, so this cannot hang
         * on a handler that is waiting for this thread. */
        while (sim.scan_finished < mine && sim.gen == gen && !sim.quit) {
            pthread_cond_wait(&sim.scan_cv, &sim.lock);
        }
        if (sim.gen != gen || !sim.scan_last_ok || sim.scan_finished != mine) r = ESP_FAIL;
    }
out:
    LEAVE();
}

esp_err_t esp_wifi_scan_stop(void) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(!sim.started, ESP_ERR_WIFI_NOT_STARTED);
    if (sim.scanning) {
        sim_timer_cancel(T_SCAN, NULL);
        scan_finish(false);
    }
out:
    LEAVE();
}

esp_err_t esp_wifi_scan_get_ap_num(uint16_t *number) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(number == NULL, ESP_ERR_INVALID_ARG);
    FAIL_IF(!sim.started, ESP_ERR_WIFI_NOT_STARTED);
    *number = sim.scan_n;
out:
    LEAVE();
}

esp_err_t esp_wifi_scan_get_ap_records(uint16_t *number, wifi_ap_record_t *ap_records) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(number == NULL || ap_records == NULL, ESP_ERR_INVALID_ARG);
    FAIL_IF(!sim.started, ESP_ERR_WIFI_NOT_STARTED);
    uint16_t n = *number < sim.scan_n ? *number : sim.scan_n;
    memcpy(ap_records, sim.scan_list, n * sizeof *ap_records);
    *number = n;
    sim.scan_n = 0; /* ESP-IDF frees the list once the records are read */
out:
    LEAVE();
}

esp_err_t esp_wifi_clear_ap_list(void) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(!sim.started, ESP_ERR_WIFI_NOT_STARTED);
    sim.scan_n = 0;
out:
    LEAVE();
}

esp_err_t esp_wifi_sta_get_ap_info(wifi_ap_record_t *ap_info) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(ap_info == NULL, ESP_ERR_INVALID_ARG);
    FAIL_IF(!has_sta(sim.mode), ESP_ERR_WIFI_CONN);
    FAIL_IF(sim.sta != STA_CONNECTED || sim.sta_ap < 0, ESP_ERR_WIFI_NOT_CONNECT);
    const sim_ap_t *ap = &sim.aps[sim.sta_ap];
    memset(ap_info, 0, sizeof *ap_info);
    memcpy(ap_info->bssid, ap->bssid, 6);
    memcpy(ap_info->ssid, ap->ssid, ap->ssid_len);
    ap_info->primary = ap->channel;
    ap_info->second = WIFI_SECOND_CHAN_NONE;
    ap_info->rssi = ap->rssi;
    ap_info->authmode = ap->authmode;
out:
    LEAVE();
}

esp_err_t esp_wifi_sta_get_rssi(int *rssi) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(rssi == NULL, ESP_ERR_INVALID_ARG);
    FAIL_IF(!has_sta(sim.mode), ESP_ERR_WIFI_CONN);
    FAIL_IF(sim.sta != STA_CONNECTED || sim.sta_ap < 0, ESP_ERR_WIFI_NOT_CONNECT);
    *rssi = sim.aps[sim.sta_ap].rssi;
out:
    LEAVE();
}

esp_err_t esp_wifi_get_mac(wifi_interface_t ifx, uint8_t mac[6]) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(mac == NULL, ESP_ERR_INVALID_ARG);
    FAIL_IF(ifx != WIFI_IF_STA && ifx != WIFI_IF_AP, ESP_ERR_WIFI_IF);
    memcpy(mac, ifx == WIFI_IF_STA ? STA_MAC : AP_MAC, 6);
out:
    LEAVE();
}

static esp_err_t check_sta_config(const wifi_sta_config_t *c) {
    size_t pw = pw_len64(c->password);
    if (c->threshold.authmode >= WIFI_AUTH_WPA_PSK && pw > 0 && pw < 8) return ESP_ERR_WIFI_PASSWORD;
    if (pw == 64 && !all_hex(c->password, 64)) return ESP_ERR_WIFI_PASSWORD;
    return ESP_OK;
}

static esp_err_t check_ap_config(const wifi_ap_config_t *c) {
    if (c->ssid_len > 32) return ESP_ERR_WIFI_SSID;
    size_t n = c->ssid_len ? c->ssid_len : ssid_len32(c->ssid);
    if (n == 0) return ESP_ERR_WIFI_SSID;
    if (c->authmode != WIFI_AUTH_OPEN) {
        size_t pw = pw_len64(c->password);
        if (pw < 8) return ESP_ERR_WIFI_PASSWORD;
        if (pw == 64 && !all_hex(c->password, 64)) return ESP_ERR_WIFI_PASSWORD;
    }
    if (c->channel > 14) return ESP_ERR_INVALID_ARG;
    if (c->max_connection > ESP_WIFI_MAX_CONN_NUM) return ESP_ERR_INVALID_ARG;
    return ESP_OK;
}

esp_err_t esp_wifi_set_config(wifi_interface_t interface, wifi_config_t *conf) {
    ENTER();
    bool recorded = false;
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(interface != WIFI_IF_STA && interface != WIFI_IF_AP, ESP_ERR_WIFI_IF);
    FAIL_IF(conf == NULL, ESP_ERR_INVALID_ARG);
    sim.told[interface] = *conf;
    sim.told_set[interface] = true;
    recorded = true;
    if (interface == WIFI_IF_STA) {
        FAIL_IF(!has_sta(sim.mode), ESP_ERR_WIFI_MODE);
        FAIL_IF(sim.sta == STA_CONNECTING, ESP_ERR_WIFI_STATE);
        r = check_sta_config(&conf->sta);
        if (r != ESP_OK) goto out;
        sim.sta_cfg = *conf;
        if (sim.storage == WIFI_STORAGE_FLASH) {
            sim.nvs_sta = *conf;
            sim.nvs_sta_set = true;
        }
    } else {
        FAIL_IF(!has_ap(sim.mode), ESP_ERR_WIFI_MODE);
        r = check_ap_config(&conf->ap);
        if (r != ESP_OK) goto out;
        sim.ap_cfg = *conf;
        if (sim.ap_cfg.ap.channel == 0) sim.ap_cfg.ap.channel = 1;
        if (sim.storage == WIFI_STORAGE_FLASH) {
            sim.nvs_ap = sim.ap_cfg;
            sim.nvs_ap_set = true;
        }
    }
out:
    if (recorded) sim.told_result[interface] = r;
    LEAVE();
}

esp_err_t esp_wifi_get_config(wifi_interface_t interface, wifi_config_t *conf) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(interface != WIFI_IF_STA && interface != WIFI_IF_AP, ESP_ERR_WIFI_IF);
    FAIL_IF(conf == NULL, ESP_ERR_INVALID_ARG);
    *conf = interface == WIFI_IF_STA ? sim.sta_cfg : sim.ap_cfg;
out:
    LEAVE();
}

esp_err_t esp_wifi_ap_get_sta_list(wifi_sta_list_t *sta) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF(sta == NULL, ESP_ERR_INVALID_ARG);
    FAIL_IF(!has_ap(sim.mode), ESP_ERR_WIFI_MODE);
    memset(sta, 0, sizeof *sta);
    for (int i = 0; i < SIM_MAX_VISITORS; i++) {
        if (!sim.visitors[i].used) continue;
        wifi_sta_info_t *s = &sta->sta[sta->num++];
        memcpy(s->mac, sim.visitors[i].mac, 6);
        s->rssi = (int8_t)sim.set.visitor_rssi;
        s->phy_11b = s->phy_11g = s->phy_11n = 1;
    }
out:
    LEAVE();
}

esp_err_t esp_wifi_set_storage(wifi_storage_t storage) {
    ENTER();
    FAIL_IF(!sim.inited, ESP_ERR_WIFI_NOT_INIT);
    FAIL_IF((unsigned)storage > WIFI_STORAGE_RAM, ESP_ERR_INVALID_ARG);
    sim.storage = storage;
out:
    LEAVE();
}
