/**
 * Arduino-ESP32's lines, 1.x to 3.x: the debug `Event: N - NAME` lines (1.x `_eventCallback()`
 * `Event:`, 2.x `Arduino Event:`, 3.x `NetworkEvents.cpp` `Network Event:` and `STA.cpp`/`AP.cpp`
 * `Arduino STA Event:`/`Arduino AP Event:`), read by name since the numbering changed between
 * releases; the `Reason: N - NAME` line after a disconnect; and the verbose lines that carry the
 * values (2.x `_arduino_event_cb()`, 3.x `_onStaEvent()`, `_onApEvent()`, `_onIpEvent()`).
 *
 * @module
 */
import type { Untimed } from "../../../core/input.ts";
import {
  after,
  at,
  detail,
  endsThere,
  event,
  IP,
  IP6,
  lower,
  MAC,
  named,
  pattern,
  type Reader,
  type Said,
  SSID_UNITS,
  within,
} from "../dialect.ts";

/** 2.x's verbose callback and 3.x's STA one: `STA Connected:`, `STA Disconnected:`. */
const STA_CB = "_(?:arduino_event_cb|onStaEvent)\\(\\): ";
/** 2.x's verbose callback and 3.x's AP one: `AP Station Connected:`, `AP Started`. */
const AP_CB = "_(?:arduino_event_cb|onApEvent)\\(\\): ";

const P = {
  /** 1.x/2.x `_eventCallback()`; 3.x `_onStaArduinoEvent()`, `_onApArduinoEvent()`, `checkForEvent()` (3.3: `_checkForEvent()`). */
  eventKey: pattern(
    "(?:_(?:eventCallback|on(?:Sta|Ap)ArduinoEvent|checkForEvent)|checkForEvent)\\(\\): (?:Arduino (?:STA |AP )?|Network )?Event: ",
  ),
  event: pattern("\\d+ - (\\w+)", "y"),
  reasonKey: pattern("_(?:eventCallback|onStaArduinoEvent)\\(\\): Reason: "),
  reason: pattern("(\\d+) - \\w", "y"),
  digits: pattern("(\\d+)", "y"),
  disconnectedKey: pattern(`${STA_CB}STA Disconnected: `),
  connectedKey: pattern(`${STA_CB}STA Connected: SSID: `),
  /** After the SSID: `, BSSID: MAC, Channel: N`. */
  bssidChannel: pattern(`${MAC}, Channel: (\\d+)`, "y"),
  /** 1.x prints it from `_eventCallback()`, 2.x from `_arduino_event_cb()`, 3.x from STA.cpp. */
  staIp: pattern(
    `_(?:arduino_event_cb|eventCallback|onStaArduinoEvent)\\(\\): STA IP: ${IP}, MASK: ${IP}, GW: ${IP}`,
  ),
  /** 3.x NetworkInterface.cpp: `sta Got New IP: A MASK: M GW: G` (not `eth0`, not `ap`). */
  gotIp: pattern(`_onIpEvent\\(\\): sta Got (?:New |Same )?IP: ${IP} MASK: ${IP} GW: ${IP}`),
  lostIp: pattern("_onIpEvent\\(\\): sta Lost IP"),
  gotIp6Key: pattern("_onIpEvent\\(\\): IF sta Got IPv6: "),
  ip6: pattern(IP6, "y"),
  apStation: pattern(`${AP_CB}AP Station (Connected|Disconnected): MAC: ${MAC}`),
  aid: pattern(", AID: (\\d+)", "y"),
  apStartStop: pattern(`${AP_CB}AP St(?:art|opp)ed`),
  /** 2.x: `AP Station IP Assigned:192.168.4.2` (no space). */
  apAssigned: pattern(`${AP_CB}AP Station IP Assigned: ?${IP}`),
  /** 3.x: `ap Assigned IP: 192.168.4.2 to MAC: AA:BB:CC:DD:EE:FF`. */
  apAssignedMac: pattern(`_onIpEvent\\(\\): ap Assigned IP: ${IP} to MAC: ${MAC}`),
  /** Lines that say nothing netfsm models: reconnect notices, `STA Started`, auth changes. */
  known: pattern(
    "_(?:eventCallback|onStaArduinoEvent|arduino_event_cb|onStaEvent)\\(\\): (?:WiFi (?:Auto)?Reconnect Running|STA (?:Started|Stopped|Auth Mode Changed))",
  ),
} as const;

const STA_DISCONNECTED: Untimed = { type: "sta_disconnected" };

/** Every release's names (1.x `system_event_names`, 2.x/3.x `eventName()`); null: known only. */
const EVENTS: ReadonlyMap<string, Untimed | null> = new Map<string, Untimed | null>([
  ["STA_CONNECTED", { type: "sta_connected" }],
  ["STA_DISCONNECTED", STA_DISCONNECTED],
  ["STA_LOST_IP", { type: "sta_lost_ip" }],
  ["AP_START", { type: "ap_started" }],
  ["AP_STOP", { type: "ap_stopped" }],
  // Known, but their lines carry no address or MAC; the verbose lines do.
  ...[
    "STA_GOT_IP",
    "STA_GOT_IP6",
    "AP_STACONNECTED",
    "AP_STADISCONNECTED",
    "AP_STAIPASSIGNED",
    "AP_STA_GOT_IP6",
    "AP_GOT_IP6",
    "AP_PROBEREQRECVED",
    "WIFI_READY",
    "WIFI_OFF",
    "STA_START",
    "STA_STOP",
    "SCAN_DONE",
    "STA_AUTHMODE_CHANGE",
    "FTM_REPORT",
    "WPS_ER_SUCCESS",
    "WPS_ER_FAILED",
    "WPS_ER_TIMEOUT",
    "WPS_ER_PIN",
    "WPS_ER_PBC_OVERLAP",
    "STA_WPS_ER_SUCCESS",
    "STA_WPS_ER_FAILED",
    "STA_WPS_ER_TIMEOUT",
    "STA_WPS_ER_PIN",
    "STA_WPS_ER_PBC_OVERLAP",
    "ETH_START",
    "ETH_STOP",
    "ETH_CONNECTED",
    "ETH_DISCONNECTED",
    "ETH_GOT_IP",
    "ETH_LOST_IP",
    "ETH_GOT_IP6",
    "PPP_START",
    "PPP_STOP",
    "PPP_CONNECTED",
    "PPP_DISCONNECTED",
    "PPP_GOT_IP",
    "PPP_LOST_IP",
    "PPP_GOT_IP6",
    "SC_SCAN_DONE",
    "SC_FOUND_CHANNEL",
    "SC_GOT_SSID_PSWD",
    "SC_SEND_ACK_DONE",
    "PROV_INIT",
    "PROV_DEINIT",
    "PROV_START",
    "PROV_END",
    "PROV_CRED_RECV",
    "PROV_CRED_FAIL",
    "PROV_CRED_SUCCESS",
  ].map((name): [string, null] => [name, null]),
]);

/** `STA Connected: SSID: name, BSSID: MAC, Channel: N, Auth: ...` (2.x and 3.x verbose). */
function staConnected(line: string): Said | null {
  const ssid = after(line, P.connectedKey);
  if (ssid < 0) return null;
  // The SSID may hold ", BSSID: " itself: each mention within an SSID's length is tried.
  const found = within(line, ", BSSID: ", ssid, SSID_UNITS, P.bssidChannel);
  if (found === null) return { kind: "known", dialect: "arduino" };
  const [end, m] = found;
  const name = line.slice(ssid, end);
  return event({
    type: "sta_connected",
    ...(name === "" ? {} : { ssid: name }),
    bssid: lower(m[1]!),
    channel: Number(m[2]),
  }, "arduino");
}

/** The lines that carry values: addresses, MACs, reasons. */
function verbose(line: string): Said | null {
  let m: RegExpExecArray | null;
  const disconnected = after(line, P.disconnectedKey);
  if (disconnected >= 0) {
    // The reason ends the line, after the SSID and BSSID.
    const reason = line.lastIndexOf("Reason: ");
    m = reason < disconnected ? null : at(line, P.digits, reason + "Reason: ".length);
    // Without its reason the line is refused: the `Event:` line after it says the disconnect.
    if (m !== null) return event({ type: "sta_disconnected", reason: Number(m[1]) }, "arduino");
  }
  const connected = staConnected(line);
  if (connected !== null) return connected;
  if ((m = P.staIp.exec(line) ?? P.gotIp.exec(line))) {
    return event({ type: "sta_got_ip", ip: m[1]!, netmask: m[2]!, gw: m[3]! }, "arduino");
  }
  if (P.lostIp.test(line)) return event({ type: "sta_lost_ip" }, "arduino");
  const ip6 = after(line, P.gotIp6Key);
  if (ip6 >= 0) {
    const address = line.lastIndexOf("Address: ");
    m = address < ip6 ? null : at(line, P.ip6, address + "Address: ".length);
    if (m !== null && endsThere(line, m)) {
      return event({ type: "sta_got_ip6", ip6: m[1]!.toLowerCase() }, "arduino");
    }
    return { kind: "known", dialect: "arduino" };
  }
  if ((m = P.apStation.exec(line))) {
    const mac = lower(m[2]!);
    if (m[1] === "Disconnected") return event({ type: "ap_sta_disconnected", mac }, "arduino");
    const aid = at(line, P.aid, m.index + m[0].length);
    return event(
      { type: "ap_sta_connected", mac, ...(aid ? { aid: Number(aid[1]) } : {}) },
      "arduino",
    );
  }
  if ((m = P.apAssignedMac.exec(line))) {
    return event({ type: "ap_sta_ip_assigned", ip: m[1]!, mac: lower(m[2]!) }, "arduino");
  }
  if ((m = P.apAssigned.exec(line))) {
    return event({ type: "ap_sta_ip_assigned", ip: m[1]! }, "arduino");
  }
  if ((m = P.apStartStop.exec(line))) {
    return event({ type: m[0].endsWith("Started") ? "ap_started" : "ap_stopped" }, "arduino");
  }
  return null;
}

function read(line: string): Said | null {
  let m: RegExpExecArray | null;
  if ((m = at(line, P.event, after(line, P.eventKey)))) return named(EVENTS, m[1]!, "arduino");
  if ((m = at(line, P.reason, after(line, P.reasonKey)))) {
    return detail("sta_disconnected", { reason: Number(m[1]) }, "arduino");
  }
  const said = verbose(line);
  if (said !== null) return said;
  return P.known.test(line) ? { kind: "known", dialect: "arduino" } : null;
}

/** Arduino-ESP32's reader (1.x, 2.x and 3.x). */
export const arduino: Reader = { dialect: "arduino", read };
