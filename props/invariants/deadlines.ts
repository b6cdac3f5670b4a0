/**
 * The deadlines' invariant: every status that waits on the device has its timer armed, due within
 * the configured length, and no timer is armed without the wait it ends. Derived from the state
 * and the configuration alone, not from the core's own rule (core/deadlines.ts), so that a slip
 * in that rule shows.
 *
 * @module
 */
import type { State } from "../../core/state.ts";
import type { Invariant } from "./step.ts";

/** The timers that end a wait, and roaming's, which follows the same rule. */
const WAITS = ["join", "dhcp", "link", "leave", "scan", "ap", "roam"] as const;
type Wait = typeof WAITS[number];

/** A timer a state must have armed (`wanted`), or must not, and how far ahead it may be due. */
interface Expectation {
  readonly wanted: boolean;
  readonly within: number;
}

/** True when roaming is on and a configured network outranks the one the station is on. */
export function roamWanted(state: State): boolean {
  const sta = state.active?.sta;
  const current = sta?.networks[state.target];
  return sta?.roam != null && state.sta === "connected" && current !== undefined &&
    sta.networks.some((n) => n.priority > current.priority);
}

/**
 * What each timer must be in `state`: the waits (armed exactly while waiting, and due within
 * their deadline), and the timers that are no deadlines (armed only where they make sense).
 */
function expectations(state: State): Record<Wait, Expectation> | null {
  const active = state.active;
  if (active === null) return null;
  const d = active.deadlines;
  const sta = active.sta;
  // A link check comes sooner after a beacon timeout; back to normal, the sooner one may remain.
  const link = Math.max(d.link_check_ms, d.degraded_ms);
  return {
    join: { wanted: sta !== null && state.sta === "connecting", within: d.join_ms },
    dhcp: { wanted: sta !== null && state.sta === "associated", within: d.dhcp_ms },
    link: {
      wanted: sta !== null && (state.sta === "connected" || state.sta === "degraded"),
      within: link,
    },
    leave: {
      wanted: sta !== null && (state.leaving || state.sta === "disconnecting"),
      within: d.leave_ms,
    },
    scan: { wanted: state.scan.phase === "running", within: d.scan_ms },
    ap: {
      wanted: state.ap === "starting" || state.ap === "stopping",
      within: state.ap === "starting" ? d.ap_start_ms : d.ap_stop_ms,
    },
    roam: { wanted: roamWanted(state), within: sta?.roam?.interval_ms ?? 0 },
  };
}

/**
 * The deadlines' invariant.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { DEADLINE_INVARIANTS } from "./deadlines.ts";
 * const config = { sta: { ssid: "home" }, deadlines: { join_ms: 5000 } };
 * const before = createState({ config, device: { mac: "24:0a:c4:12:34:56" } });
 * const input = { type: "start", at: 0 } as const;
 * const [after, effects] = step(before, input);
 * const [kept] = DEADLINE_INVARIANTS;
 * assert.equal(kept!.check({ before, input, after, effects, secrets: [] }), null);
 * const late = { ...after, timers: { join: 6000 } };
 * assert.match(kept!.check({ before, input, after: late, effects, secrets: [] })!, /join due in 6000 ms/);
 * ```
 */
export const DEADLINE_INVARIANTS: readonly Invariant[] = [
  {
    name: "deadlines_kept",
    promise:
      "every wait on the device has its deadline armed, due within its configured length, and none is armed without its wait: join while connecting, dhcp while associated, link while connected or degraded, leave while a disconnect_sta is unanswered, scan while a scan runs, ap while the soft-AP starts or stops, roam while connected to a network some other outranks; a retry is armed only while disconnected (due within max_ms), a fallback only while the soft-AP is off and the station without an address (within fallback_after_ms), and a scan waits queued only for a join or a leave",
    check: ({ after }) => {
      const expected = expectations(after);
      if (expected === null) return null;
      for (const name of WAITS) {
        const { wanted, within } = expected[name];
        const at = after.timers[name];
        if (wanted && at === undefined) return `${after.sta}, ${name} not armed`;
        if (!wanted && at !== undefined) return `${name} armed while not waiting (${after.sta})`;
        if (at !== undefined && at - after.now > within) {
          return `${name} due in ${at - after.now} ms, beyond its ${within} ms`;
        }
      }
      const retry = after.timers.reconnect;
      const policy = after.active?.sta?.reconnect;
      if (retry !== undefined && (after.sta !== "disconnected" || policy === undefined)) {
        return `a retry armed while ${after.sta}`;
      }
      if (retry !== undefined && retry - after.now > policy!.max_ms) {
        return `a retry due in ${retry - after.now} ms, beyond max_ms`;
      }
      const fallback = after.timers.fallback;
      const after_ms = after.active?.ap?.fallback_after_ms;
      if (fallback !== undefined && (after.ap !== "off" || after_ms == null)) {
        return `a fallback armed while the soft-AP is ${after.ap}`;
      }
      if (fallback !== undefined && after.ip !== null) {
        return "a fallback armed while the station has an address";
      }
      if (fallback !== undefined && fallback - after.now > after_ms!) {
        return `a fallback due in ${fallback - after.now} ms, beyond fallback_after_ms`;
      }
      if (
        after.scan.phase === "queued" && after.sta !== "connecting" &&
        after.sta !== "disconnecting"
      ) return `a scan queued while ${after.sta}`;
      return null;
    },
  },
];
