/**
 * One call into a driver (`apply` or `close`), bounded in time: a driver is code the core does not
 * control, and a call that never returns, throws, or answers with nonsense must not hold the
 * shell. The deadline is on the shell's clock, so it passes on a virtual clock as in real time.
 *
 * @module
 */
import type { Clock } from "./clock.ts";

/** How to make one call. */
export interface DriverCall {
  readonly clock: Clock;
  /** Milliseconds to wait for the answer (`deadlines.command_ms`). */
  readonly ms: number;
  /** Makes the call; it may return a promise, a value, or throw. */
  readonly call: () => unknown;
  /** What the answer says went wrong, if anything. It must not throw. */
  readonly refusal: (answer: unknown) => string | undefined;
  /** Text for a thrown value or a rejection. It must not throw. */
  readonly describe: (thrown: unknown) => string;
  /** Told when the call has not answered by the next microtask: it waits on the device. */
  readonly onWaiting?: () => void;
}

/**
 * Makes the call; resolves to undefined when it went through, else to why not (its refusal, what
 * it threw, or that it did not answer in time). Never rejects.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VirtualClock } from "./clock.ts";
 * import { callDriver } from "./driver_call.ts";
 * const clock = new VirtualClock();
 * const base = { clock, ms: 2000, refusal: () => undefined, describe: String };
 * assert.equal(await callDriver({ ...base, call: () => Promise.resolve() }), undefined);
 * const hung = callDriver({ ...base, call: () => new Promise(() => {}) });
 * await clock.advance(2000);
 * assert.equal(await hung, "no answer from the driver within 2 s");
 * ```
 */
export function callDriver(options: DriverCall): Promise<string | undefined> {
  const { clock, ms } = options;
  return new Promise((resolve) => {
    let answered = false;
    const settle = (error: string | undefined) => {
      if (answered) return;
      answered = true;
      cancel();
      resolve(error);
    };
    const cancel = clock.schedule(
      clock.now() + ms,
      () => settle(`no answer from the driver within ${ms / 1000} s`),
    );
    try {
      Promise.resolve(options.call()).then(
        (answer) => settle(options.refusal(answer)),
        (thrown) => settle(options.describe(thrown)),
      );
    } catch (thrown) {
      settle(options.describe(thrown));
    }
    Promise.resolve().then(() => {
      if (!answered) options.onWaiting?.();
    });
  });
}
