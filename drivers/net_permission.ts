/**
 * Whether Deno would refuse a socket for want of `--allow-net`. Deno reports a refused bind as an
 * uncaught error, not as the socket's "error" event, so a driver asks first and returns the
 * refusal as a value. On Node there is nothing to ask.
 *
 * @module
 */

/** Deno's permission API, where there is one. */
interface DenoPermissions {
  querySync(descriptor: { readonly name: "net"; readonly host: string }): { state: string };
}

/**
 * The message for `what` ("SNTP", "mDNS") when Deno would refuse a socket on `host`, or undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { netRefusal } from "./net_permission.ts";
 * // Under `deno test --allow-all` (and on Node) nothing is refused.
 * assert.equal(netRefusal("mDNS", "0.0.0.0:5353"), undefined);
 * ```
 */
export function netRefusal(what: string, host: string): string | undefined {
  const runtime = globalThis as {
    process?: { versions?: { deno?: string } };
    Deno?: { permissions?: Partial<DenoPermissions> };
  };
  const query = runtime.Deno?.permissions?.querySync;
  if (runtime.process?.versions?.deno === undefined || query === undefined) return undefined;
  try {
    const state = query.call(runtime.Deno?.permissions, { name: "net", host }).state;
    return state === "granted"
      ? undefined
      : `${what} needs network access: run deno with --allow-net`;
  } catch {
    return undefined;
  }
}
