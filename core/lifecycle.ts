/**
 * The lifecycle region: `start`, `stop`, the requests, and driver failures.
 *
 * `start` resolves the configuration against the device (NVS, defaults) and, when it is valid,
 * brings the radio up: `start_wifi`, then `connect_sta` for a station, then `start_sntp`. Any
 * configuration problem, in either section, fails `start` with every problem listed: AtomVM
 * silently dropped an invalid half and ran the other, which hid the mistake.
 *
 * `stop` is idempotent, cancels every timer, and leaves a state in which no callback can fire.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import { type ActiveConfig, resolveConfig } from "./config/resolve.ts";
import type { ConfigProblem } from "./config/problem.ts";
import {
  type Command,
  command,
  diagnostic,
  type Effect,
  type Reply,
  type WifiMode,
} from "./effect.ts";
import type { Request, TimerName } from "./input.ts";
import { REDACTED } from "./redact.ts";
import { type State, STOPPED } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";

function reply(to: Request["type"], value: Reply): Effect {
  return { type: "reply", to, reply: value };
}

function configError(problems: readonly ConfigProblem[]): Reply {
  return { error: "invalid_config", problems };
}

function modeOf(active: ActiveConfig): WifiMode {
  if (active.sta !== null && active.ap !== null) return "apsta";
  return active.sta !== null ? "sta" : "ap";
}

/** The `connect_sta` command for the running station configuration. */
export function connectCommand(active: ActiveConfig): Command | null {
  const sta = active.sta;
  if (sta === null) return null;
  return sta.psk === null
    ? { command: "connect_sta", ssid: sta.ssid, hostname: sta.hostname }
    : { command: "connect_sta", ssid: sta.ssid, psk: REDACTED, hostname: sta.hostname };
}

function startWifiCommand(active: ActiveConfig): Command {
  const ap = active.ap;
  if (ap === null) return { command: "start_wifi", mode: modeOf(active) };
  const settings = {
    ssid: ap.ssid,
    ssid_hidden: ap.ssid_hidden,
    max_connections: ap.max_connections,
  };
  return {
    command: "start_wifi",
    mode: modeOf(active),
    ap: ap.psk === null ? { ...settings, authmode: "open" } : {
      ssid: ap.ssid,
      psk: REDACTED,
      authmode: "wpa_wpa2_psk",
      ssid_hidden: ap.ssid_hidden,
      max_connections: ap.max_connections,
    },
  };
}

function start(state: State): Outcome {
  if (isLeft(state.config)) {
    return { state, effects: [reply("start", configError(state.config.left))] };
  }
  const resolved = resolveConfig(state.config.right, state.device);
  if (isLeft(resolved)) return { state, effects: [reply("start", configError(resolved.left))] };
  const active = resolved.right;
  const effects: Effect[] = [];
  if (active.sta !== null && active.sta.psk === null) {
    effects.push(
      diagnostic(
        "warning",
        "open_network",
        `station will join "${active.sta.ssid}" without a password`,
      ),
    );
  }
  if (active.ap !== null && active.ap.psk === null) {
    effects.push(
      diagnostic(
        "warning",
        "open_network",
        `access point "${active.ap.ssid}" is an open network: no psk is set`,
      ),
    );
  }
  effects.push(command(startWifiCommand(active)));
  const connect = connectCommand(active);
  if (connect !== null) effects.push(command(connect));
  if (active.sntp !== null) effects.push(command({ command: "start_sntp", host: active.sntp }));
  effects.push(reply("start", "ok"));
  const next: State = {
    ...state,
    active,
    sta: active.sta !== null ? "connecting" : "inactive",
    ip: null,
    ap: active.ap !== null ? "starting" : "off",
    stations: [],
    timers: {},
  };
  return { state: next, effects };
}

function stop(state: State): Outcome {
  const effects: Effect[] = [];
  for (const timer of Object.keys(state.timers) as TimerName[]) {
    effects.push({ type: "cancel_timer", timer });
  }
  effects.push(command({ command: "stop_wifi" }));
  effects.push(reply("stop", "ok"));
  const next: State = { ...state, ...STOPPED };
  return { state: next, effects };
}

function answer(to: Request["type"], value: Reply) {
  return (state: State): Outcome => ({ state, effects: [reply(to, value)] });
}

function driverFailed(
  state: State,
  input: { readonly error: string; readonly command?: string },
): Outcome {
  const what = input.command === undefined ? "a driver command" : `driver command ${input.command}`;
  const effects = [diagnostic("error", "driver_failed", `${what} failed: ${input.error}`)];
  // A failed connect leaves the station idle: retrying at once could spin on a broken driver.
  const connectFailed = input.command === undefined || input.command === "connect_sta";
  if (connectFailed && state.sta === "connecting") {
    return { state: { ...state, sta: "disconnected" }, effects };
  }
  return { state, effects };
}

const LATER_REQUESTS = ["sta_connect", "sta_disconnect", "scan"] as const;

/** The lifecycle rows. */
export const LIFECYCLE_ROWS: readonly Transition[] = [
  row({
    region: "lifecycle",
    from: ["stopped"],
    on: "start",
    to: ["running", "stopped"],
    does: "start_wifi, reply",
    apply: start,
  }),
  row({
    region: "lifecycle",
    from: ["running"],
    on: "start",
    to: ["running"],
    does: "reply already_started",
    apply: answer("start", { error: "already_started" }),
  }),
  row({
    region: "lifecycle",
    from: ["running"],
    on: "stop",
    to: ["stopped"],
    does: "stop_wifi, reply ok",
    apply: stop,
  }),
  row({
    region: "lifecycle",
    from: ["stopped"],
    on: "stop",
    to: ["stopped"],
    does: "reply ok",
    apply: answer("stop", "ok"),
  }),
  row({
    region: "lifecycle",
    from: ["running"],
    on: "driver_failed",
    to: ["running"],
    does: "diagnostic",
    apply: driverFailed,
  }),
  ...LATER_REQUESTS.flatMap((type) => [
    row({
      region: "lifecycle",
      from: ["stopped"],
      on: type,
      to: ["stopped"],
      does: "reply not_started",
      apply: answer(type, { error: "not_started" }),
    }),
    row({
      region: "lifecycle",
      from: ["running"],
      on: type,
      to: ["running"],
      does: "reply unsupported",
      apply: answer(type, { error: "unsupported" }),
    }),
  ]),
];
