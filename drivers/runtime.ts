/**
 * Which runtime this is, for the drivers that reach the platform differently on each (a serial
 * port, a C library).
 *
 * @module
 */

/**
 * Whether this is Deno. Not `typeof Deno`: the npm build's tests run on Node with a `Deno` shim.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isDeno } from "./runtime.ts";
 * assert.equal(typeof isDeno(), "boolean");
 * ```
 */
export function isDeno(): boolean {
  const runtime = globalThis as {
    navigator?: { userAgent?: string };
    process?: { versions?: Record<string, string | undefined> };
  };
  return runtime.navigator?.userAgent?.startsWith("Deno/") === true ||
    runtime.process?.versions?.deno !== undefined;
}
