/**
 * ESP-AT's reports (`WIFI CONNECTED`, `WIFI GOT IP`, `WIFI DISCONNECT`, `+CWJAP:<code>`,
 * `+CIPSTA:...`, `+STA_CONNECTED`, `+DIST_STA_IP`, `+STA_DISCONNECTED`, `+TIME_UPDATED`, quoted
 * or not) and the answers that say more of them (`+CWJAP:"ssid","bssid",...`, `+CWSTATE:`),
 * after a terminal's optional `[HH:MM:SS.mmm] ->` prefix. `+CWJAP:<code>` is a join that failed:
 * a disconnect, whose code becomes an ESP-IDF reason as the ESP-AT driver maps it
 * (drivers/esp_at/reasons.ts), so an imported log and a live module say the same.
 *
 * @module
 */
import { reasonForJoinFailure } from "../../../drivers/esp_at/reasons.ts";
import {
  after,
  detail,
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
  prefix: pattern("^\\s*\\[?\\d{2}:\\d{2}:\\d{2}[.,]\\d{3}\\]?\\s*(?:->\\s*)?"),
  cwjap: pattern("^\\+CWJAP:(\\d{1,3})$"),
  joinedKey: pattern('^\\+CWJAP:"'),
  /** After the SSID of an `AT+CWJAP?` answer: `","bssid",channel,rssi`. */
  joined: pattern(`${MAC}",(\\d{1,3}),-?\\d{1,3}`, "y"),
  cwstate: pattern('^\\+CWSTATE:(\\d),"'),
  cipsta: pattern(`^\\+CIPSTA:(ip|gateway|netmask):"?${IP}"?$`),
  staConnected: pattern(`^\\+STA_CONNECTED: ?"?${MAC}"?$`),
  staDisconnected: pattern(`^\\+STA_DISCONNECTED: ?"?${MAC}"?$`),
  distStaIp: pattern(`^\\+DIST_STA_IP: ?"?${MAC}"?, ?"?${IP}"?$`),
} as const;

const known: Said = { kind: "known", dialect: "esp-at" };

/** `+CWJAP:"ssid","bssid",channel,rssi,...`: the AP joined, more of the connect before it. */
function joinedAp(said: string): Said | null {
  const ssid = after(said, P.joinedKey);
  if (ssid < 0) return null;
  // The SSID is printed as is, and may hold `","` itself: each within an SSID's length is tried.
  const found = within(said, '","', ssid, SSID_UNITS, P.joined);
  if (found === null) return known;
  const [end, m] = found;
  const fields = { ssid: said.slice(ssid, end), bssid: lower(m[1]!), channel: Number(m[2]) };
  return detail("sta_connected", fields, "esp-at");
}

/** The module's bare replies, and reports of what netfsm does not model (IPv6 is `+CIPSTA`'s). */
const REPLIES: ReadonlySet<string> = new Set([
  "OK",
  "ERROR",
  "FAIL",
  "SEND OK",
  "SEND FAIL",
  "busy p...",
  "busy s...",
  "ready",
  "WIFI GOT IPv6 LL",
  "WIFI GOT IPv6 GL",
]);

/** An echoed command (`AT`, `AT+CWJAP=...`) or a bare reply. */
function isEchoOrReply(said: string): boolean {
  return said === "AT" || said.startsWith("AT+") || REPLIES.has(said);
}

function read(line: string): Said | null {
  let m: RegExpExecArray | null;
  const said = line.slice(Math.max(0, after(line, P.prefix))).trim();
  if (said === "WIFI CONNECTED") return event({ type: "sta_connected" }, "esp-at");
  if (said === "WIFI DISCONNECT") return event({ type: "sta_disconnected" }, "esp-at");
  // The report carries no numbers: a `+CIPSTA:` query may follow with them; unknown until then.
  if (said === "WIFI GOT IP") {
    return event({ type: "sta_got_ip", ip: null, netmask: null, gw: null }, "esp-at");
  }
  // SNTP set the clock; the time is only in a later `AT+CIPSNTPTIME?` answer, in local time.
  if (said === "+TIME_UPDATED") {
    return event({ type: "sntp_sync", sec: null, usec: null }, "esp-at");
  }
  // The host's echoed commands and the module's replies are ESP-AT's, and say nothing modelled.
  if (isEchoOrReply(said)) return known;
  if ((m = P.cwjap.exec(said))) {
    const reason = reasonForJoinFailure(Number(m[1]));
    return event({ type: "sta_disconnected", reason }, "esp-at");
  }
  const joined = joinedAp(said);
  if (joined !== null) return joined;
  if ((m = P.cwstate.exec(said))) {
    // 1 connected without IPv4, 2 with: the SSID is the AP joined. Other states name none.
    const ssid = said.slice(m[0].length, -1);
    const joinedState = (m[1] === "1" || m[1] === "2") && said.endsWith('"') && ssid !== "";
    return joinedState ? detail("sta_connected", { ssid }, "esp-at") : known;
  }
  if ((m = P.cipsta.exec(said))) {
    const field = m[1] === "gateway" ? "gw" : m[1]!;
    return detail("sta_got_ip", { [field]: m[2]! }, "esp-at");
  }
  if ((m = P.staConnected.exec(said))) {
    return event({ type: "ap_sta_connected", mac: lower(m[1]!) }, "esp-at");
  }
  if ((m = P.staDisconnected.exec(said))) {
    return event({ type: "ap_sta_disconnected", mac: lower(m[1]!) }, "esp-at");
  }
  if ((m = P.distStaIp.exec(said))) {
    return event({ type: "ap_sta_ip_assigned", mac: lower(m[1]!), ip: m[2]! }, "esp-at");
  }
  return null;
}

/** ESP-AT's reader. */
export const espAt: Reader = { dialect: "esp-at", read };
