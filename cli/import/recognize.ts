/**
 * What one line of a device's serial log says, in any of the dialects netfsm reads:
 * - ESP-IDF: the `wifi:` driver lines (`connected with`, `state: A -> init (hex)` whose high byte
 *   is the reason, `station: MAC join/leave`, `bcn_timeout`, `mode : sta (MAC) + softAP (MAC)`),
 *   `esp_netif_handlers` / `tcpip_adapter` / `event` got-IP lines, the softAP DHCP lines, and
 *   AtomVM's `network_driver: WIFI_EVENT_... received.` lines;
 * - Arduino-ESP32: `Event: N - NAME` / `Arduino Event: N - NAME` (by name: the numbering changed
 *   between releases), `Reason: N - NAME`, and the verbose `_arduino_event_cb()` lines;
 * - ESP-AT: `WIFI CONNECTED`, `WIFI GOT IP`, `WIFI DISCONNECT`, `+CWJAP:<code>`, `+CIPSTA:...`,
 *   `+STA_CONNECTED`, `+DIST_STA_IP`, `+STA_DISCONNECTED`, quoted or not.
 *
 * @module
 */
import type { IpInfo, Untimed } from "../../core/input.ts";

/** A dialect of log. */
export type Dialect = "esp-idf" | "atomvm" | "arduino" | "esp-at";

/** What a line says. */
export type Said =
  | { readonly kind: "event"; readonly event: Untimed; readonly dialect: Dialect }
  | { readonly kind: "reason"; readonly reason: number; readonly dialect: Dialect }
  | {
    readonly kind: "address";
    readonly field: keyof IpInfo;
    readonly value: string;
    readonly dialect: Dialect;
  }
  | {
    readonly kind: "mode";
    readonly sta?: string;
    readonly ap?: string;
    readonly dialect: Dialect;
  }
  | { readonly kind: "known"; readonly dialect: Dialect };

/** A line's own time, in milliseconds, if it has one. */
export function timestampOf(line: string): number | undefined {
  // ESP-IDF colours its lines with ANSI escapes, which come before the level letter.
  // deno-lint-ignore no-control-regex
  const idf = /^\s*(?:\x1b\[[0-9;]*m)?[EWIDV] \((\d+)\)/.exec(line);
  if (idf) return Number(idf[1]);
  const arduino = /^\s*\[\s*(\d+)\]\[[EWIDV]\]/.exec(line);
  if (arduino) return Number(arduino[1]);
  const clock = /^\s*\[?(\d{2}):(\d{2}):(\d{2})[.,](\d{3})\]?/.exec(line);
  if (clock) {
    return ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1000 +
      Number(clock[4]);
  }
  return undefined;
}

const MAC = "([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})";
const IP = "(\\d{1,3}(?:\\.\\d{1,3}){3})";
const event = (e: Untimed, dialect: Dialect): Said => ({ kind: "event", event: e, dialect });
const lower = (mac: string) => mac.toLowerCase();

const ARDUINO_NAMES: Readonly<Record<string, Untimed | null>> = {
  STA_CONNECTED: { type: "sta_connected" },
  STA_DISCONNECTED: { type: "sta_disconnected" },
  STA_LOST_IP: { type: "sta_lost_ip" },
  AP_START: { type: "ap_started" },
  AP_STOP: { type: "ap_stopped" },
  // Known, but their lines carry no address or MAC; the verbose lines do.
  STA_GOT_IP: null,
  AP_STACONNECTED: null,
  AP_STADISCONNECTED: null,
  AP_STAIPASSIGNED: null,
  WIFI_READY: null,
  STA_START: null,
  STA_STOP: null,
  SCAN_DONE: null,
  STA_AUTHMODE_CHANGE: null,
};

const ATOMVM_EVENTS: Readonly<Record<string, Untimed | null>> = {
  WIFI_EVENT_STA_CONNECTED: { type: "sta_connected" },
  WIFI_EVENT_STA_DISCONNECTED: { type: "sta_disconnected" },
  WIFI_EVENT_AP_START: { type: "ap_started" },
  WIFI_EVENT_STA_BEACON_TIMEOUT: { type: "sta_beacon_timeout" },
  WIFI_EVENT_STA_START: null,
  WIFI_EVENT_AP_STACONNECTED: null,
  WIFI_EVENT_AP_STADISCONNECTED: null,
  IP_EVENT_STA_GOT_IP: null,
  IP_EVENT_AP_STAIPASSIGNED: null,
};

// ESP-AT's +CWJAP failure codes, as the nearest ESP-IDF reasons.
const CWJAP_REASONS: Readonly<Record<string, number>> = { "1": 39, "2": 15, "3": 201, "4": 205 };

/**
 * What `line` says, or null when netfsm does not know it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recognize } from "./recognize.ts";
 * assert.deepEqual(recognize("I (60000) wifi:state: run -> init (c800)"), { kind: "event", event: { type: "sta_disconnected", reason: 200 }, dialect: "esp-idf" });
 * assert.deepEqual(recognize('+STA_CONNECTED:"3C:22:FB:01:02:03"'), { kind: "event", event: { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03" }, dialect: "esp-at" });
 * assert.equal(recognize("I (71) boot: End of partition table"), null);
 * ```
 */
export function recognize(line: string): Said | null {
  let m: RegExpExecArray | null;
  // ESP-IDF driver and network interface lines.
  if (
    (m = new RegExp(`wifi: ?connected with (.*?), aid = (\\d+), channel (\\d+),.*bssid = ${MAC}`)
      .exec(line))
  ) {
    return event({
      type: "sta_connected",
      ssid: m[1]!,
      aid: Number(m[2]),
      channel: Number(m[3]),
      bssid: lower(m[4]!),
    }, "esp-idf");
  }
  if ((m = /wifi: ?state: (\w+) -> (\w+) \(([0-9a-fA-F]+)\)/.exec(line))) {
    if (m[2] !== "init" || m[1] === "init") return { kind: "known", dialect: "esp-idf" };
    const reason = parseInt(m[3]!, 16) >> 8;
    return event(
      reason > 0 ? { type: "sta_disconnected", reason } : { type: "sta_disconnected" },
      "esp-idf",
    );
  }
  if (
    (m = new RegExp(
      `\\b(?:esp_netif_handlers|tcpip_adapter|event): sta ip: ${IP}, mask: ${IP}, gw: ${IP}`,
    ).exec(line))
  ) {
    return event({ type: "sta_got_ip", ip: m[1]!, netmask: m[2]!, gw: m[3]! }, "esp-idf");
  }
  if ((m = new RegExp(`wifi: ?station: ?${MAC} join, AID ?= ?(\\d+)`).exec(line))) {
    return event({ type: "ap_sta_connected", mac: lower(m[1]!), aid: Number(m[2]) }, "esp-idf");
  }
  if ((m = new RegExp(`wifi: ?station: ?${MAC} ?leave`).exec(line))) {
    return event({ type: "ap_sta_disconnected", mac: lower(m[1]!) }, "esp-idf");
  }
  if (
    (m = new RegExp(
      `(?:DHCP server assigned IP to a (?:client|station), IP is|softAP assign IP to station, ?IP is): ${IP}`,
    ).exec(line))
  ) {
    return event({ type: "ap_sta_ip_assigned", ip: m[1]! }, "esp-idf");
  }
  if (/DHCP server started on interface \w*AP\w* with IP/.test(line)) {
    return event({ type: "ap_started" }, "esp-idf");
  }
  if (/wifi: ?bcn_timeout/.test(line)) return event({ type: "sta_beacon_timeout" }, "esp-idf");
  if (
    (m = new RegExp(`wifi: ?mode : (?:sta \\(${MAC}\\))?(?: \\+ )?(?:softAP \\(${MAC}\\))?`).exec(
      line,
    )) && (m[1] || m[2])
  ) {
    return {
      kind: "mode",
      ...(m[1] ? { sta: lower(m[1]) } : {}),
      ...(m[2] ? { ap: lower(m[2]) } : {}),
      dialect: "esp-idf",
    };
  }
  // AtomVM's network driver.
  if ((m = /network_driver: (\w+) received/.exec(line))) {
    const known = ATOMVM_EVENTS[m[1]!];
    if (known === undefined) return null;
    return known === null ? { kind: "known", dialect: "atomvm" } : event(known, "atomvm");
  }
  // Arduino-ESP32.
  if ((m = /_eventCallback\(\): (?:Arduino )?Event: \d+ - (\w+)/.exec(line))) {
    const known = ARDUINO_NAMES[m[1]!];
    if (known === undefined) return null;
    return known === null ? { kind: "known", dialect: "arduino" } : event(known, "arduino");
  }
  if ((m = /_eventCallback\(\): Reason: (\d+) - \w+/.exec(line))) {
    return { kind: "reason", reason: Number(m[1]), dialect: "arduino" };
  }
  if ((m = /_arduino_event_cb\(\): STA Disconnected: .*Reason: (\d+)/.exec(line))) {
    return event({ type: "sta_disconnected", reason: Number(m[1]) }, "arduino");
  }
  if (
    (m = new RegExp(`_arduino_event_cb\\(\\): STA IP: ${IP}, MASK: ${IP}, GW: ${IP}`).exec(line))
  ) {
    return event({ type: "sta_got_ip", ip: m[1]!, netmask: m[2]!, gw: m[3]! }, "arduino");
  }
  if (
    (m = new RegExp(`_arduino_event_cb\\(\\): AP Station (Connected|Disconnected): MAC: ${MAC}`)
      .exec(line))
  ) {
    const type = m[1] === "Connected" ? "ap_sta_connected" : "ap_sta_disconnected";
    return event({ type, mac: lower(m[2]!) }, "arduino");
  }
  // ESP-AT.
  const at = line.replace(/^\s*\[?\d{2}:\d{2}:\d{2}[.,]\d{3}\]?\s*(->)?\s*/, "").trim();
  if (at === "WIFI CONNECTED") return event({ type: "sta_connected" }, "esp-at");
  if (at === "WIFI DISCONNECT") return event({ type: "sta_disconnected" }, "esp-at");
  if (at === "WIFI GOT IP") {
    return event({ type: "sta_got_ip", ip: "", netmask: "", gw: "" }, "esp-at");
  }
  if ((m = /^\+CWJAP:(\d+)$/.exec(at))) {
    return { kind: "reason", reason: CWJAP_REASONS[m[1]!] ?? 205, dialect: "esp-at" };
  }
  if ((m = new RegExp(`^\\+CIPSTA:(ip|gateway|netmask):"?${IP}"?$`).exec(at))) {
    const field = m[1] === "gateway" ? "gw" : m[1] as "ip" | "netmask";
    return { kind: "address", field, value: m[2]!, dialect: "esp-at" };
  }
  if ((m = new RegExp(`^\\+STA_CONNECTED: ?"?${MAC}"?$`).exec(at))) {
    return event({ type: "ap_sta_connected", mac: lower(m[1]!) }, "esp-at");
  }
  if ((m = new RegExp(`^\\+STA_DISCONNECTED: ?"?${MAC}"?$`).exec(at))) {
    return event({ type: "ap_sta_disconnected", mac: lower(m[1]!) }, "esp-at");
  }
  if ((m = new RegExp(`^\\+DIST_STA_IP: ?"?${MAC}"?, ?"?${IP}"?$`).exec(at))) {
    return event({ type: "ap_sta_ip_assigned", mac: lower(m[1]!), ip: m[2]! }, "esp-at");
  }
  return null;
}
