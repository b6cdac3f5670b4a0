/*
 * netfsm_hosted_sim.h: the scripted world behind libesp_hosted_rpc_sim.so, for tests.
 *
 * The stand-in plays both the host control library and the ESP32 firmware behind it. These
 * functions (prefix netfsm_hosted_sim_, absent from the real library) set up what the
 * "firmware" sees: access points, soft-AP visitors, delays, the firmware generation, and
 * report what the library was last told. All are thread-safe; none calls a callback itself
 * (every event is delivered from the library's own thread). Strings returned are the
 * calling thread's own static buffer: valid until that thread's next call of the same
 * function; never free them.
 *
 * The world survives deinit/init (the ESP32 does not reboot when the host library restarts);
 * netfsm_hosted_sim_reset() forgets it. Events that fall due while the library is not
 * initialised are dropped, as are events without a registered callback.
 */
#ifndef NETFSM_HOSTED_SIM_H
#define NETFSM_HOSTED_SIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* Firmware generations (netfsm_hosted_sim_set_firmware). */
enum {
  /* Default. wifi_connect_ap blocks for the "connect" delay and answers the outcome:
   * SUCCESS with out_mac, or the failure status (FAILURE by default, see
   * netfsm_hosted_sim_set_connect_failure). A success also posts event 305. Soft-AP
   * visitors post 306 / 304. An AP lost while connected posts 303 (reason 200), once. */
  NETFSM_HOSTED_SIM_FW_DEFAULT = 0,
  /* esp_hosted_fg firmware from Aug 2024 on: wifi_connect_ap answers SUCCESS (with out_mac)
   * at once, whatever happens; the outcome comes as event 305, or as 303 with reason 201 (no
   * AP found) / 15 (4-way handshake timeout: wrong password), and the firmware retries every
   * "retry" ms (a 303 each time) until it connects or is told to disconnect. An AP lost while
   * connected: 303 reason 200, then the same retries. wifi_disconnect_ap while connected: 303
   * reason 8. */
  NETFSM_HOSTED_SIM_FW_ASYNC_CONNECT = 1,
  /* esp_hosted_fg firmware up to Jul 2024, exactly: like the default, but no 305 after a
   * connect and no 306 when a visitor joins (that firmware sent neither). */
  NETFSM_HOSTED_SIM_FW_CLASSIC = 2
};

/* Forgets the world: APs, visitors, connection, soft-AP, heartbeat, last-told values,
 * counters; delays, firmware, connect-failure statuses, strict_rx and unresponsive back to
 * their defaults (quiet is kept); mode back to WIFI_MODE_STA (the firmware's boot mode). Pending world
 * timers and queued events are discarded. Does not touch init state or callbacks. */
void netfsm_hosted_sim_reset(void);

/* An AP the "firmware" can see (present). ssid 1..32 bytes; pwd "" (or NULL) for an open AP,
 * else the password it accepts; bssid "aa:bb:cc:dd:ee:ff" (NULL or "": one is made up);
 * encryption_mode a wifi_auth_mode_e (what the scan reports). Returns its index (>= 0), or -1
 * (bad argument, or 32 APs already). */
int netfsm_hosted_sim_add_ap(const char *ssid, const char *pwd, const char *bssid, int channel,
                             int rssi, int encryption_mode);

/* Makes every AP whose ssid or bssid equals `name` present (1) or absent (0). An AP that goes
 * absent while the station is connected to it: after the "ap_lost" delay, if it is still
 * absent, the station is disconnected and event 303 (reason 200, beacon timeout) is posted.
 * Returns how many APs matched (0: none). */
int netfsm_hosted_sim_set_ap_present(const char *name, int present);

/* A station joins the soft-AP: posts 306 (mac, aid) unless the firmware is CLASSIC. Returns
 * its aid (1..), or -1 when the soft-AP is not started, is full (max_connections), the mac is
 * malformed or already joined. */
int netfsm_hosted_sim_visitor_join(const char *mac, int rssi);

/* The station leaves: posts 304 (mac, aid, reason; 8 "assoc leave" is the usual). 0, or -1
 * when no such visitor. */
int netfsm_hosted_sim_visitor_leave(const char *mac, int reason);

/* Delays in ms (defaults): "response" 2 (every answer), "connect" 20 (a connection attempt),
 * "scan" 20, "ap_lost" 10 (AP absent -> 303), "event" 1 (a world event's delivery), "retry"
 * 100 (ASYNC_CONNECT's reconnection attempts), "heartbeat" 0 (0: the requested duration,
 * clamped to 10..3600 s as the firmware does; else this many ms between heartbeats).
 * Returns 0, or -1 for an unknown name or a negative value. A delay longer than a request's
 * timeout makes that request time out (NULL), as a silent firmware would. */
int netfsm_hosted_sim_set_delay(const char *which, int ms);

/* One of NETFSM_HOSTED_SIM_FW_*. 0, or -1 for another value. */
int netfsm_hosted_sim_set_firmware(int firmware);

/* The resp_event_status a blocking connect (DEFAULT, CLASSIC) answers for an absent AP and
 * for a wrong password. Defaults FAILURE (-1) and FAILURE (-1): what the firmware sends (it
 * computes CtrlStatus No_AP_Found 2 / Connection_Fail 3, then overwrites both with FAILURE).
 * CTRL_ERR_NO_AP_FOUND (2) and CTRL_ERR_INVALID_PASSWORD (3) exercise the host library's
 * branches for them (it prints "SSID: not found/connectable" / "Invalid password for SSID"). */
int netfsm_hosted_sim_set_connect_failure(int no_ap_status, int wrong_password_status);

/* 1: responses travel through the library's one thread, as in the real library (its
 * ctrl_rx_thread reads both responses and events): a synchronous request made while that
 * thread is inside a callback (for instance from the callback, through a foreign-thread FFI
 * callback that blocks until JavaScript has run it) gets no answer until the callback
 * returns, so it times out (NULL) — and the late answer is then handed, marked FAILURE, to the
 * next request, as the real library does. 0 (default): a request is answered on the caller's
 * thread, whatever the library's thread is doing. */
int netfsm_hosted_sim_set_strict_rx(int on);

/* 1: the "firmware" stops answering requests (they time out after cmd_timeout_sec); events
 * still flow. 0: it answers again. */
int netfsm_hosted_sim_set_unresponsive(int on);

/* 1: the library's console messages (printed to stdout, as the real one prints them) are
 * suppressed. 0 (default): printed. */
void netfsm_hosted_sim_set_quiet(int on);

/* The ESP32 reboots: station disconnected (no 303), soft-AP stopped, visitors gone, heartbeat
 * off, mode back to STA; then event 301 (ESP_INIT) is posted. 0, or -1 when not initialised. */
int netfsm_hosted_sim_esp_reset(void);

/* Posts `count` events `event_id` (301..308) back to back from the library's thread, without
 * changing the world: 302 with hb_num counting up; 303 / 305 naming the current (or last) AP;
 * 304 / 306 naming a made-up station "02:00:00:00:xx:xx". Returns how many were queued, or -1
 * (not initialised, bad id or count < 0). */
int netfsm_hosted_sim_storm(int event_id, int count);

/* Waits until nothing is queued on the library's thread (events, answers, world timers) and
 * no callback is running: 0, or -1 after timeout_ms, or -2 when called from the library's
 * thread. From Deno, call it with nonblocking: true (a JS thread blocked here cannot run the
 * callbacks it waits for). ASYNC_CONNECT's endless retries never let it return 0. */
int netfsm_hosted_sim_wait_idle(int timeout_ms);

/* What the library was last told: the ssid of the last wifi_connect_ap that reached the
 * "firmware" ("" if none), and the mode of the last wifi_set_mode (-1 if none). */
const char *netfsm_hosted_sim_last_ssid(void);
int netfsm_hosted_sim_last_mode(void);

/* Everything, as JSON: {"initialised", "firmware", "strict_rx", "unresponsive", "mode",
 * "last": {"mode", "ssid", "pwd", "bssid", "softap_ssid", "softap_pwd", "softap_channel",
 * "softap_encryption", "softap_max_connections"}, "station": {"connected", "ssid", "bssid",
 * "wanted"}, "softap": {"started", "visitors": [{"mac", "aid", "rssi"}]}, "aps": [{"ssid",
 * "bssid", "channel", "rssi", "encryption", "present"}], "counters": {"requests",
 * "responses", "timeouts", "events_posted", "events_delivered", "events_dropped",
 * "would_abort"}, "live_allocations"}. */
const char *netfsm_hosted_sim_state_json(void);

/* How many blocks the library handed over (responses, lists, events) are not yet released
 * through hosted_free / free_buffer_func. A caller that releases with libc free() instead is
 * not seen here. */
long netfsm_hosted_sim_live_allocations(void);

#ifdef __cplusplus
}
#endif

#endif /* NETFSM_HOSTED_SIM_H */
