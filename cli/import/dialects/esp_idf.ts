/**
 * ESP-IDF's own lines: the `wifi:` driver's (`connected with`, `state: A -> init (0xc800)` whose
 * high byte is the reason, `Send disconnect event, reason=N`, `station: MAC join/leave`,
 * `bcn_timeout` and the old `bcn_timout`, `mode : sta (MAC) + softAP (MAC)`), the got-IP lines of
 * `esp_netif_handlers` (4.x, 5.x: `<desc> ip:`), `tcpip_adapter` and `event` (2.x, 3.x), 3.x's
 * `event: SYSTEM_EVENT_*` lines, the examples' `Got IPv6 event:` line, and the soft-AP's DHCP
 * server lines.
 *
 * @module
 */
import type { Untimed } from "../../../core/input.ts";
import {
  after,
  at,
  event,
  IP,
  IP6,
  lower,
  MAC,
  pattern,
  type Reader,
  type Said,
  SSID_UNITS,
  within,
} from "../dialect.ts";

const P = {
  connectedKey: pattern("wifi: ?connected with "),
  /** After the SSID: `, aid = 1, channel 6,`; then `bssid = MAC` further on. */
  aidChannel: pattern("(\\d+), channel (\\d+),", "y"),
  /** 2.x and 3.0 wrote `connected with SSID, channel 6` and nothing after. */
  channelOnly: pattern(`(\\d+)(?:, bssid = ${MAC})?\\s*$`, "y"),
  mac: pattern(MAC, "y"),
  stateKey: pattern("wifi: ?state: "),
  state: pattern("(\\w+) -> (\\w+) \\(([0-9a-fA-Fx]+)\\)", "y"),
  /** `esp_netif_handlers: sta ip:`, `example_connect: sta ip:`, `example_netif_sta ip:`. */
  netifKey: pattern("esp_netif_handlers: "),
  /** 4.0's `tcpip_adapter: sta ip:`, 3.x's `event: sta ip:`, 2.x's `event: ip:`. */
  legacyIp: pattern(`\\b(?:tcpip_adapter: sta |event: (?:sta )?)ip: ${IP}, mask: ${IP}, gw: ${IP}`),
  ipMaskGw: pattern(`${IP}, mask: ${IP}, gw: ${IP}`, "y"),
  /**
   * 3.x's debug-level event log (`event:` tag) names the event, then its fields; apps often log
   * the bare name (`OPC: SYSTEM_EVENT_STA_DISCONNECTED`).
   */
  systemEventKey: pattern(": SYSTEM_EVENT_"),
  systemEvent: pattern("([A-Z0-9_]+)(?:, |\\s*$)", "y"),
  disconnectedReason: pattern("(\\d+)", "y"),
  systemGotIp: pattern(`ip:${IP}, mask:${IP}, gw:${IP}`, "y"),
  ssidLen: pattern(`\\d+, bssid:${MAC}, channel:(\\d+)`, "y"),
  macAid: pattern(`mac:${MAC}, aid:(\\d+)`, "y"),
  ip6Key: pattern("Got IPv6 event: Interface "),
  ip6: pattern(IP6, "y"),
  joinKey: pattern(`wifi: ?station: ?${MAC} join, AID ?= ?`),
  digits: pattern("(\\d+)", "y"),
  leave: pattern(`wifi: ?station: ?${MAC} ?leave`),
  assigned: pattern(
    `(?:DHCP server assigned IP to a (?:client|station), IP is|softAP assign IP to station, ?IP is): ${IP}`,
  ),
  dhcpStartedKey: pattern("DHCP server started on interface "),
  /** The interface's name, which must hold "AP", then ` with IP`. */
  dhcpStarted: pattern("(\\w*) with IP", "y"),
  softAp: pattern("AP"),
  /** The driver's debug-level (3.x: info-level) `Send disconnect event, reason=4, AP number=0`. */
  sendDisconnectKey: pattern("wifi: ?Send disconnect event, reason="),
  /** Releases before 4.3 spelt it `bcn_timout`. */
  beaconTimeout: pattern("wifi: ?bcn_time?out"),
  /** `mode : sta (MAC)`, `mode : softAP (MAC)`, or `mode : sta (MAC) + softAP (MAC)`. */
  mode: pattern(
    `wifi: ?mode : s(?:ta \\(${MAC}\\)(?: \\+ softAP \\(${MAC}\\))?|oftAP \\(${MAC}\\))`,
  ),
  /** The channel lines (`new:<6,0>, old:<1,0>, ...`, 3.x's `n:6 0, o:1 0, ...`): nothing to model. */
  channel: pattern("wifi: ?n(?:ew:<|:)\\d"),
} as const;

const IDF = "esp-idf";
const KNOWN: Said = { kind: "known", dialect: IDF };

// An interface's description (`sta`, `example_connect: sta`) is short: look no further for its end.
const DESC_UNITS = 40;

function connectedWith(line: string): Said | null {
  const ssid = after(line, P.connectedKey);
  if (ssid < 0) return null;
  // The SSID may hold ", aid = " itself: each mention within an SSID's length is tried.
  const found = within(line, ", aid = ", ssid, SSID_UNITS, P.aidChannel);
  const bssid = line.lastIndexOf("bssid = ");
  if (found !== null && bssid >= found[1].index + found[1][0].length) {
    const [end, m] = found;
    const mac = at(line, P.mac, bssid + "bssid = ".length);
    if (mac === null) return null;
    return event({
      type: "sta_connected",
      ssid: line.slice(ssid, end),
      aid: Number(m[1]),
      channel: Number(m[2]),
      bssid: lower(mac[1]!),
    }, IDF);
  }
  const old = within(line, ", channel ", ssid, SSID_UNITS, P.channelOnly);
  if (old === null) return null;
  const [end, m] = old;
  return event({
    type: "sta_connected",
    ssid: line.slice(ssid, end),
    channel: Number(m[1]),
    ...(m[2] ? { bssid: lower(m[2]) } : {}),
  }, IDF);
}

function gotIp(m: RegExpExecArray): Said {
  return event({ type: "sta_got_ip", ip: m[1]!, netmask: m[2]!, gw: m[3]! }, IDF);
}

/** The station's got-IP line: `esp_netif_handlers` names the interface, which must be a station's. */
function staIp(line: string): Said | null {
  const desc = after(line, P.netifKey);
  if (desc >= 0) {
    const found = within(line, " ip: ", desc, DESC_UNITS, P.ipMaskGw);
    // `eth ip:` and `ppp ip:` are not the station's.
    if (found === null || !line.slice(desc, found[0]).endsWith("sta")) return null;
    return gotIp(found[1]);
  }
  const m = P.legacyIp.exec(line);
  return m === null ? null : gotIp(m);
}

/** The examples' `Got IPv6 event: Interface "example_netif_sta" address: fe80:..., type: ...`. */
function gotIp6(line: string): Said | null {
  const desc = after(line, P.ip6Key);
  if (desc < 0) return null;
  const found = within(line, " address: ", desc, DESC_UNITS, P.ip6);
  if (found === null) return null;
  const [end, m] = found;
  // The address ends at the comma before `type:`; a station's interface only.
  const name = line.slice(desc, end).replaceAll('"', "");
  const next = line.charAt(m.index + m[0].length);
  if (!name.endsWith("sta") || (next !== "," && next.trim() !== "")) return null;
  return event({ type: "sta_got_ip6", ip6: m[1]! }, IDF);
}

const SIMPLE: ReadonlyMap<string, Untimed | null> = new Map([
  ["STA_LOST_IP", { type: "sta_lost_ip" }],
  ["AP_START", { type: "ap_started" }],
  ["AP_STOP", { type: "ap_stopped" }],
]);

/**
 * 3.x's `D (1) event: SYSTEM_EVENT_STA_DISCONNECTED, ssid:x, ssid_len:1, bssid:..., reason:201`,
 * or a bare event name ending the line.
 */
function systemEvent(line: string): Said | null {
  const m = at(line, P.systemEvent, after(line, P.systemEventKey));
  if (m === null) return null;
  const rest = m.index + m[0].length;
  const name = m[1]!;
  const simple = SIMPLE.get(name);
  if (simple !== undefined) return simple === null ? KNOWN : event(simple, IDF);
  let f: RegExpExecArray | null = null;
  switch (name) {
    case "STA_DISCONNECTED": {
      // The reason ends the line, after the SSID and BSSID.
      const reason = line.lastIndexOf("reason:");
      f = reason < rest ? null : at(line, P.disconnectedReason, reason + "reason:".length);
      return event(
        f ? { type: "sta_disconnected", reason: Number(f[1]) } : { type: "sta_disconnected" },
        IDF,
      );
    }
    case "STA_CONNECTED": {
      const ssid = rest + "ssid:".length;
      const found = line.startsWith("ssid:", rest)
        ? within(line, ", ssid_len:", ssid, SSID_UNITS, P.ssidLen)
        : null;
      if (found === null) return event({ type: "sta_connected" }, IDF);
      const [end, c] = found;
      return event({
        type: "sta_connected",
        ssid: line.slice(ssid, end),
        bssid: lower(c[1]!),
        channel: Number(c[2]),
      }, IDF);
    }
    case "STA_GOT_IP":
      // A bare name says an address came, not which.
      f = at(line, P.systemGotIp, rest);
      return f === null
        ? event({ type: "sta_got_ip", ip: null, netmask: null, gw: null }, IDF)
        : gotIp(f);
    case "AP_STACONNECTED":
    case "AP_STADISCONNECTED": {
      if ((f = at(line, P.macAid, rest)) === null) return KNOWN;
      return event(
        name === "AP_STACONNECTED"
          ? { type: "ap_sta_connected", mac: lower(f[1]!), aid: Number(f[2]) }
          : { type: "ap_sta_disconnected", mac: lower(f[1]!) },
        IDF,
      );
    }
    default:
      return KNOWN;
  }
}

function read(line: string): Said | null {
  let m: RegExpExecArray | null;
  const connected = connectedWith(line);
  if (connected !== null) return connected;
  if ((m = at(line, P.state, after(line, P.stateKey)))) {
    if (m[2] !== "init" || m[1] === "init") return KNOWN;
    // ESP-IDF 5 writes the code as `0xc800`, earlier releases as `c800`: the high byte is the reason.
    const code = m[3]!.startsWith("0x") ? m[3]!.slice(2) : m[3]!;
    if (code === "" || code.includes("x")) return KNOWN;
    const reason = parseInt(code, 16) >> 8;
    if (reason === 0) return event({ type: "sta_disconnected" }, IDF);
    // The code is the driver's own reason, which the disconnect event may remap (a failed auth
    // while joining is reported as 202): a line of the same disconnect that states one wins.
    return event({ type: "sta_disconnected", reason }, IDF, ["reason"]);
  }
  const said = staIp(line) ?? systemEvent(line) ?? gotIp6(line);
  if (said !== null) return said;
  const join = P.joinKey.exec(line);
  if (join !== null && (m = at(line, P.digits, join.index + join[0].length))) {
    return event({ type: "ap_sta_connected", mac: lower(join[1]!), aid: Number(m[1]) }, IDF);
  }
  if ((m = P.leave.exec(line))) {
    return event({ type: "ap_sta_disconnected", mac: lower(m[1]!) }, IDF);
  }
  if ((m = P.assigned.exec(line))) return event({ type: "ap_sta_ip_assigned", ip: m[1]! }, IDF);
  m = at(line, P.dhcpStarted, after(line, P.dhcpStartedKey));
  if (m !== null && P.softAp.test(m[1]!)) return event({ type: "ap_started" }, IDF);
  if ((m = at(line, P.digits, after(line, P.sendDisconnectKey)))) {
    return event({ type: "sta_disconnected", reason: Number(m[1]) }, IDF);
  }
  if (P.beaconTimeout.test(line)) return event({ type: "sta_beacon_timeout" }, IDF);
  if ((m = P.mode.exec(line))) {
    const ap = m[2] ?? m[3];
    return {
      kind: "mode",
      ...(m[1] ? { sta: lower(m[1]) } : {}),
      ...(ap ? { ap: lower(ap) } : {}),
      dialect: IDF,
    };
  }
  return P.channel.test(line) ? KNOWN : null;
}

/** ESP-IDF's reader. */
export const espIdf: Reader = { dialect: IDF, read };
