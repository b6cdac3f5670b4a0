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
import { ARDUINO, AT, ATOMVM, IDF, STAMP } from "./patterns.ts";

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
  const idf = STAMP.idf.exec(line);
  if (idf) return Number(idf[1]);
  const arduino = STAMP.arduino.exec(line);
  if (arduino) return Number(arduino[1]);
  const clock = STAMP.clock.exec(line);
  if (clock) {
    return ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1000 +
      Number(clock[4]);
  }
  return undefined;
}

const event = (e: Untimed, dialect: Dialect): Said => ({ kind: "event", event: e, dialect });
const lower = (mac: string) => mac.toLowerCase();

// Maps, not objects: a line naming "constructor" must not find Object's.
const ARDUINO_NAMES: ReadonlyMap<string, Untimed | null> = new Map([
  ["STA_CONNECTED", { type: "sta_connected" }],
  ["STA_DISCONNECTED", { type: "sta_disconnected" }],
  ["STA_LOST_IP", { type: "sta_lost_ip" }],
  ["AP_START", { type: "ap_started" }],
  ["AP_STOP", { type: "ap_stopped" }],
  // Known, but their lines carry no address or MAC; the verbose lines do.
  ["STA_GOT_IP", null],
  ["AP_STACONNECTED", null],
  ["AP_STADISCONNECTED", null],
  ["AP_STAIPASSIGNED", null],
  ["WIFI_READY", null],
  ["STA_START", null],
  ["STA_STOP", null],
  ["SCAN_DONE", null],
  ["STA_AUTHMODE_CHANGE", null],
]);

const ATOMVM_EVENTS: ReadonlyMap<string, Untimed | null> = new Map([
  ["WIFI_EVENT_STA_CONNECTED", { type: "sta_connected" }],
  ["WIFI_EVENT_STA_DISCONNECTED", { type: "sta_disconnected" }],
  ["WIFI_EVENT_AP_START", { type: "ap_started" }],
  ["WIFI_EVENT_STA_BEACON_TIMEOUT", { type: "sta_beacon_timeout" }],
  ["WIFI_EVENT_STA_START", null],
  ["WIFI_EVENT_AP_STACONNECTED", null],
  ["WIFI_EVENT_AP_STADISCONNECTED", null],
  ["IP_EVENT_STA_GOT_IP", null],
  ["IP_EVENT_AP_STAIPASSIGNED", null],
]);

// ESP-AT's +CWJAP failure codes, as the nearest ESP-IDF reasons.
const CWJAP_REASONS: ReadonlyMap<string, number> = new Map([
  ["1", 39],
  ["2", 15],
  ["3", 201],
  ["4", 205],
]);

// An SSID is at most 32 bytes, so its end is looked for no further than this past its start.
const SSID_UNITS = 32;

/** Where the first match of a key ends, or -1. */
function after(line: string, key: RegExp): number {
  const m = key.exec(line);
  return m === null ? -1 : m.index + m[0].length;
}

/** A sticky pattern matched exactly at `from`. */
function at(line: string, sticky: RegExp, from: number): RegExpExecArray | null {
  if (from < 0) return null;
  sticky.lastIndex = from;
  return sticky.exec(line);
}

function known(names: ReadonlyMap<string, Untimed | null>, name: string, dialect: Dialect) {
  const found = names.get(name);
  if (found === undefined) return null;
  return found === null ? { kind: "known", dialect } as const : event(found, dialect);
}

function connectedWith(line: string): Said | null {
  const ssid = after(line, IDF.connectedKey);
  if (ssid < 0) return null;
  // The SSID may hold ", aid = " itself: try each mention within an SSID's length.
  const bssid = line.lastIndexOf("bssid = ");
  for (
    let end = line.indexOf(", aid = ", ssid);
    end !== -1 && end - ssid <= SSID_UNITS;
    end = line.indexOf(", aid = ", end + 1)
  ) {
    const m = at(line, IDF.aidChannel, end);
    if (m === null || bssid < m.index + m[0].length) continue;
    const mac = at(line, IDF.mac, bssid + "bssid = ".length);
    if (mac === null) return null;
    return event({
      type: "sta_connected",
      ssid: line.slice(ssid, end),
      aid: Number(m[1]),
      channel: Number(m[2]),
      bssid: lower(mac[1]!),
    }, "esp-idf");
  }
  return null;
}

function espIdf(line: string): Said | null {
  let m: RegExpExecArray | null;
  const connected = connectedWith(line);
  if (connected !== null) return connected;
  if ((m = at(line, IDF.state, after(line, IDF.stateKey)))) {
    if (m[2] !== "init" || m[1] === "init") return { kind: "known", dialect: "esp-idf" };
    const reason = parseInt(m[3]!, 16) >> 8;
    return event(
      reason > 0 ? { type: "sta_disconnected", reason } : { type: "sta_disconnected" },
      "esp-idf",
    );
  }
  if ((m = IDF.staIp.exec(line))) {
    return event({ type: "sta_got_ip", ip: m[1]!, netmask: m[2]!, gw: m[3]! }, "esp-idf");
  }
  const join = IDF.joinKey.exec(line);
  if (join !== null && (m = at(line, IDF.digits, join.index + join[0].length))) {
    return event({ type: "ap_sta_connected", mac: lower(join[1]!), aid: Number(m[1]) }, "esp-idf");
  }
  if ((m = IDF.leave.exec(line))) {
    return event({ type: "ap_sta_disconnected", mac: lower(m[1]!) }, "esp-idf");
  }
  if ((m = IDF.assigned.exec(line))) {
    return event({ type: "ap_sta_ip_assigned", ip: m[1]! }, "esp-idf");
  }
  m = at(line, IDF.dhcpStarted, after(line, IDF.dhcpStartedKey));
  if (m !== null && IDF.softAp.test(m[1]!)) return event({ type: "ap_started" }, "esp-idf");
  if (IDF.beaconTimeout.test(line)) return event({ type: "sta_beacon_timeout" }, "esp-idf");
  if ((m = IDF.mode.exec(line))) {
    const ap = m[2] ?? m[3];
    return {
      kind: "mode",
      ...(m[1] ? { sta: lower(m[1]) } : {}),
      ...(ap ? { ap: lower(ap) } : {}),
      dialect: "esp-idf",
    };
  }
  return null;
}

function arduino(line: string): Said | null {
  let m: RegExpExecArray | null;
  if ((m = at(line, ARDUINO.event, after(line, ARDUINO.eventKey)))) {
    return known(ARDUINO_NAMES, m[1]!, "arduino");
  }
  if ((m = at(line, ARDUINO.reason, after(line, ARDUINO.reasonKey)))) {
    return { kind: "reason", reason: Number(m[1]), dialect: "arduino" };
  }
  const disconnected = after(line, ARDUINO.disconnectedKey);
  if (disconnected >= 0) {
    // The reason ends the line, after the SSID and BSSID.
    const reason = line.lastIndexOf("Reason: ");
    m = reason < disconnected ? null : at(line, IDF.digits, reason + "Reason: ".length);
    if (m !== null) return event({ type: "sta_disconnected", reason: Number(m[1]) }, "arduino");
  }
  if ((m = ARDUINO.staIp.exec(line))) {
    return event({ type: "sta_got_ip", ip: m[1]!, netmask: m[2]!, gw: m[3]! }, "arduino");
  }
  if ((m = ARDUINO.apStation.exec(line))) {
    const type = m[1] === "Connected" ? "ap_sta_connected" : "ap_sta_disconnected";
    return event({ type, mac: lower(m[2]!) }, "arduino");
  }
  return null;
}

function espAt(line: string): Said | null {
  let m: RegExpExecArray | null;
  const said = line.slice(Math.max(0, after(line, AT.prefix))).trim();
  if (said === "WIFI CONNECTED") return event({ type: "sta_connected" }, "esp-at");
  if (said === "WIFI DISCONNECT") return event({ type: "sta_disconnected" }, "esp-at");
  if (said === "WIFI GOT IP") {
    return event({ type: "sta_got_ip", ip: "", netmask: "", gw: "" }, "esp-at");
  }
  if ((m = AT.cwjap.exec(said))) {
    return { kind: "reason", reason: CWJAP_REASONS.get(m[1]!) ?? 205, dialect: "esp-at" };
  }
  if ((m = AT.cipsta.exec(said))) {
    const field = m[1] === "gateway" ? "gw" : m[1] as "ip" | "netmask";
    return { kind: "address", field, value: m[2]!, dialect: "esp-at" };
  }
  if ((m = AT.staConnected.exec(said))) {
    return event({ type: "ap_sta_connected", mac: lower(m[1]!) }, "esp-at");
  }
  if ((m = AT.staDisconnected.exec(said))) {
    return event({ type: "ap_sta_disconnected", mac: lower(m[1]!) }, "esp-at");
  }
  if ((m = AT.distStaIp.exec(said))) {
    return event({ type: "ap_sta_ip_assigned", mac: lower(m[1]!), ip: m[2]! }, "esp-at");
  }
  return null;
}

/**
 * What `line` says, or null when netfsm does not know it. Every pattern it uses runs in linear
 * time (patterns.ts), so no line, however crafted, costs more than a pass or two over it.
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
  const idf = espIdf(line);
  if (idf !== null) return idf;
  const atom = at(line, ATOMVM.event, after(line, ATOMVM.key));
  if (atom !== null) return known(ATOMVM_EVENTS, atom[1]!, "atomvm");
  return arduino(line) ?? espAt(line);
}
