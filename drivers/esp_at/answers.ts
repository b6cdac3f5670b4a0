/**
 * Reading the answers of ESP-AT's queries: the lines between a command and its `OK`, as the
 * firmware prints them. Each reader returns undefined for an answer it cannot read, never a
 * made-up value.
 *
 * @module
 */
import type { ScanResult } from "../../core/input.ts";
import { authmodeName } from "../authmodes.ts";

/** The station's addresses from `AT+CIPSTA?`. */
export interface StationAddresses {
  readonly ip?: string;
  readonly gateway?: string;
  readonly netmask?: string;
  readonly ip6ll?: string;
  readonly ip6gl?: string;
}

const ADDRESS_LINE = /^\+CIP(?:STA|AP):(ip|gateway|netmask|ip6ll|ip6gl):"([^"]*)"$/;

/**
 * The addresses in an `AT+CIPSTA?` (or `AT+CIPAP?`) answer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readAddresses } from "./answers.ts";
 * assert.deepEqual(readAddresses([
 *   '+CIPSTA:ip:"192.168.3.112"', '+CIPSTA:gateway:"192.168.3.1"', '+CIPSTA:netmask:"255.255.255.0"',
 * ]), { ip: "192.168.3.112", gateway: "192.168.3.1", netmask: "255.255.255.0" });
 * ```
 */
export function readAddresses(lines: readonly string[]): StationAddresses {
  const found: Record<string, string> = {};
  for (const line of lines) {
    const match = ADDRESS_LINE.exec(line);
    if (match !== null) found[match[1]!] = match[2]!;
  }
  return found;
}

/**
 * The MAC in an `AT+CIPSTAMAC?` or `AT+CIPAPMAC?` answer, lower case.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readMac } from "./answers.ts";
 * assert.equal(readMac(['+CIPSTAMAC:"24:0A:C4:12:34:56"']), "24:0a:c4:12:34:56");
 * assert.equal(readMac(["+CIPSTAMAC:nonsense"]), undefined);
 * ```
 */
export function readMac(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const match = /^\+CIP(?:STA|AP)MAC:"([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})"$/.exec(line);
    if (match !== null) return match[1]!.toLowerCase();
  }
  return undefined;
}

/**
 * The code of a failed join, `+CWJAP:<code>`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readJoinFailure } from "./answers.ts";
 * assert.equal(readJoinFailure(["+CWJAP:2"]), 2);
 * assert.equal(readJoinFailure(["WIFI DISCONNECT"]), undefined);
 * ```
 */
export function readJoinFailure(lines: readonly string[]): number | undefined {
  for (const line of lines) {
    const match = /^\+CWJAP:(\d{1,3})$/.exec(line);
    if (match !== null) return Number(match[1]);
  }
  return undefined;
}

/** The joined AP, from `AT+CWJAP?`. */
export interface JoinedAp {
  readonly ssid: string;
  readonly bssid: string;
  readonly channel: number;
  readonly rssi: number;
}

/**
 * The joined AP in an `AT+CWJAP?` answer; `"none"` for the firmware's `No AP`. The SSID is read
 * greedily up to the BSSID, as the firmware prints it unescaped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readJoinedAp } from "./answers.ts";
 * assert.deepEqual(readJoinedAp(['+CWJAP:"BL_841R","44:33:4c:90:96:9a",11,-55,0,0,0,0']), {
 *   ssid: "BL_841R", bssid: "44:33:4c:90:96:9a", channel: 11, rssi: -55,
 * });
 * assert.equal(readJoinedAp(["No AP"]), "none");
 * ```
 */
export function readJoinedAp(lines: readonly string[]): JoinedAp | "none" | undefined {
  for (const line of lines) {
    if (line === "No AP") return "none";
    const match = /^\+CWJAP:"(.*)","([0-9a-fA-F:]{17})",(\d{1,3}),(-?\d{1,3})(?:,|$)/.exec(line);
    if (match !== null) {
      return {
        ssid: match[1]!,
        bssid: match[2]!.toLowerCase(),
        channel: Number(match[3]),
        rssi: Number(match[4]),
      };
    }
  }
  return undefined;
}

/**
 * One network of an `AT+CWLAP` answer, with at least the fields `AT+CWLAPOPT=1,31` selects:
 * `+CWLAP:(<ecn>,"ssid",<rssi>,"mac",<channel>[,...])`. An empty SSID is a hidden network.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readScanLine } from "./answers.ts";
 * assert.deepEqual(readScanLine('+CWLAP:(4,"Telecom-62716645",-45,"30:91:8f:a8:bc:e5",11)'), {
 *   ssid: "Telecom-62716645", bssid: "30:91:8f:a8:bc:e5", rssi: -45, channel: 11,
 *   authmode: "wpa_wpa2_psk", hidden: false,
 * });
 * ```
 */
export function readScanLine(line: string): ScanResult | undefined {
  const match =
    /^\+CWLAP:\((\d{1,2}),"(.*)",(-?\d{1,3}),"([0-9a-fA-F:]{17})",(\d{1,3})(?:,[^)]*)?\)$/
      .exec(line);
  if (match === null) return undefined;
  const ecn = Number(match[1]);
  return {
    ssid: match[2]!,
    bssid: match[4]!.toLowerCase(),
    rssi: Number(match[3]),
    channel: Number(match[5]),
    authmode: authmodeName(ecn),
    hidden: match[2] === "",
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The time in an `AT+CIPSNTPTIME?` answer, in seconds since 1970 (UTC: netfsm sets timezone 0),
 * or undefined before the first synchronisation, while the firmware still prints 1970.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSntpTime } from "./answers.ts";
 * assert.equal(readSntpTime(["+CIPSNTPTIME:Thu Feb 06 15:23:50 2020"]), 1581002630);
 * assert.equal(readSntpTime(["+CIPSNTPTIME:Thu Jan  1 00:02:08 1970"]), undefined);
 * ```
 */
export function readSntpTime(lines: readonly string[]): number | undefined {
  for (const line of lines) {
    const match =
      /^\+CIPSNTPTIME:[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/
        .exec(line);
    if (match === null) continue;
    const month = MONTHS.indexOf(match[1]!);
    const year = Number(match[6]);
    if (month < 0 || year <= 1970) return undefined;
    const ms = Date.UTC(year, month, Number(match[2]), +match[3]!, +match[4]!, +match[5]!);
    return Number.isFinite(ms) ? ms / 1000 : undefined;
  }
  return undefined;
}
