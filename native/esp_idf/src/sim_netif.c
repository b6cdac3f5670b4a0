/*
 * netfsm ESP-IDF stand-in: esp_netif (the default WiFi interfaces, hostname, address), the
 * esp_netif SNTP front end, and the mdns component's responder, which follows the interfaces.
 */
#include <string.h>

#include "sim_internal.h"

ESP_EVENT_DEFINE_BASE(IP_EVENT);

/* lwIP's default hostname in ESP-IDF (CONFIG_LWIP_LOCAL_HOSTNAME). */
static const char DEFAULT_HOSTNAME[] = "espressif";

void sim_netif_reset_state(void) {
    sim.netif_inited = false;
    sim.sta_netif_made = sim.ap_netif_made = false;
    memset(&sim.sta_netif, 0, sizeof sim.sta_netif);
    memset(&sim.ap_netif, 0, sizeof sim.ap_netif);
    sim.sta_netif.ifx = WIFI_IF_STA;
    sim.ap_netif.ifx = WIFI_IF_AP;
    memcpy(sim.sta_netif.hostname, DEFAULT_HOSTNAME, sizeof DEFAULT_HOSTNAME);
    memcpy(sim.ap_netif.hostname, DEFAULT_HOSTNAME, sizeof DEFAULT_HOSTNAME);
    sim.sntp_inited = sim.sntp_started = false;
    sim.sntp_cb = NULL;
    memset(sim.sntp_servers, 0, sizeof sim.sntp_servers);
    sim.sntp_nservers = 0;
    sim.sntp_syncs = 0;
    sim.mdns_inited = sim.mdns_sta = sim.mdns_ap = false;
    memset(sim.mdns_hostname, 0, sizeof sim.mdns_hostname);
    sim.mdns_wifi_handler = sim.mdns_ip_handler = NULL;
    sim.mdns_inits = sim.mdns_frees = 0;
}

static bool known(const esp_netif_t *n) {
    return (n == &sim.sta_netif && sim.sta_netif_made) || (n == &sim.ap_netif && sim.ap_netif_made);
}

esp_err_t esp_netif_init(void) {
    sim_ensure();
    sim_lock();
    sim.netif_inited = true;
    sim_unlock();
    return ESP_OK;
}

static esp_netif_t *make_default(bool sta) {
    sim_ensure();
    sim_lock();
    esp_netif_t *n = NULL;
    if (sim.netif_inited && sim.loop_created) {
        if (sta) {
            sim.sta_netif_made = true;
            n = &sim.sta_netif;
        } else {
            sim.ap_netif_made = true;
            n = &sim.ap_netif;
        }
    }
    sim_unlock();
    return n;
}

esp_netif_t *esp_netif_create_default_wifi_sta(void) { return make_default(true); }
esp_netif_t *esp_netif_create_default_wifi_ap(void) { return make_default(false); }

esp_err_t esp_netif_set_hostname(esp_netif_t *esp_netif, const char *hostname) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_OK;
    if (!known(esp_netif) || hostname == NULL || strlen(hostname) > NETFSM_NETIF_HOSTNAME_MAX) {
        r = ESP_ERR_ESP_NETIF_INVALID_PARAMS;
    } else {
        memset(esp_netif->hostname, 0, sizeof esp_netif->hostname);
        memcpy(esp_netif->hostname, hostname, strlen(hostname));
    }
    sim_unlock();
    return r;
}

esp_err_t esp_netif_get_hostname(esp_netif_t *esp_netif, const char **hostname) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_OK;
    if (!known(esp_netif) || hostname == NULL) {
        r = ESP_ERR_ESP_NETIF_INVALID_PARAMS;
    } else {
        *hostname = esp_netif->hostname;
    }
    sim_unlock();
    return r;
}

esp_err_t esp_netif_get_ip_info(esp_netif_t *esp_netif, esp_netif_ip_info_t *ip_info) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_OK;
    if (!known(esp_netif) || ip_info == NULL) {
        r = ESP_ERR_ESP_NETIF_INVALID_PARAMS;
    } else {
        memset(ip_info, 0, sizeof *ip_info);
        if (esp_netif == &sim.sta_netif) {
            if (sim.has_ip) {
                memcpy(&ip_info->ip.addr, sim.ip, 4);
                memcpy(&ip_info->netmask.addr, sim.mask, 4);
                memcpy(&ip_info->gw.addr, sim.gw, 4);
            }
        } else {
            /* The soft-AP's static address, as ESP-IDF's default AP interface has. */
            static const uint8_t ap_ip[4] = {192, 168, 4, 1}, mask[4] = {255, 255, 255, 0};
            memcpy(&ip_info->ip.addr, ap_ip, 4);
            memcpy(&ip_info->gw.addr, ap_ip, 4);
            memcpy(&ip_info->netmask.addr, mask, 4);
        }
    }
    sim_unlock();
    return r;
}

/* ---------------------------------------------------------------------- SNTP ---- */

void sim_sntp_kick(void) {
    if (sim.sntp_started && sim.has_ip && !sim_timer_pending(T_SNTP)) {
        sim_timer_add(T_SNTP, sim.set.sntp_ms, NULL);
    }
}

esp_err_t esp_netif_sntp_init(const esp_sntp_config_t *config) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_OK;
    if (config == NULL || config->num_of_servers > CONFIG_LWIP_SNTP_MAX_SERVERS) {
        r = ESP_ERR_INVALID_ARG;
    } else if (sim.sntp_inited) {
        r = ESP_ERR_INVALID_STATE;
    } else {
        memset(sim.sntp_servers, 0, sizeof sim.sntp_servers);
        sim.sntp_nservers = config->num_of_servers;
        for (size_t i = 0; i < config->num_of_servers; i++) {
            const char *s = config->servers[i];
            if (s) {
                size_t n = strlen(s);
                if (n >= sizeof sim.sntp_servers[i]) n = sizeof sim.sntp_servers[i] - 1;
                memcpy(sim.sntp_servers[i], s, n);
            }
        }
        sim.sntp_cb = config->sync_cb;
        sim.sntp_inited = true;
        sim.sntp_started = config->start;
        sim_sntp_kick();
    }
    sim_unlock();
    return r;
}

esp_err_t esp_netif_sntp_start(void) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_OK;
    if (!sim.sntp_inited) {
        r = ESP_ERR_INVALID_STATE;
    } else {
        sim.sntp_started = true;
        sim_sntp_kick();
    }
    sim_unlock();
    return r;
}

void esp_netif_sntp_deinit(void) {
    sim_ensure();
    sim_lock();
    sim_timer_cancel(T_SNTP, NULL);
    sim.sntp_inited = sim.sntp_started = false;
    sim.sntp_cb = NULL;
    memset(sim.sntp_servers, 0, sizeof sim.sntp_servers);
    sim.sntp_nservers = 0;
    sim_wait_not_calling(SIM_CALLING_SNTP);
    sim_unlock();
}

/* ---------------------------------------------------------------------- mdns ---- */

/* Built with NETFSM_SIM_NO_MDNS, the library is a firmware without the mdns component. */
#ifndef NETFSM_SIM_NO_MDNS

/*
 * The component's own handler for WIFI_EVENT and IP_EVENT, on the event task: an address on
 * the station enables it there, a disconnection disables it, the soft-AP's start and stop do
 * the same for that interface (the component queues these to its task; here they apply at once).
 */
static void mdns_on_event(void *arg, esp_event_base_t base, int32_t id, void *data) {
    (void)arg;
    (void)data;
    sim_lock();
    if (sim.mdns_inited) {
        if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) sim.mdns_sta = true;
        if (base == WIFI_EVENT && id == WIFI_EVENT_STA_DISCONNECTED) sim.mdns_sta = false;
        if (base == WIFI_EVENT && id == WIFI_EVENT_AP_START) sim.mdns_ap = true;
        if (base == WIFI_EVENT && id == WIFI_EVENT_AP_STOP) sim.mdns_ap = false;
    }
    sim_unlock();
}

esp_err_t mdns_init(void) {
    sim_ensure();
    sim_lock();
    if (sim.mdns_inited) {
        sim_unlock();
        return ESP_OK;
    }
    /* Registering takes the event loop's lock, which a handler being called holds. */
    sim_wait_not_calling(0);
    sim_unlock();
    esp_event_handler_instance_t wifi = NULL, ip = NULL;
    esp_err_t r = esp_event_handler_instance_register(WIFI_EVENT, ESP_EVENT_ANY_ID, mdns_on_event,
                                                      NULL, &wifi);
    if (r == ESP_OK) {
        r = esp_event_handler_instance_register(IP_EVENT, ESP_EVENT_ANY_ID, mdns_on_event, NULL, &ip);
        if (r != ESP_OK) esp_event_handler_instance_unregister(WIFI_EVENT, ESP_EVENT_ANY_ID, wifi);
    }
    if (r != ESP_OK) return r; /* no default loop: ESP_ERR_INVALID_STATE, as the header says */
    sim_lock();
    sim.mdns_inited = true;
    sim.mdns_wifi_handler = wifi;
    sim.mdns_ip_handler = ip;
    memset(sim.mdns_hostname, 0, sizeof sim.mdns_hostname);
    /* Interfaces with an IPv4 address already (esp_netif_get_ip_info non-zero) are enabled:
     * the station's once it has a lease, the soft-AP's static one whenever it exists. */
    sim.mdns_sta = sim.sta_netif_made && sim.has_ip;
    sim.mdns_ap = sim.ap_netif_made;
    sim.mdns_inits++;
    sim_unlock();
    return ESP_OK;
}

void mdns_free(void) {
    sim_ensure();
    sim_lock();
    if (!sim.mdns_inited) {
        sim_unlock();
        return;
    }
    sim.mdns_inited = sim.mdns_sta = sim.mdns_ap = false;
    memset(sim.mdns_hostname, 0, sizeof sim.mdns_hostname);
    esp_event_handler_instance_t wifi = sim.mdns_wifi_handler, ip = sim.mdns_ip_handler;
    sim.mdns_wifi_handler = sim.mdns_ip_handler = NULL;
    sim.mdns_frees++;
    sim_wait_not_calling(0); /* unregistering takes the loop's lock too */
    sim_unlock();
    esp_event_handler_instance_unregister(WIFI_EVENT, ESP_EVENT_ANY_ID, wifi);
    esp_event_handler_instance_unregister(IP_EVENT, ESP_EVENT_ANY_ID, ip);
}

esp_err_t mdns_hostname_set(const char *hostname) {
    sim_ensure();
    sim_lock();
    esp_err_t r = ESP_OK;
    /* Before init the component has no server to hold it: INVALID_ARG, not INVALID_STATE. */
    if (!sim.mdns_inited || hostname == NULL || hostname[0] == 0 ||
        strlen(hostname) > MDNS_NAME_MAX_LEN) {
        r = ESP_ERR_INVALID_ARG;
    } else {
        memset(sim.mdns_hostname, 0, sizeof sim.mdns_hostname);
        memcpy(sim.mdns_hostname, hostname, strlen(hostname));
    }
    sim_unlock();
    return r;
}

esp_err_t mdns_hostname_get(char *hostname) {
    sim_ensure();
    if (hostname == NULL) return ESP_ERR_INVALID_ARG;
    sim_lock();
    esp_err_t r = ESP_OK;
    if (!sim.mdns_inited || sim.mdns_hostname[0] == 0) {
        r = ESP_ERR_INVALID_STATE;
    } else {
        memcpy(hostname, sim.mdns_hostname, sizeof sim.mdns_hostname);
    }
    sim_unlock();
    return r;
}
#endif /* NETFSM_SIM_NO_MDNS */
