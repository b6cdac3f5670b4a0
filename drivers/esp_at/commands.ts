/**
 * The AT commands for the core's commands: pure text, no I/O. Strings are quoted and escaped as
 * ESP-AT reads them; the psk goes into these lines and nowhere else.
 *
 * @module
 */
import type { WifiMode } from "../../core/effect.ts";
import type { DriverCommand } from "../driver.ts";
import { quoteAt } from "./at_text.ts";

type StartAp = Extract<DriverCommand, { command: "start_ap" }>["ap"];

const MODES: Readonly<Record<WifiMode | "off", number>> = { off: 0, sta: 1, ap: 2, apsta: 3 };

/**
 * `AT+CWMODE`: first with auto-connect off (`,0`), so that entering station mode does not join a
 * network the module remembers; then the plain form, for firmware that has no second parameter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { setMode } from "./commands.ts";
 * assert.deepEqual(setMode("apsta"), ["AT+CWMODE=3,0", "AT+CWMODE=3"]);
 * ```
 */
export function setMode(mode: WifiMode | "off"): readonly [string, string] {
  const n = MODES[mode];
  return [`AT+CWMODE=${n},0`, `AT+CWMODE=${n}`];
}

/**
 * `AT+CWSAP`: ssid, password, channel (1 unless set: ESP-IDF's default), encryption (0 open,
 * 4 WPA_WPA2_PSK), most stations, hidden.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configureSoftAp } from "./commands.ts";
 * assert.equal(
 *   configureSoftAp({ ssid: "atomvm-240ac4123457", psk: "secret12", authmode: "wpa_wpa2_psk",
 *     ssid_hidden: false, max_connections: 4, hostname: "h" }),
 *   'AT+CWSAP="atomvm-240ac4123457","secret12",1,4,4,0',
 * );
 * ```
 */
export function configureSoftAp(ap: StartAp): string {
  const open = ap.authmode === "open";
  const psk = open ? "" : ap.psk ?? "";
  return `AT+CWSAP=${quoteAt(ap.ssid)},${quoteAt(psk)},${ap.channel ?? 1},${
    open ? 0 : 4
  },${ap.max_connections},${ap.ssid_hidden ? 1 : 0}`;
}

/**
 * `AT+CWJAP` with `reconn_interval` 0: left out, it is 1, and the firmware would reconnect by
 * itself behind netfsm's back.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { join } from "./commands.ts";
 * assert.equal(join("home", "secret12"), 'AT+CWJAP="home","secret12",,,0');
 * assert.equal(join("open net", undefined), 'AT+CWJAP="open net","",,,0');
 * ```
 */
export function join(ssid: string, psk: string | undefined): string {
  return `AT+CWJAP=${quoteAt(ssid)},${quoteAt(psk ?? "")},,,0`;
}

/** `AT+CWHOSTNAME`. */
export function setHostname(hostname: string): string {
  return `AT+CWHOSTNAME=${quoteAt(hostname)}`;
}

/** `AT+CIPSNTPCFG`: on, timezone 0 (so `AT+CIPSNTPTIME?` prints UTC), one server. */
export function startSntp(host: string): string {
  return `AT+CIPSNTPCFG=1,0,${quoteAt(host)}`;
}

/** A service `AT+MDNS=1` advertises: the firmware takes no hostname without one. */
export interface MdnsService {
  /** The DNS-SD service type, `_iot`; the protocol is always `_tcp`. */
  readonly type: string;
  /** 1 to 65535: the firmware refuses 0. */
  readonly port: number;
}

/**
 * The service advertised when none is given: Espressif's own documented example, which users of
 * ESP-AT copy for a name alone (README.md, "mDNS").
 */
export const DEFAULT_MDNS_SERVICE: MdnsService = { type: "_iot", port: 8080 };

/**
 * `AT+MDNS=1`: hostname, service type and port, the four parameters every firmware since 2.0
 * takes (4.1 added optional ones, left out).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startMdns } from "./commands.ts";
 * assert.equal(startMdns("atomvm-dev"), 'AT+MDNS=1,"atomvm-dev","_iot",8080');
 * assert.equal(startMdns("pump", { type: "_http", port: 80 }), 'AT+MDNS=1,"pump","_http",80');
 * ```
 */
export function startMdns(hostname: string, service: MdnsService = DEFAULT_MDNS_SERVICE): string {
  return `AT+MDNS=1,${quoteAt(hostname)},${quoteAt(service.type)},${service.port}`;
}

/** `AT+MDNS=0`: stops the responder; OK when none runs. */
export const STOP_MDNS = "AT+MDNS=0";

/** What a scan prints: ecn, ssid, rssi, mac and channel (mask 31), strongest first. */
export const SCAN_FIELDS = "AT+CWLAPOPT=1,31";

/**
 * `AT+CWLAP` with an active or passive scan of `dwell_ms` a channel; `AT+CWLAP` alone is the
 * fallback for firmware without the set form.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scan } from "./commands.ts";
 * assert.deepEqual(scan({ passive: true, dwell_ms: 120 }), ["AT+CWLAP=,,,1,120,120", "AT+CWLAP"]);
 * ```
 */
export function scan(
  options: { readonly passive: boolean; readonly dwell_ms: number },
): readonly [string, string] {
  const type = options.passive ? 1 : 0;
  return [`AT+CWLAP=,,,${type},${options.dwell_ms},${options.dwell_ms}`, "AT+CWLAP"];
}
