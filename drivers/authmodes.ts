/**
 * ESP-IDF's `wifi_auth_mode_t`, as netfsm names authentication modes in scan results. ESP-AT's
 * `<ecn>` numbers are the same enum, so both drivers read it here.
 *
 * @module
 */

const AUTHMODES: readonly string[] = [
  "open",
  "wep",
  "wpa_psk",
  "wpa2_psk",
  "wpa_wpa2_psk",
  "wpa2_enterprise",
  "wpa3_psk",
  "wpa2_wpa3_psk",
  "wapi_psk",
  "owe",
  "wpa3_ent_192",
  "wpa3_ext_psk",
  "wpa3_ext_psk_mixed",
  "dpp",
  "wpa3_enterprise",
  "wpa2_wpa3_enterprise",
];

/**
 * The name of a `wifi_auth_mode_t` (or ESP-AT `<ecn>`) value; `authmode_<n>` for one it does not
 * know.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { authmodeName } from "./authmodes.ts";
 * assert.equal(authmodeName(3), "wpa2_psk");
 * assert.equal(authmodeName(99), "authmode_99");
 * ```
 */
export function authmodeName(value: number): string {
  return AUTHMODES[value] ?? `authmode_${value}`;
}
