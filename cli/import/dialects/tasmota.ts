/**
 * Tasmota's lines (English builds), as its log writes them after the time (`00:00:01.234 WIF:
 * Connected`): the `WIF:` lines of support_wifi.ino and the web server's `HTP:` line that names
 * the address.
 *
 * Tasmota polls the station's status once a second rather than logging the driver's events, so
 * its lines say less than the events did: `WIF: Connected` is logged once the station has both
 * joined and got an address (an address whose numbers only ESP32 builds log, as `WIF: IPv4 ..,
 * mask .., gateway ..`; else the web server's line names the address alone), and each `Connect
 * failed ...` is a failed or lost connection, whose reason is known only for `AP cannot be
 * reached` (the SDKs' status for WIFI_REASON_NO_AP_FOUND).
 *
 * @module
 */
import { after, at, detail, event, IP, IP6, pattern, type Reader, type Said } from "../dialect.ts";

const P = {
  /** The module tags Tasmota writes before a message: `WIF: `, `HTP: `. */
  wifKey: pattern("\\bWIF: "),
  htpKey: pattern("\\bHTP: Web server active on "),
  /** After the host name: ` with IP address 192.168.1.5`. */
  webIp: pattern(` with IP address ${IP}`),
  connected: pattern("Connected\\s{0,4}$", "y"),
  failed: pattern(
    "Connect failed (?:with AP (timeout|incorrect password)|as (AP cannot be reached|no IP address received))",
    "y",
  ),
  /** ESP32 builds: `WIF: IPv4 192.168.1.5, mask 255.255.255.0, gateway 192.168.1.1`. */
  ipv4: pattern(`IPv4 ${IP}, mask ${IP}, gateway ${IP}`, "y"),
  /**
   * ESP32 builds: `WIF: IPv6 Global 2001:db8::5`, `WIF: IPv6 Local fe80::1`, `WIF: IPv6
   * Link-Local fe80::1` (12.3); the address must end the line, so a hidden one (`fe80::xxxx`) is
   * not read as its first digits.
   */
  ipv6: pattern(
    `IPv6 (?:Global|L(?:ocal|ink-Local)) (${IP6.slice(1, -1)}(?:%\\w{1,8})?)\\s{0,4}$`,
    "y",
  ),
  /** ESP8266 IPv6 builds: `WIF: Got IPv6 global address 2001:db8::5`. */
  ipv6Old: pattern(`Got IPv6 global address ${IP6}\\s{0,4}$`, "y"),
  /** The soft-AP of the Wi-Fi manager: `WIF: WifiManager active for 3 minutes`. */
  manager: pattern("WifiManager active", "y"),
} as const;

/** Reads a `WIF:` message, from `from`. */
function wif(line: string, from: number): Said {
  let m: RegExpExecArray | null;
  if (at(line, P.connected, from)) {
    return event({ type: "sta_got_ip", ip: null, netmask: null, gw: null }, "tasmota");
  }
  if ((m = at(line, P.failed, from))) {
    // Connected without an address: still joined, so no disconnect.
    if (m[2] === "no IP address received") return { kind: "known", dialect: "tasmota" };
    return event(
      m[2] === "AP cannot be reached"
        ? { type: "sta_disconnected", reason: 201 }
        : { type: "sta_disconnected" },
      "tasmota",
    );
  }
  if ((m = at(line, P.ipv4, from))) {
    return event({ type: "sta_got_ip", ip: m[1]!, netmask: m[2]!, gw: m[3]! }, "tasmota");
  }
  if ((m = at(line, P.ipv6, from) ?? at(line, P.ipv6Old, from))) {
    return event({ type: "sta_got_ip6", ip6: m[1]! }, "tasmota");
  }
  if (at(line, P.manager, from)) return event({ type: "ap_started" }, "tasmota");
  // Connecting, attempting, checking, scanning: nothing netfsm models.
  return { kind: "known", dialect: "tasmota" };
}

function read(line: string): Said | null {
  const wifAt = after(line, P.wifKey);
  if (wifAt >= 0) return wif(line, wifAt);
  if (after(line, P.htpKey) >= 0) {
    // The address only: its netmask and gateway stay unknown. `(IP unset)` in the Wi-Fi manager.
    const m = P.webIp.exec(line);
    return m === null
      ? { kind: "known", dialect: "tasmota" }
      : detail("sta_got_ip", { ip: m[1]! }, "tasmota");
  }
  return null;
}

/** Tasmota's reader. */
export const tasmota: Reader = { dialect: "tasmota", read };
