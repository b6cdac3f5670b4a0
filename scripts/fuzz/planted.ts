/**
 * The secret every fuzzed input carries: a psk made of a marker no output of netfsm holds by
 * itself and eight digits, and the search for it, whole or cut short, in anything netfsm printed,
 * wrote or returned.
 *
 * @module
 */
import fc from "fast-check";

/** Keys a psk stands under, in configurations, traces, scenarios and NVS. */
export const SECRET_KEYS: readonly string[] = ["psk", "sta_psk", "ap_psk"];

/** The start of every planted psk. */
export const MARKER = "PSKLEAK";

/** A planted psk: {@link MARKER} and eight digits. */
export const plantedPskArb: fc.Arbitrary<string> = fc.integer({ min: 10_000_000, max: 99_999_999 })
  .map((digits) => `${MARKER}${digits}`);

// A message that quotes the text around a psk may cut it short ("...psk": PSKLEAK1"...), and
// that is as much a leak: five letters of the marker, or its end with a digit, give it away.
const FRAGMENT = /PSKLE|SKLEA|KLEAK|LEAK\d/;

/**
 * Where in `text` the planted `psk` shows, as the line that holds it (at most 160 characters of
 * it, around the psk); null when it does not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leakIn } from "./planted.ts";
 * assert.equal(leakIn("ok\npsk=<redacted>\n", "PSKLEAK12345678"), null);
 * assert.equal(leakIn('ok\nUnexpected token, ..."psk": PSKLEAK1"...\n', "PSKLEAK12345678"), 'Unexpected token, ..."psk": PSKLEAK1"...');
 * ```
 */
export function leakIn(text: string, psk: string): string | null {
  const at = leakAt(text, psk);
  return at === -1 ? null : lineAround(text, at);
}

/** Where in `text` the planted `psk` first shows, whole or cut short; -1 when it does not. */
export function leakAt(text: string, psk: string): number {
  const at = text.indexOf(psk);
  return at === -1 ? text.search(FRAGMENT) : at;
}

/**
 * The line of `text` that holds position `at`: at most 80 characters either side of it, for a
 * report that must stay short however long the line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineAround } from "./planted.ts";
 * assert.equal(lineAround("one\ntwo\nthree", 5), "two");
 * ```
 */
export function lineAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf("\n", at) + 1, at - 80);
  const newline = text.indexOf("\n", at);
  return text.slice(start, Math.min(newline === -1 ? text.length : newline, at + 80));
}

/**
 * A copy of a JSON value with the planted `psk` in place of every psk it holds (a non-empty
 * string under a psk key), so that a valid configuration, trace or scenario carries it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { plantPsk } from "./planted.ts";
 * assert.deepEqual(plantPsk({ sta: { ssid: "home", psk: "secret12" }, ap: { psk: "" } }, "P"), { sta: { ssid: "home", psk: "P" }, ap: { psk: "" } });
 * ```
 */
export function plantPsk<T>(value: T, psk: string): T {
  if (Array.isArray(value)) return value.map((item) => plantPsk(item, psk)) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_KEYS.includes(key) && typeof inner === "string" && inner !== ""
        ? psk
        : plantPsk(inner, psk),
    ]),
  ) as T;
}
