/**
 * Rule: this file alone decides whether and when the station reconnects after a disconnect.
 *
 * The policy (`sta.reconnect`, defaults in config/policy.ts) is an exponential backoff with a cap
 * and seeded jitter, by reason: never after a disconnect we asked for; starting at
 * `credentials_ms` after wrong credentials or a handshake timeout; from `initial_ms` otherwise,
 * and at `initial_ms` without growing after one of the core's own deadlines (class `timeout`).
 * The attempt count resets when the station gets an address. The jitter generator's state lives
 * in the core's state, so a replay draws the same delays.
 *
 * @module
 */
import type { ReconnectPolicy } from "./config/policy.ts";
import { backoffDelay } from "./backoff.ts";
import type { Disconnect } from "./reasons.ts";

/** A decision: wait `delay` ms (or null: do not reconnect), and the generator's next state. */
export interface ReconnectPlan {
  readonly delay: number | null;
  readonly random: number;
}

/**
 * Plans the reconnection after the `attempt`-th consecutive failure (0 for the first).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RECONNECT_DEFAULTS } from "./config/policy.ts";
 * import { planReconnect } from "./reconnect.ts";
 * const policy = { ...RECONNECT_DEFAULTS, jitter: 0, seed: 1 };
 * const lost = { reason: 201, name: "NO_AP_FOUND", class: "no_ap_found" } as const;
 * assert.deepEqual([0, 1, 2, 10].map((n) => planReconnect(policy, lost, n, 1).delay), [1000, 2000, 4000, 120_000]);
 * const asked = { reason: 8, name: "ASSOC_LEAVE", class: "requested" } as const;
 * assert.equal(planReconnect(policy, asked, 0, 1).delay, null);
 * ```
 */
export function planReconnect(
  policy: ReconnectPolicy,
  disconnect: Disconnect,
  attempt: number,
  random: number,
): ReconnectPlan {
  if (!policy.enabled || disconnect.class === "requested") return { delay: null, random };
  const slow = disconnect.class === "wrong_credentials" || disconnect.class === "handshake_timeout";
  const base = slow ? Math.max(policy.credentials_ms, policy.initial_ms) : policy.initial_ms;
  // After a deadline the wait has already been the deadline's: what failed was most likely an
  // event lost on the way, so the backoff does not grow for it.
  return backoffDelay(policy, base, disconnect.class === "timeout" ? 0 : attempt, random);
}

/** The shortest and longest delay the policy can choose: what a property test checks against. */
export function delayBounds(policy: ReconnectPolicy): readonly [number, number] {
  return [Math.max(1, Math.floor(policy.initial_ms * (1 - policy.jitter))), policy.max_ms];
}
