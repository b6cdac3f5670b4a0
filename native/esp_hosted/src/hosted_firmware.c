/*
 * The "firmware" side of the stand-in: the ESP32's station, soft-AP and the radio world the
 * tests script (netfsm_hosted_sim_*), and the request handlers (slave_control.c's behaviour,
 * as far as netfsm needs it). Everything here runs under sim_lock.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hosted_internal.h"

#define MAX_APS 32
#define MAX_VISITORS 10

/* ESP-IDF's wifi_err_reason_t values the stand-in reports */
#define REASON_4WAY_HANDSHAKE_TIMEOUT 15
#define REASON_ASSOC_LEAVE 8
#define REASON_BEACON_TIMEOUT 200
#define REASON_NO_AP_FOUND 201

#define STA_MAC "24:0a:c4:00:00:10"
#define AP_MAC "24:0a:c4:00:00:11"

typedef struct {
  char ssid[SSID_LENGTH];
  char pwd[PASSWORD_LENGTH];
  char bssid[MAX_MAC_STR_SIZE];
  int channel, rssi, encryption, present;
} sim_ap;

typedef struct {
  char mac[MAX_MAC_STR_SIZE];
  int aid, rssi;
} sim_visitor;

struct sim_counters sim_counters;

static struct {
  /* settings */
  int firmware;
  int no_ap_status, wrong_password_status;
  int strict_rx, unresponsive;
  int64_t d_response, d_connect, d_scan, d_ap_lost, d_event, d_retry, d_heartbeat;
  /* radio */
  sim_ap aps[MAX_APS];
  int n_aps;
  /* the ESP32 */
  int mode;
  int sta_connected, sta_ap; /* sta_ap: index into aps while connected */
  int sta_wanted; /* ASYNC_CONNECT: keep trying target */
  char want_ssid[SSID_LENGTH], want_pwd[PASSWORD_LENGTH], want_bssid[MAX_MAC_STR_SIZE];
  unsigned sta_epoch; /* bumped on every connect / disconnect / reset: cancels timers */
  int softap_started;
  softap_config_t softap;
  sim_visitor visitors[MAX_VISITORS];
  int n_visitors;
  int heartbeat_on;
  int64_t heartbeat_ms;
  unsigned heartbeat_epoch;
  uint32_t hb_num;
  unsigned storm_counter;
  /* last told */
  int last_mode;
  char last_ssid[SSID_LENGTH], last_pwd[PASSWORD_LENGTH], last_bssid[MAX_MAC_STR_SIZE];
  char last_softap_ssid[SSID_LENGTH], last_softap_pwd[PASSWORD_LENGTH];
  int last_softap_channel, last_softap_encryption, last_softap_max;
} w;

static void settings_defaults(void) {
  w.firmware = NETFSM_HOSTED_SIM_FW_DEFAULT;
  w.no_ap_status = FAILURE;
  w.wrong_password_status = FAILURE;
  w.strict_rx = 0;
  w.unresponsive = 0;
  w.d_response = 2;
  w.d_connect = 20;
  w.d_scan = 20;
  w.d_ap_lost = 10;
  w.d_event = 1;
  w.d_retry = 100;
  w.d_heartbeat = 0;
}

static void world_defaults(void) {
  memset(w.aps, 0, sizeof w.aps);
  w.n_aps = 0;
  w.mode = WIFI_MODE_STA; /* the firmware starts the station at boot */
  w.sta_connected = 0;
  w.sta_ap = -1;
  w.sta_wanted = 0;
  w.want_ssid[0] = w.want_pwd[0] = w.want_bssid[0] = '\0';
  w.sta_epoch++;
  w.softap_started = 0;
  memset(&w.softap, 0, sizeof w.softap);
  w.n_visitors = 0;
  w.heartbeat_on = 0;
  w.heartbeat_epoch++;
  w.hb_num = 0;
  w.storm_counter = 0;
  w.last_mode = -1;
  w.last_ssid[0] = w.last_pwd[0] = w.last_bssid[0] = '\0';
  w.last_softap_ssid[0] = w.last_softap_pwd[0] = '\0';
  w.last_softap_channel = w.last_softap_encryption = w.last_softap_max = 0;
}

__attribute__((constructor)) static void firmware_setup(void) {
  settings_defaults();
  world_defaults();
}

/* ---- helpers ---------------------------------------------------------------------------------- */

void sim_strlcpy(char *dst, const char *src, size_t size) {
  if (!size) return;
  size_t n = src ? strnlen(src, size - 1) : 0;
  if (n) memcpy(dst, src, n);
  dst[n] = '\0';
}

size_t sim_field_len(const void *field, size_t size) { return strnlen((const char *)field, size); }

static void field_to_str(char *dst, size_t dst_size, const void *field, size_t field_size) {
  size_t n = sim_field_len(field, field_size);
  if (n >= dst_size) n = dst_size - 1;
  memcpy(dst, field, n);
  dst[n] = '\0';
}

int sim_mac_valid(const char *mac) {
  if (!mac || strlen(mac) != 17) return 0;
  for (int i = 0; i < 17; i++) {
    if (i % 3 == 2) {
      if (mac[i] != ':') return 0;
    } else if (!isxdigit((unsigned char)mac[i])) {
      return 0;
    }
  }
  return 1;
}

size_t sim_json_str(char *out, size_t size, size_t len, const char *text) {
  static const char hex[] = "0123456789abcdef";
  if (len + 1 >= size) return len;
  out[len++] = '"';
  for (const unsigned char *p = (const unsigned char *)text; *p && len + 8 < size; p++) {
    if (*p == '"' || *p == '\\') {
      out[len++] = '\\';
      out[len++] = (char)*p;
    } else if (*p < 0x20) {
      out[len++] = '\\';
      out[len++] = 'u';
      out[len++] = '0';
      out[len++] = '0';
      out[len++] = hex[*p >> 4];
      out[len++] = hex[*p & 15];
    } else {
      out[len++] = (char)*p;
    }
  }
  if (len + 1 < size) out[len++] = '"';
  out[len] = '\0';
  return len;
}

static int station_on(void) { return w.mode == WIFI_MODE_STA || w.mode == WIFI_MODE_APSTA; }

static void post(int id, const ctrl_cmd_t *payload, int64_t delay) {
  ctrl_cmd_t ev;
  if (payload)
    ev = *payload;
  else
    memset(&ev, 0, sizeof ev);
  ev.msg_type = CTRL_EVENT;
  ev.msg_id = (uint16_t)id;
  ev.resp_event_status = SUCCESS;
  sim_post_event(&ev, delay);
}

static void post_sta_connected(const sim_ap *ap) {
  ctrl_cmd_t ev;
  memset(&ev, 0, sizeof ev);
  event_sta_conn_t *e = &ev.u.e_sta_conn;
  sim_strlcpy((char *)e->ssid, ap->ssid, sizeof e->ssid);
  e->ssid_len = (uint32_t)strlen(ap->ssid);
  sim_strlcpy((char *)e->bssid, ap->bssid, sizeof e->bssid);
  e->channel = ap->channel;
  e->authmode = ap->encryption;
  e->aid = 1;
  post(CTRL_EVENT_STATION_CONNECTED_TO_AP, &ev, w.d_event);
}

static void post_sta_disconnected(const char *ssid, const char *bssid, uint32_t reason, int rssi) {
  ctrl_cmd_t ev;
  memset(&ev, 0, sizeof ev);
  event_sta_disconn_t *e = &ev.u.e_sta_disconn;
  sim_strlcpy((char *)e->ssid, ssid, sizeof e->ssid);
  e->ssid_len = (uint32_t)strlen((const char *)e->ssid);
  sim_strlcpy((char *)e->bssid, bssid, sizeof e->bssid);
  e->reason = reason;
  e->rssi = rssi;
  post(CTRL_EVENT_STATION_DISCONNECT_FROM_AP, &ev, w.d_event);
}

/* Which AP a connection to (ssid, pwd, bssid) reaches: its index, or -1 with *reason 201 (none
 * found; an open AP asked with a password counts as none, as ESP-IDF's auth threshold then
 * filters it out) or 15 (wrong password; *index_out names the AP). */
static int reach(const char *ssid, const char *pwd, const char *bssid, uint32_t *reason, int *index_out) {
  int best = -1;
  for (int i = 0; i < w.n_aps; i++) {
    const sim_ap *ap = &w.aps[i];
    if (!ap->present || strcmp(ap->ssid, ssid) != 0) continue;
    if (bssid && *bssid && strcasecmp(ap->bssid, bssid) != 0) continue;
    if (best < 0 || ap->rssi > w.aps[best].rssi) best = i;
  }
  *index_out = best;
  if (best < 0) {
    *reason = REASON_NO_AP_FOUND;
    return -1;
  }
  const sim_ap *ap = &w.aps[best];
  if (!ap->pwd[0]) {
    if (pwd && *pwd) {
      *reason = REASON_NO_AP_FOUND;
      *index_out = -1;
      return -1;
    }
    return best;
  }
  if (!pwd || strcmp(ap->pwd, pwd) != 0) {
    *reason = REASON_4WAY_HANDSHAKE_TIMEOUT;
    return -1;
  }
  return best;
}

static void drop_station(void) {
  w.sta_connected = 0;
  w.sta_ap = -1;
}

static void stop_softap_state(void) {
  w.softap_started = 0;
  w.n_visitors = 0;
}

/* ---- world timers ----------------------------------------------------------------------------- */

static void attempt(int arg, unsigned epoch);

static void schedule_attempt(int64_t delay) { sim_schedule_world(attempt, 0, w.sta_epoch, delay); }

/* ASYNC_CONNECT: one connection attempt toward the wanted AP */
static void attempt(int arg, unsigned epoch) {
  (void)arg;
  if (epoch != w.sta_epoch || !w.sta_wanted || w.sta_connected) return;
  if (!station_on()) {
    w.sta_wanted = 0;
    return;
  }
  uint32_t reason = 0;
  int found = -1;
  int i = reach(w.want_ssid, w.want_pwd, w.want_bssid, &reason, &found);
  if (i >= 0) {
    w.sta_connected = 1;
    w.sta_ap = i;
    post_sta_connected(&w.aps[i]);
    return;
  }
  post_sta_disconnected(w.want_ssid, found >= 0 ? w.aps[found].bssid : "", reason,
                        found >= 0 ? w.aps[found].rssi : 0);
  schedule_attempt(w.d_retry);
}

/* An AP went absent: if the station is still on it after the delay, it loses it. */
static void ap_lost(int index, unsigned epoch) {
  if (epoch != w.sta_epoch || !w.sta_connected || w.sta_ap != index || w.aps[index].present) return;
  const sim_ap *ap = &w.aps[index];
  drop_station();
  w.sta_epoch++;
  post_sta_disconnected(ap->ssid, ap->bssid, REASON_BEACON_TIMEOUT, ap->rssi);
  if (w.firmware == NETFSM_HOSTED_SIM_FW_ASYNC_CONNECT && w.sta_wanted) schedule_attempt(w.d_retry);
}

static void heartbeat_tick(int arg, unsigned epoch) {
  (void)arg;
  if (epoch != w.heartbeat_epoch || !w.heartbeat_on) return;
  ctrl_cmd_t ev;
  memset(&ev, 0, sizeof ev);
  ev.u.e_heartbeat.hb_num = ++w.hb_num;
  post(CTRL_EVENT_HEARTBEAT, &ev, 0);
  sim_schedule_world(heartbeat_tick, 0, w.heartbeat_epoch, w.heartbeat_ms);
}

void sim_world_on_init(void) {
  if (w.firmware == NETFSM_HOSTED_SIM_FW_ASYNC_CONNECT && w.sta_wanted && !w.sta_connected)
    schedule_attempt(w.d_retry);
  if (w.heartbeat_on) sim_schedule_world(heartbeat_tick, 0, w.heartbeat_epoch, w.heartbeat_ms);
}

/* ---- settings the core asks for ---------------------------------------------------------------- */

int64_t sim_request_delay_ms(int req_msg_id) {
  if (req_msg_id == CTRL_REQ_GET_AP_SCAN_LIST) return w.d_scan;
  if (req_msg_id == CTRL_REQ_CONNECT_AP && w.firmware != NETFSM_HOSTED_SIM_FW_ASYNC_CONNECT) return w.d_connect;
  return w.d_response;
}

int sim_unresponsive(void) { return w.unresponsive; }
int sim_strict_rx(void) { return w.strict_rx; }

/* ---- request handlers ------------------------------------------------------------------------- */

void fw_get_mac(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  resp->u.wifi_mac.mode = req->u.wifi_mac.mode;
  sim_strlcpy(resp->u.wifi_mac.mac, req->u.wifi_mac.mode == WIFI_MODE_AP ? AP_MAC : STA_MAC,
              sizeof resp->u.wifi_mac.mac);
}

void fw_get_mode(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  (void)req;
  resp->u.wifi_mode.mode = w.mode;
}

void fw_set_mode(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  (void)resp;
  int mode = req->u.wifi_mode.mode;
  w.last_mode = mode;
  if (mode == w.mode) return;
  if (mode == WIFI_MODE_NONE || mode == WIFI_MODE_AP) {
    /* the station interface goes: its connection (and any retrying) with it */
    if (w.sta_connected) {
      const sim_ap *ap = &w.aps[w.sta_ap];
      post_sta_disconnected(ap->ssid, ap->bssid, REASON_ASSOC_LEAVE, ap->rssi);
    }
    drop_station();
    w.sta_wanted = 0;
    w.sta_epoch++;
  }
  if (mode == WIFI_MODE_NONE || mode == WIFI_MODE_STA) stop_softap_state();
  w.mode = mode;
}

static int by_rssi_desc(const void *a, const void *b) {
  const wifi_scanlist_t *x = a, *y = b;
  return (y->rssi > x->rssi) - (y->rssi < x->rssi);
}

void fw_scan(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  (void)req;
  /* the firmware switches the radio to a mode with a station for the scan */
  w.mode = (w.softap_started && w.mode != WIFI_MODE_STA && w.mode != WIFI_MODE_NONE) ? WIFI_MODE_APSTA : WIFI_MODE_STA;
  int n = 0;
  for (int i = 0; i < w.n_aps; i++) n += w.aps[i].present ? 1 : 0;
  if (!n) {
    resp->resp_event_status = FAILURE; /* "No AP available" */
    return;
  }
  wifi_scanlist_t *list = sim_handed_calloc((size_t)n, sizeof *list);
  int k = 0;
  for (int i = 0; i < w.n_aps; i++) {
    const sim_ap *ap = &w.aps[i];
    if (!ap->present) continue;
    memcpy(list[k].ssid, ap->ssid, strlen(ap->ssid));
    memcpy(list[k].bssid, ap->bssid, strlen(ap->bssid));
    list[k].rssi = ap->rssi;
    list[k].channel = ap->channel;
    list[k].encryption_mode = ap->encryption;
    k++;
  }
  qsort(list, (size_t)n, sizeof *list, by_rssi_desc);
  resp->u.wifi_ap_scan.count = n;
  resp->u.wifi_ap_scan.out_list = list;
  resp->free_buffer_func = hosted_free;
  resp->free_buffer_handle = list;
}

void fw_get_ap_config(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  (void)req;
  wifi_ap_config_t *p = &resp->u.wifi_ap_config;
  if (!w.sta_connected) {
    resp->resp_event_status = CTRL_ERR_NOT_CONNECTED;
    sim_strlcpy(p->status, NOT_CONNECTED_STR, sizeof p->status);
    return;
  }
  const sim_ap *ap = &w.aps[w.sta_ap];
  sim_strlcpy(p->status, SUCCESS_STR, sizeof p->status);
  sim_strlcpy((char *)p->ssid, ap->ssid, sizeof p->ssid);
  sim_strlcpy((char *)p->bssid, ap->bssid, sizeof p->bssid);
  p->channel = ap->channel;
  p->rssi = ap->rssi;
  p->encryption_mode = ap->encryption;
}

void fw_connect(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  const wifi_ap_config_t *p = &req->u.wifi_ap_config;
  char ssid[SSID_LENGTH], pwd[PASSWORD_LENGTH], bssid[MAX_MAC_STR_SIZE];
  field_to_str(ssid, sizeof ssid, p->ssid, sizeof p->ssid);
  field_to_str(pwd, sizeof pwd, p->pwd, sizeof p->pwd);
  field_to_str(bssid, sizeof bssid, p->bssid, sizeof p->bssid);
  memcpy(w.last_ssid, ssid, sizeof ssid);
  memcpy(w.last_pwd, pwd, sizeof pwd);
  memcpy(w.last_bssid, bssid, sizeof bssid);

  /* the firmware brings the station up: STA, or APSTA beside a running soft-AP */
  if (!station_on()) w.mode = w.softap_started ? WIFI_MODE_APSTA : WIFI_MODE_STA;

  if (w.firmware == NETFSM_HOSTED_SIM_FW_ASYNC_CONNECT) {
    sim_strlcpy(resp->u.wifi_ap_config.out_mac, STA_MAC, sizeof resp->u.wifi_ap_config.out_mac);
    int same = w.sta_connected && !strcmp(ssid, w.want_ssid) && !strcmp(pwd, w.want_pwd) &&
               !strcmp(bssid, w.want_bssid);
    if (same) {
      post_sta_connected(&w.aps[w.sta_ap]); /* "No change in Wi-Fi config" */
      return;
    }
    if (w.sta_connected) {
      const sim_ap *ap = &w.aps[w.sta_ap];
      post_sta_disconnected(ap->ssid, ap->bssid, REASON_ASSOC_LEAVE, ap->rssi);
      drop_station();
    }
    memcpy(w.want_ssid, ssid, sizeof ssid);
    memcpy(w.want_pwd, pwd, sizeof pwd);
    memcpy(w.want_bssid, bssid, sizeof bssid);
    w.sta_wanted = 1;
    w.sta_epoch++;
    schedule_attempt(w.d_connect);
    return;
  }

  /* a blocking connect: the answer is the outcome */
  drop_station();
  w.sta_wanted = 0;
  w.sta_epoch++;
  memcpy(w.want_ssid, ssid, sizeof ssid);
  memcpy(w.want_pwd, pwd, sizeof pwd);
  memcpy(w.want_bssid, bssid, sizeof bssid);
  uint32_t reason = 0;
  int found = -1;
  int i = reach(ssid, pwd, bssid, &reason, &found);
  if (i < 0) {
    resp->resp_event_status = reason == REASON_NO_AP_FOUND ? w.no_ap_status : w.wrong_password_status;
    return;
  }
  w.sta_connected = 1;
  w.sta_ap = i;
  sim_strlcpy(resp->u.wifi_ap_config.out_mac, STA_MAC, sizeof resp->u.wifi_ap_config.out_mac);
  if (w.firmware == NETFSM_HOSTED_SIM_FW_DEFAULT) post_sta_connected(&w.aps[i]);
}

void fw_disconnect(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  (void)req;
  int was = w.sta_connected;
  w.sta_wanted = 0;
  w.sta_epoch++;
  if (!was) {
    resp->resp_event_status = FAILURE; /* "not connected with AP, can't disconnect" */
    return;
  }
  const sim_ap *ap = &w.aps[w.sta_ap];
  if (w.firmware == NETFSM_HOSTED_SIM_FW_ASYNC_CONNECT)
    post_sta_disconnected(ap->ssid, ap->bssid, REASON_ASSOC_LEAVE, ap->rssi);
  drop_station();
}

void fw_start_softap(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  const softap_config_t *p = &req->u.wifi_softap_config;
  field_to_str(w.last_softap_ssid, sizeof w.last_softap_ssid, p->ssid, sizeof p->ssid);
  field_to_str(w.last_softap_pwd, sizeof w.last_softap_pwd, p->pwd, sizeof p->pwd);
  w.last_softap_channel = p->channel;
  w.last_softap_encryption = p->encryption_mode;
  w.last_softap_max = p->max_connections;
  /* APSTA beside a connected (or connecting) station, else AP alone */
  int keep_station = station_on() && (w.sta_connected || w.sta_wanted);
  w.mode = keep_station ? WIFI_MODE_APSTA : WIFI_MODE_AP;
  if (!keep_station) {
    drop_station();
    w.sta_wanted = 0;
    w.sta_epoch++;
  }
  w.softap = *p;
  w.softap.out_mac[0] = '\0';
  w.softap_started = 1;
  w.n_visitors = 0;
  sim_strlcpy(resp->u.wifi_softap_config.out_mac, AP_MAC, sizeof resp->u.wifi_softap_config.out_mac);
}

void fw_stop_softap(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  (void)req;
  if (!w.softap_started) {
    resp->resp_event_status = FAILURE;
    return;
  }
  if (w.mode == WIFI_MODE_AP)
    w.mode = WIFI_MODE_NONE;
  else if (w.mode == WIFI_MODE_APSTA)
    w.mode = WIFI_MODE_STA;
  stop_softap_state();
}

void fw_sta_list(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  (void)req;
  if (w.mode == WIFI_MODE_STA || w.mode == WIFI_MODE_NONE || !w.softap_started) {
    resp->resp_event_status = FAILURE;
    return;
  }
  resp->u.wifi_softap_con_sta.count = w.n_visitors;
  if (!w.n_visitors) return; /* no list, no free_buffer_* */
  wifi_connected_stations_list_t *list = sim_handed_calloc((size_t)w.n_visitors, sizeof *list);
  for (int i = 0; i < w.n_visitors; i++) {
    memcpy(list[i].bssid, w.visitors[i].mac, strlen(w.visitors[i].mac));
    list[i].rssi = w.visitors[i].rssi;
  }
  resp->u.wifi_softap_con_sta.out_list = list;
  resp->free_buffer_func = hosted_free;
  resp->free_buffer_handle = list;
}

void fw_fw_version(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  (void)req;
  fw_version_t *v = &resp->u.fw_version;
  /* esp_fw_version.h: PROJECT_NAME "FG", 1.0.0.0.0; the host copies 2 chars + NUL */
  v->project_name[0] = 'F';
  v->project_name[1] = 'G';
  v->project_name[2] = '\0';
  v->major_1 = 1;
  v->major_2 = 0;
  v->minor = 0;
  v->revision_patch_1 = 0;
  v->revision_patch_2 = 0;
}

void fw_heartbeat(const ctrl_cmd_t *req, ctrl_cmd_t *resp) {
  (void)resp;
  w.heartbeat_epoch++;
  w.heartbeat_on = req->u.e_heartbeat.enable ? 1 : 0;
  if (!w.heartbeat_on) return;
  int64_t s = (int64_t)req->u.e_heartbeat.duration;
  if (s < 10) s = 10;
  if (s > 3600) s = 3600;
  w.heartbeat_ms = w.d_heartbeat > 0 ? w.d_heartbeat : s * 1000;
  sim_schedule_world(heartbeat_tick, 0, w.heartbeat_epoch, w.heartbeat_ms);
}

/* ---- the world API ------------------------------------------------------------------------------ */

SIM_EXPORT void netfsm_hosted_sim_reset(void) {
  pthread_mutex_lock(&sim_lock);
  sim_discard_events_and_timers();
  settings_defaults();
  world_defaults();
  memset(&sim_counters, 0, sizeof sim_counters);
  pthread_mutex_unlock(&sim_lock);
}

SIM_EXPORT int netfsm_hosted_sim_add_ap(const char *ssid, const char *pwd, const char *bssid, int channel, int rssi,
                                        int encryption_mode) {
  if (!ssid || !*ssid || strlen(ssid) > 32) return -1;
  if (pwd && strlen(pwd) > 64) return -1;
  if (bssid && *bssid && !sim_mac_valid(bssid)) return -1;
  pthread_mutex_lock(&sim_lock);
  if (w.n_aps >= MAX_APS) {
    pthread_mutex_unlock(&sim_lock);
    return -1;
  }
  int i = w.n_aps++;
  sim_ap *ap = &w.aps[i];
  memset(ap, 0, sizeof *ap);
  sim_strlcpy(ap->ssid, ssid, sizeof ap->ssid);
  sim_strlcpy(ap->pwd, pwd, sizeof ap->pwd);
  if (bssid && *bssid)
    sim_strlcpy(ap->bssid, bssid, sizeof ap->bssid);
  else
    snprintf(ap->bssid, sizeof ap->bssid, "02:00:00:00:01:%02x", (unsigned)i);
  for (char *c = ap->bssid; *c; c++) *c = (char)tolower((unsigned char)*c);
  ap->channel = channel;
  ap->rssi = rssi;
  ap->encryption = encryption_mode;
  ap->present = 1;
  pthread_mutex_unlock(&sim_lock);
  return i;
}

SIM_EXPORT int netfsm_hosted_sim_set_ap_present(const char *name, int present) {
  if (!name) return 0;
  pthread_mutex_lock(&sim_lock);
  int matched = 0;
  for (int i = 0; i < w.n_aps; i++) {
    sim_ap *ap = &w.aps[i];
    if (strcmp(ap->ssid, name) != 0 && strcasecmp(ap->bssid, name) != 0) continue;
    matched++;
    int was = ap->present;
    ap->present = present ? 1 : 0;
    if (was && !present && w.sta_connected && w.sta_ap == i) {
      if (sim_schedule_world(ap_lost, i, w.sta_epoch, w.d_ap_lost) != 0) {
        /* the library is down: the station loses the AP, unseen */
        drop_station();
        w.sta_epoch++;
      }
    }
  }
  pthread_mutex_unlock(&sim_lock);
  return matched;
}

SIM_EXPORT int netfsm_hosted_sim_visitor_join(const char *mac, int rssi) {
  if (!sim_mac_valid(mac)) return -1;
  pthread_mutex_lock(&sim_lock);
  int max = w.softap.max_connections;
  if (!w.softap_started || w.n_visitors >= max || w.n_visitors >= MAX_VISITORS) {
    pthread_mutex_unlock(&sim_lock);
    return -1;
  }
  for (int i = 0; i < w.n_visitors; i++) {
    if (!strcasecmp(w.visitors[i].mac, mac)) {
      pthread_mutex_unlock(&sim_lock);
      return -1;
    }
  }
  int aid = 1; /* the smallest free */
  for (int again = 1; again;) {
    again = 0;
    for (int i = 0; i < w.n_visitors; i++) {
      if (w.visitors[i].aid == aid) {
        aid++;
        again = 1;
      }
    }
  }
  sim_visitor *v = &w.visitors[w.n_visitors++];
  sim_strlcpy(v->mac, mac, sizeof v->mac);
  for (char *c = v->mac; *c; c++) *c = (char)tolower((unsigned char)*c);
  v->aid = aid;
  v->rssi = rssi;
  if (w.firmware != NETFSM_HOSTED_SIM_FW_CLASSIC) {
    ctrl_cmd_t ev;
    memset(&ev, 0, sizeof ev);
    sim_strlcpy((char *)ev.u.e_softap_sta_conn.mac, v->mac, sizeof ev.u.e_softap_sta_conn.mac);
    ev.u.e_softap_sta_conn.aid = aid;
    post(CTRL_EVENT_STATION_CONNECTED_TO_ESP_SOFTAP, &ev, w.d_event);
  }
  pthread_mutex_unlock(&sim_lock);
  return aid;
}

SIM_EXPORT int netfsm_hosted_sim_visitor_leave(const char *mac, int reason) {
  if (!mac) return -1;
  pthread_mutex_lock(&sim_lock);
  for (int i = 0; i < w.n_visitors; i++) {
    if (strcasecmp(w.visitors[i].mac, mac) != 0) continue;
    ctrl_cmd_t ev;
    memset(&ev, 0, sizeof ev);
    sim_strlcpy((char *)ev.u.e_softap_sta_disconn.mac, w.visitors[i].mac, sizeof ev.u.e_softap_sta_disconn.mac);
    ev.u.e_softap_sta_disconn.aid = w.visitors[i].aid;
    ev.u.e_softap_sta_disconn.reason = (uint32_t)reason;
    w.visitors[i] = w.visitors[--w.n_visitors];
    post(CTRL_EVENT_STATION_DISCONNECT_FROM_ESP_SOFTAP, &ev, w.d_event);
    pthread_mutex_unlock(&sim_lock);
    return 0;
  }
  pthread_mutex_unlock(&sim_lock);
  return -1;
}

SIM_EXPORT int netfsm_hosted_sim_set_delay(const char *which, int ms) {
  if (!which || ms < 0) return -1;
  static const struct {
    const char *name;
    size_t offset;
  } names[] = {
      {"response", offsetof(__typeof__(w), d_response)}, {"connect", offsetof(__typeof__(w), d_connect)},
      {"scan", offsetof(__typeof__(w), d_scan)},         {"ap_lost", offsetof(__typeof__(w), d_ap_lost)},
      {"event", offsetof(__typeof__(w), d_event)},       {"retry", offsetof(__typeof__(w), d_retry)},
      {"heartbeat", offsetof(__typeof__(w), d_heartbeat)},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strcmp(names[i].name, which) != 0) continue;
    pthread_mutex_lock(&sim_lock);
    *(int64_t *)((char *)&w + names[i].offset) = ms;
    pthread_mutex_unlock(&sim_lock);
    return 0;
  }
  return -1;
}

SIM_EXPORT int netfsm_hosted_sim_set_firmware(int firmware) {
  if (firmware < NETFSM_HOSTED_SIM_FW_DEFAULT || firmware > NETFSM_HOSTED_SIM_FW_CLASSIC) return -1;
  pthread_mutex_lock(&sim_lock);
  w.firmware = firmware;
  pthread_mutex_unlock(&sim_lock);
  return 0;
}

SIM_EXPORT int netfsm_hosted_sim_set_connect_failure(int no_ap_status, int wrong_password_status) {
  if (no_ap_status == SUCCESS || wrong_password_status == SUCCESS) return -1;
  pthread_mutex_lock(&sim_lock);
  w.no_ap_status = no_ap_status;
  w.wrong_password_status = wrong_password_status;
  pthread_mutex_unlock(&sim_lock);
  return 0;
}

SIM_EXPORT int netfsm_hosted_sim_set_strict_rx(int on) {
  pthread_mutex_lock(&sim_lock);
  w.strict_rx = on ? 1 : 0;
  pthread_mutex_unlock(&sim_lock);
  return 0;
}

SIM_EXPORT int netfsm_hosted_sim_set_unresponsive(int on) {
  pthread_mutex_lock(&sim_lock);
  w.unresponsive = on ? 1 : 0;
  pthread_mutex_unlock(&sim_lock);
  return 0;
}

SIM_EXPORT void netfsm_hosted_sim_set_quiet(int on) { sim_set_quiet(on); }

SIM_EXPORT int netfsm_hosted_sim_esp_reset(void) {
  pthread_mutex_lock(&sim_lock);
  if (!sim_initialised()) {
    pthread_mutex_unlock(&sim_lock);
    return -1;
  }
  drop_station();
  w.sta_wanted = 0;
  w.sta_epoch++;
  stop_softap_state();
  w.heartbeat_on = 0;
  w.heartbeat_epoch++;
  w.mode = WIFI_MODE_STA;
  post(CTRL_EVENT_ESP_INIT, NULL, w.d_event);
  pthread_mutex_unlock(&sim_lock);
  return 0;
}

SIM_EXPORT int netfsm_hosted_sim_storm(int event_id, int count) {
  if (event_id <= CTRL_EVENT_BASE || event_id >= CTRL_EVENT_MAX || count < 0) return -1;
  pthread_mutex_lock(&sim_lock);
  if (!sim_initialised()) {
    pthread_mutex_unlock(&sim_lock);
    return -1;
  }
  const sim_ap *ap = w.sta_ap >= 0 ? &w.aps[w.sta_ap] : NULL;
  for (int n = 0; n < count; n++) {
    ctrl_cmd_t ev;
    memset(&ev, 0, sizeof ev);
    char mac[MAX_MAC_STR_SIZE];
    unsigned k = ++w.storm_counter;
    snprintf(mac, sizeof mac, "02:00:00:00:%02x:%02x", (k >> 8) & 0xff, k & 0xff);
    switch (event_id) {
    case CTRL_EVENT_HEARTBEAT:
      ev.u.e_heartbeat.hb_num = ++w.hb_num;
      break;
    case CTRL_EVENT_STATION_DISCONNECT_FROM_AP: {
      event_sta_disconn_t *e = &ev.u.e_sta_disconn;
      sim_strlcpy((char *)e->ssid, ap ? ap->ssid : w.last_ssid, sizeof e->ssid);
      e->ssid_len = (uint32_t)strlen((const char *)e->ssid);
      sim_strlcpy((char *)e->bssid, ap ? ap->bssid : "", sizeof e->bssid);
      e->reason = REASON_BEACON_TIMEOUT;
      e->rssi = ap ? ap->rssi : 0;
      break;
    }
    case CTRL_EVENT_STATION_CONNECTED_TO_AP: {
      event_sta_conn_t *e = &ev.u.e_sta_conn;
      sim_strlcpy((char *)e->ssid, ap ? ap->ssid : w.last_ssid, sizeof e->ssid);
      e->ssid_len = (uint32_t)strlen((const char *)e->ssid);
      sim_strlcpy((char *)e->bssid, ap ? ap->bssid : "", sizeof e->bssid);
      e->channel = ap ? ap->channel : 0;
      e->authmode = ap ? ap->encryption : 0;
      e->aid = 1;
      break;
    }
    case CTRL_EVENT_STATION_CONNECTED_TO_ESP_SOFTAP:
      sim_strlcpy((char *)ev.u.e_softap_sta_conn.mac, mac, sizeof ev.u.e_softap_sta_conn.mac);
      ev.u.e_softap_sta_conn.aid = (int32_t)(k % 10) + 1;
      break;
    case CTRL_EVENT_STATION_DISCONNECT_FROM_ESP_SOFTAP:
      sim_strlcpy((char *)ev.u.e_softap_sta_disconn.mac, mac, sizeof ev.u.e_softap_sta_disconn.mac);
      ev.u.e_softap_sta_disconn.aid = (int32_t)(k % 10) + 1;
      ev.u.e_softap_sta_disconn.reason = REASON_ASSOC_LEAVE;
      break;
    default:
      break;
    }
    post(event_id, &ev, 0);
  }
  pthread_mutex_unlock(&sim_lock);
  return count;
}

SIM_EXPORT const char *netfsm_hosted_sim_last_ssid(void) {
  static __thread char buf[SSID_LENGTH];
  pthread_mutex_lock(&sim_lock);
  memcpy(buf, w.last_ssid, sizeof buf);
  pthread_mutex_unlock(&sim_lock);
  return buf;
}

SIM_EXPORT int netfsm_hosted_sim_last_mode(void) {
  pthread_mutex_lock(&sim_lock);
  int m = w.last_mode;
  pthread_mutex_unlock(&sim_lock);
  return m;
}

/* ---- state JSON ---------------------------------------------------------------------------------- */

typedef struct {
  char *out;
  size_t size, len;
} jbuf;

static void jraw(jbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void jraw(jbuf *b, const char *fmt, ...) {
  if (b->len + 1 >= b->size) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(b->out + b->len, b->size - b->len, fmt, ap);
  va_end(ap);
  if (n > 0) b->len = b->len + (size_t)n < b->size ? b->len + (size_t)n : b->size - 1;
}

static void jstr(jbuf *b, const char *text) { b->len = sim_json_str(b->out, b->size, b->len, text); }

static void jkv(jbuf *b, const char *key, const char *text) {
  jstr(b, key);
  jraw(b, ": ");
  jstr(b, text);
}

SIM_EXPORT const char *netfsm_hosted_sim_state_json(void) {
  static __thread char buf[16384];
  jbuf b = {buf, sizeof buf, 0};
  static const char *const firmware_names[] = {"default", "async_connect", "classic"};
  pthread_mutex_lock(&sim_lock);
  jraw(&b, "{");
  char core[256];
  sim_core_state_json(core, sizeof core);
  jraw(&b, "%s, \"firmware\": \"%s\", \"strict_rx\": %s, \"unresponsive\": %s, \"mode\": %d, ", core,
       firmware_names[w.firmware], w.strict_rx ? "true" : "false", w.unresponsive ? "true" : "false", w.mode);
  jraw(&b, "\"last\": {\"mode\": %d, ", w.last_mode);
  jkv(&b, "ssid", w.last_ssid);
  jraw(&b, ", ");
  jkv(&b, "pwd", w.last_pwd);
  jraw(&b, ", ");
  jkv(&b, "bssid", w.last_bssid);
  jraw(&b, ", ");
  jkv(&b, "softap_ssid", w.last_softap_ssid);
  jraw(&b, ", ");
  jkv(&b, "softap_pwd", w.last_softap_pwd);
  jraw(&b, ", \"softap_channel\": %d, \"softap_encryption\": %d, \"softap_max_connections\": %d}, ",
       w.last_softap_channel, w.last_softap_encryption, w.last_softap_max);
  const sim_ap *ap = w.sta_connected ? &w.aps[w.sta_ap] : NULL;
  jraw(&b, "\"station\": {\"connected\": %s, ", ap ? "true" : "false");
  jkv(&b, "ssid", ap ? ap->ssid : "");
  jraw(&b, ", ");
  jkv(&b, "bssid", ap ? ap->bssid : "");
  jraw(&b, ", \"wanted\": %s}, ", w.sta_wanted ? "true" : "false");
  jraw(&b, "\"softap\": {\"started\": %s, \"visitors\": [", w.softap_started ? "true" : "false");
  for (int i = 0; i < w.n_visitors; i++) {
    jraw(&b, "%s{", i ? ", " : "");
    jkv(&b, "mac", w.visitors[i].mac);
    jraw(&b, ", \"aid\": %d, \"rssi\": %d}", w.visitors[i].aid, w.visitors[i].rssi);
  }
  jraw(&b, "]}, \"aps\": [");
  for (int i = 0; i < w.n_aps; i++) {
    const sim_ap *a = &w.aps[i];
    jraw(&b, "%s{", i ? ", " : "");
    jkv(&b, "ssid", a->ssid);
    jraw(&b, ", ");
    jkv(&b, "bssid", a->bssid);
    jraw(&b, ", \"channel\": %d, \"rssi\": %d, \"encryption\": %d, \"present\": %s}", a->channel, a->rssi,
         a->encryption, a->present ? "true" : "false");
  }
  jraw(&b,
       "], \"counters\": {\"requests\": %ld, \"responses\": %ld, \"timeouts\": %ld, \"events_posted\": %ld, "
       "\"events_delivered\": %ld, \"events_dropped\": %ld, \"would_abort\": %ld}, ",
       sim_counters.requests, sim_counters.responses, sim_counters.timeouts, sim_counters.events_posted,
       sim_counters.events_delivered, sim_counters.events_dropped, sim_counters.would_abort);
  pthread_mutex_unlock(&sim_lock);
  jraw(&b, "\"live_allocations\": %ld}", sim_alloc_live());
  return buf;
}
