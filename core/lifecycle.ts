/**
 * The lifecycle region: `start`, `stop`, and driver failures.
 *
 * `start` resolves the configuration against the device (NVS, defaults) and, when it is valid,
 * brings the radio up: `start_wifi`, then `connect_sta` for a station that is not `managed`, then
 * `start_sntp`; a fallback AP's timer starts counting. Any configuration problem, in either
 * section, fails `start` with every problem listed: AtomVM silently dropped an invalid half and
 * ran the other, which hid the mistake.
 *
 * `stop` is idempotent, cancels every timer, and leaves a state in which no callback can fire.
 *
 * A failed command is undone where it can be: a refused `connect_sta` is a failed attempt,
 * retried with backoff, after restoring the settings an unconfirmed `sta_connect` replaced; a
 * refused `disconnect_sta` returns to the status before it; a refused `read_rssi` while joined
 * means the radio has lost the link without saying so.
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import { apAtStart, connectCommand, startWifiCommand } from "./commands.ts";
import type { ConfigProblem } from "./config/problem.ts";
import { resolveConfig } from "./config/resolve.ts";
import type { NetworkConfig } from "./config/schema.ts";
import type { Device } from "./device.ts";
import { command, diagnostic, type Effect, type Reply } from "./effect.ts";
import type { InputOf, Request, TimerName } from "./input.ts";
import { notify } from "./notify.ts";
import { JOINED_STATUSES, type State, STOPPED } from "./state.ts";
import { LINK_LOST, REFUSED } from "./reasons.ts";
import { loseLink } from "./station.ts";
import { type Outcome, row, type Transition } from "./table.ts";

function reply(to: Request["type"], value: Reply): Effect {
  return { type: "reply", to, reply: value };
}

function configError(problems: readonly ConfigProblem[]): Reply {
  return { error: "invalid_config", problems };
}

// resolveConfig is pure and its result is never written to, so one per configuration and device
// serves every start: resolving again was a quarter of a start-heavy run's time. Keyed by the
// objects themselves (a state keeps both from createState); weakly, so nothing is kept alive.
const RESOLVED = new WeakMap<
  NetworkConfig,
  { readonly device: Device; readonly resolved: ReturnType<typeof resolveConfig> }
>();

function resolvedFor(config: NetworkConfig, device: Device): ReturnType<typeof resolveConfig> {
  const cached = RESOLVED.get(config);
  if (cached !== undefined && cached.device === device) return cached.resolved;
  const resolved = resolveConfig(config, device);
  RESOLVED.set(config, { device, resolved });
  return resolved;
}

function start(state: State): Outcome {
  if (isLeft(state.config)) {
    return { state, effects: [reply("start", configError(state.config.left))] };
  }
  const resolved = resolvedFor(state.config.right, state.device);
  if (isLeft(resolved)) return { state, effects: [reply("start", configError(resolved.left))] };
  const active = resolved.right;
  const effects: Effect[] = [];
  for (const network of active.sta?.networks ?? []) {
    if (network.psk === null) {
      effects.push(
        diagnostic(
          "warning",
          "open_network",
          `station will join "${network.ssid}" without a password`,
        ),
      );
    }
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
  const connect = active.sta === null || active.sta.managed ? null : connectCommand(active, 0);
  if (connect !== null) effects.push(command(connect));
  if (active.sntp !== null) effects.push(command({ command: "start_sntp", host: active.sntp }));
  const withAp = apAtStart(active);
  const next: State = {
    ...state,
    ...STOPPED,
    active,
    sta: active.sta === null ? "inactive" : connect === null ? "disconnected" : "connecting",
    retry: { attempt: 0, random: active.sta?.reconnect.seed ?? 0 },
    ap: withAp ? "starting" : "off",
    apChannel: withAp ? active.ap?.channel ?? null : null,
  };
  effects.push(reply("start", "ok"));
  return { state: next, effects };
}

function stop(state: State): Outcome {
  const effects: Effect[] = [];
  for (const timer of Object.keys(state.timers) as TimerName[]) {
    effects.push({ type: "cancel_timer", timer });
  }
  effects.push(command({ command: "stop_wifi" }));
  effects.push(reply("stop", "ok"));
  return { state: { ...state, ...STOPPED }, effects };
}

function driverFailed(state: State, input: InputOf<"driver_failed">): Outcome {
  const what = input.command === undefined ? "a driver command" : `driver command ${input.command}`;
  const effects: Effect[] = [
    diagnostic("error", "driver_failed", `${what} failed: ${input.error}`),
  ];
  switch (input.command ?? "connect_sta") {
    case "connect_sta": {
      if (state.sta !== "connecting") break;
      const active = state.active;
      const restored = state.rollback !== null && active !== null
        ? { ...active, sta: state.rollback }
        : active;
      // A refused join is a failed attempt, retried with the same backoff as any other, so a
      // driver that refuses for a while (the radio busy, a mode switch) does not strand the
      // station; the backoff keeps a broken one from spinning.
      const next = loseLink({ ...state, active: restored, rollback: null }, REFUSED, true, effects);
      return { state: next, effects };
    }
    case "disconnect_sta":
      if (state.sta === "disconnecting") {
        return {
          state: { ...state, sta: state.resume ?? "disconnected", resume: null, leaving: false },
          effects,
        };
      }
      // A refused leave reports no disconnect: the next one is not ours.
      if (state.leaving) return { state: { ...state, leaving: false }, effects };
      break;
    case "read_rssi":
      // The radio cannot measure a link it does not have: its disconnect was lost.
      if (JOINED_STATUSES.includes(state.sta)) {
        effects.push(
          diagnostic("warning", "link_lost", "the radio is no longer joined: reconnecting"),
        );
        return { state: loseLink(state, LINK_LOST, false, effects), effects };
      }
      break;
    case "scan": {
      if (state.scan.phase !== "running") break;
      const next: State = { ...state, scan: { phase: "idle" } };
      if (state.scan.roam !== true) notify(next, effects, "scan_done", { error: input.error });
      return { state: next, effects };
    }
    case "start_ap":
      if (state.ap === "starting") return { state: { ...state, ap: "off" }, effects };
      break;
  }
  return { state, effects };
}

/** The lifecycle rows. */
export const LIFECYCLE_ROWS: readonly Transition[] = [
  row({
    region: "lifecycle",
    from: ["stopped"],
    on: "start",
    to: ["running", "same"],
    does: "start_wifi, reply",
    apply: start,
  }),
  row({
    region: "lifecycle",
    from: ["running"],
    on: "start",
    to: "same",
    does: "reply already_started",
    apply: (state) => ({ state, effects: [reply("start", { error: "already_started" })] }),
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
    to: "same",
    does: "reply ok",
    apply: (state) => ({ state, effects: [reply("stop", "ok")] }),
  }),
  row({
    region: "lifecycle",
    from: ["running"],
    on: "driver_failed",
    to: "same",
    does: "diagnostic, undo",
    apply: driverFailed,
  }),
];
