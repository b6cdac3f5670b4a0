/**
 * ESP-AT's join failures, `+CWJAP:<code>`, as the ESP-IDF reasons the core classifies: the AT
 * port reports only four coarse codes where ESP-IDF has dozens, so each maps to the reason whose
 * class (core/reasons.ts) asks for the same retrying.
 *
 * | `+CWJAP` | firmware's meaning | ESP-IDF reason | class |
 * |---|---|---|---|
 * | 1 | timeout | 2 `AUTH_EXPIRE` | association_failed |
 * | 2 | wrong password | 202 `AUTH_FAIL` | wrong_credentials |
 * | 3 | AP not found | 201 `NO_AP_FOUND` | no_ap_found |
 * | 4 | connection failed | 205 `CONNECTION_FAIL` | association_failed |
 * | 0, other | undocumented | 1 `UNSPECIFIED` | other |
 *
 * @module
 */

const REASONS: ReadonlyMap<number, number> = new Map([[1, 2], [2, 202], [3, 201], [4, 205]]);

/**
 * The ESP-IDF reason for a `+CWJAP:<code>`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reasonForJoinFailure } from "./reasons.ts";
 * assert.equal(reasonForJoinFailure(3), 201);
 * assert.equal(reasonForJoinFailure(2), 202);
 * assert.equal(reasonForJoinFailure(0), 1);
 * ```
 */
export function reasonForJoinFailure(code: number): number {
  return REASONS.get(code) ?? 1;
}
