/*
 * netfsm ESP-IDF stand-in: the scripted radio world, driven by tests (prefix netfsm_sim_).
 *
 * The world holds access points the station can scan and join, the soft-AP's visitors, the
 * SNTP server's answer, and the delays of each step. Everything the world does after a call
 * happens on the library's own threads, as on a device: events reach handlers on the event
 * thread, in the order they were posted. None of these functions blocks or calls a handler,
 * so any of them may be called from any thread, including from inside a handler.
 */
#ifndef NETFSM_SIM_H
#define NETFSM_SIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Back to the state right after loading: WiFi not initialised, no event loop, no handlers,
 * no interfaces, no SNTP, empty "flash", no access points, no visitors, default settings.
 * Queued events not yet delivered are dropped (a handler running now finishes its call).
 */
void netfsm_sim_reset(void);

/*
 * Sets one world setting. Returns 0, -1 for an unknown key, -2 for a value out of range.
 *   key                   default     meaning
 *   "assoc_ms"            20          esp_wifi_connect -> STA_CONNECTED / STA_DISCONNECTED
 *   "dhcp_ms"             20          STA_CONNECTED -> IP_EVENT_STA_GOT_IP
 *   "scan_ms"             30          esp_wifi_scan_start -> SCAN_DONE
 *   "beacon_timeout_ms"   50          joined AP made absent -> STA_BEACON_TIMEOUT, then
 *                                     STA_DISCONNECTED reason 200
 *   "lost_ip_ms"          200         station loses its link -> IP_EVENT_STA_LOST_IP, unless
 *                                     it gets an address again first; -1: never
 *   "sntp_ms"             20          station has an address and SNTP runs -> sync callback
 *   "visitor_dhcp_ms"     10          AP_STACONNECTED -> IP_EVENT_AP_STAIPASSIGNED
 *   "wrong_password_reason" 15        the STA_DISCONNECTED reason for a wrong password
 *                                     (15 4WAY_HANDSHAKE_TIMEOUT, or 202 AUTH_FAIL, 204, ...)
 *   "sta_ip_host"         100         the station gets 192.168.<subnet>.<sta_ip_host>
 *   "sntp_epoch"          1735689600  seconds the sync callback reports (tv_usec 0);
 *                                     0: the server never answers
 *   "visitor_rssi"        -45         rssi of visitors in esp_wifi_ap_get_sta_list
 * Delays are milliseconds, 0 .. 3600000 (lost_ip_ms also -1). A new delay applies to steps
 * started after the call.
 */
int netfsm_sim_set(const char *key, int64_t value);

/*
 * Adds an access point, present. psk "" or NULL: open (WIFI_AUTH_OPEN), else WPA2-PSK
 * (8..63 characters, or 64 hex digits). bssid: 6 bytes. channel 1..14, rssi -127..0,
 * subnet 0..255: a station that joins gets 192.168.<subnet>.<sta_ip_host>, gateway
 * 192.168.<subnet>.1, netmask 255.255.255.0. Several APs may share an SSID (the station
 * picks by its scan and sort methods). Returns the AP's id (0, 1, ...) or -1 for a bad
 * argument or a full table (32).
 */
int netfsm_sim_add_ap(const char *ssid, const char *psk, const uint8_t *bssid, int channel,
                      int rssi, int subnet);

/*
 * Makes AP `id` present (1) or absent (0). Absent APs are not scanned and cannot be joined
 * (STA_DISCONNECTED 201). An AP the station has joined that goes absent causes, after
 * beacon_timeout_ms, STA_BEACON_TIMEOUT then STA_DISCONNECTED 200; back before that, nothing.
 * Returns 0, or -1 for an unknown id.
 */
int netfsm_sim_ap_present(int id, int present);

/*
 * A device joins the soft-AP: AP_STACONNECTED (mac, aid), then after visitor_dhcp_ms
 * IP_EVENT_AP_STAIPASSIGNED with 192.168.4.<aid + 1> (only when the AP interface exists).
 * Returns the aid (1..15), -1 when the soft-AP is not running, -2 when it is full
 * (max_connection, 4 when the config says 0), -3 when that mac is already joined.
 */
int netfsm_sim_visitor_join(const uint8_t *mac);

/*
 * The device leaves: AP_STADISCONNECTED (mac, aid, and `reason` where the release has the
 * field). Returns 0, or -1 when that mac is not joined.
 */
int netfsm_sim_visitor_leave(const uint8_t *mac, int reason);

/*
 * Posts `count` WIFI_EVENT_AP_STACONNECTED events back to back from the event thread, event i
 * (0-based) with mac 02:00:<i as 4 big-endian bytes> and aid i & 0xff. They are posted only
 * if the default loop exists (as every event), and change no state. Returns 0, -1 for a
 * negative count.
 */
int netfsm_sim_storm(int64_t count);

/*
 * Copies to `out` (sizeof(wifi_config_t) bytes) the last config passed to
 * esp_wifi_set_config for `ifx` (0 station, 1 soft-AP), as given, whether it was accepted or
 * not (netfsm_sim_state() has the result). Returns 1 when there was one, 0 when not (out is
 * zeroed), -1 for a bad ifx or NULL out.
 */
int netfsm_sim_last_config(int ifx, void *out);

/*
 * A JSON object describing the library's state, for assertions: mode, started, station state,
 * address, hostnames (set and sent at the last DHCP), SNTP servers, visitors, counters, the
 * result of the last set_config per interface. The text stays valid until the calling thread
 * calls it again.
 */
const char *netfsm_sim_state(void);

/*
 * JSON {"struct": {"field": [offset, size], ...}, ..., "$sizeof": {"struct": [size, align]}}
 * of every struct the API uses, measured with offsetof/sizeof in this build. Nested fields
 * are dotted ("threshold.rssi"). Static; never freed.
 */
const char *netfsm_sim_layouts(void);

/* How many timers are armed plus events queued or being delivered (0: the world is idle). */
int netfsm_sim_pending(void);

/* The release the library was built for: 501 ... 505, 600. */
int netfsm_sim_idf_version(void);

#ifdef __cplusplus
}
#endif

#endif
