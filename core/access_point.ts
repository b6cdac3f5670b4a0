/**
 * The soft-AP region. Station joins and leaves balance per MAC: a second join of a MAC already
 * joined, a leave of one never joined, or a join past `max_connections` is reported as a
 * diagnostic and calls nothing, so an application can keep an exact count from its callbacks.
 *
 * @module
 */
import { diagnostic, type Effect } from "./effect.ts";
import type { InputOf } from "./input.ts";
import { FALLBACK_ROWS } from "./fallback.ts";
import { notify } from "./notify.ts";
import type { State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";

function started(state: State): Outcome {
  const next: State = { ...state, ap: "started" };
  const effects: Effect[] = [];
  notify(next, effects, "ap_started");
  return { state: next, effects };
}

function stationJoined(state: State, input: InputOf<"ap_sta_connected">): Outcome {
  if (state.stations.includes(input.mac)) {
    return {
      state,
      effects: [
        diagnostic("warning", "station_already_joined", `station ${input.mac} joined twice`),
      ],
    };
  }
  const limit = state.active?.ap?.max_connections ?? 0;
  if (state.stations.length >= limit) {
    const message = `station ${input.mac} joined past max_connections (${limit})`;
    return { state, effects: [diagnostic("warning", "too_many_stations", message)] };
  }
  const next: State = { ...state, stations: [...state.stations, input.mac] };
  const effects: Effect[] = [];
  notify(next, effects, "sta_connected", input.mac);
  return { state: next, effects };
}

function stationLeft(state: State, input: InputOf<"ap_sta_disconnected">): Outcome {
  if (!state.stations.includes(input.mac)) {
    return {
      state,
      effects: [
        diagnostic("warning", "station_not_joined", `station ${input.mac} left without joining`),
      ],
    };
  }
  const next: State = { ...state, stations: state.stations.filter((mac) => mac !== input.mac) };
  const effects: Effect[] = [];
  notify(next, effects, "sta_disconnected", input.mac);
  return { state: next, effects };
}

function ipAssigned(state: State, input: InputOf<"ap_sta_ip_assigned">): Outcome {
  const effects: Effect[] = [];
  notify(state, effects, "sta_ip_assigned", input.ip);
  return { state, effects };
}

function stopped(state: State): Outcome {
  // The radio sends no leave events for the stations of an AP that is gone: say they left.
  const asked = state.ap === "stopping";
  const effects: Effect[] = asked
    ? []
    : [diagnostic("warning", "ap_stopped", "the access point stopped unexpectedly")];
  for (const mac of state.stations) notify(state, effects, "sta_disconnected", mac);
  return { state: { ...state, ap: "off", apChannel: null, stations: [] }, effects };
}

/** The soft-AP rows. */
export const ACCESS_POINT_ROWS: readonly Transition[] = [
  row({
    region: "ap",
    from: ["starting"],
    on: "ap_started",
    to: ["started"],
    does: "ap_started()",
    apply: started,
  }),
  row({
    region: "ap",
    from: ["started"],
    on: "ap_sta_connected",
    to: "same",
    does: "sta_connected(mac)",
    apply: stationJoined,
  }),
  row({
    region: "ap",
    from: ["started"],
    on: "ap_sta_disconnected",
    to: "same",
    does: "sta_disconnected(mac)",
    apply: stationLeft,
  }),
  row({
    region: "ap",
    from: ["started"],
    on: "ap_sta_ip_assigned",
    to: "same",
    does: "sta_ip_assigned(ip)",
    apply: ipAssigned,
  }),
  row({
    region: "ap",
    from: ["starting", "started", "stopping"],
    on: "ap_stopped",
    to: ["off"],
    does: "sta_disconnected(mac) for each",
    apply: stopped,
  }),
  ...FALLBACK_ROWS,
];
