/**
 * JSON-safe values: everything that crosses the core's boundary is one of these, so any run can be
 * written to a trace and read back unchanged.
 *
 * @module
 */

/** A value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [key: string]: Json };

/**
 * Names the JSON type of a value for an error message, without showing the value itself (it may
 * be a secret).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeType } from "./json.ts";
 * assert.equal(describeType([1]), "an array");
 * assert.equal(describeType(null), "null");
 * ```
 */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      // Beyond 2^53 an integer is not exact: say so, not "an integer" to a "must be an integer".
      if (!Number.isInteger(value)) return "a number";
      return Number.isSafeInteger(value) ? "an integer" : "an integer too large to be exact";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
