/**
 * The lines the firmware prints, exactly as its format strings write them (drivers.md §3, from
 * `libesp32_at_core.a`; where the documentation differs, the firmware's strings are used):
 * `+STA_CONNECTED:"aa:bb:cc:dd:ee:ff"` with quotes and no space, MACs in lower-case hex, a blank
 * line before every `OK` and `ERROR`. Pure text; the firmware adds CR LF to each line.
 *
 * @module
 */
import type { IpInfo, ScanResult } from "../../../core/input.ts";
import { seedFrom } from "../../../core/random.ts";
import { errCodeLine } from "./error_codes.ts";

/** What ends every line the firmware prints. */
export const CRLF = "\r\n";
/** What a command line gets while another command (or the firmware's own join) runs. */
export const BUSY = "busy p...";
/** What follows a power-up or reset once the firmware is ready for commands. */
export const READY = "ready";

/** The unsolicited reports, as literal lines. */
export const URC = {
  connected: "WIFI CONNECTED",
  gotIp: "WIFI GOT IP",
  gotIp6LinkLocal: "WIFI GOT IPv6 LL",
  disconnected: "WIFI DISCONNECT",
  timeUpdated: "+TIME_UPDATED",
} as const;

/** `AT+GMR`'s lines, as an ESP32-WROOM-32 with ESP-AT 3.2.0.0 prints them. */
export const DEFAULT_VERSIONS: readonly string[] = [
  "AT version:3.2.0.0(s-ec2dec2 - ESP32 - Jul 28 2023 07:05:28)",
  "SDK version:v5.0.2-dirty",
  "compile time(6f6eb4d8):Jul 28 2023 09:47:11",
  "Bin version:v3.2.0.0(WROOM-32)",
];

/**
 * What the ROM bootloader prints before the firmware starts, when the AT port shares UART0 with
 * it, preceded by the line noise of the baud-rate switch. A driver has to skip all of it.
 */
export function bootNoise(software: boolean): readonly (string | Uint8Array)[] {
  const cause = software ? "rst:0xc (SW_CPU_RESET)" : "rst:0x1 (POWERON_RESET)";
  return [
    new Uint8Array([0x00, 0xff, 0xe0, 0x1c, 0x8a, 0xfe, 0x0d, 0x0a]),
    "ets Jul 29 2019 12:21:46",
    "",
    `${cause},boot:0x13 (SPI_FAST_FLASH_BOOT)`,
    "configsip: 0, SPIWP:0xee",
    "clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00",
    "mode:DIO, clock div:1",
    "load:0x3fff0030,len:7104",
    "entry 0x40080674",
  ];
}

/**
 * The end of a command's answer: a blank line, then `OK`; or, when it failed, `ERR CODE:...`
 * (only with `AT+SYSLOG=1` and a code), a blank line, `ERROR`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { finalText } from "./reports.ts";
 * assert.equal(finalText({ ok: true }), "\r\nOK\r\n");
 * assert.equal(finalText({ ok: false, code: 0x01090000 }, true), "ERR CODE:0x01090000\r\n\r\nERROR\r\n");
 * assert.equal(finalText({ ok: false, code: 0x01090000 }, false), "\r\nERROR\r\n");
 * ```
 */
export function finalText(
  result: { readonly ok: boolean; readonly code?: number },
  syslog = false,
): string {
  if (result.ok) return `${CRLF}OK${CRLF}`;
  const code = syslog && result.code !== undefined ? errCodeLine(result.code) + CRLF : "";
  return `${code}${CRLF}ERROR${CRLF}`;
}

/** A soft-AP client joined: `+STA_CONNECTED:"mac"`. */
export function stationJoined(mac: string): string {
  return `+STA_CONNECTED:"${mac.toLowerCase()}"`;
}

/** The soft-AP's DHCP server leased a client an address: `+DIST_STA_IP:"mac","ip"`. */
export function stationLeased(mac: string, ip: string): string {
  return `+DIST_STA_IP:"${mac.toLowerCase()}","${ip}"`;
}

/** A soft-AP client left: `+STA_DISCONNECTED:"mac"`. */
export function stationLeft(mac: string): string {
  return `+STA_DISCONNECTED:"${mac.toLowerCase()}"`;
}

/** No address: what the firmware prints for an interface without one. */
const NO_IP: IpInfo = { ip: "0.0.0.0", gw: "0.0.0.0", netmask: "0.0.0.0" };

/**
 * `AT+CIPSTA?` / `AT+CIPAP?`: ip, gateway, netmask (`0.0.0.0` without an address), then the
 * link-local IPv6 address when there is one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { addressLines } from "./reports.ts";
 * assert.deepEqual(addressLines("+CIPSTA", undefined), [
 *   '+CIPSTA:ip:"0.0.0.0"', '+CIPSTA:gateway:"0.0.0.0"', '+CIPSTA:netmask:"0.0.0.0"',
 * ]);
 * ```
 */
export function addressLines(
  prefix: "+CIPSTA" | "+CIPAP",
  info: IpInfo | undefined,
  linkLocal?: string,
): string[] {
  const { ip, gw, netmask } = info ?? NO_IP;
  const lines = [
    `${prefix}:ip:"${ip}"`,
    `${prefix}:gateway:"${gw}"`,
    `${prefix}:netmask:"${netmask}"`,
  ];
  if (linkLocal !== undefined) lines.push(`${prefix}:ip6ll:"${linkLocal}"`);
  return lines;
}

/** What `AT+CWJAP?` tells of the joined AP. */
export interface JoinedInfo {
  readonly ssid: string;
  readonly bssid: string;
  readonly channel: number;
  readonly rssi: number;
  readonly pciEn: number;
  readonly reconnInterval: number;
  readonly listenInterval: number;
  readonly scanMode: number;
  readonly pmf: number;
}

/**
 * `AT+CWJAP?` while joined: `+CWJAP:"ssid","bssid",channel,rssi,pci_en,reconn_interval,
 * listen_interval,scan_mode,pmf`.
 */
export function joinedLine(info: JoinedInfo): string {
  const numbers = [
    info.channel,
    info.rssi,
    info.pciEn,
    info.reconnInterval,
    info.listenInterval,
    info.scanMode,
    info.pmf,
  ];
  return `+CWJAP:"${info.ssid}","${info.bssid.toLowerCase()}",${numbers.join(",")}`;
}

/** ESP-AT's `<ecn>` for an ESP-IDF authmode name (platform-apis.md §3). */
const ECN: Readonly<Record<string, number>> = {
  open: 0,
  wep: 1,
  wpa_psk: 2,
  wpa2_psk: 3,
  wpa_wpa2_psk: 4,
  wpa2_enterprise: 5,
  wpa3_psk: 6,
  wpa2_wpa3_psk: 7,
  wapi_psk: 8,
  owe: 9,
};

/** The `<ecn>` of a scan result; an authmode the table does not know counts as WPA2_PSK. */
export function ecnOf(authmode: string): number {
  return ECN[authmode] ?? 3;
}

/** The default `AT+CWLAPOPT` print mask: all eleven fields. */
export const ALL_FIELDS = 0x7ff;

/**
 * One `AT+CWLAP` line with the fields `mask` selects (bit 0 ecn, 1 ssid, 2 rssi, 3 mac,
 * 4 channel, 5 freq_offset, 6 freqcal_val, 7 pairwise_cipher, 8 group_cipher, 9 bgn, 10 wps).
 * A hidden network shows an empty ssid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanLine } from "./reports.ts";
 * const home = { ssid: "home", bssid: "A4:2B:B0:11:22:33", rssi: -52, channel: 6, authmode: "wpa2_psk", hidden: false };
 * assert.equal(scanLine(home, 31), '+CWLAP:(3,"home",-52,"a4:2b:b0:11:22:33",6)');
 * assert.equal(scanLine(home, 0b110), '+CWLAP:("home",-52)');
 * ```
 */
export function scanLine(network: ScanResult, mask: number): string {
  const ecn = ecnOf(network.authmode);
  // ESP-IDF's cipher numbers: 0 none, 4 CCMP, 5 TKIP+CCMP.
  const cipher = ecn === 0 ? 0 : ecn === 2 || ecn === 4 ? 5 : 4;
  const fields: (string | number)[] = [
    ecn,
    `"${network.hidden ? "" : network.ssid}"`,
    network.rssi,
    `"${network.bssid.toLowerCase()}"`,
    network.channel,
    // A reserved field the firmware fills with a small negative number; steady for each AP.
    -(seedFrom(network.bssid) % 50),
    0,
    cipher,
    cipher,
    7,
    0,
  ];
  return `+CWLAP:(${fields.filter((_, bit) => (mask & (1 << bit)) !== 0).join(",")})`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A time as C's `asctime` writes it (`%.3s %.3s%3d %.2d:%.2d:%.2d %d`), from seconds since 1970
 * already shifted into the wanted timezone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { asctime } from "./reports.ts";
 * assert.equal(asctime(128), "Thu Jan  1 00:02:08 1970");
 * assert.equal(asctime(1795000000), "Wed Nov 18 11:06:40 2026");
 * ```
 */
export function asctime(seconds: number): string {
  const d = new Date(Math.floor(seconds) * 1000);
  const two = (n: number) => String(n).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, " ");
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${time} ${d.getUTCFullYear()}`;
}
