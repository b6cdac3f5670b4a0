/**
 * The reconnection invariants: how long a retry waits, what counts as a requested disconnect and
 * so stops retrying, which network a retry joins, and what a refused join leaves behind.
 *
 * @module
 */
import { penalty } from "../../core/networks.ts";
import { delayBounds } from "../../core/reconnect.ts";
import { commands, fired, type Invariant, type Step } from "./step.ts";

/** The timers that rejoin, or wait on a join: none may be left by `sta_disconnect`. */
const JOINING_TIMERS = ["reconnect", "join", "dhcp", "link", "roam"] as const;

/** Whether the step ends the wait for a leave: answered, refused, past its deadline, or stopped. */
function leaveEnds({ before, input, after }: Step): boolean {
  return input.type === "sta_disconnected" ||
    (input.type === "driver_failed" && input.command === "disconnect_sta") ||
    fired(before, input, "leave") || after.active === null;
}

/**
 * The reconnection invariants, by name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { RETRY_INVARIANTS } from "./retry.ts";
 * const config = { sta: { ssid: "home" } };
 * let [before] = step(createState({ config, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * [before] = step(before, { type: "sta_connected", at: 900 });
 * // The AP sends the station away with reason 8: not a leave the core asked for.
 * const input = { type: "sta_disconnected", reason: 8, at: 1000 } as const;
 * const [after, effects] = step(before, input);
 * const asked = RETRY_INVARIANTS.find((i) => i.name === "requested_means_asked")!;
 * assert.equal(after.disconnect?.class, "other");
 * assert.equal(asked.check({ before, input, after, effects, secrets: [] }), null);
 * const misread = { ...after, disconnect: { ...after.disconnect!, class: "requested" as const } };
 * assert.match(asked.check({ before, input, after: misread, effects, secrets: [] })!, /did not ask/);
 * ```
 */
export const RETRY_INVARIANTS: readonly Invariant[] = [
  {
    name: "reconnect_within_bounds",
    promise:
      "every reconnect delay lies within the policy's bounds for the disconnect's class: from its base (slower after wrong credentials) less the jitter, up to the cap; after one of the core's own deadlines (class timeout) the backoff does not grow, so the delay is at most the base plus the jitter",
    check: ({ after, effects }) => {
      const policy = after.active?.sta?.reconnect;
      for (const effect of effects) {
        if (effect.type !== "set_timer" || effect.timer !== "reconnect" || policy === undefined) {
          continue;
        }
        const slow = after.disconnect?.class === "wrong_credentials" ||
          after.disconnect?.class === "handshake_timeout";
        const base = slow ? Math.max(policy.credentials_ms, policy.initial_ms) : policy.initial_ms;
        const low = Math.max(1, Math.floor(Math.min(base, policy.max_ms) * (1 - policy.jitter)));
        const cap = delayBounds(policy)[1];
        // The wait was already the deadline's: what failed was most likely an event lost.
        const high = after.disconnect?.class === "timeout"
          ? Math.min(cap, Math.ceil(base * (1 + policy.jitter)))
          : cap;
        const delay = effect.at - after.now;
        if (delay < low || delay > high) {
          return `reconnect in ${delay} ms, outside [${low}, ${high}]`;
        }
      }
      return null;
    },
  },
  {
    name: "requested_means_asked",
    promise:
      "a disconnect counts as requested only when sta_disconnect asks for it, or while the core awaits the leave it commanded (whatever the reason code: ESP-IDF reports 8 when the AP sends the station away too); a leave is awaited from its disconnect_sta until it is answered, refused, past its deadline, or the network stops",
    check: (step) => {
      const { before, after, effects } = step;
      const fresh = after.disconnect !== null && after.disconnect !== before.disconnect;
      const awaited = before.leaving || before.sta === "disconnecting" ||
        step.input.type === "sta_disconnect";
      if (fresh && after.disconnect!.class === "requested" && !awaited) {
        return `a disconnect the core did not ask for (${
          after.disconnect!.name
        }) counts as requested`;
      }
      const expected = commands(effects, "disconnect_sta") || (before.leaving && !leaveEnds(step));
      if (after.leaving !== expected) {
        return after.leaving
          ? `a leave is still awaited after ${step.input.type}`
          : `a leave stopped being awaited on ${step.input.type}`;
      }
      return null;
    },
  },
  {
    name: "no_retry_after_request",
    promise: "after a disconnect the application asked for, nothing rejoins until it asks again",
    check: ({ before, input, after, effects }) => {
      const asked = after.disconnect?.class === "requested" && after.sta !== "connecting";
      if (asked && effects.some((e) => e.type === "set_timer" && e.timer === "reconnect")) {
        return "a retry was planned after a requested leave";
      }
      if (asked && after.sta === "disconnected" && after.timers.reconnect !== undefined) {
        return "a retry is armed after a requested leave";
      }
      if (
        before.disconnect?.class === "requested" && before.sta === "disconnected" &&
        commands(effects, "connect_sta") && input.type !== "sta_connect"
      ) {
        return `rejoined on ${input.type} after a requested leave`;
      }
      return null;
    },
  },
  {
    name: "disconnect_stops_retrying",
    promise:
      "sta_disconnect leaves the station disconnecting or disconnected, with no retry, join, DHCP, link or roam timer armed, whatever it was doing",
    check: ({ input, after }) => {
      if (input.type !== "sta_disconnect" || after.active?.sta == null) return null;
      if (after.sta !== "disconnecting" && after.sta !== "disconnected") {
        return `the station is ${after.sta} after sta_disconnect`;
      }
      const left = JOINING_TIMERS.find((name) => after.timers[name] !== undefined);
      return left === undefined ? null : `${left} is still armed after sta_disconnect`;
    },
  },
  {
    name: "best_network_chosen",
    promise:
      "a retry joins the network with the highest priority less its unrecovered failures, the configured order breaking ties",
    check: ({ before, input, after, effects }) => {
      const sta = after.active?.sta;
      if (!fired(before, input, "reconnect") || sta == null || !commands(effects, "connect_sta")) {
        return null;
      }
      const score = (i: number) =>
        sta.networks[i]!.priority - penalty(after.health[i], after.now, sta.reconnect.recovery_ms);
      const better = sta.networks.findIndex((_, i) =>
        score(i) > score(after.target) || (score(i) === score(after.target) && i < after.target)
      );
      return better === -1
        ? null
        : `joined network ${after.target} while network ${better} scores better`;
    },
  },
  {
    name: "refused_join_rolled_back",
    promise:
      "a join the driver refuses is a failed attempt: the station is disconnected, the failure counted against the network, a retry armed as the policy plans, and settings sta_connect asked for are rolled back to what they were before it",
    check: ({ before, input, after }) => {
      if (input.type !== "driver_failed" || before.sta !== "connecting") return null;
      // A failure that names no command is taken as the join's.
      if ((input.command ?? "connect_sta") !== "connect_sta") return null;
      if (
        before.rollback !== null &&
        JSON.stringify(after.active?.sta) !== JSON.stringify(before.rollback)
      ) {
        return "the refused settings were kept";
      }
      if (after.sta !== "disconnected") return `a refused join left the station ${after.sta}`;
      if (after.health[before.target]?.since !== after.now) {
        return "the refusal was not counted against the network";
      }
      const sta = after.active?.sta;
      const retries = sta != null && sta.reconnect.enabled && sta.networks.length > 0;
      return retries && after.timers.reconnect === undefined
        ? "a refused join is not retried"
        : null;
    },
  },
];
