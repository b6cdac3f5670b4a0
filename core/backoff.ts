/**
 * One exponential backoff with a cap and seeded jitter, for every retry netfsm makes: the
 * station's reconnection (reconnect.ts) and an application's connections (connection.ts).
 *
 * @module
 */
import { draw } from "./random.ts";

/** How a delay grows and spreads. */
export interface Backoff {
  readonly initial_ms: number;
  readonly max_ms: number;
  readonly multiplier: number;
  /** Each delay is moved by up to this fraction either way. */
  readonly jitter: number;
}

/** A delay in ms, and the jitter generator's next state. */
export interface Delay {
  readonly delay: number;
  readonly random: number;
}

/**
 * The delay before retry number `growth` (0 for the first) from `base` ms: `base` times
 * `multiplier` to the `growth`, capped at `max_ms`, moved by the jitter, at least 1 ms.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backoffDelay } from "./backoff.ts";
 * const policy = { initial_ms: 500, max_ms: 4000, multiplier: 2, jitter: 0 };
 * assert.deepEqual([0, 1, 2, 3, 9].map((n) => backoffDelay(policy, 500, n, 1).delay), [500, 1000, 2000, 4000, 4000]);
 * ```
 */
export function backoffDelay(policy: Backoff, base: number, growth: number, random: number): Delay {
  const raw = Math.min(policy.max_ms, base * Math.pow(policy.multiplier, Math.min(growth, 64)));
  const [sample, next] = draw(random);
  const jittered = Math.round(raw * (1 + policy.jitter * (2 * sample - 1)));
  return { delay: Math.min(policy.max_ms, Math.max(1, jittered)), random: next };
}
