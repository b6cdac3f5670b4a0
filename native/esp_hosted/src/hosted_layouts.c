/* netfsm_hosted_layouts(): every struct of ctrl_api_sim.h netfsm touches, measured by the
 * compiler, as {"struct": {"sizeof": [0, n], "alignof": [0, n], "field": [offset, size]}}. */
#include <pthread.h>
#include <stdalign.h>
#include <stdio.h>
#include <string.h>

#include "hosted_internal.h"

static char layouts[12288];
static size_t used;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void put(const char *fmt, size_t a, size_t b, const char *name) {
  if (used >= sizeof layouts) return;
  int n = snprintf(layouts + used, sizeof layouts - used, fmt, name, a, b);
  if (n > 0) used += (size_t)n;
}

#define BEGIN(type)                                                                            \
  do {                                                                                         \
    put(used > 1 ? ", \"%s\": {" : "\"%s\": {", 0, 0, #type);                                 \
    put("\"%s\": [%zu, %zu]", 0, sizeof(type), "sizeof");                                     \
    put(", \"%s\": [%zu, %zu]", 0, alignof(type), "alignof");                                 \
  } while (0)
#define FIELD(type, field)                                                                     \
  put(", \"%s\": [%zu, %zu]", offsetof(type, field), sizeof(((type *)0)->field), #field)
#define END() put("}", 0, 0, "")

static void build(void) {
  /* put() formats (name, a, b); BEGIN's first call prints only the name */
  used = 0;
  layouts[used++] = '{';

  BEGIN(ctrl_cmd_t);
  FIELD(ctrl_cmd_t, msg_type);
  FIELD(ctrl_cmd_t, msg_id);
  FIELD(ctrl_cmd_t, uid);
  FIELD(ctrl_cmd_t, resp_event_status);
  FIELD(ctrl_cmd_t, u);
  FIELD(ctrl_cmd_t, u.wifi_mac);
  FIELD(ctrl_cmd_t, u.wifi_mode);
  FIELD(ctrl_cmd_t, u.wifi_ap_scan);
  FIELD(ctrl_cmd_t, u.wifi_ap_config);
  FIELD(ctrl_cmd_t, u.wifi_softap_config);
  FIELD(ctrl_cmd_t, u.wifi_softap_con_sta);
  FIELD(ctrl_cmd_t, u.fw_version);
  FIELD(ctrl_cmd_t, u.e_heartbeat);
  FIELD(ctrl_cmd_t, u.e_sta_conn);
  FIELD(ctrl_cmd_t, u.e_sta_disconn);
  FIELD(ctrl_cmd_t, u.e_softap_sta_conn);
  FIELD(ctrl_cmd_t, u.e_softap_sta_disconn);
  FIELD(ctrl_cmd_t, ctrl_resp_cb);
  FIELD(ctrl_cmd_t, cmd_timeout_sec);
  FIELD(ctrl_cmd_t, free_buffer_handle);
  FIELD(ctrl_cmd_t, free_buffer_func);
  END();

  BEGIN(wifi_mac_t);
  FIELD(wifi_mac_t, mode);
  FIELD(wifi_mac_t, mac);
  END();

  BEGIN(wifi_mode_t);
  FIELD(wifi_mode_t, mode);
  END();

  BEGIN(wifi_ap_config_t);
  FIELD(wifi_ap_config_t, ssid);
  FIELD(wifi_ap_config_t, pwd);
  FIELD(wifi_ap_config_t, bssid);
  FIELD(wifi_ap_config_t, is_wpa3_supported);
  FIELD(wifi_ap_config_t, rssi);
  FIELD(wifi_ap_config_t, channel);
  FIELD(wifi_ap_config_t, encryption_mode);
  FIELD(wifi_ap_config_t, listen_interval);
  FIELD(wifi_ap_config_t, status);
  FIELD(wifi_ap_config_t, out_mac);
  FIELD(wifi_ap_config_t, band_mode);
  END();

  BEGIN(softap_config_t);
  FIELD(softap_config_t, ssid);
  FIELD(softap_config_t, pwd);
  FIELD(softap_config_t, channel);
  FIELD(softap_config_t, encryption_mode);
  FIELD(softap_config_t, max_connections);
  FIELD(softap_config_t, ssid_hidden);
  FIELD(softap_config_t, bandwidth);
  FIELD(softap_config_t, out_mac);
  FIELD(softap_config_t, band_mode);
  END();

  BEGIN(wifi_ap_scan_list_t);
  FIELD(wifi_ap_scan_list_t, count);
  FIELD(wifi_ap_scan_list_t, out_list);
  END();

  BEGIN(wifi_scanlist_t);
  FIELD(wifi_scanlist_t, ssid);
  FIELD(wifi_scanlist_t, bssid);
  FIELD(wifi_scanlist_t, rssi);
  FIELD(wifi_scanlist_t, channel);
  FIELD(wifi_scanlist_t, encryption_mode);
  END();

  BEGIN(wifi_softap_conn_sta_list_t);
  FIELD(wifi_softap_conn_sta_list_t, count);
  FIELD(wifi_softap_conn_sta_list_t, out_list);
  END();

  BEGIN(wifi_connected_stations_list_t);
  FIELD(wifi_connected_stations_list_t, bssid);
  FIELD(wifi_connected_stations_list_t, rssi);
  END();

  BEGIN(fw_version_t);
  FIELD(fw_version_t, project_name);
  FIELD(fw_version_t, major_1);
  FIELD(fw_version_t, major_2);
  FIELD(fw_version_t, minor);
  FIELD(fw_version_t, revision_patch_1);
  FIELD(fw_version_t, revision_patch_2);
  END();

  BEGIN(event_heartbeat_t);
  FIELD(event_heartbeat_t, hb_num);
  FIELD(event_heartbeat_t, enable);
  FIELD(event_heartbeat_t, duration);
  END();

  BEGIN(event_sta_conn_t);
  FIELD(event_sta_conn_t, ssid);
  FIELD(event_sta_conn_t, ssid_len);
  FIELD(event_sta_conn_t, bssid);
  FIELD(event_sta_conn_t, channel);
  FIELD(event_sta_conn_t, authmode);
  FIELD(event_sta_conn_t, aid);
  END();

  BEGIN(event_sta_disconn_t);
  FIELD(event_sta_disconn_t, ssid);
  FIELD(event_sta_disconn_t, ssid_len);
  FIELD(event_sta_disconn_t, bssid);
  FIELD(event_sta_disconn_t, reason);
  FIELD(event_sta_disconn_t, rssi);
  END();

  BEGIN(event_softap_sta_conn_t);
  FIELD(event_softap_sta_conn_t, mac);
  FIELD(event_softap_sta_conn_t, aid);
  FIELD(event_softap_sta_conn_t, is_mesh_child);
  END();

  BEGIN(event_softap_sta_disconn_t);
  FIELD(event_softap_sta_disconn_t, mac);
  FIELD(event_softap_sta_disconn_t, aid);
  FIELD(event_softap_sta_disconn_t, is_mesh_child);
  FIELD(event_softap_sta_disconn_t, reason);
  END();

  put("}", 0, 0, "");
}

SIM_EXPORT const char *netfsm_hosted_layouts(void) {
  pthread_once(&once, build);
  return layouts;
}
