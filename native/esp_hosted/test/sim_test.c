/*
 * sim_test: the stand-in libesp_hosted_rpc_sim.so, driven through its exported API as netfsm
 * will drive it. Build and run (see ../README.md):
 *   cc -O1 -g -pthread -Wall -Wextra -Werror -Inative/esp_hosted/include \
 *     native/esp_hosted/test/sim_test.c -Lnative/build -lesp_hosted_rpc_sim \
 *     -Wl,-rpath,$PWD/native/build -o /tmp/sim_test && /tmp/sim_test
 * Exit status 0 when every check passed.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../include/ctrl_api_sim.h"
#include "../include/netfsm_hosted_sim.h"

static int failures, checks;

#define CHECK(cond)                                                                            \
  do {                                                                                         \
    checks++;                                                                                  \
    if (!(cond)) {                                                                             \
      failures++;                                                                              \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                         \
    }                                                                                          \
  } while (0)
#define CHECK_EQ(a, b)                                                                         \
  do {                                                                                         \
    long long a_ = (long long)(a), b_ = (long long)(b);                                        \
    checks++;                                                                                  \
    if (a_ != b_) {                                                                            \
      failures++;                                                                              \
      fprintf(stderr, "FAIL %s:%d: %s == %s (%lld vs %lld)\n", __FILE__, __LINE__, #a, #b, a_, \
              b_);                                                                             \
    }                                                                                          \
  } while (0)
#define CHECK_STR(a, b)                                                                        \
  do {                                                                                         \
    const char *a_ = (const char *)(a), *b_ = (b);                                             \
    checks++;                                                                                  \
    if (strcmp(a_, b_) != 0) {                                                                 \
      failures++;                                                                              \
      fprintf(stderr, "FAIL %s:%d: %s == \"%s\" (got \"%s\")\n", __FILE__, __LINE__, #a, b_,   \
              a_);                                                                             \
    }                                                                                          \
  } while (0)

static void section(const char *name) { printf("-- %s\n", name); }

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* ---- an event recorder: the callbacks copy what they get, then release it --------------------- */

#define MAX_RECORDED 4096
typedef struct {
  ctrl_cmd_t msg;
  pthread_t thread;
} recorded;

static pthread_mutex_t rec_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rec_cond = PTHREAD_COND_INITIALIZER;
static recorded rec[MAX_RECORDED];
static int n_rec;
static pthread_t main_thread;

static int record(ctrl_cmd_t *msg) {
  pthread_mutex_lock(&rec_lock);
  if (n_rec < MAX_RECORDED) {
    rec[n_rec].msg = *msg;
    rec[n_rec].thread = pthread_self();
    n_rec++;
  }
  pthread_cond_broadcast(&rec_cond);
  pthread_mutex_unlock(&rec_lock);
  CTRL_CMD_RELEASE(msg); /* the callback owns the event */
  return 0;
}

static void rec_clear(void) {
  pthread_mutex_lock(&rec_lock);
  n_rec = 0;
  pthread_mutex_unlock(&rec_lock);
}

static int rec_count(int id) {
  pthread_mutex_lock(&rec_lock);
  int n = 0;
  for (int i = 0; i < n_rec; i++) n += rec[i].msg.msg_id == id;
  pthread_mutex_unlock(&rec_lock);
  return n;
}

/* Waits until `count` events `id` were recorded; returns the last one (a copy) or zeroes. */
static recorded rec_wait(int id, int count, int timeout_ms) {
  recorded out;
  memset(&out, 0, sizeof out);
  long long deadline = now_ms() + timeout_ms;
  for (;;) {
    pthread_mutex_lock(&rec_lock);
    int n = 0;
    for (int i = 0; i < n_rec; i++) {
      if (rec[i].msg.msg_id == id && ++n == count) out = rec[i];
    }
    pthread_mutex_unlock(&rec_lock);
    if (n >= count || now_ms() >= deadline) return out;
    sleep_ms(2);
  }
}

static void register_all(void) {
  for (int id = CTRL_EVENT_ESP_INIT; id <= CTRL_EVENT_STATION_CONNECTED_TO_ESP_SOFTAP; id++)
    CHECK_EQ(set_event_callback(id, record), CALLBACK_SET_SUCCESS);
}

/* ---- helpers -------------------------------------------------------------------------------------- */

static ctrl_cmd_t fresh(void) {
  ctrl_cmd_t req;
  memset(&req, 0, sizeof req);
  return req;
}

static ctrl_cmd_t *connect_to(const char *ssid, const char *pwd) {
  ctrl_cmd_t req = fresh();
  snprintf((char *)req.u.wifi_ap_config.ssid, sizeof req.u.wifi_ap_config.ssid, "%s", ssid);
  snprintf((char *)req.u.wifi_ap_config.pwd, sizeof req.u.wifi_ap_config.pwd, "%s", pwd);
  return wifi_connect_ap(&req);
}

static int mode_now(void) {
  ctrl_cmd_t req = fresh();
  ctrl_cmd_t *resp = wifi_get_mode(&req);
  int mode = resp ? resp->u.wifi_mode.mode : -100;
  CTRL_CMD_RELEASE(resp);
  return mode;
}

static int status_of(ctrl_cmd_t *(*call)(ctrl_cmd_t *)) {
  ctrl_cmd_t req = fresh();
  ctrl_cmd_t *resp = call(&req);
  int status = resp ? resp->resp_event_status : -100;
  CTRL_CMD_RELEASE(resp);
  return status;
}

static softap_config_t softap(const char *ssid, const char *pwd, int enc, int max) {
  softap_config_t c;
  memset(&c, 0, sizeof c);
  snprintf((char *)c.ssid, sizeof c.ssid, "%s", ssid);
  snprintf((char *)c.pwd, sizeof c.pwd, "%s", pwd);
  c.channel = 6;
  c.encryption_mode = enc;
  c.max_connections = max;
  c.bandwidth = WIFI_BW_HT20;
  return c;
}

/* "[a, b]" of "field" inside the object of "structname" in the layouts JSON */
static int layout_has(const char *json, const char *structname, const char *field, int off, int size) {
  char key[96];
  snprintf(key, sizeof key, "\"%s\": {", structname);
  const char *start = strstr(json, key);
  if (!start) return 0;
  const char *end = strchr(start, '}');
  char want[128];
  snprintf(want, sizeof want, "\"%s\": [%d, %d]", field, off, size);
  const char *at = strstr(start, want);
  return at && at < end;
}

static char device_dir[] = "/tmp/netfsm_hosted_sim_XXXXXX";
static char device_path[128];

/* ---- the tests ---------------------------------------------------------------------------------- */

static void test_layouts(void) {
  section("layouts JSON");
  const char *j = netfsm_hosted_layouts();
  CHECK(j && j[0] == '{' && j[strlen(j) - 1] == '}');
  CHECK(layout_has(j, "ctrl_cmd_t", "sizeof", 0, 328));
  CHECK(layout_has(j, "ctrl_cmd_t", "alignof", 0, 8));
  CHECK(layout_has(j, "ctrl_cmd_t", "msg_type", 0, 1));
  CHECK(layout_has(j, "ctrl_cmd_t", "msg_id", 2, 2));
  CHECK(layout_has(j, "ctrl_cmd_t", "uid", 4, 4));
  CHECK(layout_has(j, "ctrl_cmd_t", "resp_event_status", 8, 4));
  CHECK(layout_has(j, "ctrl_cmd_t", "u", 16, 280));
  CHECK(layout_has(j, "ctrl_cmd_t", "u.wifi_ap_scan", 16, 16));
  CHECK(layout_has(j, "ctrl_cmd_t", "ctrl_resp_cb", 296, 8));
  CHECK(layout_has(j, "ctrl_cmd_t", "cmd_timeout_sec", 304, 4));
  CHECK(layout_has(j, "ctrl_cmd_t", "free_buffer_handle", 312, 8));
  CHECK(layout_has(j, "ctrl_cmd_t", "free_buffer_func", 320, 8));
  CHECK(layout_has(j, "wifi_ap_config_t", "sizeof", 0, 172));
  CHECK(layout_has(j, "wifi_ap_config_t", "bssid", 98, 18));
  CHECK(layout_has(j, "wifi_ap_config_t", "out_mac", 148, 18));
  CHECK(layout_has(j, "wifi_ap_config_t", "band_mode", 168, 4));
  CHECK(layout_has(j, "softap_config_t", "sizeof", 0, 144));
  CHECK(layout_has(j, "softap_config_t", "bandwidth", 116, 4));
  CHECK(layout_has(j, "softap_config_t", "out_mac", 120, 18));
  CHECK(layout_has(j, "event_sta_disconn_t", "sizeof", 0, 68));
  CHECK(layout_has(j, "event_sta_disconn_t", "reason", 60, 4));
  CHECK(layout_has(j, "event_sta_conn_t", "sizeof", 0, 72));
  CHECK(layout_has(j, "event_sta_conn_t", "aid", 68, 4));
  CHECK(layout_has(j, "event_softap_sta_conn_t", "sizeof", 0, 28));
  CHECK(layout_has(j, "event_softap_sta_disconn_t", "reason", 28, 4));
  CHECK(layout_has(j, "wifi_scanlist_t", "sizeof", 0, 64));
  CHECK(layout_has(j, "wifi_scanlist_t", "rssi", 52, 4));
  CHECK(layout_has(j, "wifi_connected_stations_list_t", "rssi", 20, 4));
  CHECK(!layout_has(j, "ctrl_cmd_t", "u", 16, 281));
}

static void test_init(void) {
  section("init without the device, then with it");
  setenv("NETFSM_HOSTED_DEVICE", "/nonexistent/esps0", 1);
  CHECK_EQ(init_hosted_control_lib(), FAILURE);
  ctrl_cmd_t req = fresh();
  CHECK(wifi_get_mode(&req) == NULL); /* nothing to talk to */
  CHECK_EQ(deinit_hosted_control_lib(), SUCCESS);

  /* a fifo as the device node */
  CHECK(mkdtemp(device_dir) != NULL);
  snprintf(device_path, sizeof device_path, "%s/esps0", device_dir);
  CHECK_EQ(mkfifo(device_path, 0600), 0);
  setenv("NETFSM_HOSTED_DEVICE", device_path, 1);
  CHECK_EQ(init_hosted_control_lib(), SUCCESS);
  CHECK_EQ(init_hosted_control_lib(), SUCCESS); /* "Already opened returned" */
  CHECK_EQ(set_event_callback(300, record), MSG_ID_OUT_OF_ORDER);
  CHECK_EQ(set_event_callback(309, record), MSG_ID_OUT_OF_ORDER);
  register_all();
  CHECK(get_event_callback(CTRL_EVENT_HEARTBEAT) == record);
}

static void test_mode_mac(void) {
  section("mode and mac");
  CHECK_EQ(mode_now(), WIFI_MODE_STA); /* the firmware's boot mode */
  ctrl_cmd_t req = fresh();
  req.u.wifi_mode.mode = WIFI_MODE_AP;
  ctrl_cmd_t *resp = wifi_set_mode(&req);
  CHECK(resp != NULL);
  if (resp) {
    CHECK_EQ(resp->msg_type, CTRL_RESP);
    CHECK_EQ(resp->msg_id, CTRL_RESP_SET_WIFI_MODE);
    CHECK_EQ(resp->msg_id, req.msg_id + 100);
    CHECK_EQ(resp->uid, req.uid);
    CHECK(req.uid > 0);
    CHECK_EQ(req.msg_type, CTRL_REQ);
    CHECK_EQ(resp->resp_event_status, SUCCESS);
    CHECK(resp->free_buffer_handle == NULL);
  }
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(mode_now(), WIFI_MODE_AP);
  CHECK_EQ(netfsm_hosted_sim_last_mode(), WIFI_MODE_AP);

  req = fresh();
  req.u.wifi_mode.mode = 7;
  CHECK(wifi_set_mode(&req) == NULL); /* refused before sending */
  CHECK_EQ(netfsm_hosted_sim_last_mode(), WIFI_MODE_AP);

  req = fresh();
  req.u.wifi_mac.mode = WIFI_MODE_STA;
  resp = wifi_get_mac(&req);
  CHECK(resp && resp->resp_event_status == SUCCESS);
  if (resp) {
    CHECK_EQ(resp->msg_id, CTRL_RESP_GET_MAC_ADDR);
    CHECK_STR(resp->u.wifi_mac.mac, "24:0a:c4:00:00:10");
  }
  CTRL_CMD_RELEASE(resp);
  req = fresh();
  req.u.wifi_mac.mode = WIFI_MODE_AP;
  resp = wifi_get_mac(&req);
  if (resp) CHECK_STR(resp->u.wifi_mac.mac, "24:0a:c4:00:00:11");
  CTRL_CMD_RELEASE(resp);
  req = fresh();
  req.u.wifi_mac.mode = WIFI_MODE_APSTA; /* only STA or AP */
  CHECK(wifi_get_mac(&req) == NULL);

  req = fresh();
  resp = get_fw_version(&req);
  CHECK(resp && resp->resp_event_status == SUCCESS);
  if (resp) {
    CHECK_STR(resp->u.fw_version.project_name, "FG");
    CHECK_EQ(resp->u.fw_version.major_1, 1);
    CHECK_EQ(resp->msg_id, CTRL_RESP_GET_FW_VERSION);
  }
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 0);
}

static void test_connect(void) {
  section("connect: success, absent AP, wrong password, codes");
  CHECK_EQ(netfsm_hosted_sim_add_ap("home", "secret123", "AA:BB:CC:00:00:01", 6, -40, WIFI_AUTH_WPA2_PSK), 0);
  CHECK_EQ(netfsm_hosted_sim_add_ap("cafe", "", NULL, 11, -70, WIFI_AUTH_OPEN), 1);
  rec_clear();

  ctrl_cmd_t req = fresh();
  snprintf((char *)req.u.wifi_ap_config.ssid, sizeof req.u.wifi_ap_config.ssid, "home");
  snprintf((char *)req.u.wifi_ap_config.pwd, sizeof req.u.wifi_ap_config.pwd, "secret123");
  ctrl_cmd_t *resp = wifi_connect_ap(&req);
  CHECK_EQ(req.cmd_timeout_sec, DEFAULT_CTRL_RESP_CONNECT_AP_TIMEOUT); /* raised by the library */
  CHECK(resp != NULL);
  if (resp) {
    CHECK_EQ(resp->msg_id, CTRL_RESP_CONNECT_AP);
    CHECK_EQ(resp->resp_event_status, SUCCESS);
    CHECK_STR(resp->u.wifi_ap_config.out_mac, "24:0a:c4:00:00:10");
  }
  CTRL_CMD_RELEASE(resp);
  CHECK_STR(netfsm_hosted_sim_last_ssid(), "home");
  CHECK_EQ(mode_now(), WIFI_MODE_STA); /* the station came up (was AP) */

  recorded ev = rec_wait(CTRL_EVENT_STATION_CONNECTED_TO_AP, 1, 1000);
  CHECK_EQ(ev.msg.msg_id, CTRL_EVENT_STATION_CONNECTED_TO_AP);
  CHECK_EQ(ev.msg.msg_type, CTRL_EVENT);
  CHECK_EQ(ev.msg.resp_event_status, SUCCESS);
  CHECK_STR(ev.msg.u.e_sta_conn.ssid, "home");
  CHECK_EQ(ev.msg.u.e_sta_conn.ssid_len, 4);
  CHECK_STR(ev.msg.u.e_sta_conn.bssid, "aa:bb:cc:00:00:01");
  CHECK_EQ(ev.msg.u.e_sta_conn.channel, 6);
  CHECK_EQ(ev.msg.u.e_sta_conn.authmode, WIFI_AUTH_WPA2_PSK);
  CHECK(!pthread_equal(ev.thread, main_thread)); /* from the library's own thread */

  req = fresh();
  resp = wifi_get_ap_config(&req);
  CHECK(resp && resp->resp_event_status == SUCCESS);
  if (resp) {
    CHECK_STR(resp->u.wifi_ap_config.status, "success");
    CHECK_STR(resp->u.wifi_ap_config.ssid, "home");
    CHECK_EQ(resp->u.wifi_ap_config.rssi, -40);
  }
  CTRL_CMD_RELEASE(resp);

  resp = connect_to("home", "wrong-password");
  CHECK(resp && resp->resp_event_status == FAILURE);
  if (resp) CHECK_STR(resp->u.wifi_ap_config.out_mac, "");
  CTRL_CMD_RELEASE(resp);
  resp = connect_to("nowhere", "whatever1");
  CHECK(resp && resp->resp_event_status == FAILURE);
  CTRL_CMD_RELEASE(resp);
  resp = connect_to("cafe", "a-password"); /* an open AP asked with a password: not found */
  CHECK(resp && resp->resp_event_status == FAILURE);
  CTRL_CMD_RELEASE(resp);

  CHECK_EQ(netfsm_hosted_sim_set_connect_failure(CTRL_ERR_NO_AP_FOUND, CTRL_ERR_INVALID_PASSWORD), 0);
  resp = connect_to("home", "wrong-password");
  CHECK(resp && resp->resp_event_status == CTRL_ERR_INVALID_PASSWORD);
  CTRL_CMD_RELEASE(resp);
  resp = connect_to("nowhere", "whatever1");
  CHECK(resp && resp->resp_event_status == CTRL_ERR_NO_AP_FOUND);
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(netfsm_hosted_sim_set_connect_failure(FAILURE, FAILURE), 0);

  req = fresh();
  resp = wifi_get_ap_config(&req);
  CHECK(resp && resp->resp_event_status == CTRL_ERR_NOT_CONNECTED);
  if (resp) CHECK_STR(resp->u.wifi_ap_config.status, "not_connected");
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(status_of(wifi_disconnect_ap), FAILURE); /* not connected */

  req = fresh(); /* refused before sending: empty ssid */
  CHECK(wifi_connect_ap(&req) == NULL);

  resp = connect_to("cafe", "");
  CHECK(resp && resp->resp_event_status == SUCCESS);
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(rec_wait(CTRL_EVENT_STATION_CONNECTED_TO_AP, 2, 1000).msg.msg_id, CTRL_EVENT_STATION_CONNECTED_TO_AP);
  CHECK_EQ(status_of(wifi_disconnect_ap), SUCCESS);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(1000), 0);
  CHECK_EQ(rec_count(CTRL_EVENT_STATION_DISCONNECT_FROM_AP), 0); /* asked for: no event */
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 0);
}

static void test_ap_lost(void) {
  section("AP lost while connected: 303 reason 200");
  rec_clear();
  ctrl_cmd_t *resp = connect_to("home", "secret123");
  CHECK(resp && resp->resp_event_status == SUCCESS);
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(netfsm_hosted_sim_set_ap_present("home", 0), 1);
  recorded ev = rec_wait(CTRL_EVENT_STATION_DISCONNECT_FROM_AP, 1, 1000);
  CHECK_EQ(ev.msg.msg_id, CTRL_EVENT_STATION_DISCONNECT_FROM_AP);
  CHECK_STR(ev.msg.u.e_sta_disconn.ssid, "home");
  CHECK_STR(ev.msg.u.e_sta_disconn.bssid, "aa:bb:cc:00:00:01");
  CHECK_EQ(ev.msg.u.e_sta_disconn.reason, 200);
  CHECK_EQ(ev.msg.u.e_sta_disconn.rssi, -40);
  CHECK(!pthread_equal(ev.thread, main_thread));
  ctrl_cmd_t req = fresh();
  resp = wifi_get_ap_config(&req);
  CHECK(resp && resp->resp_event_status == CTRL_ERR_NOT_CONNECTED);
  CTRL_CMD_RELEASE(resp);
  resp = connect_to("home", "secret123"); /* gone */
  CHECK(resp && resp->resp_event_status == FAILURE);
  CTRL_CMD_RELEASE(resp);
  /* back, and lost and back again within the delay: no event */
  CHECK_EQ(netfsm_hosted_sim_set_ap_present("aa:bb:cc:00:00:01", 1), 1);
  resp = connect_to("home", "secret123");
  CHECK(resp && resp->resp_event_status == SUCCESS);
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(netfsm_hosted_sim_set_delay("ap_lost", 200), 0);
  netfsm_hosted_sim_set_ap_present("home", 0);
  netfsm_hosted_sim_set_ap_present("home", 1);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(2000), 0);
  CHECK_EQ(rec_count(CTRL_EVENT_STATION_DISCONNECT_FROM_AP), 1);
  CHECK_EQ(netfsm_hosted_sim_set_delay("ap_lost", 10), 0);
  CHECK_EQ(status_of(wifi_disconnect_ap), SUCCESS);
}

static void test_scan(void) {
  section("scan list and how it is freed");
  netfsm_hosted_sim_add_ap("office", "pa55word!", "aa:bb:cc:00:00:03", 1, -55, WIFI_AUTH_WPA_WPA2_PSK);
  netfsm_hosted_sim_add_ap("hidden-away", "x", "aa:bb:cc:00:00:04", 3, -20, WIFI_AUTH_WPA2_PSK);
  netfsm_hosted_sim_set_ap_present("hidden-away", 0);
  ctrl_cmd_t req = fresh();
  ctrl_cmd_t *resp = wifi_ap_scan_list(&req);
  CHECK_EQ(req.cmd_timeout_sec, DEFAULT_CTRL_RESP_AP_SCAN_TIMEOUT);
  CHECK(resp && resp->resp_event_status == SUCCESS);
  if (resp) {
    CHECK_EQ(resp->msg_id, CTRL_RESP_GET_AP_SCAN_LIST);
    wifi_ap_scan_list_t *s = &resp->u.wifi_ap_scan;
    CHECK_EQ(s->count, 3);
    CHECK(s->out_list != NULL);
    CHECK(resp->free_buffer_handle == s->out_list);
    CHECK(resp->free_buffer_func == hosted_free);
    if (s->out_list && s->count == 3) {
      CHECK_STR(s->out_list[0].ssid, "home"); /* strongest first */
      CHECK_EQ(s->out_list[0].rssi, -40);
      CHECK_STR(s->out_list[0].bssid, "aa:bb:cc:00:00:01");
      CHECK_EQ(s->out_list[0].channel, 6);
      CHECK_EQ(s->out_list[0].encryption_mode, WIFI_AUTH_WPA2_PSK);
      CHECK_STR(s->out_list[1].ssid, "office");
      CHECK_STR(s->out_list[2].ssid, "cafe");
      CHECK_STR(s->out_list[2].bssid, "02:00:00:00:01:01"); /* made up */
    }
  }
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 2); /* the response and its list */
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 0);

  /* nothing in range: the firmware answers FAILURE ("No AP available"), no list */
  netfsm_hosted_sim_set_ap_present("home", 0);
  netfsm_hosted_sim_set_ap_present("office", 0);
  netfsm_hosted_sim_set_ap_present("cafe", 0);
  req = fresh();
  resp = wifi_ap_scan_list(&req);
  CHECK(resp && resp->resp_event_status == FAILURE);
  if (resp) {
    CHECK_EQ(resp->u.wifi_ap_scan.count, 0);
    CHECK(resp->free_buffer_handle == NULL);
  }
  CTRL_CMD_RELEASE(resp);
  netfsm_hosted_sim_set_ap_present("home", 1);
  netfsm_hosted_sim_set_ap_present("office", 1);
  netfsm_hosted_sim_set_ap_present("cafe", 1);
}

static void test_softap(void) {
  section("soft-AP, visitors, station list");
  rec_clear();
  ctrl_cmd_t req = fresh();
  req.u.wifi_softap_config = softap("netfsm-setup", "12345678", WIFI_AUTH_WPA2_PSK, 4);
  req.u.wifi_softap_config.bandwidth = 0; /* the library refuses it */
  CHECK(wifi_start_softap(&req) == NULL);
  req = fresh();
  req.u.wifi_softap_config = softap("netfsm-setup", "short", WIFI_AUTH_WPA2_PSK, 4);
  CHECK(wifi_start_softap(&req) == NULL);
  req = fresh();
  req.u.wifi_softap_config = softap("netfsm-setup", "12345678", WIFI_AUTH_WPA2_PSK, 2);
  ctrl_cmd_t *resp = wifi_start_softap(&req);
  CHECK(resp && resp->resp_event_status == SUCCESS);
  if (resp) {
    CHECK_EQ(resp->msg_id, CTRL_RESP_START_SOFTAP);
    CHECK_STR(resp->u.wifi_softap_config.out_mac, "24:0a:c4:00:00:11");
  }
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(mode_now(), WIFI_MODE_AP); /* the station was not connected */

  req = fresh();
  resp = wifi_get_softap_connected_station_list(&req);
  CHECK(resp && resp->resp_event_status == SUCCESS);
  if (resp) {
    CHECK_EQ(resp->u.wifi_softap_con_sta.count, 0);
    CHECK(resp->free_buffer_handle == NULL);
  }
  CTRL_CMD_RELEASE(resp);

  CHECK_EQ(netfsm_hosted_sim_visitor_join("11:22:33:44:55:66", -30), 1);
  CHECK_EQ(netfsm_hosted_sim_visitor_join("11:22:33:44:55:77", -35), 2);
  CHECK_EQ(netfsm_hosted_sim_visitor_join("11:22:33:44:55:88", -35), -1); /* full (2) */
  CHECK_EQ(netfsm_hosted_sim_visitor_join("not-a-mac", -35), -1);
  recorded ev = rec_wait(CTRL_EVENT_STATION_CONNECTED_TO_ESP_SOFTAP, 2, 1000);
  CHECK_STR(ev.msg.u.e_softap_sta_conn.mac, "11:22:33:44:55:77");
  CHECK_EQ(ev.msg.u.e_softap_sta_conn.aid, 2);
  CHECK(!pthread_equal(ev.thread, main_thread));

  req = fresh();
  resp = wifi_get_softap_connected_station_list(&req);
  CHECK(resp && resp->resp_event_status == SUCCESS);
  if (resp) {
    wifi_softap_conn_sta_list_t *l = &resp->u.wifi_softap_con_sta;
    CHECK_EQ(l->count, 2);
    CHECK(resp->free_buffer_handle == l->out_list && resp->free_buffer_func == hosted_free);
    if (l->out_list && l->count == 2) {
      CHECK_STR(l->out_list[0].bssid, "11:22:33:44:55:66");
      CHECK_EQ(l->out_list[0].rssi, -30);
      CHECK_STR(l->out_list[1].bssid, "11:22:33:44:55:77");
    }
  }
  CTRL_CMD_RELEASE(resp);

  CHECK_EQ(netfsm_hosted_sim_visitor_leave("11:22:33:44:55:66", 8), 0);
  CHECK_EQ(netfsm_hosted_sim_visitor_leave("11:22:33:44:55:66", 8), -1);
  ev = rec_wait(CTRL_EVENT_STATION_DISCONNECT_FROM_ESP_SOFTAP, 1, 1000);
  CHECK_STR(ev.msg.u.e_softap_sta_disconn.mac, "11:22:33:44:55:66");
  CHECK_EQ(ev.msg.u.e_softap_sta_disconn.aid, 1);
  CHECK_EQ(ev.msg.u.e_softap_sta_disconn.reason, 8);
  CHECK_EQ(netfsm_hosted_sim_visitor_join("11:22:33:44:55:99", -50), 1); /* smallest free aid */

  /* the station beside the soft-AP: APSTA */
  resp = connect_to("home", "secret123");
  CHECK(resp && resp->resp_event_status == SUCCESS);
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(mode_now(), WIFI_MODE_APSTA);

  CHECK_EQ(status_of(wifi_stop_softap), SUCCESS);
  CHECK_EQ(mode_now(), WIFI_MODE_STA);
  CHECK_EQ(status_of(wifi_stop_softap), FAILURE);
  CHECK_EQ(status_of(wifi_get_softap_connected_station_list), FAILURE);
  CHECK_EQ(netfsm_hosted_sim_visitor_join("11:22:33:44:55:66", -30), -1);
  CHECK_EQ(status_of(wifi_disconnect_ap), SUCCESS);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(1000), 0);
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 0);
}

/* a callback that calls back into the library */
static int reentrant_status = -100;
static int reentrant_uid;
static int reenter(ctrl_cmd_t *event) {
  ctrl_cmd_t req = fresh();
  req.cmd_timeout_sec = 1;
  ctrl_cmd_t *resp = wifi_get_mode(&req);
  reentrant_status = resp ? resp->resp_event_status : -100;
  reentrant_uid = req.uid;
  CTRL_CMD_RELEASE(resp);
  return record(event);
}

static void test_reentrant(void) {
  section("a callback calling into the library");
  rec_clear();
  CHECK_EQ(set_event_callback(CTRL_EVENT_HEARTBEAT, reenter), 0);
  CHECK_EQ(netfsm_hosted_sim_storm(CTRL_EVENT_HEARTBEAT, 3), 3);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(3000), 0);
  CHECK_EQ(rec_count(CTRL_EVENT_HEARTBEAT), 3);
  CHECK_EQ(reentrant_status, SUCCESS); /* default: answered on the caller's thread */

  section("strict_rx: the same call times out, and its answer goes to the next request");
  netfsm_hosted_sim_set_strict_rx(1);
  rec_clear();
  long long t0 = now_ms();
  CHECK_EQ(netfsm_hosted_sim_storm(CTRL_EVENT_HEARTBEAT, 1), 1);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(5000), 0);
  long long took = now_ms() - t0;
  CHECK_EQ(reentrant_status, -100); /* NULL: timed out */
  CHECK(took >= 1000 && took < 3000);
  ctrl_cmd_t req = fresh();
  req.u.wifi_mac.mode = WIFI_MODE_STA;
  ctrl_cmd_t *resp = wifi_get_mac(&req);
  CHECK(resp != NULL);
  if (resp) {
    CHECK_EQ(resp->msg_id, CTRL_RESP_GET_WIFI_MODE); /* the stale answer, not get_mac's */
    CHECK_EQ(resp->uid, reentrant_uid);
    CHECK_EQ(resp->resp_event_status, FAILURE);
  }
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(1000), 0);
  req = fresh();
  resp = wifi_get_mode(&req);
  CHECK(resp != NULL);
  if (resp) {
    CHECK_EQ(resp->msg_id, CTRL_RESP_GET_MAC_ADDR); /* off by one from then on */
    CHECK_EQ(resp->resp_event_status, SUCCESS);
  }
  CTRL_CMD_RELEASE(resp);
  /* deinit + init flushes the queued answer */
  CHECK_EQ(deinit_hosted_control_lib(), SUCCESS);
  CHECK_EQ(init_hosted_control_lib(), SUCCESS);
  req = fresh();
  resp = wifi_get_mode(&req);
  CHECK(resp && resp->msg_id == CTRL_RESP_GET_WIFI_MODE && resp->resp_event_status == SUCCESS);
  CTRL_CMD_RELEASE(resp);
  netfsm_hosted_sim_set_strict_rx(0);
  CHECK_EQ(set_event_callback(CTRL_EVENT_HEARTBEAT, record), 0);
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 0);
}

static void test_storm(void) {
  section("storm: 2000 events back to back");
  rec_clear();
  int n = 2000;
  long long t0 = now_ms();
  CHECK_EQ(netfsm_hosted_sim_storm(CTRL_EVENT_HEARTBEAT, n), n);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(20000), 0);
  CHECK_EQ(rec_count(CTRL_EVENT_HEARTBEAT), n);
  pthread_mutex_lock(&rec_lock);
  int in_order = 1;
  for (int i = 1; i < n_rec; i++)
    in_order &= rec[i].msg.u.e_heartbeat.hb_num == rec[i - 1].msg.u.e_heartbeat.hb_num + 1;
  pthread_mutex_unlock(&rec_lock);
  CHECK(in_order);
  printf("   %d events in %lld ms\n", n, now_ms() - t0);
  CHECK_EQ(netfsm_hosted_sim_storm(CTRL_EVENT_STATION_CONNECTED_TO_ESP_SOFTAP, 50), 50);
  CHECK_EQ(netfsm_hosted_sim_storm(299, 1), -1);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(5000), 0);
  CHECK_EQ(rec_count(CTRL_EVENT_STATION_CONNECTED_TO_ESP_SOFTAP), 50);
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 0);

  /* no callback: dropped */
  CHECK_EQ(reset_event_callback(CTRL_EVENT_HEARTBEAT), 0);
  rec_clear();
  netfsm_hosted_sim_storm(CTRL_EVENT_HEARTBEAT, 10);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(1000), 0);
  CHECK_EQ(rec_count(CTRL_EVENT_HEARTBEAT), 0);
  CHECK(strstr(netfsm_hosted_sim_state_json(), "\"events_dropped\": 10") != NULL);
  CHECK_EQ(set_event_callback(CTRL_EVENT_HEARTBEAT, record), 0);
}

static void test_heartbeat_reset(void) {
  section("heartbeat and ESP reset");
  rec_clear();
  netfsm_hosted_sim_set_delay("heartbeat", 20);
  ctrl_cmd_t req = fresh();
  req.u.e_heartbeat.enable = 1;
  req.u.e_heartbeat.duration = 10;
  ctrl_cmd_t *resp = config_heartbeat(&req);
  CHECK(resp && resp->resp_event_status == SUCCESS && resp->msg_id == CTRL_RESP_CONFIG_HEARTBEAT);
  CTRL_CMD_RELEASE(resp);
  recorded first = rec_wait(CTRL_EVENT_HEARTBEAT, 1, 2000);
  recorded ev = rec_wait(CTRL_EVENT_HEARTBEAT, 3, 2000);
  CHECK_EQ(ev.msg.u.e_heartbeat.hb_num, first.msg.u.e_heartbeat.hb_num + 2);
  req = fresh();
  req.u.e_heartbeat.enable = 0;
  resp = config_heartbeat(&req);
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(1000), 0);
  int beats = rec_count(CTRL_EVENT_HEARTBEAT);
  sleep_ms(60);
  CHECK_EQ(rec_count(CTRL_EVENT_HEARTBEAT), beats);

  resp = connect_to("home", "secret123");
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(netfsm_hosted_sim_esp_reset(), 0);
  ev = rec_wait(CTRL_EVENT_ESP_INIT, 1, 1000);
  CHECK_EQ(ev.msg.msg_id, CTRL_EVENT_ESP_INIT);
  CHECK_EQ(ev.msg.resp_event_status, SUCCESS);
  CHECK_EQ(status_of(wifi_get_ap_config), CTRL_ERR_NOT_CONNECTED);
  CHECK_EQ(mode_now(), WIFI_MODE_STA);
}

static ctrl_cmd_t async_got;
static pthread_t async_thread;
static int async_calls, async_seen;
static int on_answer(ctrl_cmd_t *resp) {
  pthread_mutex_lock(&rec_lock);
  async_got = *resp;
  async_thread = pthread_self();
  async_calls++;
  pthread_cond_broadcast(&rec_cond);
  pthread_mutex_unlock(&rec_lock);
  CTRL_CMD_RELEASE(resp); /* the callback owns the answer */
  return 0;
}

/* 0 when on_answer ran once more since the last call, -1 after ms */
static int async_wait(int ms) {
  long long deadline = now_ms() + ms;
  pthread_mutex_lock(&rec_lock);
  while (async_calls == async_seen && now_ms() < deadline) {
    pthread_mutex_unlock(&rec_lock);
    sleep_ms(2);
    pthread_mutex_lock(&rec_lock);
  }
  int got = async_calls != async_seen;
  if (got) async_seen++;
  pthread_mutex_unlock(&rec_lock);
  return got ? 0 : -1;
}

static ctrl_cmd_t async_last(void) {
  pthread_mutex_lock(&rec_lock);
  ctrl_cmd_t c = async_got;
  pthread_mutex_unlock(&rec_lock);
  return c;
}

static int async_on_main(void) {
  pthread_mutex_lock(&rec_lock);
  int on_main = pthread_equal(async_thread, main_thread);
  pthread_mutex_unlock(&rec_lock);
  return on_main;
}

static int sem_wait_ms(sem_t *s, int ms) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += ms / 1000;
  ts.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  int rc;
  while ((rc = sem_timedwait(s, &ts)) == -1 && errno == EINTR) {
  }
  return rc;
}

static void test_async_and_timeouts(void) {
  section("asynchronous requests, timeouts, a busy library");
  ctrl_cmd_t req = fresh();
  req.ctrl_resp_cb = on_answer;
  CHECK(wifi_get_mode(&req) == NULL);
  CHECK_EQ(async_wait(2000), 0);
  CHECK_EQ(async_last().msg_id, CTRL_RESP_GET_WIFI_MODE);
  CHECK_EQ(async_last().resp_event_status, SUCCESS);
  CHECK_EQ(async_last().u.wifi_mode.mode, WIFI_MODE_STA);
  CHECK(!async_on_main());

  /* refused before sending: the callback is told at once, on the caller's thread */
  req = fresh();
  req.ctrl_resp_cb = on_answer;
  req.u.wifi_mode.mode = 9;
  CHECK(wifi_set_mode(&req) == NULL);
  CHECK_EQ(async_wait(100), 0);
  CHECK_EQ(async_last().resp_event_status, CTRL_ERR_INCORRECT_ARG);
  CHECK(async_on_main());

  /* the firmware falls silent */
  netfsm_hosted_sim_set_unresponsive(1);
  req = fresh();
  req.cmd_timeout_sec = 1;
  long long t0 = now_ms();
  CHECK(wifi_get_mode(&req) == NULL);
  long long took = now_ms() - t0;
  CHECK(took >= 1000 && took < 1500);
  req = fresh();
  req.cmd_timeout_sec = 1;
  req.ctrl_resp_cb = on_answer;
  CHECK(wifi_get_mode(&req) == NULL);
  CHECK_EQ(async_wait(3000), 0);
  CHECK_EQ(async_last().resp_event_status, CTRL_ERR_REQUEST_TIMEOUT);
  CHECK_EQ(async_last().msg_id, 0);
  netfsm_hosted_sim_set_unresponsive(0);

  /* a slow answer holds the library: the next request waits 3 s, then gives up */
  netfsm_hosted_sim_set_delay("response", 4000);
  req = fresh();
  req.cmd_timeout_sec = 6;
  req.ctrl_resp_cb = on_answer;
  pthread_mutex_lock(&rec_lock);
  int calls_before = async_calls;
  pthread_mutex_unlock(&rec_lock);
  CHECK(wifi_get_mode(&req) == NULL);
  ctrl_cmd_t req2 = fresh();
  t0 = now_ms();
  CHECK(wifi_get_mode(&req2) == NULL); /* CTRL_ERR_REQ_IN_PROG */
  took = now_ms() - t0;
  CHECK(took >= 2900 && took < 3600);
  CHECK_EQ(async_wait(3000), 0);
  pthread_mutex_lock(&rec_lock);
  CHECK_EQ(async_calls - calls_before, 1);
  pthread_mutex_unlock(&rec_lock);
  /* the refused request reset the expected uid (fail_req: expected_resp_uid = -1), so the
   * slow answer arrives as a stale one: FAILURE, as in the real library */
  CHECK_EQ(async_last().msg_id, CTRL_RESP_GET_WIFI_MODE);
  CHECK_EQ(async_last().resp_event_status, FAILURE);
  netfsm_hosted_sim_set_delay("response", 2);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(1000), 0);
  CHECK_EQ(status_of(wifi_get_mode), SUCCESS);
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 0);
}

static void test_async_firmware(void) {
  section("ASYNC_CONNECT firmware: SUCCESS at once, the outcome as events, retries");
  netfsm_hosted_sim_set_firmware(NETFSM_HOSTED_SIM_FW_ASYNC_CONNECT);
  netfsm_hosted_sim_set_delay("retry", 20);
  rec_clear();
  netfsm_hosted_sim_set_ap_present("office", 0);
  ctrl_cmd_t *resp = connect_to("office", "pa55word!");
  CHECK(resp && resp->resp_event_status == SUCCESS);
  if (resp) CHECK_STR(resp->u.wifi_ap_config.out_mac, "24:0a:c4:00:00:10");
  CTRL_CMD_RELEASE(resp);
  recorded ev = rec_wait(CTRL_EVENT_STATION_DISCONNECT_FROM_AP, 3, 2000);
  CHECK_EQ(ev.msg.u.e_sta_disconn.reason, 201);
  CHECK_STR(ev.msg.u.e_sta_disconn.ssid, "office");
  netfsm_hosted_sim_set_ap_present("office", 1);
  ev = rec_wait(CTRL_EVENT_STATION_CONNECTED_TO_AP, 1, 2000);
  CHECK_STR(ev.msg.u.e_sta_conn.ssid, "office");
  CHECK_EQ(status_of(wifi_get_ap_config), SUCCESS);
  /* asked again with the same config while connected: 305 at once */
  resp = connect_to("office", "pa55word!");
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(rec_wait(CTRL_EVENT_STATION_CONNECTED_TO_AP, 2, 1000).msg.msg_id, CTRL_EVENT_STATION_CONNECTED_TO_AP);
  /* lost: 200, then retries (201) until it is back */
  rec_clear();
  netfsm_hosted_sim_set_ap_present("office", 0);
  ev = rec_wait(CTRL_EVENT_STATION_DISCONNECT_FROM_AP, 1, 1000);
  CHECK_EQ(ev.msg.u.e_sta_disconn.reason, 200);
  ev = rec_wait(CTRL_EVENT_STATION_DISCONNECT_FROM_AP, 2, 1000);
  CHECK_EQ(ev.msg.u.e_sta_disconn.reason, 201);
  netfsm_hosted_sim_set_ap_present("office", 1);
  CHECK_EQ(rec_wait(CTRL_EVENT_STATION_CONNECTED_TO_AP, 1, 1000).msg.msg_id, CTRL_EVENT_STATION_CONNECTED_TO_AP);
  /* wrong password: 15 */
  rec_clear();
  resp = connect_to("home", "wrong-password");
  CHECK(resp && resp->resp_event_status == SUCCESS);
  CTRL_CMD_RELEASE(resp);
  ev = rec_wait(CTRL_EVENT_STATION_DISCONNECT_FROM_AP, 1, 1000);
  CHECK_EQ(ev.msg.u.e_sta_disconn.reason, 8); /* left office first */
  CHECK_STR(ev.msg.u.e_sta_disconn.ssid, "office");
  ev = rec_wait(CTRL_EVENT_STATION_DISCONNECT_FROM_AP, 2, 1000);
  CHECK_EQ(ev.msg.u.e_sta_disconn.reason, 15);
  CHECK_STR(ev.msg.u.e_sta_disconn.bssid, "aa:bb:cc:00:00:01");
  CHECK_EQ(status_of(wifi_disconnect_ap), FAILURE); /* not connected; the retries stop */
  CHECK_EQ(netfsm_hosted_sim_wait_idle(1000), 0);
  resp = connect_to("home", "secret123");
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(rec_wait(CTRL_EVENT_STATION_CONNECTED_TO_AP, 1, 1000).msg.msg_id, CTRL_EVENT_STATION_CONNECTED_TO_AP);
  rec_clear();
  CHECK_EQ(status_of(wifi_disconnect_ap), SUCCESS);
  ev = rec_wait(CTRL_EVENT_STATION_DISCONNECT_FROM_AP, 1, 1000);
  CHECK_EQ(ev.msg.u.e_sta_disconn.reason, 8);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(1000), 0);

  section("CLASSIC firmware: no 305, no 306");
  netfsm_hosted_sim_set_firmware(NETFSM_HOSTED_SIM_FW_CLASSIC);
  rec_clear();
  resp = connect_to("home", "secret123");
  CHECK(resp && resp->resp_event_status == SUCCESS);
  CTRL_CMD_RELEASE(resp);
  ctrl_cmd_t req = fresh();
  req.u.wifi_softap_config = softap("open-ap", "", WIFI_AUTH_OPEN, 3);
  resp = wifi_start_softap(&req);
  CHECK(resp && resp->resp_event_status == SUCCESS);
  CTRL_CMD_RELEASE(resp);
  CHECK_EQ(netfsm_hosted_sim_visitor_join("11:22:33:44:55:66", -30), 1);
  CHECK_EQ(netfsm_hosted_sim_wait_idle(1000), 0);
  CHECK_EQ(rec_count(CTRL_EVENT_STATION_CONNECTED_TO_AP), 0);
  CHECK_EQ(rec_count(CTRL_EVENT_STATION_CONNECTED_TO_ESP_SOFTAP), 0);
  CHECK_EQ(netfsm_hosted_sim_visitor_leave("11:22:33:44:55:66", 8), 0);
  CHECK_EQ(rec_wait(CTRL_EVENT_STATION_DISCONNECT_FROM_ESP_SOFTAP, 1, 1000).msg.msg_id,
           CTRL_EVENT_STATION_DISCONNECT_FROM_ESP_SOFTAP);
  netfsm_hosted_sim_set_firmware(NETFSM_HOSTED_SIM_FW_DEFAULT);
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 0);
}

/* deinit while the library's thread is inside a callback that waits for the caller (what a
 * JS thread blocked in deinit would be to a foreign-thread callback): must not deadlock */
static sem_t in_cb, release_cb;
static int blocking_cb(ctrl_cmd_t *event) {
  sem_post(&in_cb);
  sem_wait(&release_cb);
  return record(event);
}
static int deinit_cb_rc = -100;
static int deinit_from_cb(ctrl_cmd_t *event) {
  deinit_cb_rc = deinit_hosted_control_lib();
  return record(event);
}

static void test_deinit(void) {
  section("deinit while a callback runs, and from a callback");
  sem_init(&in_cb, 0, 0);
  sem_init(&release_cb, 0, 0);
  rec_clear();
  CHECK_EQ(set_event_callback(CTRL_EVENT_HEARTBEAT, blocking_cb), 0);
  netfsm_hosted_sim_storm(CTRL_EVENT_HEARTBEAT, 5);
  CHECK_EQ(sem_wait_ms(&in_cb, 2000), 0);
  alarm(10); /* a deadlock kills the test */
  CHECK_EQ(deinit_hosted_control_lib(), SUCCESS);
  alarm(0);
  sem_post(&release_cb);
  sleep_ms(50);
  CHECK_EQ(rec_count(CTRL_EVENT_HEARTBEAT), 1); /* the other four were dropped */
  CHECK_EQ(netfsm_hosted_sim_storm(CTRL_EVENT_HEARTBEAT, 1), -1); /* not initialised */
  ctrl_cmd_t req = fresh();
  CHECK(wifi_get_mode(&req) == NULL);

  CHECK_EQ(init_hosted_control_lib(), SUCCESS);
  rec_clear();
  CHECK_EQ(set_event_callback(CTRL_EVENT_HEARTBEAT, deinit_from_cb), 0);
  alarm(10);
  netfsm_hosted_sim_storm(CTRL_EVENT_HEARTBEAT, 2);
  rec_wait(CTRL_EVENT_HEARTBEAT, 1, 2000);
  sleep_ms(50);
  alarm(0);
  CHECK_EQ(deinit_cb_rc, SUCCESS);
  CHECK_EQ(rec_count(CTRL_EVENT_HEARTBEAT), 1); /* the second was dropped by deinit */
  CHECK_EQ(init_hosted_control_lib(), SUCCESS);
  CHECK_EQ(set_event_callback(CTRL_EVENT_HEARTBEAT, record), 0);
  CHECK_EQ(status_of(wifi_get_mode), SUCCESS);
  sem_destroy(&in_cb);
  sem_destroy(&release_cb);
}

static void test_state_and_reset(void) {
  section("state JSON, reset");
  const char *j = netfsm_hosted_sim_state_json();
  CHECK(j[0] == '{' && j[strlen(j) - 1] == '}');
  CHECK(strstr(j, "\"initialised\": true") != NULL);
  CHECK(strstr(j, "\"firmware\": \"default\"") != NULL);
  CHECK(strstr(j, "\"ssid\": \"home\"") != NULL);
  CHECK(strstr(j, "\"live_allocations\": 0") != NULL);
  netfsm_hosted_sim_add_ap("quote\"d\\ssid", "", NULL, 1, -60, 0);
  CHECK(strstr(netfsm_hosted_sim_state_json(), "\"quote\\\"d\\\\ssid\"") != NULL);
  netfsm_hosted_sim_reset();
  j = netfsm_hosted_sim_state_json();
  CHECK(strstr(j, "\"aps\": []") != NULL);
  CHECK(strstr(j, "\"last\": {\"mode\": -1, \"ssid\": \"\"") != NULL);
  CHECK_STR(netfsm_hosted_sim_last_ssid(), "");
  CHECK_EQ(netfsm_hosted_sim_last_mode(), -1);
  CHECK_EQ(netfsm_hosted_sim_set_delay("bogus", 1), -1);
  CHECK_EQ(netfsm_hosted_sim_set_firmware(7), -1);
  CHECK_EQ(netfsm_hosted_sim_add_ap("", "", NULL, 1, 1, 0), -1);
  CHECK_EQ(netfsm_hosted_sim_add_ap("x", "", "zz:zz", 1, 1, 0), -1);
  ctrl_cmd_t req = fresh();
  ctrl_cmd_t *resp = wifi_ap_scan_list(&req);
  CHECK(resp && resp->resp_event_status == FAILURE);
  CTRL_CMD_RELEASE(resp);
}

int main(void) {
  main_thread = pthread_self();
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (getenv("SIM_TEST_QUIET")) netfsm_hosted_sim_set_quiet(1);
  test_layouts();
  test_init();
  test_mode_mac();
  test_connect();
  test_ap_lost();
  test_scan();
  test_softap();
  test_reentrant();
  test_storm();
  test_heartbeat_reset();
  test_async_and_timeouts();
  test_async_firmware();
  test_deinit();
  test_state_and_reset();
  CHECK_EQ(deinit_hosted_control_lib(), SUCCESS);
  CHECK_EQ(netfsm_hosted_sim_live_allocations(), 0);
  unlink(device_path);
  rmdir(device_dir);
  printf("%d checks, %d failures\n", checks, failures);
  return failures ? 1 : 0;
}
