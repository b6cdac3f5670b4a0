/**
 * Test helpers for the application API.
 *
 * @module
 */
import { stop } from "./api.ts";

/**
 * A test that always stops the module's network, so that one failure cannot spill into the next.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { apiTest } from "./_testing.ts";
 * // In a test file: apiTest("starts and stops", async () => { ... });
 * assert.equal(typeof apiTest, "function");
 * ```
 */
export function apiTest(name: string, body: () => Promise<void>): void {
  Deno.test(name, async () => {
    try {
      await body();
    } finally {
      await stop();
    }
  });
}
