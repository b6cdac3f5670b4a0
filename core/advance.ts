/**
 * How time passes for everything that runs the core.
 *
 * @module
 */
import type { Effect } from "./effect.ts";
import type { Input } from "./input.ts";
import type { State } from "./state.ts";
import { step } from "./step.ts";
import { nextTimer } from "./timers.ts";

/** One applied input: what went in, the state after it, and what it caused. */
export interface Applied {
  readonly input: Input;
  readonly state: State;
  readonly effects: readonly Effect[];
}

/**
 * Applies `input` after firing every timer due by its `at`, in deadline order, each stamped with
 * its deadline. This is how time passes for everything that runs the core (a live shell and a
 * replayer alike), so a recorded run replays to the same steps.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "./state.ts";
 * import { advance } from "./advance.ts";
 * const state = { ...createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } }), timers: { reconnect: 400 } };
 * const steps = advance(state, { type: "start", at: 1000 });
 * assert.deepEqual(steps.map((s) => [s.input.type, s.input.at]), [["timer", 400], ["start", 1000]]);
 * ```
 */
export function advance(state: State, input: Input): readonly Applied[] {
  const fired = fireDue(state, input.at);
  const before = fired.length > 0 ? fired[fired.length - 1]!.state : state;
  const [next, effects] = step(before, input);
  return [...fired, { input, state: next, effects }];
}

/**
 * Fires every timer due by `now`, in deadline order: what a runner does when it wakes for a timer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "./state.ts";
 * import { fireDue } from "./advance.ts";
 * const state = { ...createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } }), timers: { reconnect: 400 } };
 * assert.equal(fireDue(state, 399).length, 0);
 * assert.equal(fireDue(state, 400)[0]?.input.type, "timer");
 * ```
 */
export function fireDue(state: State, now: number): readonly Applied[] {
  const steps: Applied[] = [];
  let current = state;
  for (let due = nextTimer(current); due !== undefined && due.at <= now; due = nextTimer(current)) {
    const fired: Input = { type: "timer", at: due.at, timer: due.timer };
    const [next, effects] = step(current, fired);
    steps.push({ input: fired, state: next, effects });
    current = next;
  }
  return steps;
}
