/**
 * The scan region, after AtomVM's `wifi_scan/0,1`: one scan at a time (`busy` otherwise), options
 * checked against AtomVM's limits and completed from the `sta` section's defaults, results to the
 * `scan_done` callback. Unlike ESP-IDF, which refuses a scan while the station is joining, a scan
 * requested then waits (`queued`) and runs as soon as the station is associated or has given up.
 * A scan with no `scan_done` within `deadlines.scan_ms` ends with `{error, timeout}`. The core's
 * own roaming scans (roam.ts) take the one slot too, and call no callback.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import { flag, integerIn, strictSection } from "./config/codecs.ts";
import { type ConfigProblem, toProblems } from "./config/problem.ts";
import { command, diagnostic, type Effect, type Reply, type ScanOptions } from "./effect.ts";
import { roamScanned } from "./roam.ts";
import type { InputOf } from "./input.ts";
import { notify } from "./notify.ts";
import type { State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";

const optionsCodec = strictSection("options", {
  results: integerIn(1, 64),
  dwell: integerIn(1, 1500, "milliseconds per channel"),
  passive: flag,
  show_hidden: flag,
}, {});

/** Starts a queued scan once the station is no longer joining. (A transition outside the table.) */
export function releaseQueuedScan(state: State, effects: Effect[]): State {
  if (state.scan.phase !== "queued" || state.sta === "connecting") return state;
  effects.push(command({ command: "scan", ...state.scan.options }));
  return { ...state, scan: { phase: "running", options: state.scan.options } };
}

function underOptions(problem: ConfigProblem): ConfigProblem {
  return problem.path === "options" ? problem : { ...problem, path: `options.${problem.path}` };
}

function reply(value: Reply): Effect {
  return { type: "reply", to: "scan", reply: value };
}

function requested(state: State, input: InputOf<"scan">): Outcome {
  const sta = state.active?.sta;
  if (sta == null) return { state, effects: [reply({ error: "no_sta_mode" })] };
  const decoded = optionsCodec.decode(input.options ?? {});
  if (isLeft(decoded)) {
    return {
      state,
      effects: [
        reply({ error: "badarg", problems: toProblems(decoded.left, "options").map(underOptions) }),
      ],
    };
  }
  const given = decoded.right;
  const passive = given.passive ?? sta.scan.passive;
  const options: ScanOptions = {
    results: given.results ?? sta.scan.results,
    dwell_ms: given.dwell ??
      (given.passive === undefined ? sta.scan.dwell_ms : passive ? 360 : 120),
    show_hidden: given.show_hidden ?? sta.scan.show_hidden,
    passive,
  };
  if (state.sta === "connecting") {
    return { state: { ...state, scan: { phase: "queued", options } }, effects: [reply("ok")] };
  }
  return {
    state: { ...state, scan: { phase: "running", options } },
    effects: [command({ command: "scan", ...options }), reply("ok")],
  };
}

function done(state: State, input: InputOf<"scan_done">): Outcome {
  if (state.scan.phase === "running" && state.scan.roam === true) return roamScanned(state, input);
  const effects: Effect[] = [];
  const result = input.error !== undefined
    ? { error: input.error }
    : { found: input.found ?? input.networks?.length ?? 0, networks: input.networks ?? [] };
  const next: State = { ...state, scan: { phase: "idle" } };
  notify(next, effects, "scan_done", result);
  return { state: next, effects };
}

function timedOut(state: State): Outcome {
  const ms = state.active?.deadlines.scan_ms ?? 0;
  const effects: Effect[] = [
    diagnostic("warning", "scan_timeout", `no scan_done ${ms / 1000} s after the scan began`),
  ];
  const next: State = { ...state, scan: { phase: "idle" } };
  if (state.scan.phase === "running" && state.scan.roam !== true) {
    notify(next, effects, "scan_done", { error: "timeout" });
  }
  return { state: next, effects };
}

/** The scan rows. */
export const SCAN_ROWS: readonly Transition[] = [
  row({
    region: "scan",
    from: ["stopped"],
    on: "scan",
    to: "same",
    does: "reply not_started",
    apply: (state) => ({ state, effects: [reply({ error: "not_started" })] }),
  }),
  row({
    region: "scan",
    from: ["idle"],
    on: "scan",
    to: ["queued", "running", "same"],
    does: "scan, reply",
    apply: requested,
  }),
  row({
    region: "scan",
    from: ["queued", "running"],
    on: "scan",
    to: "same",
    does: "reply busy",
    apply: (state) => ({ state, effects: [reply({ error: "busy" })] }),
  }),
  row({
    region: "scan",
    from: ["running"],
    on: "scan_done",
    to: ["idle"],
    does: "scan_done(results)",
    apply: done,
  }),
  row({
    region: "scan",
    from: ["running"],
    on: "timer",
    timer: "scan",
    to: ["idle"],
    does: "diagnostic, scan_done({error, timeout})",
    apply: timedOut,
  }),
];
