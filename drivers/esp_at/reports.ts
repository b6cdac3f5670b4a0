/**
 * What a line from ESP-AT is: the end of a command's answer, a report the firmware makes
 * unasked, or a line of an answer. The spellings are the firmware's own format strings
 * (../shared/reference/drivers.md §3), which differ from its documentation: `+STA_CONNECTED:"mac"`
 * has quotes and no space.
 *
 * @module
 */

/** A report the firmware prints unasked. */
export type Unsolicited =
  | { readonly type: "wifi_connected" }
  | { readonly type: "wifi_got_ip" }
  | { readonly type: "wifi_got_ipv6"; readonly scope: "link_local" | "global" }
  | { readonly type: "wifi_disconnect" }
  | { readonly type: "station_joined"; readonly mac: string }
  | { readonly type: "station_left"; readonly mac: string }
  | { readonly type: "station_address"; readonly mac: string; readonly ip: string }
  | { readonly type: "time_updated" };

/** A line, classified. */
export type Line =
  | { readonly kind: "ok" }
  | { readonly kind: "error" }
  | { readonly kind: "error_code"; readonly code: number }
  | { readonly kind: "busy" }
  | { readonly kind: "ready" }
  | { readonly kind: "blank" }
  | { readonly kind: "unsolicited"; readonly report: Unsolicited }
  | { readonly kind: "text"; readonly text: string };

const MAC = "([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})";
const IPV4 = "(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})";
const STATION_JOINED = new RegExp(`^\\+STA_CONNECTED:"${MAC}"$`);
const STATION_LEFT = new RegExp(`^\\+STA_DISCONNECTED:"${MAC}"$`);
const STATION_ADDRESS = new RegExp(`^\\+DIST_STA_IP:"${MAC}","${IPV4}"$`);
const ERROR_CODE = /^ERR CODE:0x([0-9a-fA-F]{1,8})$/;

const LITERALS: Readonly<Record<string, Line>> = {
  "OK": { kind: "ok" },
  "ERROR": { kind: "error" },
  // Firmware before 2.0 ends a failed join with FAIL instead of ERROR.
  "FAIL": { kind: "error" },
  "ready": { kind: "ready" },
  "": { kind: "blank" },
  "WIFI CONNECTED": { kind: "unsolicited", report: { type: "wifi_connected" } },
  "WIFI GOT IP": { kind: "unsolicited", report: { type: "wifi_got_ip" } },
  "WIFI GOT IPv6 LL": {
    kind: "unsolicited",
    report: { type: "wifi_got_ipv6", scope: "link_local" },
  },
  "WIFI GOT IPv6 GL": { kind: "unsolicited", report: { type: "wifi_got_ipv6", scope: "global" } },
  "WIFI DISCONNECT": { kind: "unsolicited", report: { type: "wifi_disconnect" } },
  "+TIME_UPDATED": { kind: "unsolicited", report: { type: "time_updated" } },
};

/**
 * Classifies one line (without its CR LF).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyLine } from "./reports.ts";
 * assert.deepEqual(classifyLine("WIFI GOT IP"), { kind: "unsolicited", report: { type: "wifi_got_ip" } });
 * assert.deepEqual(classifyLine('+DIST_STA_IP:"24:EE:9a:2d:6e:b4","192.168.4.2"'), {
 *   kind: "unsolicited",
 *   report: { type: "station_address", mac: "24:ee:9a:2d:6e:b4", ip: "192.168.4.2" },
 * });
 * assert.deepEqual(classifyLine("busy p..."), { kind: "busy" });
 * assert.deepEqual(classifyLine("+CWJAP:2"), { kind: "text", text: "+CWJAP:2" });
 * ```
 */
export function classifyLine(line: string): Line {
  const literal = Object.hasOwn(LITERALS, line) ? LITERALS[line] : undefined;
  if (literal !== undefined) return literal;
  // `busy p...` (processing) and `busy s...` (sending) both mean the input was dropped.
  if (line.startsWith("busy ")) return { kind: "busy" };
  let match = ERROR_CODE.exec(line);
  if (match !== null) return { kind: "error_code", code: parseInt(match[1]!, 16) };
  match = STATION_JOINED.exec(line);
  if (match !== null) return report({ type: "station_joined", mac: match[1]!.toLowerCase() });
  match = STATION_LEFT.exec(line);
  if (match !== null) return report({ type: "station_left", mac: match[1]!.toLowerCase() });
  match = STATION_ADDRESS.exec(line);
  if (match !== null) {
    return report({ type: "station_address", mac: match[1]!.toLowerCase(), ip: match[2]! });
  }
  return { kind: "text", text: line };
}

function report(report: Unsolicited): Line {
  return { kind: "unsolicited", report };
}
