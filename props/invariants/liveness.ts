/**
 * Liveness, as a property of every reachable state: a station that should be joined is never
 * stuck. Each status it can be in either is the goal (connected, its link checked) or has armed
 * the timer that moves it on, so that no lost, late or never-sent event leaves it waiting forever.
 * Because every state is checked, a state from which the station could wait forever is found the
 * step it is reached.
 *
 * @module
 */
import type { TimerName } from "../../core/input.ts";
import type { State } from "../../core/state.ts";
import type { Invariant } from "./step.ts";

/**
 * True when the application has asked the station down (`sta_disconnect`): it is leaving, or has
 * left on request.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "../../core/state.ts";
 * import { askedDown } from "./liveness.ts";
 * const state = createState({ config: {}, device: { mac: "24:0a:c4:12:34:56" } });
 * assert.equal(askedDown({ ...state, sta: "disconnecting" }), true);
 * const requested = { reason: 8, name: "ASSOC_LEAVE", class: "requested" } as const;
 * assert.equal(askedDown({ ...state, sta: "disconnected", disconnect: requested }), true);
 * assert.equal(askedDown({ ...state, sta: "disconnected" }), false);
 * ```
 */
export function askedDown(state: State): boolean {
  return state.sta === "disconnecting" ||
    (state.sta === "disconnected" && state.disconnect?.class === "requested");
}

/**
 * True when the station should be joined: running, configured, retrying, and not asked down.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { shouldJoin } from "./liveness.ts";
 * const device = { mac: "24:0a:c4:12:34:56" };
 * const [joining] = step(createState({ config: { sta: { ssid: "home" } }, device }), { type: "start", at: 0 });
 * assert.equal(shouldJoin(joining), true);
 * const [managed] = step(createState({ config: { sta: { managed: true } }, device }), { type: "start", at: 0 });
 * assert.equal(shouldJoin(managed), false);
 * ```
 */
export function shouldJoin(state: State): boolean {
  const sta = state.active?.sta;
  return sta != null && !sta.managed && sta.reconnect.enabled && sta.networks.length > 0 &&
    !askedDown(state);
}

/** The timer that moves the station on from each status, and how far ahead it may be due. */
function mover(state: State): { readonly timer: TimerName; readonly within: number } | null {
  const active = state.active!;
  const d = active.deadlines;
  switch (state.sta) {
    case "connecting":
      return { timer: "join", within: d.join_ms };
    case "associated":
      return { timer: "dhcp", within: d.dhcp_ms };
    // Connected is the goal, but its link is checked, so that a lost disconnect cannot hide a
    // dead link; degraded may still have its address, and waits on that check all the same.
    case "connected":
    case "degraded":
      return { timer: "link", within: Math.max(d.link_check_ms, d.degraded_ms) };
    case "disconnected":
      return { timer: "reconnect", within: active.sta!.reconnect.max_ms };
    default:
      return null;
  }
}

/**
 * Whether `state` leaves the station stuck, and why; null when it does not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { stuck } from "./liveness.ts";
 * const [state] = step(createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * assert.equal(stuck(state), null);
 * assert.equal(stuck({ ...state, timers: {} }), "connecting with no join timer armed");
 * ```
 */
export function stuck(state: State): string | null {
  if (!shouldJoin(state)) return null;
  if (state.sta === "connected" && state.ip === null) return "connected without an address";
  const wanted = mover(state);
  if (wanted === null) return null;
  const at = state.timers[wanted.timer];
  if (at === undefined) return `${state.sta} with no ${wanted.timer} timer armed`;
  return at - state.now > wanted.within
    ? `${state.sta} with ${wanted.timer} due in ${at - state.now} ms, beyond ${wanted.within} ms`
    : null;
}

/**
 * The liveness invariant.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { LIVENESS_INVARIANTS } from "./liveness.ts";
 * const config = { sta: { ssid: "home" } };
 * let [before] = step(createState({ config, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * const input = { type: "sta_disconnected", reason: 201, at: 900 } as const;
 * const [after, effects] = step(before, input);
 * const [live] = LIVENESS_INVARIANTS;
 * assert.equal(live!.check({ before, input, after, effects, secrets: [] }), null);
 * const stranded = { ...after, timers: {} };
 * assert.match(live!.check({ before, input, after: stranded, effects, secrets: [] })!, /no reconnect/);
 * ```
 */
export const LIVENESS_INVARIANTS: readonly Invariant[] = [
  {
    name: "station_live",
    promise:
      "a running station that should be joined (configured, not managed, retrying enabled, with a network, and not asked down by sta_disconnect) is never stuck: connecting has its join deadline armed, associated its DHCP deadline, connected (with its address) and degraded their link check, disconnected its retry, each due within its configured length",
    check: ({ after }) => stuck(after),
  },
];
