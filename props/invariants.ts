/**
 * The invariants of netfsm, each a named function over one step of a run: the state before, the
 * input (timer firings included), the state after, and the effects. A step breaks an invariant
 * when its function returns a message. Because every invariant looks at one step, checking every
 * step of every run checks every sequence: random runs, the model test and the exhaustive
 * exploration all use these.
 *
 * Two more are properties of whole runs and live in the harness: `step` is deterministic and does
 * not mutate its arguments, and replaying a recorded trace gives the recorded outputs.
 *
 * @module
 */
import type { Effect } from "../core/effect.ts";
import type { Input } from "../core/input.ts";
import { delayBounds } from "../core/reconnect.ts";
import { JOINED_STATUSES, type State } from "../core/state.ts";

/** One applied input, and what the run knows around it. */
export interface Step {
  readonly before: State;
  readonly input: Input;
  readonly after: State;
  readonly effects: readonly Effect[];
  /** Every psk the run knows of (configuration, NVS, requests): none may appear in an effect. */
  readonly secrets: readonly string[];
}

/** An invariant: a name, what it promises, and a check that returns a message when broken. */
export interface Invariant {
  readonly name: string;
  readonly promise: string;
  readonly check: (step: Step) => string | null;
}

const callbacks = (step: Step) => step.effects.flatMap((e) => e.type === "callback" ? [e] : []);

/** The invariants, in the order the README lists them. */
export const INVARIANTS: readonly Invariant[] = [
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
    check: (step) => {
      const active = step.before.active ?? step.after.active;
      const stray = callbacks(step).find((c) => active?.callbacks[c.name] !== true);
      return stray === undefined ? null : `${stray.name} fired without being registered`;
    },
  },
  {
    name: "no_callback_after_stop",
    promise: "no callback fires while the network is stopped, nor in the step that stops it",
    check: (step) =>
      (step.before.active === null || step.after.active === null) && callbacks(step).length > 0
        ? `${callbacks(step)[0]!.name} fired while stopped`
        : null,
  },
  {
    name: "got_ip_while_associated",
    promise: "got_ip fires only while the station is associated",
    check: (step) =>
      callbacks(step).some((c) => c.name === "got_ip") && !JOINED_STATUSES.includes(step.before.sta)
        ? `got_ip while ${step.before.sta}`
        : null,
  },
  {
    name: "status_and_ip_agree",
    promise:
      "connected means an address; an address means connected, degraded, or disconnecting (held until the radio has left)",
    check: ({ after }) => {
      if (after.sta === "connected" && after.ip === null) return "connected without an address";
      const holds = after.sta === "connected" || after.sta === "degraded" ||
        after.sta === "disconnecting";
      if (after.ip !== null && !holds) return `an address while ${after.sta}`;
      return null;
    },
  },
  {
    name: "stations_balance",
    promise:
      "per MAC, sta_connected and sta_disconnected alternate, starting with sta_connected, and no more than max_connections are joined",
    check: ({ before, after, effects }) => {
      const joined = new Set(before.stations);
      for (const effect of effects) {
        if (effect.type !== "callback") continue;
        const mac = effect.args[0] as string;
        if (effect.name === "sta_connected") {
          if (joined.has(mac)) return `${mac} joined twice`;
          joined.add(mac);
        } else if (effect.name === "sta_disconnected") {
          if (!joined.delete(mac)) return `${mac} left without joining`;
        }
      }
      const limit = after.active?.ap?.max_connections ?? 0;
      return after.stations.length > limit && after.active !== null
        ? `${after.stations.length} stations, limit ${limit}`
        : null;
    },
  },
  {
    name: "timers_accounted",
    promise:
      "every timer started is fired or cancelled: a slot is set only when empty, cancelled only when armed, and the state's timers are what the effects say",
    check: ({ before, input, after, effects }) => {
      const armed: Record<string, number> = { ...before.timers };
      if (
        input.type === "timer" && armed[input.timer] !== undefined &&
        armed[input.timer]! <= input.at
      ) delete armed[input.timer];
      for (const effect of effects) {
        if (effect.type === "set_timer") {
          if (armed[effect.timer] !== undefined) return `${effect.timer} set while armed`;
          armed[effect.timer] = effect.at;
        } else if (effect.type === "cancel_timer") {
          if (armed[effect.timer] === undefined) return `${effect.timer} cancelled while not armed`;
          delete armed[effect.timer];
        }
      }
      const same = JSON.stringify(Object.entries(armed).sort()) ===
        JSON.stringify(Object.entries(after.timers).sort());
      if (!same) {
        return `timers ${JSON.stringify(after.timers)} but the effects say ${
          JSON.stringify(armed)
        }`;
      }
      if (after.active === null && Object.keys(after.timers).length > 0) {
        return "timers left armed after stop";
      }
      return null;
    },
  },
  {
    name: "reconnect_within_bounds",
    promise: "every reconnect delay lies within the policy's bounds",
    check: ({ after, effects }) => {
      const policy = after.active?.sta?.reconnect;
      for (const effect of effects) {
        if (effect.type !== "set_timer" || effect.timer !== "reconnect" || policy === undefined) {
          continue;
        }
        const [low, high] = delayBounds(policy);
        const delay = effect.at - after.now;
        if (delay < low || delay > high) {
          return `reconnect in ${delay} ms, outside [${low}, ${high}]`;
        }
      }
      return null;
    },
  },
  {
    name: "no_psk_in_effects",
    promise: "no psk appears in any effect: command, callback, reply, diagnostic or error",
    check: ({ effects, secrets }) => {
      if (secrets.length === 0 || effects.length === 0) return null;
      const text = JSON.stringify(effects);
      const leaked = secrets.find((secret) => text.includes(secret));
      return leaked === undefined ? null : "a psk appeared in an effect";
    },
  },
];

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
