/**
 * MicroPython's own lines on the ESP32 port: what its WLAN event handler logs through ESP-IDF's
 * logger (ports/esp32/network_wlan.c, before 2021 modnetwork.c): `wifi: STA_START`,
 * `network: CONNECTED`, `network: GOT_IP` (`wifi: GOT_IP` in the first release), `wifi:
 * STA_DISCONNECTED, reason:201`, `wifi: reconnect counter=`. Until late 2023 the message
 * (`no AP found`, `authentication failed`, `beacon timeout`) followed on a line of its own; since
 * then it ends the line (`reason:201:no AP found`). The IDF's own lines in the same log
 * (`wifi:connected with`, `esp_netif_handlers: sta ip:`) are the esp-idf reader's: this reader
 * is asked first, so it claims only MicroPython's wording, after the IDF stamp's `) `. What a
 * script prints (`network config: (...)` from `ifconfig()`) is the user's and is not read.
 *
 * @module
 */
import { after, at, event, pattern, type Reader, type Said } from "../dialect.ts";

const P = {
  /** After the IDF stamp's `) `, so that a script's print of the same words is not read. */
  disconnectedKey: pattern("\\) wifi: STA_DISCONNECTED, reason:"),
  digits: pattern("(\\d+)", "y"),
  /** The whole message: `network: CONNECTED`, `network: GOT_IP`, `wifi: STA_START`, .... */
  wordKey: pattern(
    "\\) (?:network: (?:CONNECTED|GOT_IP|Got IPv6)|wifi: (?:GOT_IP|STA_START))",
  ),
  /** What may end the line after it: the IDF's colour reset, spaces. */
  end: pattern("(?:\\x1b\\[0m)?\\s*$", "y"),
  knownKey: pattern("\\) wifi: (?:reconnect counter=|error attempting to reconnect)"),
} as const;

/** The messages pre-1.10 releases printed alone on the line after a disconnect. */
const ALONE = new Set(["no AP found", "authentication failed", "beacon timeout"]);

function read(line: string): Said | null {
  const m = at(line, P.digits, after(line, P.disconnectedKey));
  if (m !== null) return event({ type: "sta_disconnected", reason: Number(m[1]) }, "micropython");
  const word = P.wordKey.exec(line);
  if (word !== null && at(line, P.end, word.index + word[0].length) !== null) {
    if (word[0].endsWith("CONNECTED")) return event({ type: "sta_connected" }, "micropython");
    if (word[0].endsWith("GOT_IP")) {
      // The address is in the IDF's `sta ip:` line beside it, which fills these when merged.
      return event({ type: "sta_got_ip", ip: null, netmask: null, gw: null }, "micropython");
    }
    return { kind: "known", dialect: "micropython" };
  }
  if (P.knownKey.test(line) || ALONE.has(line.trim())) {
    return { kind: "known", dialect: "micropython" };
  }
  return null;
}

/** MicroPython's reader (ESP32 port). */
export const micropython: Reader = { dialect: "micropython", read };
