/**
 * The soft-AP side of the firmware: `AT+CWSAP`'s parameters, the radio's soft-AP settings, and
 * the reports of its visitors: `+STA_CONNECTED:"mac"`, `+DIST_STA_IP:"mac","ip"`,
 * `+STA_DISCONNECTED:"mac"`. Starting and stopping the soft-AP prints nothing: ESP-AT has no
 * report for it.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { DriverEvent } from "../../driver.ts";
import type { SoftApSettings } from "../../mock/soft_ap.ts";
import { ERR } from "./error_codes.ts";
import type { ParamReader } from "./params.ts";
import { stationJoined, stationLeased, stationLeft } from "./reports.ts";
import type { Services } from "./services.ts";
import type { SoftApConfig } from "./settings.ts";

const ENCRYPTIONS = new Set([0, 2, 3, 4]);

/**
 * `AT+CWSAP=<"ssid">,<"pwd">,<chl>,<ecn>[,<max conn>][,<ssid hidden>]`: ssid 1 to 32 bytes,
 * pwd 8 to 64 unless ecn is 0 (then ignored), channel 1 to 13, ecn 0/2/3/4 (no WEP), max conn
 * 1 to 10 (default 10), hidden 0 or 1 (default 0).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAtLine } from "./at_line.ts";
 * import { ParamReader } from "./params.ts";
 * import { readSoftAp } from "./soft_ap_control.ts";
 * const read = (line: string) => {
 *   const parsed = parseAtLine(line);
 *   if (parsed._tag === "Left") throw new Error("parse");
 *   return readSoftAp(new ParamReader(parsed.right.params, 6));
 * };
 * assert.deepEqual(read('AT+CWSAP="esp","1234567890",5,3'), {
 *   _tag: "Right",
 *   right: { ssid: "esp", psk: "1234567890", channel: 5, ecn: 3, maxConn: 10, hidden: false },
 * });
 * assert.deepEqual(read('AT+CWSAP="esp","short",5,3'), { _tag: "Left", left: 0x01040000 });
 * ```
 */
export function readSoftAp(p: ParamReader): Either<number, SoftApConfig> {
  const ssid = p.text(0, 1, 32);
  const pwd = p.text(1, 0, 64);
  const channel = p.integer(2, 1, 13);
  const ecn = p.integer(3, 0, 4);
  const maxConn = p.optionalInteger(4, 1, 10) ?? 10;
  const hidden = p.optionalInteger(5, 0, 1) ?? 0;
  if (!ENCRYPTIONS.has(ecn)) p.reject(ERR.PARA_INVALID);
  const pwdBytes = new TextEncoder().encode(pwd).length;
  if (ecn !== 0 && (pwdBytes < 8 || pwdBytes > 64)) p.reject(ERR.LENGTH_MISMATCH);
  if (p.error !== undefined) return left(p.error);
  return right({ ssid, psk: ecn === 0 ? "" : pwd, channel, ecn, maxConn, hidden: hidden === 1 });
}

/**
 * `AT+CWSAP?`'s line: `+CWSAP:"ssid","pwd",channel,ecn,max conn,hidden`. The firmware prints the
 * soft-AP's password here, and so does the emulator.
 */
export function softApLine(config: SoftApConfig): string {
  const { ssid, psk, channel, ecn, maxConn, hidden } = config;
  return `+CWSAP:"${ssid}","${psk}",${channel},${ecn},${maxConn},${hidden ? 1 : 0}`;
}

/** The radio's soft-AP settings for a configuration. */
export function softApSettings(config: SoftApConfig, hostname: string): SoftApSettings {
  return {
    ssid: config.ssid,
    ...(config.ecn === 0 ? {} : { psk: config.psk }),
    authmode: config.ecn === 0 ? "open" : "wpa_wpa2_psk",
    ssid_hidden: config.hidden,
    max_connections: config.maxConn,
    channel: config.channel,
    hostname,
  };
}

/** The soft-AP's visitors, as the firmware reports them. */
export class SoftApControl {
  readonly #s: Services;
  /** Each visitor's MAC and, once leased, its address. */
  readonly #visitors = new Map<string, string | undefined>();

  constructor(services: Services) {
    this.#s = services;
  }

  /** The soft-AP went down: its visitors are gone, unreported (the firmware prints nothing). */
  stopped(): void {
    this.#visitors.clear();
  }

  /** `AT+CWLIF`'s lines: `+CWLIF:<ip>,<mac>` for each visitor with a leased address. */
  visitorLines(): string[] {
    return [...this.#visitors].flatMap(([mac, ip]) =>
      ip === undefined ? [] : [`+CWLIF:${ip},${mac}`]
    );
  }

  /** A radio event for the soft-AP. */
  handle(event: DriverEvent): void {
    switch (event.type) {
      case "ap_sta_connected": {
        const mac = event.mac.toLowerCase();
        this.#visitors.set(mac, undefined);
        return this.#s.print(stationJoined(mac));
      }
      case "ap_sta_ip_assigned": {
        const mac = event.mac?.toLowerCase();
        if (mac === undefined) return;
        this.#visitors.set(mac, event.ip);
        return this.#s.print(stationLeased(mac, event.ip));
      }
      case "ap_sta_disconnected": {
        const mac = event.mac.toLowerCase();
        this.#visitors.delete(mac);
        return this.#s.print(stationLeft(mac));
      }
    }
  }
}
