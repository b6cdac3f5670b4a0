/**
 * `wifi_config_t` for the core's station and soft-AP settings, laid out for the IDF version:
 * pure, no I/O. A psk goes into these bytes and nowhere else; an error names the field, never
 * its value.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { StructView } from "../ffi/layout.ts";
import type { DriverCommand } from "../driver.ts";
import { WIFI_AUTH_OPEN, WIFI_AUTH_WPA_WPA2_PSK } from "./binding.ts";
import type { Layouts } from "./layouts.ts";

type SoftAp = Extract<DriverCommand, { command: "start_ap" }>["ap"];

/**
 * The station's `wifi_config_t`: ssid and password (a `char[32]` and a `char[64]`, not
 * necessarily NUL-terminated when full, as ESP-IDF allows).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stationConfig } from "./config.ts";
 * import { idfLayouts } from "./layouts.ts";
 * const bytes = stationConfig("home", "secret12", idfLayouts("5.5", "lp64"));
 * assert.equal(bytes._tag === "Right" && bytes.right.length, 184);
 * assert.equal(stationConfig("x".repeat(33), undefined, idfLayouts("5.5", "lp64"))._tag, "Left");
 * ```
 */
export function stationConfig(
  ssid: string,
  psk: string | undefined,
  layouts: Layouts,
): Either<string, Uint8Array> {
  const config = new StructView(layouts.wifi_config_t);
  const sta = new StructView(layouts.wifi_sta_config_t, config.memory);
  const written = fill(sta, "ssid", ssid, "the station's ssid", 32) ??
    fill(sta, "password", psk ?? "", "the station's psk", 64);
  return written === undefined ? right(config.memory) : left(written);
}

/**
 * The soft-AP's `wifi_config_t`: ssid (with its length), password, channel (1 unless set: ESP-IDF's
 * default), authmode (open or WPA/WPA2-PSK), hidden, most stations.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { softApConfig } from "./config.ts";
 * import { idfLayouts } from "./layouts.ts";
 * const ap = { ssid: "netfsm", authmode: "open" as const, ssid_hidden: false, max_connections: 4, hostname: "h" };
 * assert.equal(softApConfig(ap, idfLayouts("5.5", "lp64"))._tag, "Right");
 * ```
 */
export function softApConfig(ap: SoftAp, layouts: Layouts): Either<string, Uint8Array> {
  const config = new StructView(layouts.wifi_config_t);
  const view = new StructView(layouts.wifi_ap_config_t, config.memory);
  const open = ap.authmode === "open";
  const written = fill(view, "ssid", ap.ssid, "the soft-AP's ssid", 32) ??
    fill(view, "password", open ? "" : ap.psk ?? "", "the soft-AP's psk", 64);
  if (written !== undefined) return left(written);
  view.setU8("ssid_len", new TextEncoder().encode(ap.ssid).length);
  view.setU8("channel", ap.channel ?? 1);
  view.setU32("authmode", open ? WIFI_AUTH_OPEN : WIFI_AUTH_WPA_WPA2_PSK);
  view.setU8("ssid_hidden", ap.ssid_hidden ? 1 : 0);
  view.setU8("max_connection", ap.max_connections);
  view.setU16("beacon_interval", 100);
  return right(config.memory);
}

/** Writes text into a `char[n]` that may be full without a NUL; returns what went wrong. */
function fill(
  view: StructView,
  field: string,
  text: string,
  what: string,
  n: number,
): string | undefined {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > n) return `${what} is ${bytes.length} bytes; ESP-IDF takes at most ${n}`;
  const written = view.setBytes(field, bytes);
  return written._tag === "Left" ? `${what}: ${written.left}` : undefined;
}
