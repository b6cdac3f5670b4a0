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
 * import { apiTest } from "./_testing.ts";
 * apiTest("starts and stops", async () => {});
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
