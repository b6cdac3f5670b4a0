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
import { copyState, JOINED_STATUSES, STA_STATUSES, type State } from "./state.ts";
import { loseLink } from "./station.ts";
import { type Outcome, row, type Transition } from "./table.ts";

function commanded(effects: readonly Effect[], name: string): boolean {
  for (const effect of effects) {
    if (effect.type === "command" && effect.command.command === name) return true;
  }
  return false;
}

// A bit per slot that keepDeadlines moves. Tested by `switch`, not looked up as `timers[name]`:
// a keyed load whose key varies goes megamorphic, and eight of them were most of a quiet step.
function bitOf(name: string): number {
  switch (name) {
    case "join":
      return 1;
    case "dhcp":
      return 2;
    case "link":
      return 4;
    case "leave":
      return 8;
    case "scan":
      return 16;
    case "fallback":
      return 32;
    case "roam":
      return 64;
    case "ap":
      return 128;
    default:
      return 0;
  }
}

/**
 * The timer changes of one step, gathered so that the state and its timers are copied once
 * however many deadlines move (each slot is touched at most once per step). A cancelled slot
 * leaves its place and an armed one goes last, as cancelling and arming one by one would.
 */
class TimerEdits {
  /** Which of the slots are armed (a deadline, not `undefined`), and which this step cancels. */
  readonly armedBits: number = 0;
  removedBits = 0;
  armed: TimerName[] | null = null;
  deadlines: number[] | null = null;

  constructor(readonly timers: State["timers"], readonly now: number, readonly effects: Effect[]) {
    const all = timers as Readonly<Record<string, number | undefined>>;
    let bits = 0;
    for (const name in all) if (all[name] !== undefined) bits |= bitOf(name);
    this.armedBits = bits;
  }

  keep(bit: number, timer: TimerName, wanted: boolean, restart: boolean, ms: number): void {
    if ((this.armedBits & bit) !== 0) {
      if (wanted && !restart) return;
      this.effects.push({ type: "cancel_timer", timer });
      this.removedBits |= bit;
    }
    if (!wanted) return;
    // A slot is set only when empty: a restart cancelled the old deadline first.
    const at = this.now + ms;
    this.effects.push({ type: "set_timer", timer, at });
    (this.armed ??= []).push(timer);
    (this.deadlines ??= []).push(at);
  }

  /** `state` with the gathered changes, or `state` itself when there are none. */
  applyTo(state: State): State {
    if (this.removedBits === 0 && this.armed === null) return state;
    const before = this.timers as Readonly<Record<string, number>>;
    const removed = this.removedBits;
    const timers: Record<string, number> = {};
    for (const name in before) {
      if ((removed & bitOf(name)) === 0) timers[name] = before[name]!;
    }
    const armed = this.armed;
    if (armed !== null) {
      for (let i = 0; i < armed.length; i++) timers[armed[i]!] = this.deadlines![i]!;
    }
    const next = copyState(state);
    next.timers = timers;
    return next;
  }
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
  const edits = new TimerEdits(after.timers, after.now, extra);
  if (active.sta !== null) {
    const joining = after.sta === "connecting";
    edits.keep(
      1,
      "join",
      joining,
      joining && (before.sta !== "connecting" || commanded(effects, "connect_sta")),
      d.join_ms,
    );
    edits.keep(2, "dhcp", after.sta === "associated", before.sta !== "associated", d.dhcp_ms);
    if (after.sta === "degraded" && before.sta !== "degraded") {
      edits.keep(4, "link", true, true, d.degraded_ms);
    } else {
      edits.keep(4, "link", linked(after), !linked(before), d.link_check_ms);
    }
    const leaving = after.leaving || after.sta === "disconnecting";
    // Looked for only when it matters: scanning the effects is most of an idle step's cost.
    edits.keep(8, "leave", leaving, leaving && commanded(effects, "disconnect_sta"), d.leave_ms);
  }
  const scanning = after.scan.phase === "running";
  edits.keep(16, "scan", scanning, scanning && commanded(effects, "scan"), d.scan_ms);
  // The fallback AP's clock and roaming's are no deadlines, but follow the same rule: armed while
  // wanted. The fallback's runs whenever the station is without an address and no AP is up.
  if (active.ap?.fallback_after_ms != null && active.sta !== null) {
    const waiting = after.ap === "off" && after.ip === null;
    edits.keep(32, "fallback", waiting, false, active.ap.fallback_after_ms);
  }
  const roam = active.sta?.roam;
  if (roam != null) {
    edits.keep(64, "roam", roamWanted(after), before.sta !== "connected", roam.interval_ms);
  }
  const apWaits = after.ap === "starting" || after.ap === "stopping";
  edits.keep(
    128,
    "ap",
    apWaits,
    before.ap !== after.ap,
    after.ap === "starting" ? d.ap_start_ms : d.ap_stop_ms,
  );
  return edits.applyTo(after);
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
