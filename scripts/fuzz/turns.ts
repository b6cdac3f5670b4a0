/**
 * A budget in turns of the event loop, not in seconds: an input hangs when the promise it started
 * has not settled after so many turns with no sign of progress. The host's speed never enters the
 * verdict; a loop that never yields is the wall-clock watchdog's business (see pool.ts).
 *
 * @module
 */

/** How many turns an input may take: with no progress, and in all. */
export interface TurnBudget {
  /** Turns in a row with the progress count unchanged. */
  readonly idle: number;
  /** Turns in all, however much progress: a run that never ends is as bad as one that stops. */
  readonly total: number;
}

/** What became of a promise within its budget. */
export type Settled<T> =
  | { readonly settled: true; readonly value: T }
  | { readonly settled: false; readonly why: string };

/** A turn of the event loop: every reaction already queued runs before it ends. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Waits for `promise` for at most `budget` turns; `progress` is any count that grows while the
 * work moves on (steps taken, virtual time, commands sent). `promise` must not reject: turn a
 * rejection into a value first, so that none is left unhandled when the budget runs out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { settleWithin } from "./turns.ts";
 * const budget = { idle: 5, total: 100 };
 * assert.deepEqual(await settleWithin(Promise.resolve(7), () => 0, budget), { settled: true, value: 7 });
 * const never = await settleWithin(new Promise(() => {}), () => 0, budget);
 * assert.equal(never.settled, false);
 * ```
 */
export async function settleWithin<T>(
  promise: Promise<T>,
  progress: () => number,
  budget: TurnBudget,
): Promise<Settled<T>> {
  let outcome: Settled<T> | undefined;
  void promise.then((value) => (outcome = { settled: true, value }));
  let seen = progress();
  let idle = 0;
  for (let turn = 0; turn < budget.total; turn++) {
    await nextTurn();
    if (outcome !== undefined) return outcome;
    const now = progress();
    idle = now === seen ? idle + 1 : 0;
    seen = now;
    if (idle >= budget.idle) {
      return { settled: false, why: `no progress for ${budget.idle} turns of the event loop` };
    }
  }
  return { settled: false, why: `not done after ${budget.total} turns of the event loop` };
}
