/*
 * netfsm ESP-IDF stand-in: netfsm_sim_layouts(), every struct field's [offset, size] as this
 * very build lays it out (offsetof/sizeof), for the binding's layout tables to be checked
 * against.
 */
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

static pthread_once_t layouts_once = PTHREAD_ONCE_INIT;
static sim_buf_t layouts;
static bool first_struct, first_field;

static void begin(const char *name) {
    sim_buf_printf(&layouts, "%s\"%s\":{", first_struct ? "" : ",", name);
    first_struct = false;
    first_field = true;
}

static void field(const char *name, size_t offset, size_t size) {
    sim_buf_printf(&layouts, "%s\"%s\":[%zu,%zu]", first_field ? "" : ",", name, offset, size);
    first_field = false;
}

static void end(void) { sim_buf_printf(&layouts, "}"); }

#define F(T, path) field(#path, offsetof(T, path), sizeof(((T *)0)->path))
#define SIZE(T) field(#T, sizeof(T), _Alignof(T))

static void build(void) {
    first_struct = true;
    sim_buf_printf(&layouts, "{");

    begin("wifi_sta_config_t");
    F(wifi_sta_config_t, ssid);
    F(wifi_sta_config_t, password);
    F(wifi_sta_config_t, scan_method);
    F(wifi_sta_config_t, bssid_set);
    F(wifi_sta_config_t, bssid);
    F(wifi_sta_config_t, channel);
    F(wifi_sta_config_t, listen_interval);
    F(wifi_sta_config_t, sort_method);
    F(wifi_sta_config_t, threshold);
    F(wifi_sta_config_t, threshold.rssi);
    F(wifi_sta_config_t, threshold.authmode);
#if NETFSM_IDF_AT_LEAST(504)
    F(wifi_sta_config_t, threshold.rssi_5g_adjustment);
#endif
    F(wifi_sta_config_t, pmf_cfg);
    F(wifi_sta_config_t, sae_pwe_h2e);
    F(wifi_sta_config_t, sae_pk_mode);
    F(wifi_sta_config_t, failure_retry_cnt);
    F(wifi_sta_config_t, sae_h2e_identifier);
    end();

    begin("wifi_ap_config_t");
    F(wifi_ap_config_t, ssid);
    F(wifi_ap_config_t, password);
    F(wifi_ap_config_t, ssid_len);
    F(wifi_ap_config_t, channel);
    F(wifi_ap_config_t, authmode);
    F(wifi_ap_config_t, ssid_hidden);
    F(wifi_ap_config_t, max_connection);
    F(wifi_ap_config_t, beacon_interval);
#if NETFSM_IDF_AT_LEAST(503)
    F(wifi_ap_config_t, csa_count);
    F(wifi_ap_config_t, dtim_period);
#endif
    F(wifi_ap_config_t, pairwise_cipher);
    F(wifi_ap_config_t, ftm_responder);
    F(wifi_ap_config_t, pmf_cfg);
    F(wifi_ap_config_t, sae_pwe_h2e);
#if NETFSM_IDF_AT_LEAST(505)
    F(wifi_ap_config_t, bss_max_idle_cfg);
    F(wifi_ap_config_t, gtk_rekey_interval);
#endif
    end();

    begin("wifi_config_t");
    F(wifi_config_t, ap);
    F(wifi_config_t, sta);
    end();

    begin("wifi_event_sta_connected_t");
    F(wifi_event_sta_connected_t, ssid);
    F(wifi_event_sta_connected_t, ssid_len);
    F(wifi_event_sta_connected_t, bssid);
    F(wifi_event_sta_connected_t, channel);
    F(wifi_event_sta_connected_t, authmode);
    F(wifi_event_sta_connected_t, aid);
    end();

    begin("wifi_event_sta_disconnected_t");
    F(wifi_event_sta_disconnected_t, ssid);
    F(wifi_event_sta_disconnected_t, ssid_len);
    F(wifi_event_sta_disconnected_t, bssid);
    F(wifi_event_sta_disconnected_t, reason);
    F(wifi_event_sta_disconnected_t, rssi);
    end();

    begin("wifi_event_ap_staconnected_t");
    F(wifi_event_ap_staconnected_t, mac);
    F(wifi_event_ap_staconnected_t, aid);
    F(wifi_event_ap_staconnected_t, is_mesh_child);
    end();

    begin("wifi_event_ap_stadisconnected_t");
    F(wifi_event_ap_stadisconnected_t, mac);
    F(wifi_event_ap_stadisconnected_t, aid);
    F(wifi_event_ap_stadisconnected_t, is_mesh_child);
#if NETFSM_IDF_AT_LEAST(502)
    F(wifi_event_ap_stadisconnected_t, reason);
#endif
    end();

    begin("wifi_event_sta_scan_done_t");
    F(wifi_event_sta_scan_done_t, status);
    F(wifi_event_sta_scan_done_t, number);
    F(wifi_event_sta_scan_done_t, scan_id);
    end();

    begin("esp_netif_ip_info_t");
    F(esp_netif_ip_info_t, ip);
    F(esp_netif_ip_info_t, netmask);
    F(esp_netif_ip_info_t, gw);
    end();

    begin("ip_event_got_ip_t");
    F(ip_event_got_ip_t, esp_netif);
    F(ip_event_got_ip_t, ip_info);
    F(ip_event_got_ip_t, ip_info.ip);
    F(ip_event_got_ip_t, ip_info.netmask);
    F(ip_event_got_ip_t, ip_info.gw);
    F(ip_event_got_ip_t, ip_changed);
    end();

    begin("ip_event_ap_staipassigned_t");
    F(ip_event_ap_staipassigned_t, esp_netif);
    F(ip_event_ap_staipassigned_t, ip);
    F(ip_event_ap_staipassigned_t, mac);
    end();

#if NETFSM_IDF_AT_LEAST(600)
    begin("ip_event_assigned_ip_to_client_t");
    F(ip_event_assigned_ip_to_client_t, esp_netif);
    F(ip_event_assigned_ip_to_client_t, ip);
    F(ip_event_assigned_ip_to_client_t, mac);
    end();
#endif

    begin("wifi_ap_record_t");
    F(wifi_ap_record_t, bssid);
    F(wifi_ap_record_t, ssid);
    F(wifi_ap_record_t, primary);
    F(wifi_ap_record_t, second);
    F(wifi_ap_record_t, rssi);
    F(wifi_ap_record_t, authmode);
    end();

    begin("wifi_sta_info_t");
    F(wifi_sta_info_t, mac);
    F(wifi_sta_info_t, rssi);
    end();

    begin("wifi_sta_list_t");
    F(wifi_sta_list_t, sta);
    F(wifi_sta_list_t, num);
    end();

    begin("wifi_scan_config_t");
    F(wifi_scan_config_t, ssid);
    F(wifi_scan_config_t, bssid);
    F(wifi_scan_config_t, channel);
    F(wifi_scan_config_t, show_hidden);
    F(wifi_scan_config_t, scan_type);
    F(wifi_scan_config_t, scan_time);
    F(wifi_scan_config_t, home_chan_dwell_time);
    end();

    begin("esp_sntp_config_t");
    F(esp_sntp_config_t, smooth_sync);
    F(esp_sntp_config_t, server_from_dhcp);
    F(esp_sntp_config_t, wait_for_sync);
    F(esp_sntp_config_t, start);
    F(esp_sntp_config_t, sync_cb);
    F(esp_sntp_config_t, renew_servers_after_new_IP);
    F(esp_sntp_config_t, ip_event_to_renew);
    F(esp_sntp_config_t, index_of_first_server);
    F(esp_sntp_config_t, num_of_servers);
    F(esp_sntp_config_t, servers);
    end();

    begin("wifi_init_config_t");
    F(wifi_init_config_t, osi_funcs);
    F(wifi_init_config_t, magic);
    end();

    begin("timeval");
    field("tv_sec", offsetof(struct timeval, tv_sec), sizeof(((struct timeval *)0)->tv_sec));
    field("tv_usec", offsetof(struct timeval, tv_usec), sizeof(((struct timeval *)0)->tv_usec));
    end();

    begin("$sizeof");
    SIZE(wifi_sta_config_t);
    SIZE(wifi_ap_config_t);
    SIZE(wifi_config_t);
    SIZE(wifi_event_sta_connected_t);
    SIZE(wifi_event_sta_disconnected_t);
    SIZE(wifi_event_ap_staconnected_t);
    SIZE(wifi_event_ap_stadisconnected_t);
    SIZE(wifi_event_sta_scan_done_t);
    SIZE(esp_netif_ip_info_t);
    SIZE(ip_event_got_ip_t);
    SIZE(ip_event_ap_staipassigned_t);
#if NETFSM_IDF_AT_LEAST(600)
    SIZE(ip_event_assigned_ip_to_client_t);
#endif
    SIZE(wifi_ap_record_t);
    SIZE(wifi_sta_info_t);
    SIZE(wifi_sta_list_t);
    SIZE(wifi_scan_config_t);
    SIZE(esp_sntp_config_t);
    SIZE(wifi_init_config_t);
    field("timeval", sizeof(struct timeval), _Alignof(struct timeval));
    end();

    sim_buf_printf(&layouts, "}");
}

const char *netfsm_sim_layouts(void) {
    pthread_once(&layouts_once, build);
    if (layouts.failed || layouts.p == NULL) return "{}";
    return layouts.p;
}

void sim_free_layouts(void) {
    free(layouts.p);
    memset(&layouts, 0, sizeof layouts);
}
