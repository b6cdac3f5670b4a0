/**
 * ESP-Hosted-FG's lines: the slave firmware's (`slave_ctrl:` tag, beside the slave's own ESP-IDF
 * lines: `Station disconnected, reason[N]`, `Station not connected. reason: N`, `--- Station
 * connected SSID ---`, `station MAC join, AID=N`, `station MAC leave`, `softap started`, the
 * network-split DHCP lines), and the Linux host demo's (`App EVENT: STA-Connected ssid[...]`,
 * `STA-Disconnected reason[N]`, `SoftAP mode: Connected MAC[...]`, `SoftAP mode: Disconnect
 * MAC[...]`), as `esp_hosted_fg/host/linux/host_control/c_support/test_utils.c` prints them.
 *
 * @module
 */
import type { Untimed } from "../../../core/input.ts";
import {
  after,
  at,
  event,
  IP,
  lower,
  MAC,
  pattern,
  type Reader,
  type Said,
  SSID_UNITS,
  within,
} from "../dialect.ts";

const P = {
  slave: pattern("slave_ctrl: "),
  disconnected: pattern("Station disconnected, reason\\[(\\d{1,3})\\]", "y"),
  notConnected: pattern("Station not connected\\. reason: (\\d{1,3})", "y"),
  connected: pattern("--- Station connected ", "y"),
  join: pattern(`station ${MAC} join, AID=(\\d{1,3})`, "y"),
  leave: pattern(`station ${MAC} leave`, "y"),
  splitDhcp: pattern(`Slave sta dhcp \\{IP\\[${IP}\\] NM\\[${IP}\\] GW\\[${IP}\\]\\}`, "y"),
  dhcp: pattern(`DHCP IP: ${IP}, NM: ${IP}, GW: ${IP}`, "y"),
  host: pattern("App EVENT: "),
  staConnected: pattern("STA-Connected ssid\\[", "y"),
  /** After the SSID and `] bssid[`: `MAC] channel[N] auth[N] aid[N]`. */
  staConnectedRest: pattern(
    `${MAC}\\] channel\\[(\\d{1,3})\\] auth\\[\\d{1,3}\\] aid\\[(\\d{1,5})\\]`,
    "y",
  ),
  staDisconnected: pattern("STA-Disconnected reason\\[(\\d{1,3})\\]", "y"),
  /** The older host demo's form. */
  stationDisconnect: pattern("Station mode: Disconnect Reason\\[(\\d{1,3})\\]", "y"),
  softapConnected: pattern(`SoftAP mode: Connected MAC\\[${MAC}\\] aid\\[(\\d{1,3})\\]`, "y"),
  softapDisconnect: pattern(
    `SoftAP mode: Disconnect MAC\\[${MAC}\\](?: reason\\[(\\d{1,3})\\])?`,
    "y",
  ),
} as const;

const CONNECTED_END = " ---";

const known: Said = { kind: "known", dialect: "esp-hosted" };
const said = (e: Untimed): Said => event(e, "esp-hosted");

/** A reason as netfsm writes it: 0 is none (the slave sends 0 when it has no reason). */
const disconnect = (type: "sta_disconnected", reason: number): Untimed =>
  reason > 0 ? { type, reason } : { type };

function slaveLine(line: string, from: number): Said {
  let m: RegExpExecArray | null;
  if ((m = at(line, P.disconnected, from)) ?? (m = at(line, P.notConnected, from))) {
    return said(disconnect("sta_disconnected", Number(m[1])));
  }
  if ((m = at(line, P.connected, from))) {
    const rest = line.trimEnd();
    const start = from + m[0].length;
    const ssid = rest.slice(start, rest.length - CONNECTED_END.length);
    const whole = rest.endsWith(CONNECTED_END) && ssid.length <= SSID_UNITS;
    return whole ? said({ type: "sta_connected", ssid }) : said({ type: "sta_connected" });
  }
  if ((m = at(line, P.join, from))) {
    return said({ type: "ap_sta_connected", mac: lower(m[1]!), aid: Number(m[2]) });
  }
  if ((m = at(line, P.leave, from))) {
    return said({ type: "ap_sta_disconnected", mac: lower(m[1]!) });
  }
  if ((m = at(line, P.splitDhcp, from)) ?? (m = at(line, P.dhcp, from))) {
    return said({ type: "sta_got_ip", ip: m[1]!, netmask: m[2]!, gw: m[3]! });
  }
  const text = line.slice(from).trim();
  if (text === "softap started") return said({ type: "ap_started" });
  if (text === "softap stopped") return said({ type: "ap_stopped" });
  // The slave's other lines (`station mode set`, `mac [..]`, heartbeats) say nothing netfsm models.
  return known;
}

function hostConnected(line: string, from: number): Said | null {
  const ssid = at(line, P.staConnected, from);
  if (ssid === null) return null;
  const start = from + ssid[0].length;
  // The SSID may hold `] bssid[` itself: each mention within an SSID's length is tried.
  const found = within(line, "] bssid[", start, SSID_UNITS, P.staConnectedRest);
  if (found === null) return said({ type: "sta_connected" });
  const [end, m] = found;
  return said({
    type: "sta_connected",
    ssid: line.slice(start, end),
    bssid: lower(m[1]!),
    channel: Number(m[2]),
    aid: Number(m[3]),
  });
}

function hostLine(line: string, from: number): Said {
  let m: RegExpExecArray | null;
  const connected = hostConnected(line, from);
  if (connected !== null) return connected;
  if ((m = at(line, P.staDisconnected, from)) ?? (m = at(line, P.stationDisconnect, from))) {
    return said(disconnect("sta_disconnected", Number(m[1])));
  }
  if ((m = at(line, P.softapConnected, from))) {
    return said({ type: "ap_sta_connected", mac: lower(m[1]!), aid: Number(m[2]) });
  }
  if ((m = at(line, P.softapDisconnect, from))) {
    const reason = Number(m[2] ?? 0);
    const mac = lower(m[1]!);
    return said(
      reason > 0
        ? { type: "ap_sta_disconnected", mac, reason }
        : { type: "ap_sta_disconnected", mac },
    );
  }
  // `ESP INIT`, `Heartbeat event`, the DHCP/DNS status: nothing netfsm models.
  return known;
}

function read(line: string): Said | null {
  const slave = after(line, P.slave);
  if (slave >= 0) return slaveLine(line, slave);
  const host = after(line, P.host);
  return host >= 0 ? hostLine(line, host) : null;
}

/** ESP-Hosted's reader. */
export const espHosted: Reader = { dialect: "esp-hosted", read };
