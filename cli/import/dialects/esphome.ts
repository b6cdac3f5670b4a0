/**
 * ESPHome's lines, as its logger writes them (`[I][wifi:617]: WiFi Connected!`, optionally after
 * `esphome logs`' `[HH:MM:SS]` and within colour escapes): the `wifi_esp32`/`wifi_esp8266`
 * component's `Event:` lines (connected, disconnected with ESPHome's reason name, got IP, lost IP,
 * got IPv6, the soft-AP and its clients), `WiFi Connected!`, and the indented lines that follow it
 * (`  IP Address:`, `  Subnet:`, `  Gateway:`, `  SSID:`, `  BSSID:`, `  Channel:`).
 *
 * ESP-IDF's and Arduino's own lines that ESPHome forwards (`[V][esp-idf:000]: I (123) wifi:...`,
 * `[20:49:13][D][WiFiGeneric.cpp:337] _eventCallback(): ...`) are claimed as known: they repeat
 * what ESPHome's own `Event:` lines say, a second apart at most, and one happening must give one
 * input.
 *
 * @module
 */
import type { Untimed } from "../../../core/input.ts";
import {
  after,
  at,
  detail,
  event,
  IP,
  IP6,
  lower,
  MAC,
  pattern,
  type Reader,
  type Said,
  SSID_UNITS,
} from "../dialect.ts";

const P = {
  /** The level, then the tag: `[D][`, `[VV][`, `[C][`. */
  levelKey: pattern("\\[(?:V{1,2}|[EWIDC])\\]\\["),
  /** The tag and line, an optional task name (`[loopTask]`), and `: `. */
  header: pattern("([\\w.-]+):\\d+\\](?:\\[[^\\]]{0,32}\\])?: ?", "y"),
  /** Arduino's forwarded form after `esphome logs`' clock: `[12:34:56][D][WiFiGeneric.cpp:337] `. */
  arduinoForwarded: pattern("^\\[\\d{2}:\\d{2}:\\d{2}\\]\\[[EWIDV]\\]\\[\\w+\\.c(?:pp)?:\\d+\\] "),
  connected: pattern("Event: Connected ssid='"),
  /** After the SSID's closing quote and ` bssid=`: the BSSID (a post may have hidden it). */
  bssid: pattern(MAC, "y"),
  /** ` channel=6` further on. */
  channel: pattern(" channel=(\\d{1,3})"),
  disconnected: pattern("Event: Disconnected ssid='"),
  /** `reason='Auth Expired'` (since 1.14), `reason=Auth Expired` (before). */
  reason: pattern("reason='?([\\w .\\/-]{1,40})", "y"),
  gotIp: pattern(`Event: Got IP static_ip=${IP} gateway=${IP}(?: netmask=${IP})?`),
  gotIp6: pattern(`Got IPv6 address=${IP6}`),
  lostIp: pattern("Event: Lost IP"),
  apStart: pattern("Event: WiFi AP start"),
  apStop: pattern("Event: WiFi AP stop"),
  apClient: pattern(`Event: AP client (connected|disconnected) MAC=${MAC}(?: aid=(\\d{1,3}))?`),
  apAssigned: pattern(`Event: AP client assigned IP ${IP}`),
  /** ESP8266: `Event: AP Distribute Station IP MAC=.. IP=.. aid=N`. */
  apDistribute: pattern(`Event: AP Distribute Station IP MAC=${MAC} IP=${IP}`),
  /** `WiFi Connected!` (1.14 on), `WiFi connected!` (before). */
  wifiConnected: pattern("^WiFi [Cc]onnected!"),
  /** The indented lines of `WiFi Connected!` and of the config dump. */
  field: pattern("^  (SSID|BSSID|IP Address|Subnet|Gateway|Channel): ", "y"),
  quoted: pattern("'([^']{0,32})'\\s{0,4}$", "y"),
  mac: pattern(`${MAC}\\s{0,4}$`, "y"),
  ip: pattern(`${IP}\\s{0,4}$`, "y"),
  number: pattern("(\\d{1,3})\\s{0,4}$", "y"),
} as const;

/**
 * ESPHome's `get_disconnect_reason_str` names (wifi_component_esp32_arduino.cpp,
 * wifi_component_esp_idf.cpp, wifi_component_esp8266.cpp), back to the ESP-IDF reason each came
 * from; the ESP8266 SDK's numbers are the same. "Unspecified" is left out: it is also the name of
 * every reason the table lacks.
 */
const REASONS: ReadonlyMap<string, number> = new Map([
  ["Auth Expired", 2],
  ["Auth Leave", 3],
  ["Association Expired", 4],
  ["Too Many Associations", 5],
  ["Not Authenticated", 6],
  ["Not Associated", 7],
  ["Association Leave", 8],
  ["Association not Authenticated", 9],
  ["Disassociate Power Cap Bad", 10],
  ["Disassociate Supported Channel Bad", 11],
  ["IE Invalid", 13],
  ["Mic Failure", 14],
  ["4-Way Handshake Timeout", 15],
  ["Group Key Update Timeout", 16],
  ["IE In 4-Way Handshake Differs", 17],
  ["Group Cipher Invalid", 18],
  ["Pairwise Cipher Invalid", 19],
  ["AKMP Invalid", 20],
  ["Unsupported RSN IE version", 21],
  ["Invalid RSN IE Cap", 22],
  ["802.1x Authentication Failed", 23],
  ["Cipher Suite Rejected", 24],
  ["Beacon Timeout", 200],
  ["AP Not Found", 201],
  // Logged instead of the table's name when the reason is WIFI_REASON_NO_AP_FOUND.
  ["Probe Request Unsuccessful", 201],
  ["Authentication Failed", 202],
  ["Association Failed", 203],
  ["Handshake Failed", 204],
  ["Connection Failed", 205],
  ["Station Roaming", 207],
]);

/**
 * The line without its colour and secret escapes: ESPHome colours every line (`\x1b[0;36m`),
 * wraps secrets (`\x1b[5m`..`\x1b[6m`), and a post may show them as the dashboard's `\033[..m`
 * or, the escape character lost, as bare `[0;36m`. Scanned by hand, once, so no pattern runs
 * over the whole line.
 */
function plain(line: string): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    let j = -1;
    if (line.charCodeAt(i) === 0x1b && line[i + 1] === "[") j = i + 2;
    else if (line.startsWith("\\033[", i)) j = i + 5;
    else if (
      line[i] === "[" &&
      (line[i + 1] === "0" || line[i + 1] === "1" || line[i + 1] === "5" || line[i + 1] === "6")
    ) j = i + 1;
    if (j >= 0) {
      let k = j;
      while (
        k < line.length && k - j < 8 && (line[k] === ";" || (line[k]! >= "0" && line[k]! <= "9"))
      ) k++;
      if (line[k] === "m" && (k > j || line.charCodeAt(i) === 0x1b)) {
        i = k + 1;
        continue;
      }
    }
    out += line[i];
    i++;
  }
  return out;
}

/**
 * The SSID quoted from `from` up to the last `' bssid=` (an SSID may hold that text itself; the
 * BSSID after it cannot), and where its closing quote is; null past an SSID's length.
 */
function ssidAt(text: string, from: number): [string, number] | null {
  const end = text.lastIndexOf("' bssid=");
  return end < from || end - from > SSID_UNITS ? null : [text.slice(from, end), end + 1];
}

function connected(text: string): Said | null {
  const from = after(text, P.connected);
  if (from < 0) return null;
  const ssid = ssidAt(text, from);
  if (ssid === null) return event({ type: "sta_connected" }, "esphome");
  const bssid = at(text, P.bssid, ssid[1] + " bssid=".length);
  const channel = P.channel.exec(text.slice(ssid[1]));
  return event({
    type: "sta_connected",
    ssid: ssid[0],
    ...(bssid !== null ? { bssid: lower(bssid[1]!) } : {}),
    ...(channel !== null ? { channel: Number(channel[1]) } : {}),
  }, "esphome");
}

function disconnected(text: string): Said | null {
  if (after(text, P.disconnected) < 0) return null;
  const m = at(text, P.reason, text.lastIndexOf("reason="));
  const reason = m === null ? undefined : REASONS.get(m[1]!.trim());
  return event(
    reason === undefined ? { type: "sta_disconnected" } : { type: "sta_disconnected", reason },
    "esphome",
  );
}

/** An indented line of the `WiFi Connected!` block: more about the connect or the address. */
function field(message: string): Said | null {
  const f = at(message, P.field, 0);
  if (f === null) return null;
  const from = f.index + f[0].length;
  let m: RegExpExecArray | null;
  switch (f[1]) {
    case "SSID":
      m = at(message, P.quoted, from);
      return m === null ? null : detail("sta_connected", { ssid: m[1]! }, "esphome");
    case "BSSID":
      m = at(message, P.mac, from);
      return m === null ? null : detail("sta_connected", { bssid: lower(m[1]!) }, "esphome");
    case "Channel":
      m = at(message, P.number, from);
      return m === null ? null : detail("sta_connected", { channel: Number(m[1]) }, "esphome");
    default: {
      m = at(message, P.ip, from);
      if (m === null) return null;
      const name = f[1] === "IP Address" ? "ip" : f[1] === "Subnet" ? "netmask" : "gw";
      return detail("sta_got_ip", { [name]: m[1]! }, "esphome");
    }
  }
}

function wifi(message: string, text: string): Said | null {
  let m: RegExpExecArray | null;
  const said = connected(text) ?? disconnected(text);
  if (said !== null) return said;
  if ((m = P.gotIp.exec(text))) {
    return event({ type: "sta_got_ip", ip: m[1]!, gw: m[2]!, netmask: m[3] ?? null }, "esphome");
  }
  if ((m = P.gotIp6.exec(text))) return event({ type: "sta_got_ip6", ip6: m[1]! }, "esphome");
  if (P.lostIp.test(text)) return event({ type: "sta_lost_ip" }, "esphome");
  if (P.apStart.test(text)) return event({ type: "ap_started" }, "esphome");
  if (P.apStop.test(text)) return event({ type: "ap_stopped" }, "esphome");
  if ((m = P.apClient.exec(text))) {
    const type = m[1] === "connected" ? "ap_sta_connected" : "ap_sta_disconnected";
    const aid = m[1] === "connected" && m[3] !== undefined ? { aid: Number(m[3]) } : {};
    return event({ type, mac: lower(m[2]!), ...aid } as Untimed, "esphome");
  }
  if ((m = P.apAssigned.exec(text))) {
    return event({ type: "ap_sta_ip_assigned", ip: m[1]! }, "esphome");
  }
  if ((m = P.apDistribute.exec(text))) {
    return event({ type: "ap_sta_ip_assigned", ip: m[2]!, mac: lower(m[1]!) }, "esphome");
  }
  // ESPHome says it only once the station has both joined and got its address; the block after
  // it fills the address in (and the importer supplies the join it implies).
  if (P.wifiConnected.test(message)) {
    return event({ type: "sta_got_ip", ip: null, netmask: null, gw: null }, "esphome");
  }
  // The component's other lines (connecting, scanning, errors) say nothing netfsm models.
  return field(message) ?? { kind: "known", dialect: "esphome" };
}

function read(line: string): Said | null {
  const text = plain(line);
  if (P.arduinoForwarded.test(text)) return { kind: "known", dialect: "esphome" };
  const level = after(text, P.levelKey);
  const head = at(text, P.header, level);
  if (head === null) return null;
  const tag = head[1]!;
  if (tag === "esp-idf") return { kind: "known", dialect: "esphome" };
  if (tag !== "wifi" && !tag.startsWith("wifi_")) return null;
  return wifi(text.slice(head.index + head[0].length), text);
}

/** ESPHome's reader. */
export const esphome: Reader = { dialect: "esphome", read };
