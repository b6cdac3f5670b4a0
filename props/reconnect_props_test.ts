/**
 * Properties of the reconnect policy itself (core/reconnect.ts), over random policies: what the
 * invariants no_retry_after_request and reconnect_within_bounds rely on, checked where it is
 * decided, so that a slip in the policy shows even where no run reaches it.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { RECONNECT_DEFAULTS } from "../core/config/policy.ts";
import { type Disconnect, REASON_CODES } from "../core/reasons.ts";
import { delayBounds, planReconnect } from "../core/reconnect.ts";
import { propRuns } from "./harness.ts";

const RUNS = propRuns();

const policyArb = fc.record({
  enabled: fc.boolean(),
  initial_ms: fc.integer({ min: 100, max: 5000 }),
  max_ms: fc.integer({ min: 5000, max: 300_000 }),
  multiplier: fc.double({ min: 1, max: 4, noNaN: true }),
  jitter: fc.double({ min: 0, max: 0.5, noNaN: true }),
  credentials_ms: fc.integer({ min: 100, max: 60_000 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
}).map((p) => ({ ...RECONNECT_DEFAULTS, ...p }));
const classArb = fc.constantFrom<Disconnect["class"]>(
  "no_ap_found",
  "wrong_credentials",
  "handshake_timeout",
  "beacon_loss",
  "association_failed",
  "requested",
  "timeout",
  "other",
);
const disconnectArb = fc.record({
  reason: fc.oneof(fc.constant(null), fc.constantFrom(...REASON_CODES)),
  name: fc.constant("ANY"),
  class: classArb,
});
const attemptArb = fc.integer({ min: 0, max: 100 });
const randomArb = fc.integer({ min: 0, max: 2 ** 32 - 1 });

Deno.test(`the policy never plans a retry after a requested disconnect, nor when off (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(policyArb, disconnectArb, attemptArb, randomArb, (policy, d, attempt, random) => {
      const plan = planReconnect(policy, d, attempt, random);
      const none = d.class === "requested" || !policy.enabled;
      return none ? plan.delay === null && plan.random === random : plan.delay !== null;
    }),
    { numRuns: RUNS },
  );
});

Deno.test(`every planned delay lies within the policy's bounds (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(policyArb, disconnectArb, attemptArb, randomArb, (policy, d, attempt, random) => {
      const { delay } = planReconnect({ ...policy, enabled: true }, d, attempt, random);
      if (delay === null) return d.class === "requested";
      const [low, high] = delayBounds(policy);
      return delay >= low && delay <= high;
    }),
    { numRuns: RUNS },
  );
});

Deno.test("after a deadline of the core's own, the backoff does not grow", () => {
  const policy = { ...RECONNECT_DEFAULTS, jitter: 0, seed: 1 };
  const timeout: Disconnect = { reason: null, name: "JOIN_TIMEOUT", class: "timeout" };
  assert.deepEqual([0, 3, 10].map((n) => planReconnect(policy, timeout, n, 1).delay), [
    1000,
    1000,
    1000,
  ]);
});
