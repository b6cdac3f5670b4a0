/*
 * netfsm ESP-IDF stand-in: the netfsm_sim_* world API (netfsm_sim.h) and the state report.
 */
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

void netfsm_sim_reset(void) {
    sim_ensure();
    sim_lock();
    sim.gen++;
    sim_clear_queue();
    sim_clear_timers();
    sim.loop_created = false;
    sim.nhandlers = 0;
    sim_wifi_reset_state();
    sim_netif_reset_state();
    memset(sim.aps, 0, sizeof sim.aps);
    sim.nap = 0;
    sim_settings_default(&sim.set);
    pthread_cond_broadcast(&sim.scan_cv);
    sim_unlock();
}

int netfsm_sim_set(const char *key, int64_t value) {
    sim_ensure();
    if (key == NULL) return -1;
    static const struct {
        const char *name;
        size_t offset;
        int64_t min, max;
    } keys[] = {
        {"assoc_ms", offsetof(sim_settings_t, assoc_ms), 0, 3600000},
        {"dhcp_ms", offsetof(sim_settings_t, dhcp_ms), 0, 3600000},
        {"scan_ms", offsetof(sim_settings_t, scan_ms), 0, 3600000},
        {"beacon_timeout_ms", offsetof(sim_settings_t, beacon_timeout_ms), 0, 3600000},
        {"lost_ip_ms", offsetof(sim_settings_t, lost_ip_ms), -1, 3600000},
        {"sntp_ms", offsetof(sim_settings_t, sntp_ms), 0, 3600000},
        {"visitor_dhcp_ms", offsetof(sim_settings_t, visitor_dhcp_ms), 0, 3600000},
        {"wrong_password_reason", offsetof(sim_settings_t, wrong_password_reason), 1, 255},
        {"sta_ip_host", offsetof(sim_settings_t, sta_ip_host), 2, 254},
        {"sntp_epoch", offsetof(sim_settings_t, sntp_epoch), 0, INT64_MAX},
        {"visitor_rssi", offsetof(sim_settings_t, visitor_rssi), -127, 0},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(key, keys[i].name) != 0) continue;
        if (value < keys[i].min || value > keys[i].max) return -2;
        sim_lock();
        *(int64_t *)((char *)&sim.set + keys[i].offset) = value;
        sim_unlock();
        return 0;
    }
    return -1;
}

static bool valid_psk(const char *psk) {
    size_t n = strlen(psk);
    if (n == 0) return true;
    if (n >= 8 && n <= 63) return true;
    if (n != 64) return false;
    for (size_t i = 0; i < 64; i++) {
        char c = psk[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

int netfsm_sim_add_ap(const char *ssid, const char *psk, const uint8_t *bssid, int channel,
                      int rssi, int subnet) {
    sim_ensure();
    if (psk == NULL) psk = "";
    if (ssid == NULL || bssid == NULL || strlen(ssid) == 0 || strlen(ssid) > 32 || !valid_psk(psk) ||
        channel < 1 || channel > 14 || rssi < -127 || rssi > 0 || subnet < 0 || subnet > 255) {
        return -1;
    }
    sim_lock();
    int id = -1;
    if (sim.nap < SIM_MAX_APS) {
        id = sim.nap++;
        sim_ap_t *ap = &sim.aps[id];
        memset(ap, 0, sizeof *ap);
        ap->present = true;
        ap->ssid_len = strlen(ssid);
        memcpy(ap->ssid, ssid, ap->ssid_len);
        memcpy(ap->psk, psk, strlen(psk));
        memcpy(ap->bssid, bssid, 6);
        ap->channel = (uint8_t)channel;
        ap->rssi = (int8_t)rssi;
        ap->subnet = (uint8_t)subnet;
        ap->authmode = psk[0] ? WIFI_AUTH_WPA2_PSK : WIFI_AUTH_OPEN;
    }
    sim_unlock();
    return id;
}

int netfsm_sim_ap_present(int id, int present) {
    sim_ensure();
    sim_lock();
    int r = -1;
    if (id >= 0 && id < sim.nap) {
        sim.aps[id].present = present != 0;
        sim_world_ap_presence_changed(id);
        r = 0;
    }
    sim_unlock();
    return r;
}

int netfsm_sim_visitor_join(const uint8_t *mac) {
    sim_ensure();
    if (mac == NULL) return -1;
    sim_lock();
    int r = sim_world_visitor_join(mac);
    sim_unlock();
    return r;
}

int netfsm_sim_visitor_leave(const uint8_t *mac, int reason) {
    sim_ensure();
    if (mac == NULL) return -1;
    sim_lock();
    int r = sim_world_visitor_leave(mac, reason);
    sim_unlock();
    return r;
}

int netfsm_sim_storm(int64_t count) {
    sim_ensure();
    if (count < 0) return -1;
    if (count == 0) return 0;
    sim_lock();
    sim_post_storm((uint64_t)count);
    sim_unlock();
    return 0;
}

int netfsm_sim_last_config(int ifx, void *out) {
    sim_ensure();
    if ((ifx != 0 && ifx != 1) || out == NULL) return -1;
    sim_lock();
    int r = sim.told_set[ifx] ? 1 : 0;
    if (r) {
        memcpy(out, &sim.told[ifx], sizeof(wifi_config_t));
    } else {
        memset(out, 0, sizeof(wifi_config_t));
    }
    sim_unlock();
    return r;
}

int netfsm_sim_pending(void) {
    sim_ensure();
    sim_lock();
    size_t n = sim_timer_count() + sim.qlen + (sim.dispatching ? 1 : 0);
    sim_unlock();
    return n > 0x7fffffff ? 0x7fffffff : (int)n;
}

int netfsm_sim_idf_version(void) { return NETFSM_IDF_VERSION; }

/* ------------------------------------------------------------------- state report ---- */

/* One report buffer per calling thread, freed when that thread ends (or at unload). */
static pthread_once_t report_once = PTHREAD_ONCE_INIT;
static pthread_key_t report_key;

static void report_free(void *p) {
    sim_buf_t *b = p;
    if (b) free(b->p);
    free(b);
}

static void report_key_make(void) { pthread_key_create(&report_key, report_free); }

static sim_buf_t *report_buffer(void) {
    pthread_once(&report_once, report_key_make);
    sim_buf_t *b = pthread_getspecific(report_key);
    if (b == NULL) {
        b = calloc(1, sizeof *b);
        if (b && pthread_setspecific(report_key, b) != 0) {
            free(b);
            b = NULL;
        }
    }
    return b;
}

void sim_free_reports(void) {
    pthread_once(&report_once, report_key_make);
    report_free(pthread_getspecific(report_key));
    pthread_setspecific(report_key, NULL);
}

static void json_ip(sim_buf_t *b, const uint8_t *ip) {
    sim_buf_printf(b, "\"%u.%u.%u.%u\"", ip[0], ip[1], ip[2], ip[3]);
}

static void json_mac(sim_buf_t *b, const uint8_t *m) {
    sim_buf_printf(b, "\"%02x:%02x:%02x:%02x:%02x:%02x\"", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void json_str(sim_buf_t *b, const char *s) {
    sim_buf_json_bytes(b, (const uint8_t *)s, strlen(s));
}

static size_t len32(const uint8_t *s) {
    size_t n = 0;
    while (n < 32 && s[n]) n++;
    return n;
}

const char *netfsm_sim_state(void) {
    sim_ensure();
    sim_buf_t *b = report_buffer();
    if (b == NULL) return "{}";
    b->len = 0;
    b->failed = false;
    sim_lock();
    static const char *const sta_states[] = {"idle", "connecting", "connected"};
    sim_buf_printf(b, "{\"idf_version\":%d,\"inited\":%s,\"started\":%s,\"mode\":%d,\"storage\":%d,",
                   NETFSM_IDF_VERSION, sim.inited ? "true" : "false",
                   sim.started ? "true" : "false", (int)sim.mode, (int)sim.storage);
    sim_buf_printf(b, "\"event_loop\":%s,\"handlers\":%zu,\"netif\":{\"inited\":%s,\"sta\":%s,\"ap\":%s},",
                   sim.loop_created ? "true" : "false", sim.nhandlers,
                   sim.netif_inited ? "true" : "false", sim.sta_netif_made ? "true" : "false",
                   sim.ap_netif_made ? "true" : "false");
    sim_buf_printf(b, "\"sta\":{\"up\":%s,\"state\":\"%s\",\"ssid\":", sim.sta_up ? "true" : "false",
                   sta_states[sim.sta]);
    sim_buf_json_bytes(b, sim.sta_cfg.sta.ssid, len32(sim.sta_cfg.sta.ssid));
    if (sim.sta == STA_CONNECTED && sim.sta_ap >= 0) {
        const sim_ap_t *ap = &sim.aps[sim.sta_ap];
        sim_buf_printf(b, ",\"ap\":%d,\"bssid\":", sim.sta_ap);
        json_mac(b, ap->bssid);
        sim_buf_printf(b, ",\"channel\":%u,\"rssi\":%d", ap->channel, ap->rssi);
    }
    sim_buf_printf(b, ",\"has_ip\":%s,\"ip\":", sim.has_ip ? "true" : "false");
    json_ip(b, sim.has_ip ? sim.ip : (const uint8_t[4]){0, 0, 0, 0});
    sim_buf_printf(b, ",\"hostname\":");
    json_str(b, sim.sta_netif.hostname);
    sim_buf_printf(b, ",\"dhcp_hostname\":");
    if (sim.dhcp_hostname_valid) {
        json_str(b, sim.dhcp_hostname);
    } else {
        sim_buf_printf(b, "null");
    }
    sim_buf_printf(b, ",\"scanning\":%s,\"scan_results\":%u},", sim.scanning ? "true" : "false",
                   sim.scan_n);
    sim_buf_printf(b, "\"ap\":{\"up\":%s,\"ssid\":", sim.ap_up ? "true" : "false");
    size_t apn = sim.ap_cfg.ap.ssid_len ? sim.ap_cfg.ap.ssid_len : len32(sim.ap_cfg.ap.ssid);
    if (apn > 32) apn = 32;
    sim_buf_json_bytes(b, sim.ap_cfg.ap.ssid, apn);
    sim_buf_printf(b, ",\"hostname\":");
    json_str(b, sim.ap_netif.hostname);
    sim_buf_printf(b, ",\"visitors\":[");
    bool first = true;
    for (int i = 0; i < SIM_MAX_VISITORS; i++) {
        const sim_visitor_t *v = &sim.visitors[i];
        if (!v->used) continue;
        sim_buf_printf(b, "%s{\"mac\":", first ? "" : ",");
        json_mac(b, v->mac);
        sim_buf_printf(b, ",\"aid\":%u,\"ip\":", v->aid);
        if (v->has_ip) {
            json_ip(b, (const uint8_t[4]){192, 168, 4, (uint8_t)(v->aid + 1)});
        } else {
            sim_buf_printf(b, "null");
        }
        sim_buf_printf(b, "}");
        first = false;
    }
    sim_buf_printf(b, "]},\"sntp\":{\"inited\":%s,\"started\":%s,\"syncs\":%llu,\"servers\":[",
                   sim.sntp_inited ? "true" : "false", sim.sntp_started ? "true" : "false",
                   (unsigned long long)sim.sntp_syncs);
    for (size_t i = 0; i < sim.sntp_nservers; i++) {
        if (i) sim_buf_printf(b, ",");
        json_str(b, sim.sntp_servers[i]);
    }
    sim_buf_printf(b, "]},\"mdns\":{\"inited\":%s,\"hostname\":", sim.mdns_inited ? "true" : "false");
    if (sim.mdns_hostname[0]) {
        json_str(b, sim.mdns_hostname);
    } else {
        sim_buf_printf(b, "null");
    }
    sim_buf_printf(b, ",\"sta\":%s,\"ap\":%s,\"inits\":%llu,\"frees\":%llu",
                   sim.mdns_sta ? "true" : "false", sim.mdns_ap ? "true" : "false",
                   (unsigned long long)sim.mdns_inits, (unsigned long long)sim.mdns_frees);
    sim_buf_printf(b, "},\"set_config\":{\"sta\":");
    for (int ifx = 0; ifx < 2; ifx++) {
        if (ifx) sim_buf_printf(b, ",\"ap\":");
        if (sim.told_set[ifx]) {
            sim_buf_printf(b, "%d", sim.told_result[ifx]);
        } else {
            sim_buf_printf(b, "null");
        }
    }
    sim_buf_printf(b,
                   "},\"counters\":{\"posted\":%llu,\"delivered\":%llu,\"dropped\":%llu,"
                   "\"connect\":%llu,\"disconnect\":%llu,\"scan\":%llu},\"pending\":%zu}",
                   (unsigned long long)sim.n_posted, (unsigned long long)sim.n_delivered,
                   (unsigned long long)sim.n_dropped, (unsigned long long)sim.n_connect,
                   (unsigned long long)sim.n_disconnect, (unsigned long long)sim.n_scan,
                   sim_timer_count() + sim.qlen + (sim.dispatching ? 1 : 0));
    sim_unlock();
    if (b->failed || b->p == NULL) return "{}";
    return b->p;
}
