/**
 * The fallback AP (`ap.fallback_after_ms`): when the station has been without an address that
 * long (since start, or since it lost one), the soft-AP starts so that someone can reach the
 * device, for example to provision it; the station keeps retrying; once it has an address again,
 * the AP stops. Such an AP starts on the station's channel when the station is associated, since
 * one radio serves both.
 *
 * @module
 */
import { apCommandSettings } from "./commands.ts";
import { command, diagnostic, type Effect } from "./effect.ts";
import type { State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";

function isFallback(state: State): boolean {
  return state.active?.ap?.fallback_after_ms != null;
}

/**
 * The station has an address: stop a fallback AP that runs. (Its clock, armed while the station
 * is without an address and no AP is up, is kept by deadlines.ts.)
 */
export function stopFallback(state: State, effects: Effect[]): State {
  if (!isFallback(state)) return state;
  if (state.ap !== "starting" && state.ap !== "started") return state;
  effects.push(
    diagnostic(
      "info",
      "fallback_ap",
      "the station has an address again: stopping the fallback access point",
    ),
  );
  effects.push(command({ command: "stop_ap" }));
  return { ...state, ap: "stopping" };
}

function fallbackDue(state: State): Outcome {
  const ap = state.active?.ap;
  if (ap == null) return { state, effects: [] };
  const channel = state.channel ?? ap.channel;
  const seconds = (ap.fallback_after_ms ?? 0) / 1000;
  return {
    state: { ...state, ap: "starting", apChannel: channel, stations: [], assigned: [] },
    effects: [
      diagnostic(
        "info",
        "fallback_ap",
        `the station has had no address for ${seconds} s: starting the fallback access point`,
      ),
      command({ command: "start_ap", ap: apCommandSettings(ap, channel) }),
    ],
  };
}

/** The fallback AP's rows. */
export const FALLBACK_ROWS: readonly Transition[] = [
  row({
    region: "ap",
    from: ["off"],
    on: "timer",
    timer: "fallback",
    to: ["starting"],
    does: "start_ap",
    apply: fallbackDue,
  }),
];
