/**
 * A {@link Clock} over Moddable's `Timer`, for the shell on a device: XS on a microcontroller has
 * no `setTimeout`, and `Timer.set(callback, ms)` is what wakes the application there.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { TimerModule } from "./modules.ts";

/**
 * A clock that counts milliseconds from its creation, reading `now` (by default `Date.now`,
 * which XS has; it jumps when SNTP sets the time, so pass a monotonic count where there is one)
 * and waking through `Timer`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timerClock } from "./timer_clock.ts";
 * let time = 1000;
 * const set: number[] = [];
 * const clock = timerClock({ set: (_cb, ms) => set.push(ms), clear: () => {} }, () => time);
 * time = 1040;
 * clock.schedule(100, () => {});
 * assert.deepEqual([clock.now(), set], [40, [60]]);
 * ```
 */
export function timerClock(timer: TimerModule, now: () => number = () => Date.now()): Clock {
  const origin = now();
  let last = 0;
  // Never backwards, as the shell expects: a wall clock SNTP moves back must not undo time.
  const elapsed = () => (last = Math.max(last, Math.floor(now() - origin)));
  return {
    now: elapsed,
    schedule(at, task) {
      let done = false;
      const id = timer.set(() => {
        done = true;
        task();
      }, Math.max(0, at - elapsed()));
      return () => {
        if (!done) timer.clear(id);
        done = true;
      };
    },
  };
}
