/**
 * The soft-AP region. Station joins and leaves balance per MAC: a second join of a MAC already
 * joined, a leave of one never joined, or a second report of one address is reported as a
 * diagnostic and calls nothing, so an application can keep an exact count from its callbacks. A
 * join past `max_connections` is reported and diagnosed: the radio enforces the limit, so our
 * count is what is wrong. An AP that does not report starting or stopping within its deadline is
 * taken as started or stopped.
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
  const effects: Effect[] = [];
  let base = state;
  if (state.ap === "starting") {
    // A station can only join an AP that is up: its ap_started was lost or is late.
    effects.push(diagnostic("info", "implied_ap_start", "ap_sta_connected before ap_started"));
    base = { ...state, ap: "started" };
    notify(base, effects, "ap_started");
  }
  const limit = state.active?.ap?.max_connections ?? 0;
  if (state.stations.length >= limit) {
    // The radio is the truth about who is joined: it enforces the limit itself, so our count is
    // off (a leave was lost). Report the join, and the disagreement.
    const message =
      `station ${input.mac} joined with ${state.stations.length} already counted, past max_connections (${limit}): a leave was probably lost`;
    effects.push(diagnostic("warning", "too_many_stations", message));
  }
  const next: State = { ...base, stations: [...state.stations, input.mac] };
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
  const next: State = {
    ...state,
    stations: state.stations.filter((mac) => mac !== input.mac),
    // Its lease is free again; so is any whose station we were not told.
    assigned: state.assigned.filter((lease) =>
      !lease.startsWith(`${input.mac}/`) && !lease.startsWith("/")
    ),
  };
  const effects: Effect[] = [];
  notify(next, effects, "sta_disconnected", input.mac);
  return { state: next, effects };
}

function ipAssigned(state: State, input: InputOf<"ap_sta_ip_assigned">): Outcome {
  const lease = `${input.mac ?? ""}/${input.ip}`;
  if (state.assigned.includes(lease)) {
    return {
      state,
      effects: [
        diagnostic("info", "ip_already_assigned", `${input.ip} was reported assigned twice`),
      ],
    };
  }
  const effects: Effect[] = [];
  const next: State = { ...state, assigned: [...state.assigned, lease] };
  notify(next, effects, "sta_ip_assigned", input.ip);
  return { state: next, effects };
}

function stopped(state: State): Outcome {
  // The radio sends no leave events for the stations of an AP that is gone: say they left.
  const asked = state.ap === "stopping";
  const effects: Effect[] = asked
    ? []
    : [diagnostic("warning", "ap_stopped", "the access point stopped unexpectedly")];
  for (const mac of state.stations) notify(state, effects, "sta_disconnected", mac);
  return { state: { ...state, ap: "off", apChannel: null, stations: [], assigned: [] }, effects };
}

function startDue(state: State): Outcome {
  const seconds = (state.active?.deadlines.ap_start_ms ?? 0) / 1000;
  const next: State = { ...state, ap: "started" };
  const effects: Effect[] = [
    diagnostic(
      "warning",
      "ap_start_timeout",
      `no ap_started ${seconds} s after starting the access point: taking it as started`,
    ),
  ];
  notify(next, effects, "ap_started");
  return { state: next, effects };
}

function stopDue(state: State): Outcome {
  const seconds = (state.active?.deadlines.ap_stop_ms ?? 0) / 1000;
  const { state: next, effects } = stopped(state);
  return {
    state: next,
    effects: [
      diagnostic(
        "warning",
        "ap_stop_timeout",
        `no ap_stopped ${seconds} s after stopping the access point: taking it as stopped`,
      ),
      ...effects,
    ],
  };
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
    from: ["starting", "started"],
    on: "ap_sta_connected",
    to: ["started", "same"],
    does: "sta_connected(mac) (ap_started() first while starting)",
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
  row({
    region: "ap",
    from: ["starting"],
    on: "timer",
    timer: "ap",
    to: ["started"],
    does: "diagnostic, ap_started()",
    apply: startDue,
  }),
  row({
    region: "ap",
    from: ["stopping"],
    on: "timer",
    timer: "ap",
    to: ["off"],
    does: "diagnostic, sta_disconnected(mac) for each",
    apply: stopDue,
  }),
  ...FALLBACK_ROWS,
];
