/**
 * What the device knows about itself before the network starts: its factory MAC and the `atomvm`
 * namespace of its non-volatile storage. These arrive as data (a trace header, a driver's
 * capabilities), never by reading hardware from the core.
 *
 * @module
 */
import * as t from "io-ts";
import { describeType } from "./json.ts";

/** The `atomvm` NVS namespace: credentials a provisioning step stored on the device. */
export interface Nvs {
  readonly sta_ssid?: string;
  readonly sta_psk?: string;
  readonly ap_ssid?: string;
  readonly ap_psk?: string;
}

/** Device facts: the station MAC, an optional soft-AP MAC, and NVS. MACs are lower case. */
export interface Device {
  readonly mac: string;
  readonly ap_mac?: string;
  readonly nvs?: Nvs;
}

/** A MAC, six hex pairs separated by colons, either case. */
export const MAC_PATTERN = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/** io-ts codec for a MAC written `aa:bb:cc:dd:ee:ff`; upper case is accepted and lowered. */
export const macCodec: t.Type<string, string, unknown> = new t.Type<string, string, unknown>(
  "mac",
  (u): u is string => typeof u === "string" && MAC_PATTERN.test(u) && u === u.toLowerCase(),
  (u, c) =>
    typeof u === "string" && MAC_PATTERN.test(u) ? t.success(u.toLowerCase()) : t.failure(
      u,
      c,
      typeof u === "string"
        ? "must be a MAC address written aa:bb:cc:dd:ee:ff"
        : `must be a MAC address string, got ${describeType(u)}`,
    ),
  t.identity,
);

const nvsString = new t.Type<string, string, unknown>(
  "string",
  t.string.is,
  (u, c) =>
    typeof u === "string"
      ? t.success(u)
      : t.failure(u, c, `must be a string, got ${describeType(u)}`),
  t.identity,
);

/** io-ts codec for {@link Device}; unknown NVS keys are ignored, as NVS holds other namespaces' data. */
export const deviceCodec: t.Type<Device, Device, unknown> = t.intersection([
  t.type({ mac: macCodec }),
  t.partial({
    ap_mac: macCodec,
    nvs: t.partial({
      sta_ssid: nvsString,
      sta_psk: nvsString,
      ap_ssid: nvsString,
      ap_psk: nvsString,
    }),
  }),
]) as unknown as t.Type<Device, Device, unknown>;

/**
 * Six bytes as a MAC in netfsm's spelling, lower-case hex: what drivers read from C structs and
 * from platform APIs that hand a MAC over as bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { macOfBytes } from "./device.ts";
 * assert.equal(macOfBytes(new Uint8Array([0x24, 0x0a, 0xc4, 0x12, 0x34, 0x56])), "24:0a:c4:12:34:56");
 * ```
 */
export function macOfBytes(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 6), (byte) => byte.toString(16).padStart(2, "0")).join(":");
}

/**
 * The soft-AP MAC: the device's own when it reports one, otherwise the station MAC plus one in the
 * last octet (wrapping within the octet), which is how an ESP32 derives it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { apMacOf } from "./device.ts";
 * assert.equal(apMacOf({ mac: "24:0a:c4:12:34:56" }), "24:0a:c4:12:34:57");
 * assert.equal(apMacOf({ mac: "24:0a:c4:12:34:ff" }), "24:0a:c4:12:34:00");
 * ```
 */
export function apMacOf(device: Device): string {
  if (device.ap_mac !== undefined) return device.ap_mac;
  const last = (parseInt(device.mac.slice(15), 16) + 1) & 0xff;
  return device.mac.slice(0, 15) + last.toString(16).padStart(2, "0");
}

/**
 * AtomVM's default name for a MAC: `atomvm-` and its 12 lower-case hex digits. (The seed driver
 * dropped the last digit through an off-by-one; its documentation promises all twelve.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultName } from "./device.ts";
 * assert.equal(defaultName("24:0a:c4:12:34:56"), "atomvm-240ac4123456");
 * ```
 */
export function defaultName(mac: string): string {
  return "atomvm-" + mac.replaceAll(":", "");
}
