/**
 * `step(state, input) -> [state, effects]`: the whole behaviour of netfsm.
 *
 * Pure: no I/O, no clock, no randomness; time arrives in `input.at`. Total: it returns for every
 * state and every input, never throws, and never mutates its arguments. It does not execute
 * effects; a shell does that.
 *
 * @module
 */
import { ACCESS_POINT_ROWS } from "./access_point.ts";
import { DEADLINE_ROWS, keepDeadlines } from "./deadlines.ts";
import { ROAM_ROWS } from "./roam.ts";
import { diagnostic, type Effect } from "./effect.ts";
import type { Input } from "./input.ts";
import { isRequest } from "./input.ts";
import { LIFECYCLE_ROWS } from "./lifecycle.ts";
import { SNTP_ROWS } from "./sntp.ts";
import { copyState, type State } from "./state.ts";
import { STATION_ROWS } from "./station.ts";
import { STA_REQUEST_ROWS } from "./sta_requests.ts";
import { SCAN_ROWS } from "./scan.ts";
import { type Region, regionOf, statusIn, type Transition, TransitionIndex } from "./table.ts";
import { isDue, withoutTimer } from "./timers.ts";

/** Every row of the machine, in region order. */
export const TRANSITIONS: readonly Transition[] = [
  ...LIFECYCLE_ROWS,
  ...STATION_ROWS,
  ...DEADLINE_ROWS,
  ...ROAM_ROWS,
  ...STA_REQUEST_ROWS,
  ...ACCESS_POINT_ROWS,
  ...SNTP_ROWS,
  ...SCAN_ROWS,
];

const INDEX = new TransitionIndex(TRANSITIONS);

/**
 * Applies one input. Returns the next state and the effects to carry out, in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "./mod.ts";
 * let state = createState({ config: { sta: { ssid: "home", psk: "secret12", connected: true } }, device: { mac: "24:0a:c4:12:34:56" } });
 * [state] = step(state, { type: "start", at: 0 });
 * const [next, effects] = step(state, { type: "sta_connected", at: 900 });
 * assert.equal(next.sta, "associated");
 * assert.deepEqual(effects, [
 *   { type: "callback", name: "connected", args: [] },
 *   { type: "cancel_timer", timer: "join" }, // the join's deadline is met...
 *   { type: "set_timer", timer: "dhcp", at: 30_900 }, // ...and DHCP's begins
 * ]);
 * ```
 */
export function step(state: State, input: Input): readonly [State, readonly Effect[]] {
  try {
    return apply(state, input);
  } catch (error) {
    // Unreachable for well-typed inputs (the property tests assert no internal_error is ever
    // emitted); kept so that a malformed input from an untyped caller cannot crash a device.
    const message = error instanceof Error ? error.message : String(error);
    return [state, [
      diagnostic("error", "internal_error", `input ignored after an internal error: ${message}`),
    ]];
  }
}

function apply(state: State, input: Input): readonly [State, readonly Effect[]] {
  const at = typeof input.at === "number" && input.at > state.now ? input.at : state.now;
  let current = state;
  if (at !== state.now) {
    const later = copyState(state);
    later.now = at;
    current = later;
  }
  if (input.type === "timer") {
    if (!isDue(current, input.timer, at)) {
      return [current, [
        diagnostic("info", "stale_timer", `timer ${input.timer} is not armed or not yet due`),
      ]];
    }
    current = withoutTimer(current, input.timer);
  }
  const region = regionOf(input);
  const status = statusIn(current, region);
  const transition = INDEX.find(region, status, input);
  if (transition === undefined) return [current, [ignored(current, input, region, status)]];
  const outcome = transition.apply(current, input);
  const extra: Effect[] = [];
  const next = keepDeadlines(current, outcome.state, outcome.effects, extra);
  return [next, extra.length === 0 ? outcome.effects : [...outcome.effects, ...extra]];
}

function ignored(state: State, input: Input, region: Region, status: string): Effect {
  if (state.active === null && !isRequest(input)) {
    return diagnostic("info", "not_running", `${input.type} ignored: the network is not running`);
  }
  const where = region === "sta"
    ? status === "inactive" ? "no station is configured" : `the station is ${status}`
    : region === "ap"
    ? "no access point is running"
    : region === "sntp"
    ? "SNTP is not configured"
    : region === "scan"
    ? `no scan is running`
    : `the network is ${status}`;
  return diagnostic("warning", "unexpected_input", `${input.type} ignored: ${where}`);
}
