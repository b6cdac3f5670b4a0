/**
 * The invariants of netfsm, each a named function over one step of a run: the state before, the
 * input (timer firings included), the state after, and the effects. A step breaks an invariant
 * when its function returns a message. Because every invariant looks at one step, checking every
 * step of every run checks every sequence: random runs, the model test and the exhaustive
 * exploration all use these. Some are properties of a state (liveness among them): checking every
 * reachable state is what makes them hold for every sequence.
 *
 * They live by subject under `invariants/`; this module puts them in the README's order.
 *
 * Two more are properties of whole runs and live in the harness: `step` is deterministic and does
 * not mutate its arguments, and replaying a recorded trace gives the recorded outputs.
 *
 * @module
 */
import { AP_INVARIANTS } from "./invariants/access_point.ts";
import { CALLBACK_INVARIANTS } from "./invariants/callbacks.ts";
import { CONTRACT_INVARIANTS } from "./invariants/contract.ts";
import { DEADLINE_INVARIANTS } from "./invariants/deadlines.ts";
import { LIVENESS_INVARIANTS } from "./invariants/liveness.ts";
import { RETRY_INVARIANTS } from "./invariants/retry.ts";
import { ROAM_INVARIANTS } from "./invariants/roam.ts";
import { STATION_INVARIANTS } from "./invariants/station.ts";
import type { Invariant, Step } from "./invariants/step.ts";
import { TIMER_INVARIANTS } from "./invariants/timers.ts";

export type { Invariant, Step } from "./invariants/step.ts";

/** The README's order: the contract first, then the station, the soft-AP, and the rest. */
const ORDER = [
  "total",
  "registered_callbacks_only",
  "no_callback_after_stop",
  "got_ip_while_associated",
  "address_taken",
  "status_and_ip_agree",
  "lost_link_noticed",
  "stations_balance",
  "timers_accounted",
  "deadlines_kept",
  "reconnect_within_bounds",
  "requested_means_asked",
  "no_retry_after_request",
  "disconnect_stops_retrying",
  "station_live",
  "best_network_chosen",
  "roam_moves_up",
  "refused_join_rolled_back",
  "callbacks_fire",
  "repeats_call_nothing",
  "sntp_restarted",
  "mdns_follows_address",
  "no_scan_while_joining",
  "fallback_only_without_address",
  "fallback_armed",
  "one_reply_per_request",
  "no_psk_in_effects",
] as const;

const BY_NAME = new Map(
  [
    ...CONTRACT_INVARIANTS,
    ...STATION_INVARIANTS,
    ...AP_INVARIANTS,
    ...TIMER_INVARIANTS,
    ...DEADLINE_INVARIANTS,
    ...RETRY_INVARIANTS,
    ...LIVENESS_INVARIANTS,
    ...ROAM_INVARIANTS,
    ...CALLBACK_INVARIANTS,
  ].map((invariant) => [invariant.name, invariant]),
);

/**
 * The invariants, in the order the README lists them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INVARIANTS } from "./invariants.ts";
 * assert.equal(INVARIANTS[0]!.name, "total");
 * assert.ok(INVARIANTS.some((i) => i.name === "station_live"));
 * ```
 */
export const INVARIANTS: readonly Invariant[] = ORDER.map((name) => {
  const invariant = BY_NAME.get(name);
  if (invariant === undefined) throw new Error(`Cannot order the invariants: no "${name}"`);
  return invariant;
});

if (INVARIANTS.length !== BY_NAME.size) {
  const unordered = [...BY_NAME.keys()].filter((name) =>
    !(ORDER as readonly string[]).includes(name)
  );
  throw new Error(`Cannot order the invariants: ${unordered.join(", ")} not in ORDER`);
}

/**
 * The first invariant a step breaks, as `name: message`, or null.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../core/mod.ts";
 * import { violation } from "./invariants.ts";
 * const before = createState({ config: { ap: {} }, device: { mac: "24:0a:c4:12:34:56" } });
 * const input = { type: "start", at: 0 } as const;
 * const [after, effects] = step(before, input);
 * assert.equal(violation({ before, input, after, effects, secrets: [] }), null);
 * ```
 */
export function violation(step: Step): string | null {
  for (const invariant of INVARIANTS) {
    const message = invariant.check(step);
    if (message !== null) return `${invariant.name}: ${message}`;
  }
  return null;
}
