/**
 * `setTimeout` over Moddable's `Timer`, for an XS host without one: the shell waits for a turn
 * of the event loop with `setTimeout(resolve, 0)` (shell.ts, `idle` and `close`), and XS itself
 * defines no timers; whether a Moddable build has the global depends on its manifest.
 *
 * @module
 */
import type { TimerModule } from "./modules.ts";

type Timers = {
  setTimeout?: (callback: () => void, ms?: number) => unknown;
  clearTimeout?: (id: unknown) => void;
};

/**
 * Defines `setTimeout` and `clearTimeout` on `host` over `timer` when `host` has no
 * `setTimeout`; leaves a host that has one alone. Returns whether it defined them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ensureSetTimeout } from "./set_timeout.ts";
 * const host: Record<string, unknown> = {};
 * const set: number[] = [];
 * assert.equal(ensureSetTimeout({ set: (_cb, ms) => set.push(ms), clear: () => {} }, host), true);
 * (host.setTimeout as (cb: () => void, ms: number) => void)(() => {}, 5);
 * assert.deepEqual(set, [5]);
 * assert.equal(ensureSetTimeout({ set: () => 0, clear: () => {} }, host), false);
 * ```
 */
export function ensureSetTimeout(timer: TimerModule, host: object = globalThis): boolean {
  const timers = host as Timers;
  if (typeof timers.setTimeout === "function") return false;
  timers.setTimeout = (callback, ms = 0) => timer.set(callback, Math.max(0, ms));
  timers.clearTimeout = (id) => {
    if (id !== undefined) timer.clear(id);
  };
  return true;
}
