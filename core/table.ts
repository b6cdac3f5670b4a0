/**
 * The transition table: every transition the core makes is a row here, and `step` runs only rows.
 * The state diagram is drawn from these rows, so the picture cannot drift from the code.
 *
 * Rule 1: a row declares every status it may lead to (`to`); tests check each step against it.
 * Rule 2: an input with no row for the current status changes nothing and emits a diagnostic.
 *
 * The machine has five regions that move independently: the lifecycle (`stopped`, `running`), the
 * station (AtomVM's `sta_status`), the soft-AP, SNTP, and scanning.
 *
 * @module
 */
import type { Effect } from "./effect.ts";
import type { Input, InputOf, InputType, TimerName } from "./input.ts";
import { STA_STATUSES, type State } from "./state.ts";

/** An independently moving part of the machine. */
export type Region = "lifecycle" | "sta" | "ap" | "sntp" | "scan";

/** What a row's handler produces. */
export interface Outcome {
  readonly state: State;
  readonly effects: readonly Effect[];
}

/** One row of the table. */
export interface Transition<K extends InputType = InputType> {
  readonly region: Region;
  readonly from: readonly string[];
  readonly on: K;
  /** For `on: "timer"`: which timer's firing the row handles. */
  readonly timer?: TimerName;
  /** The statuses it may lead to; `"same"` (alone or in the list) means it may leave it as it was. */
  readonly to: readonly string[] | "same";
  /** What the row does, for the diagram: `connected()`, `reply ok`. */
  readonly does: string;
  readonly apply: (state: State, input: InputOf<K>) => Outcome;
}

/** True when `status` is a status `transition` may lead to from `from`. */
export function leadsTo(transition: Transition, from: string, status: string): boolean {
  if (status === from && (transition.to === "same" || transition.to.includes("same"))) return true;
  return transition.to !== "same" && transition.to.includes(status);
}

/** Declares a row; the helper exists to tie the handler's input type to `on`. */
export function row<K extends InputType>(transition: Transition<K>): Transition {
  return transition as unknown as Transition;
}

/** The region an input belongs to. */
export function regionOf(input: Input): Region {
  switch (input.type) {
    case "sta_connected":
    case "sta_disconnected":
    case "sta_beacon_timeout":
    case "sta_got_ip":
    case "sta_lost_ip":
    case "sta_got_ip6":
    case "sta_rssi_measured":
    case "sta_connect":
    case "sta_disconnect":
    case "sta_rssi":
      return "sta";
    case "timer":
      // An untyped caller's timer name must not reach the object's prototype.
      return Object.hasOwn(TIMER_REGIONS, input.timer) ? TIMER_REGIONS[input.timer] : "lifecycle";
    case "scan":
    case "scan_done":
      return "scan";
    case "ap_started":
    case "ap_stopped":
    case "ap_sta_connected":
    case "ap_sta_disconnected":
    case "ap_sta_ip_assigned":
      return "ap";
    case "sntp_sync":
      return "sntp";
    default:
      return "lifecycle";
  }
}

const TIMER_REGIONS: Readonly<Record<TimerName, Region>> = {
  reconnect: "sta",
  join: "sta",
  dhcp: "sta",
  leave: "sta",
  link: "sta",
  roam: "sta",
  fallback: "ap",
  ap: "ap",
  scan: "scan",
};

/** The key a row or an input is found by: its type, and for a timer which one. */
export function inputKey(type: InputType, timer?: TimerName): string {
  return timer === undefined ? type : `timer:${timer}`;
}

/** The status of a region in a state. */
export function statusIn(state: State, region: Region): string {
  switch (region) {
    case "lifecycle":
      return state.active === null ? "stopped" : "running";
    case "sta":
      return state.sta;
    case "ap":
      return state.ap;
    case "sntp":
      return state.active?.sntp == null ? "off" : "started";
    case "scan":
      return state.active === null ? "stopped" : state.scan.phase;
  }
}

const KEYS: Readonly<Record<Region, Readonly<Record<string, string>>>> = {
  lifecycle: { stopped: "lifecycle/stopped", running: "lifecycle/running" },
  sta: Object.fromEntries(
    STA_STATUSES.map((status) => [status, `sta/${status}`]),
  ),
  ap: { off: "ap/off", starting: "ap/starting", started: "ap/started", stopping: "ap/stopping" },
  sntp: { off: "sntp/off", started: "sntp/started" },
  scan: {
    stopped: "scan/stopped",
    idle: "scan/idle",
    queued: "scan/queued",
    running: "scan/running",
  },
};

// Precomputed, so that finding a timer's row allocates nothing.
const TIMER_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(TIMER_REGIONS).map((name) => [name, inputKey("timer", name as TimerName)]),
);

/** Finds rows fast: region, status and input type to row. */
export class TransitionIndex {
  // Nested maps rather than a joined string key: a lookup allocates nothing.
  readonly #rows = new Map<string, Map<string, Transition>>();

  constructor(readonly rows: readonly Transition[]) {
    for (const transition of rows) {
      for (const from of transition.from) {
        const key = `${transition.region}/${from}`;
        const byType = this.#rows.get(key) ?? new Map<string, Transition>();
        const on = inputKey(transition.on, transition.timer);
        if (byType.has(on)) {
          throw new Error(`Cannot build the table: two rows for "${key}/${on}"`);
        }
        byType.set(on, transition);
        this.#rows.set(key, byType);
      }
    }
  }

  /** The row for an input in a region's status, if there is one. */
  find(region: Region, status: string, input: Input): Transition | undefined {
    const byType = this.#rows.get(KEYS[region][status] ?? "");
    if (byType === undefined) return undefined;
    if (input.type !== "timer") return byType.get(input.type);
    return Object.hasOwn(TIMER_KEYS, input.timer)
      ? byType.get(TIMER_KEYS[input.timer]!)
      : undefined;
  }
}
