/**
 * What an invariant looks at, one step of a run, and the few questions about a step's effects
 * that many invariants ask.
 *
 * @module
 */
import type { CallbackName } from "../../core/config/resolve.ts";
import type { Command, Effect } from "../../core/effect.ts";
import type { Input } from "../../core/input.ts";
import type { State } from "../../core/state.ts";

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

/** A callback effect. */
export type Callback = Extract<Effect, { type: "callback" }>;

/**
 * The callbacks among `effects`, in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { callbacksOf } from "./step.ts";
 * const effects = [{ type: "callback", name: "got_ip", args: [] }, { type: "reply", to: "stop", reply: "ok" }] as const;
 * assert.deepEqual(callbacksOf(effects).map((c) => c.name), ["got_ip"]);
 * ```
 */
export function callbacksOf(effects: readonly Effect[]): readonly Callback[] {
  // Most invariants ask, of the same step: the answer is kept with the effects it came from.
  let found = CALLBACKS.get(effects);
  if (found === undefined) {
    found = effects.filter((e): e is Callback => e.type === "callback");
    CALLBACKS.set(effects, found);
  }
  return found;
}

const CALLBACKS = new WeakMap<readonly Effect[], readonly Callback[]>();

/**
 * Whether `effects` call the callback `name`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { calls } from "./step.ts";
 * assert.equal(calls([{ type: "callback", name: "connected", args: [] }], "connected"), true);
 * assert.equal(calls([], "connected"), false);
 * ```
 */
export function calls(effects: readonly Effect[], name: CallbackName): boolean {
  return effects.some((e) => e.type === "callback" && e.name === name);
}

/**
 * Whether `effects` command the driver to `name`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { commands } from "./step.ts";
 * assert.equal(commands([{ type: "command", command: { command: "read_rssi" } }], "read_rssi"), true);
 * assert.equal(commands([], "scan"), false);
 * ```
 */
export function commands(effects: readonly Effect[], name: Command["command"]): boolean {
  return effects.some((e) => e.type === "command" && e.command.command === name);
}

/**
 * Whether the step's input is a timer firing that was due, so that it acted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "../../core/state.ts";
 * import { fired } from "./step.ts";
 * const state = { ...createState({ config: {}, device: { mac: "24:0a:c4:12:34:56" } }), timers: { join: 500 } };
 * assert.equal(fired(state, { type: "timer", timer: "join", at: 500 }, "join"), true);
 * assert.equal(fired(state, { type: "timer", timer: "join", at: 499 }, "join"), false);
 * ```
 */
export function fired(before: State, input: Input, timer: string): boolean {
  if (input.type !== "timer" || input.timer !== timer) return false;
  const at = before.timers[input.timer];
  return at !== undefined && at <= input.at;
}
