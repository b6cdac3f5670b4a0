/**
 * Moddable's `"disconnect"` value as the ESP-IDF reason the core classifies. The ESP32 port
 * reports only two values where ESP-IDF has dozens (xs6wifi.c, drivers.md §4):
 *
 * | value | Moddable's meaning | ESP-IDF reason | class |
 * |---|---|---|---|
 * | -1 | password rejected: the IDF reason was 14, 15, 16, 17 or 204 | 202 `AUTH_FAIL` | wrong_credentials |
 * | 0, other | anything else (AP gone, AP not found, we left) | none | other (requested when leaving) |
 *
 * Why 202 for -1: Moddable folds five handshake failures into one value it documents as "password
 * rejected", and the driver cannot tell which it was; 202 is ESP-IDF's generic authentication
 * failure, classed `wrong_credentials` (the slow retrying a wrong password deserves), and it is
 * what the ESP-AT driver reports for that firmware's "wrong password" too, so an application sees
 * the same reason from both. (Moddable's own test calls -1 "not reliable": a wrong password may
 * also come as 0, and is then classed `other`.) 0 carries no code: inventing one (201
 * `NO_AP_FOUND`, 200 `BEACON_TIMEOUT`) would claim knowledge the port does not give.
 *
 * @module
 */

/** The reason code Moddable's -1 ("password rejected") becomes. */
export const PASSWORD_REJECTED_REASON = 202;

/**
 * The ESP-IDF reason for a `"disconnect"` value, or undefined when it carries none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reasonForDisconnect } from "./reasons.ts";
 * assert.equal(reasonForDisconnect(-1), 202);
 * assert.equal(reasonForDisconnect(0), undefined);
 * ```
 */
export function reasonForDisconnect(value: unknown): number | undefined {
  return value === -1 ? PASSWORD_REJECTED_REASON : undefined;
}
