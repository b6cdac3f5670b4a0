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
import { penalty } from "../core/networks.ts";
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
      if (input.type === "timer" && !(before.timers[input.timer]! <= input.at)) {
        const changed =
          JSON.stringify({ ...after, now: 0 }) !== JSON.stringify({ ...before, now: 0 });
        if (changed || effects.some((e) => e.type !== "diagnostic")) {
          return `timer ${input.timer} acted before it was due`;
        }
      }
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
    promise:
      "every reconnect delay lies within the policy's bounds for the disconnect's class: from its base (slower after wrong credentials) less the jitter, up to the cap",
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
        const high = delayBounds(policy)[1];
        const delay = effect.at - after.now;
        if (delay < low || delay > high) {
          return `reconnect in ${delay} ms, outside [${low}, ${high}]`;
        }
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
      const rejoined = effects.some((e) =>
        e.type === "command" && e.command.command === "connect_sta"
      );
      if (
        before.disconnect?.class === "requested" && before.sta === "disconnected" && rejoined &&
        input.type !== "sta_connect"
      ) {
        return `rejoined on ${input.type} after a requested leave`;
      }
      return null;
    },
  },
  {
    name: "disconnect_stops_retrying",
    promise: "sta_disconnect leaves no retry armed, whatever the station was doing",
    check: ({ input, after }) =>
      input.type === "sta_disconnect" && after.active?.sta != null &&
        after.timers.reconnect !== undefined
        ? "a retry is still armed after sta_disconnect"
        : null,
  },
  {
    name: "best_network_chosen",
    promise:
      "a retry joins the network with the highest priority less its unrecovered failures, the configured order breaking ties",
    check: ({ input, after, effects }) => {
      const sta = after.active?.sta;
      const connect = effects.find((e) =>
        e.type === "command" && e.command.command === "connect_sta"
      );
      if (input.type !== "timer" || sta == null || connect === undefined) return null;
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
      "when the driver refuses a join that sta_connect asked for, the station's settings are what they were before it",
    check: ({ before, input, after }) =>
      input.type === "driver_failed" && input.command === "connect_sta" &&
        before.sta === "connecting" &&
        before.rollback !== null &&
        JSON.stringify(after.active?.sta) !== JSON.stringify(before.rollback)
        ? "the refused settings were kept"
        : null,
  },
  {
    name: "callbacks_fire",
    promise:
      "a registered callback fires whenever its event happens: connected on associating, got_ip on a new address, disconnected on every disconnect, ap_started, and sta_connected / sta_disconnected for each station that comes or goes",
    check: ({ before, input, after, effects }) => {
      const registered = (name: string) =>
        after.active?.callbacks[name as never] === true ||
        before.active?.callbacks[name as never] === true;
      const fired = new Set(callbacks({ effects } as Step).map((c) => c.name as string));
      const expect = (name: string, when: boolean) =>
        when && registered(name) && !fired.has(name) ? `${name} did not fire` : null;
      return expect(
        "connected",
        after.sta === "associated" &&
          (before.sta === "connecting" || before.sta === "disconnected"),
      ) ??
        expect("got_ip", after.ip !== null && after.ip.ip !== before.ip?.ip) ??
        expect(
          "disconnected",
          input.type === "sta_disconnected" && after.disconnect !== before.disconnect &&
            after.disconnect !== null,
        ) ??
        expect("ap_started", before.ap === "starting" && after.ap === "started") ??
        expect("sta_connected", after.stations.some((mac) => !before.stations.includes(mac))) ??
        expect(
          "sta_disconnected",
          after.active !== null && before.stations.some((mac) => !after.stations.includes(mac)),
        );
    },
  },
  {
    name: "sntp_restarted",
    promise: "each new address restarts SNTP when it is configured",
    check: ({ before, after, effects }) =>
      after.active?.sntp != null && after.ip !== null && after.ip.ip !== before.ip?.ip &&
        !effects.some((e) => e.type === "command" && e.command.command === "start_sntp")
        ? "a new address without an SNTP restart"
        : null,
  },
  {
    name: "no_scan_while_joining",
    promise: "no scan is commanded while the station is joining (ESP-IDF would refuse it)",
    check: ({ after, effects }) =>
      after.sta === "connecting" &&
        effects.some((e) => e.type === "command" && e.command.command === "scan")
        ? "a scan while joining"
        : null,
  },
  {
    name: "fallback_only_without_address",
    promise: "the fallback AP starts only while the station has no address",
    check: ({ after, effects }) =>
      after.ip !== null &&
        effects.some((e) => e.type === "command" && e.command.command === "start_ap")
        ? "the fallback AP started with an address"
        : null,
  },
  {
    name: "one_reply_per_request",
    promise: "every request gets exactly one reply, events none, and stop always replies ok",
    check: ({ input, effects }) => {
      const replies = effects.filter((e) => e.type === "reply");
      const request = ["start", "stop", "sta_connect", "sta_disconnect", "scan", "sta_rssi"]
        .includes(input.type);
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
