/**
 * Deadlines: every status that waits on the device has a timer, so that no lost, late or
 * never-sent event can leave the core waiting forever (config/deadlines.ts has the defaults and
 * why). One rule arms them all: after each step, {@link keepDeadlines} arms the timer a status
 * waits with when the status is entered (or its command is sent again) and cancels it when the
 * status is left. The station's rows for their firing live here; the soft-AP's and the scan's
 * beside their other rows.
 *
 * What each deadline does when it passes:
 * - `join` (connecting, no sta_connected or sta_disconnected): leave, and retry with backoff.
 * - `dhcp` (associated without an address): leave, and retry with backoff.
 * - `leave` (a disconnect_sta with no sta_disconnected): the leave is taken as done.
 * - `link` (joined): a `read_rssi` checks the link; the radio refusing it means the link is gone.
 *   After a beacon timeout the first check comes sooner (`degraded_ms`).
 *
 * @module
 */
import type { Deadlines } from "./config/deadlines.ts";
import { command, diagnostic, type Effect } from "./effect.ts";
import type { TimerName } from "./input.ts";
import { notify } from "./notify.ts";
import { describeDisconnect, DHCP_TIMEOUT, type Disconnect, JOIN_TIMEOUT } from "./reasons.ts";
import { roamWanted } from "./roam.ts";
import { releaseQueuedScan } from "./scan.ts";
import { JOINED_STATUSES, STA_STATUSES, type State } from "./state.ts";
import { loseLink } from "./station.ts";
import { type Outcome, row, type Transition } from "./table.ts";
import { armTimer, disarmTimer } from "./timers.ts";

function commanded(effects: readonly Effect[], name: string): boolean {
  for (const effect of effects) {
    if (effect.type === "command" && effect.command.command === name) return true;
  }
  return false;
}

function keep(
  state: State,
  effects: Effect[],
  timer: TimerName,
  wanted: boolean,
  restart: boolean,
  ms: number,
): State {
  if (!wanted) return disarmTimer(state, effects, timer);
  if (!restart && state.timers[timer] !== undefined) return state;
  // A slot is set only when empty: a restart cancels the old deadline first.
  return armTimer(disarmTimer(state, effects, timer), effects, timer, state.now + ms);
}

const linked = (state: State) => state.sta === "connected" || state.sta === "degraded";

/**
 * Arms and cancels the deadlines that `after`'s statuses wait with, given the step's effects;
 * appends the timer effects to `extra`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "./mod.ts";
 * const state = createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } });
 * const [joining, effects] = step(state, { type: "start", at: 0 });
 * assert.equal(joining.timers.join, 20_000); // connecting waits at most deadlines.join_ms
 * assert.ok(effects.some((e) => e.type === "set_timer" && e.timer === "join"));
 * ```
 */
export function keepDeadlines(
  before: State,
  after: State,
  effects: readonly Effect[],
  extra: Effect[],
): State {
  const active = after.active;
  if (active === null) return after;
  const d: Deadlines = active.deadlines;
  let next = after;
  if (active.sta !== null) {
    const joining = after.sta === "connecting";
    next = keep(
      next,
      extra,
      "join",
      joining,
      joining && (before.sta !== "connecting" || commanded(effects, "connect_sta")),
      d.join_ms,
    );
    next = keep(
      next,
      extra,
      "dhcp",
      after.sta === "associated",
      before.sta !== "associated",
      d.dhcp_ms,
    );
    if (after.sta === "degraded" && before.sta !== "degraded") {
      next = keep(next, extra, "link", true, true, d.degraded_ms);
    } else {
      next = keep(next, extra, "link", linked(after), !linked(before), d.link_check_ms);
    }
    next = keep(
      next,
      extra,
      "leave",
      after.leaving || after.sta === "disconnecting",
      commanded(effects, "disconnect_sta"),
      d.leave_ms,
    );
  }
  next = keep(
    next,
    extra,
    "scan",
    after.scan.phase === "running",
    commanded(effects, "scan"),
    d.scan_ms,
  );
  // The fallback AP's clock and roaming's are no deadlines, but follow the same rule: armed while
  // wanted. The fallback's runs whenever the station is without an address and no AP is up.
  if (active.ap?.fallback_after_ms != null && active.sta !== null) {
    const waiting = after.ap === "off" && after.ip === null;
    next = keep(next, extra, "fallback", waiting, false, active.ap.fallback_after_ms);
  }
  const roam = active.sta?.roam;
  if (roam != null) {
    next = keep(
      next,
      extra,
      "roam",
      roamWanted(next),
      before.sta !== "connected",
      roam.interval_ms,
    );
  }
  const apWaits = after.ap === "starting" || after.ap === "stopping";
  return keep(
    next,
    extra,
    "ap",
    apWaits,
    before.ap !== after.ap,
    after.ap === "starting" ? d.ap_start_ms : d.ap_stop_ms,
  );
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

/** A wait the radio never ended: leave whatever it is doing, and retry as after a failure. */
function giveUp(state: State, disconnect: Disconnect, code: string, message: string): Outcome {
  const effects: Effect[] = [
    diagnostic("warning", code, `${message}: leaving and retrying`),
    command({ command: "disconnect_sta" }),
  ];
  const next = loseLink(state, disconnect, true, effects);
  return { state: { ...next, leaving: true }, effects };
}

function joinDue(state: State): Outcome {
  const ms = state.active?.deadlines.join_ms ?? 0;
  const what = `no sta_connected or sta_disconnected ${seconds(ms)} after connect_sta`;
  return giveUp(state, JOIN_TIMEOUT, "join_timeout", what);
}

function dhcpDue(state: State): Outcome {
  const ms = state.active?.deadlines.dhcp_ms ?? 0;
  const what = `associated ${seconds(ms)} without an address from DHCP`;
  return giveUp(state, DHCP_TIMEOUT, "dhcp_timeout", what);
}

function leaveDue(state: State): Outcome {
  const ms = state.active?.deadlines.leave_ms ?? 0;
  const effects: Effect[] = [];
  const what = `no sta_disconnected ${seconds(ms)} after disconnect_sta`;
  if (state.sta !== "disconnecting") {
    effects.push(diagnostic("info", "leave_timeout", `${what}: the leave is taken as done`));
    return { state: { ...state, leaving: false }, effects };
  }
  effects.push(
    diagnostic("warning", "leave_timeout", `${what}: the station is taken as disconnected`),
  );
  const next: State = {
    ...state,
    sta: "disconnected",
    leaving: false,
    resume: null,
    ip: null,
    ip6: [],
    channel: null,
    rssi: null,
    disconnect: describeDisconnect(undefined, true),
  };
  notify(next, effects, "disconnected");
  return { state: releaseQueuedScan(next, effects), effects };
}

function linkDue(state: State): Outcome {
  const effects: Effect[] = [];
  if (state.sta === "degraded") {
    const ms = state.active?.deadlines.degraded_ms ?? 0;
    effects.push(
      diagnostic(
        "warning",
        "degraded_timeout",
        `no sta_disconnected ${seconds(ms)} after the beacon timeout: checking the link`,
      ),
    );
  }
  effects.push(command({ command: "read_rssi" }));
  return { state, effects };
}

const RUNNING = STA_STATUSES.filter((status) => status !== "stopped" && status !== "inactive");

/** The station's deadline rows. */
export const DEADLINE_ROWS: readonly Transition[] = [
  row({
    region: "sta",
    from: ["connecting"],
    on: "timer",
    timer: "join",
    to: ["disconnected"],
    does: "disconnect_sta, disconnected(), set_timer reconnect",
    apply: joinDue,
  }),
  row({
    region: "sta",
    from: ["associated"],
    on: "timer",
    timer: "dhcp",
    to: ["disconnected"],
    does: "disconnect_sta, disconnected(), set_timer reconnect",
    apply: dhcpDue,
  }),
  row({
    region: "sta",
    from: RUNNING,
    on: "timer",
    timer: "leave",
    to: ["disconnected", "same"],
    does: "diagnostic (disconnected() when disconnecting)",
    apply: leaveDue,
  }),
  row({
    region: "sta",
    from: JOINED_STATUSES.filter((status) => status !== "associated"),
    on: "timer",
    timer: "link",
    to: "same",
    does: "read_rssi",
    apply: linkDue,
  }),
];
