/**
 * The soft-AP: the request that starts it, and its visitors. ESP-Hosted reports visitors as
 * events 306 (joined) and 304 (left); firmware up to Jul 2024 sends no 306, so while the soft-AP
 * runs the driver also reads the list of joined stations now and then, and reports the joins no
 * event told of (and the leaves). It hands out no addresses: the host's DHCP server on `ethap0`
 * does, so `ap_sta_ip_assigned` never comes from here.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { Clock } from "../clock.ts";
import type { DriverCommand, DriverEvent } from "../driver.ts";
import {
  MAX_SOFTAP_CONNECTIONS,
  SUCCESS,
  WIFI_AUTH_OPEN,
  WIFI_AUTH_WPA_WPA2_PSK,
  WIFI_BW_HT20,
} from "./binding.ts";
import type { ControlChannel } from "./control.ts";
import { SOFTAP_CONFIG, STATION_ENTRY, unionView } from "./layouts.ts";
import { StructView } from "../ffi/layout.ts";

/** The soft-AP's settings, as a command carries them (psk real). */
export type SoftApSettings = Extract<DriverCommand, { command: "start_ap" }>["ap"];

const bytesOf = (text: string) => new TextEncoder().encode(text).byteLength;

/**
 * What `wifi_start_softap` is asked: the SSID, the password (none when open), the channel (1
 * unless set), WPA/WPA2-PSK or open, the station limit, hidden or not, and HT20 (the library
 * refuses a zeroed bandwidth). A Left says what the library would refuse; it never holds the psk.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { softApRequest } from "./soft_ap.ts";
 * const ap = { ssid: "netfsm-setup", psk: "apsecret1", authmode: "wpa_wpa2_psk", ssid_hidden: false, max_connections: 4, hostname: "x" } as const;
 * assert.equal(softApRequest(ap)._tag, "Right");
 * assert.equal(softApRequest({ ...ap, max_connections: 15 })._tag, "Left");
 * ```
 */
export function softApRequest(ap: SoftApSettings): Either<string, (message: Uint8Array) => void> {
  const open = ap.authmode === "open";
  const psk = open ? "" : ap.psk ?? "";
  if (bytesOf(ap.ssid) < 1 || bytesOf(ap.ssid) > 32) {
    return left(`the soft-AP's SSID must be 1 to 32 bytes, not ${bytesOf(ap.ssid)}`);
  }
  if (!open && (bytesOf(psk) < 8 || bytesOf(psk) > 64)) {
    return left("the soft-AP's password must be 8 to 64 bytes");
  }
  if (psk.includes("\0") || ap.ssid.includes("\0")) {
    return left("the soft-AP's SSID or password holds a NUL, which C cannot carry");
  }
  if (ap.max_connections < 1 || ap.max_connections > MAX_SOFTAP_CONNECTIONS) {
    return left(
      `max_connections ${ap.max_connections}: ESP-Hosted's control library accepts 1 to ` +
        `${MAX_SOFTAP_CONNECTIONS}`,
    );
  }
  const channel = ap.channel ?? 1;
  return right((message) => {
    const config = unionView(SOFTAP_CONFIG, message);
    config.setCString("ssid", ap.ssid);
    config.setCString("pwd", psk);
    config.setI32("channel", channel);
    config.setI32("encryption_mode", open ? WIFI_AUTH_OPEN : WIFI_AUTH_WPA_WPA2_PSK);
    config.setI32("max_connections", ap.max_connections);
    config.setBool("ssid_hidden", ap.ssid_hidden);
    config.setI32("bandwidth", WIFI_BW_HT20);
  });
}

/** What the visitors' watch is built from. */
export interface VisitorOptions {
  readonly channel: ControlChannel;
  readonly clock: Clock;
  /** Milliseconds between two reads of the station list; 0 reads it never. */
  readonly pollMs: number;
  readonly emit: (event: DriverEvent) => void;
}

/**
 * The stations joined to the soft-AP, as reported: each join and leave once. A poll's list is
 * older than any event that came after it was asked for, so such a station is left alone.
 *
 * @example
 * ```ts ignore
 * const visitors = new Visitors({ channel, clock: realClock(), pollMs: 5000, emit });
 * visitors.start(); // the soft-AP runs
 * visitors.joined("3c:22:fb:01:02:03", 1); // event 306: ap_sta_connected
 * ```
 */
export class Visitors {
  readonly #options: VisitorOptions;
  /** Reported as joined: the MAC and the number of the news that said so. */
  readonly #joined = new Map<string, number>();
  /** The number of the latest news of a station that left. */
  readonly #left = new Map<string, number>();
  #news = 0;
  #generation = 0;
  #cancel: () => void = () => {};

  constructor(options: VisitorOptions) {
    this.#options = options;
  }

  /** The soft-AP runs: start reading its list. */
  start(): void {
    this.stop();
    this.#schedule(this.#generation);
  }

  /** The soft-AP stopped (the core forgets its stations with `ap_stopped`): forget them. */
  stop(): void {
    this.#generation++;
    this.#cancel();
    this.#cancel = () => {};
    this.#joined.clear();
    this.#left.clear();
  }

  /** The ESP32 reset: every station it had is gone. */
  lost(): void {
    for (const mac of this.#joined.keys()) this.#options.emit({ type: "ap_sta_disconnected", mac });
    this.#joined.clear();
  }

  /** Event 306. */
  joined(mac: string, aid?: number): void {
    const news = ++this.#news;
    if (this.#joined.has(mac)) return;
    this.#joined.set(mac, news);
    this.#left.delete(mac);
    this.#options.emit({ type: "ap_sta_connected", mac, ...(aid === undefined ? {} : { aid }) });
  }

  /** Event 304; a station never reported as joined is not reported as leaving. */
  left(mac: string, reason?: number): void {
    const news = ++this.#news;
    if (!this.#joined.delete(mac)) return;
    this.#left.set(mac, news);
    const why = reason === undefined || reason === 0 ? {} : { reason };
    this.#options.emit({ type: "ap_sta_disconnected", mac, ...why });
  }

  #schedule(generation: number): void {
    const { clock, pollMs } = this.#options;
    if (pollMs <= 0) return;
    this.#cancel = clock.schedule(clock.now() + pollMs, () => void this.#poll(generation));
  }

  async #poll(generation: number): Promise<void> {
    const asked = this.#news;
    const answer = await this.#options.channel.call("wifi_get_softap_connected_station_list", {
      listEntrySize: STATION_ENTRY.size,
    });
    if (generation !== this.#generation) return;
    if (answer._tag === "Right" && answer.right.status === SUCCESS) {
      this.#reconcile(answer.right.list, asked);
    }
    this.#schedule(generation);
  }

  #reconcile(list: Uint8Array, asked: number): void {
    const present = new Set<string>();
    for (let at = 0; at + STATION_ENTRY.size <= list.length; at += STATION_ENTRY.size) {
      const entry = new StructView(STATION_ENTRY, list.subarray(at, at + STATION_ENTRY.size));
      const mac = entry.cstring("bssid").toLowerCase();
      if (/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(mac)) present.add(mac);
    }
    for (const mac of present) {
      if (!this.#joined.has(mac) && (this.#left.get(mac) ?? 0) <= asked) this.joined(mac);
    }
    for (const [mac, news] of [...this.#joined]) {
      if (!present.has(mac) && news <= asked) this.left(mac);
    }
  }
}
