/**
 * Roaming (`sta.roam`): a station joined to a network of lower priority than another configured
 * one looks, every `interval_ms`, for a better one with a scan of its own, and moves when it hears
 * one no more than `rssi_margin` dB weaker than the current link. It does not look while the
 * soft-AP serves stations, unless `with_visitors` allows it: moving changes the radio's channel,
 * and the soft-AP's clients with it. A move that fails is a failed attempt like any other, so the
 * station falls back to the network it left.
 *
 * @module
 */
import { command, diagnostic, type Effect, type ScanOptions } from "./effect.ts";
import type { InputOf } from "./input.ts";
import { joinNetwork } from "./join.ts";
import type { State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";

/**
 * True when the station should look for a better network: roaming is on, it has an address, and
 * a configured network outranks the one it is on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "./mod.ts";
 * import { roamWanted } from "./roam.ts";
 * const config = { sta: { networks: [{ ssid: "home", priority: 1 }, { ssid: "phone", priority: 0 }], roam: {} } };
 * const [running] = step(createState({ config, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * assert.equal(roamWanted({ ...running, sta: "connected", target: 1 }), true);
 * assert.equal(roamWanted({ ...running, sta: "connected", target: 0 }), false);
 * ```
 */
export function roamWanted(state: State): boolean {
  const sta = state.active?.sta;
  if (sta?.roam == null || state.sta !== "connected") return false;
  const current = sta.networks[state.target];
  return current !== undefined && sta.networks.some((n) => n.priority > current.priority);
}

function roamDue(state: State): Outcome {
  const sta = state.active?.sta;
  if (sta?.roam == null || state.scan.phase !== "idle") return { state, effects: [] };
  if (state.stations.length > 0 && !sta.roam.with_visitors) {
    const message =
      `not looking for a better network: the access point serves ${state.stations.length} station(s)`;
    return { state, effects: [diagnostic("info", "roam_deferred", message)] };
  }
  const options: ScanOptions = { ...sta.scan, results: 64, show_hidden: false };
  return {
    state: { ...state, scan: { phase: "running", options, roam: true } },
    effects: [command({ command: "scan", ...options })],
  };
}

/** The end of a roaming scan: move to the best network heard that is worth it, if any. */
export function roamScanned(state: State, input: InputOf<"scan_done">): Outcome {
  const next: State = { ...state, scan: { phase: "idle" } };
  const active = next.active;
  const sta = active?.sta;
  const current = sta?.networks[next.target];
  if (
    input.error !== undefined || !roamWanted(next) || current === undefined || sta?.roam == null
  ) {
    return { state: next, effects: [] };
  }
  const heard = input.networks ?? [];
  const strongest = (ssid: string) =>
    heard.reduce<number | null>(
      (best, n) => n.ssid === ssid && (best === null || n.rssi > best) ? n.rssi : best,
      null,
    );
  const now = next.rssi ?? strongest(current.ssid);
  const margin = sta.roam.rssi_margin;
  // Networks are kept highest priority first: the first one worth it is the best.
  const better = sta.networks.findIndex((n) => {
    if (n.priority <= current.priority) return false;
    const rssi = strongest(n.ssid);
    return rssi !== null && (now === null || rssi >= now - margin);
  });
  if (better < 0 || active == null) return { state: next, effects: [] };
  const effects: Effect[] = [
    diagnostic(
      "info",
      "roam",
      `leaving "${current.ssid}" for "${sta.networks[better]!.ssid}", a network of higher priority`,
    ),
  ];
  return { state: joinNetwork(next, effects, active, better), effects };
}

/** The roaming row. */
export const ROAM_ROWS: readonly Transition[] = [
  row({
    region: "sta",
    from: ["connected"],
    on: "timer",
    timer: "roam",
    to: "same",
    does: "scan (the core's own)",
    apply: roamDue,
  }),
];
