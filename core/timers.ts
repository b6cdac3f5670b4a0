/**
 * Timers are slots in the state, one per name, holding a deadline. The core arms and cancels them
 * through effects; a runner (a shell or a replayer) delivers a `timer` input once the deadline has
 * come. A firing for a slot that is empty, or whose deadline is still ahead, is stale and ignored.
 *
 * @module
 */
import type { Effect } from "./effect.ts";
import type { TimerName } from "./input.ts";
import { copyState, type State } from "./state.ts";

/**
 * The earliest armed timer, or undefined when none is armed: what a runner should wait for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "./state.ts";
 * import { nextTimer } from "./timers.ts";
 * const state = createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } });
 * assert.equal(nextTimer(state), undefined);
 * assert.deepEqual(nextTimer({ ...state, timers: { reconnect: 1500 } }), { timer: "reconnect", at: 1500 });
 * ```
 */
export function nextTimer(
  state: State,
): { readonly timer: TimerName; readonly at: number } | undefined {
  let next: { timer: TimerName; at: number } | undefined;
  for (const name in state.timers) {
    const at = state.timers[name as TimerName];
    if (at !== undefined && (next === undefined || at < next.at)) {
      next = { timer: name as TimerName, at };
    }
  }
  return next;
}

/** True when `timer` is armed and due at `at`. */
export function isDue(state: State, timer: TimerName, at: number): boolean {
  const deadline = state.timers[timer];
  return deadline !== undefined && deadline <= at;
}

/** The state with the slot of `timer` emptied. */
export function withoutTimer(state: State, timer: TimerName): State {
  // A loop, not `const { [timer]: _, ...rest }`: a rest with a computed key is a slow runtime call.
  const rest: Record<string, number> = {};
  const timers = state.timers as Readonly<Record<string, number>>;
  for (const name in timers) {
    if (name !== timer) rest[name] = timers[name]!;
  }
  const next = copyState(state);
  next.timers = rest;
  return next;
}

/** The state with `timer` armed for `at`; appends the `set_timer` effect. */
export function armTimer(state: State, effects: Effect[], timer: TimerName, at: number): State {
  effects.push({ type: "set_timer", timer, at });
  // As `{ ...timers, [timer]: at }`: an armed slot keeps its place, a new one goes last.
  const before = state.timers as Readonly<Record<string, number>>;
  const timers: Record<string, number> = {};
  for (const name in before) timers[name] = before[name]!;
  timers[timer] = at;
  const next = copyState(state);
  next.timers = timers;
  return next;
}

/** The state with `timer` cancelled, if it was armed; appends the `cancel_timer` effect. */
export function disarmTimer(state: State, effects: Effect[], timer: TimerName): State {
  if (state.timers[timer] === undefined) return state;
  effects.push({ type: "cancel_timer", timer });
  return withoutTimer(state, timer);
}
