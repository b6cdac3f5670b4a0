/**
 * AtomVM's network driver (`network_driver.c`, tag `network_driver`): `WIFI_EVENT_... received.`,
 * `IP_EVENT_STA_GOT_IP: <ip>`, `IP_EVENT_AP_STAIPASSIGNED: <ip>`, `SNTP_EVENT_BASE_SYNC
 * received.`, and `Unhandled wifi event: N.` for the ESP-IDF events it does not handle. Its lines
 * come right after ESP-IDF's own for the same happening (the driver's handler runs after
 * esp_netif's), so the importer merges the two; the driver's lines carry no MAC, reason or SSID.
 *
 * @module
 */
import type { Untimed } from "../../../core/input.ts";
import { after, at, event, IP, named, pattern, type Reader, type Said } from "../dialect.ts";

const P = {
  key: pattern("network_driver: "),
  event: pattern("(\\w+) received", "y"),
  gotIp: pattern(`IP_EVENT_STA_GOT_IP: ${IP}`, "y"),
  assigned: pattern(`IP_EVENT_AP_STAIPASSIGNED: ${IP}`, "y"),
  unhandled: pattern("Unhandled (wifi|ip) event: (\\d{1,3})\\.", "y"),
} as const;

/** The time a sync set is not in the line: unknown, never invented. */
const SNTP_SYNC: Untimed = { type: "sntp_sync", sec: null, usec: null };

const EVENTS: ReadonlyMap<string, Untimed | null> = new Map<string, Untimed | null>([
  ["WIFI_EVENT_STA_CONNECTED", { type: "sta_connected" }],
  ["WIFI_EVENT_STA_DISCONNECTED", { type: "sta_disconnected" }],
  ["WIFI_EVENT_AP_START", { type: "ap_started" }],
  ["WIFI_EVENT_STA_BEACON_TIMEOUT", { type: "sta_beacon_timeout" }],
  ["SNTP_EVENT_BASE_SYNC", SNTP_SYNC],
  ["WIFI_EVENT_STA_START", null],
  // No MAC in these lines: ESP-IDF's `wifi:station: MAC join` line says the happening.
  ["WIFI_EVENT_AP_STACONNECTED", null],
  ["WIFI_EVENT_AP_STADISCONNECTED", null],
  ["IP_EVENT_STA_GOT_IP", null],
  ["IP_EVENT_AP_STAIPASSIGNED", null],
]);

/**
 * ESP-IDF's event ids the driver logs as unhandled, for what netfsm models. The driver registers
 * with the event loop of ESP-IDF 4.x and later, whose ids 0-21 have not changed since v4.4
 * (21 STA_BEACON_TIMEOUT, 13 AP_STOP; IP 1 STA_LOST_IP).
 */
const UNHANDLED: ReadonlyMap<string, Untimed> = new Map<string, Untimed>([
  ["wifi 21", { type: "sta_beacon_timeout" }],
  ["wifi 13", { type: "ap_stopped" }],
  ["ip 1", { type: "sta_lost_ip" }],
]);

function read(line: string): Said | null {
  const from = after(line, P.key);
  if (from < 0) return null;
  let m: RegExpExecArray | null;
  if ((m = at(line, P.gotIp, from))) {
    return event({ type: "sta_got_ip", ip: m[1]!, netmask: null, gw: null }, "atomvm");
  }
  if ((m = at(line, P.assigned, from))) {
    return event({ type: "ap_sta_ip_assigned", ip: m[1]! }, "atomvm");
  }
  if ((m = at(line, P.unhandled, from))) {
    const found = UNHANDLED.get(`${m[1]} ${Number(m[2])}`);
    return found === undefined ? { kind: "known", dialect: "atomvm" } : event(found, "atomvm");
  }
  m = at(line, P.event, from);
  return m === null ? null : named(EVENTS, m[1]!, "atomvm");
}

/** AtomVM's reader. */
export const atomvm: Reader = { dialect: "atomvm", read };
