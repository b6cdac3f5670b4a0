/**
 * The invariants of the core's contract with whoever runs it: step is total, callbacks fire only
 * as registered and only while running, every request is answered once, no secret leaks.
 *
 * @module
 */
import { callbacksOf, type Invariant } from "./step.ts";

const REQUESTS: readonly string[] = [
  "start",
  "stop",
  "sta_connect",
  "sta_disconnect",
  "scan",
  "sta_rssi",
];

/** Whether any string in `value` (keys included) contains one of `secrets`. */
function holds(value: unknown, secrets: readonly string[]): boolean {
  if (typeof value === "string") return secrets.some((secret) => value.includes(secret));
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some((item) => holds(item, secrets));
  for (const key in value) {
    if (holds(key, secrets) || holds((value as Record<string, unknown>)[key], secrets)) return true;
  }
  return false;
}

/**
 * The contract's invariants, by name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { CONTRACT_INVARIANTS } from "./contract.ts";
 * const before = createState({ config: { ap: {} }, device: { mac: "24:0a:c4:12:34:56" } });
 * const input = { type: "start", at: 0 } as const;
 * const [after, effects] = step(before, input);
 * const one = CONTRACT_INVARIANTS.find((i) => i.name === "one_reply_per_request")!;
 * assert.equal(one.check({ before, input, after, effects, secrets: [] }), null);
 * assert.match(one.check({ before, input, after, effects: [], secrets: [] })!, /0 replies/);
 * ```
 */
export const CONTRACT_INVARIANTS: readonly Invariant[] = [
  {
    name: "total",
    promise: "step returns for every state and input, without an internal error",
    check: ({ effects }) =>
      effects.some((e) => e.type === "diagnostic" && e.code === "internal_error")
        ? "step hit an internal error"
        : null,
  },
  {
    name: "registered_callbacks_only",
    promise: "a callback fires only when the configuration registered it",
    check: ({ before, after, effects }) => {
      const active = before.active ?? after.active;
      const stray = callbacksOf(effects).find((c) => active?.callbacks[c.name] !== true);
      return stray === undefined ? null : `${stray.name} fired without being registered`;
    },
  },
  {
    name: "no_callback_after_stop",
    promise: "no callback fires while the network is stopped, nor in the step that stops it",
    check: ({ before, after, effects }) => {
      const first = callbacksOf(effects)[0];
      return (before.active === null || after.active === null) && first !== undefined
        ? `${first.name} fired while stopped`
        : null;
    },
  },
  {
    name: "one_reply_per_request",
    promise: "every request gets exactly one reply, events none, and stop always replies ok",
    check: ({ input, effects }) => {
      const replies = effects.filter((e) => e.type === "reply");
      const request = REQUESTS.includes(input.type);
      if (replies.length !== (request ? 1 : 0)) return `${replies.length} replies to ${input.type}`;
      if (input.type === "stop" && replies[0]?.type === "reply" && replies[0].reply !== "ok") {
        return "stop did not reply ok";
      }
      return null;
    },
  },
  {
    name: "no_psk_in_effects",
    promise: "no psk appears in any effect: command, callback, reply, diagnostic or error",
    check: ({ effects, secrets }) =>
      secrets.length > 0 && effects.some((effect) => holds(effect, secrets))
        ? "a psk appeared in an effect"
        : null,
  },
];
