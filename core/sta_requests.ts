/**
 * The station's requests, after AtomVM's newest `network`: `sta_connect` (with or without a new
 * configuration), `sta_disconnect`, and `sta_rssi`.
 *
 * `sta_connect(config)` merges the given keys over the running station (the flat form takes
 * `ssid`, `psk` and, as AtomVM's documentation allows, `dhcp_hostname`). Two of AtomVM's bugs are
 * fixed: a new `ssid` without a `psk` means an open network (AtomVM kept the old password), and the
 * merged settings are rolled back if the driver refuses them. `sta_disconnect` also stops retrying.
 *
 * @module
 */
import type { StaNetwork, StaSettings } from "./config/resolve.ts";
import { decodeStaConnect, STA_CALLBACKS, type StaSection } from "./config/schema.ts";
import { RECONNECT_DEFAULTS, ROAM_DEFAULTS } from "./config/policy.ts";
import { command, type Effect, type Reply } from "./effect.ts";
import type { InputOf, Request } from "./input.ts";
import { joinNetwork } from "./join.ts";
import { describeDisconnect } from "./reasons.ts";
import { chooseNetwork } from "./networks.ts";
import { JOINED_STATUSES, STA_STATUSES, type State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";
import { disarmTimer } from "./timers.ts";

function reply(to: Request["type"], value: Reply): Effect {
  return { type: "reply", to, reply: value };
}

function answer(to: Request["type"], value: Reply) {
  return (state: State): Outcome => ({ state, effects: [reply(to, value)] });
}

/**
 * The running station with `section`'s keys merged over it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeStation } from "./sta_requests.ts";
 * const running = { networks: [{ ssid: "home", psk: "old-pass", priority: 0 }], hostname: "h", managed: false } as never;
 * assert.deepEqual(mergeStation(running, 0, { ssid: "cafe" }).networks, [{ ssid: "cafe", psk: null, priority: 0 }]);
 * assert.deepEqual(mergeStation(running, 0, { psk: "new-pass" }).networks, [{ ssid: "home", psk: "new-pass", priority: 0 }]);
 * ```
 */
export function mergeStation(
  running: StaSettings,
  target: number,
  section: StaSection,
): StaSettings {
  let networks: readonly StaNetwork[] = running.networks;
  if (section.networks !== undefined) {
    networks = section.networks.map((n) => ({
      ssid: n.ssid,
      psk: n.psk || null,
      priority: n.priority ?? 0,
    }))
      .sort((a, b) => b.priority - a.priority);
  } else if (section.ssid !== undefined) {
    networks = [{ ssid: section.ssid, psk: section.psk || null, priority: 0 }];
  } else if (section.psk !== undefined && networks[target] !== undefined) {
    networks = networks.map((n, i) => i === target ? { ...n, psk: section.psk || null } : n);
  }
  const scan = {
    results: section.default_scan_results ?? running.scan?.results ?? 6,
    dwell_ms: section.scan_dwell_ms ?? running.scan?.dwell_ms ?? 120,
    show_hidden: section.scan_show_hidden ?? running.scan?.show_hidden ?? false,
    passive: section.scan_passive ?? running.scan?.passive ?? false,
  };
  return {
    networks,
    hostname: section.dhcp_hostname ?? running.hostname,
    managed: section.managed ?? running.managed,
    scan,
    reconnect: { ...RECONNECT_DEFAULTS, ...running.reconnect, ...section.reconnect },
    roam: section.roam === undefined ? running.roam ?? null : { ...ROAM_DEFAULTS, ...section.roam },
  };
}

function connect(state: State, input: InputOf<"sta_connect">): Outcome {
  const active = state.active!;
  const running = active.sta!;
  let settings = running;
  let callbacks = active.callbacks;
  if (input.config !== undefined) {
    const section = decodeStaConnect(input.config);
    if (section._tag === "Left") {
      return {
        state,
        effects: [reply("sta_connect", { error: "invalid_config", problems: section.left })],
      };
    }
    settings = mergeStation(running, state.target, section.right);
    // Callbacks named in the section are registered (or unregistered) from now on.
    const named = STA_CALLBACKS.filter((name) => section.right[name] !== undefined);
    if (named.length > 0) {
      callbacks = {
        ...callbacks,
        ...Object.fromEntries(named.map((name) => [name, section.right[name] === true])),
      };
    }
  }
  if (settings.networks.length === 0) {
    return { state, effects: [reply("sta_connect", { error: "no_ssid" })] };
  }
  const effects: Effect[] = [];
  let next: State = disarmTimer(state, effects, "reconnect");
  const renewed = settings !== running;
  const health = renewed ? [] : next.health;
  const target = chooseNetwork(settings.networks, health, next.now, settings.reconnect.recovery_ms);
  const nextActive = renewed || callbacks !== active.callbacks
    ? { ...active, sta: settings, callbacks }
    : active;
  next = joinNetwork(next, effects, nextActive, target);
  next = {
    ...next,
    health,
    rollback: renewed ? running : next.rollback,
    retry: { ...next.retry, attempt: 0 },
  };
  effects.push(reply("sta_connect", "ok"));
  return { state: next, effects };
}

function disconnect(state: State): Outcome {
  const effects: Effect[] = [];
  const next = disarmTimer(state, effects, "reconnect");
  if (state.sta === "disconnecting") {
    effects.push(reply("sta_disconnect", "ok"));
    return { state: next, effects };
  }
  if (state.sta === "disconnected") {
    // Between retries: the station stays down because the application asked.
    effects.push(reply("sta_disconnect", "ok"));
    return { state: { ...next, disconnect: describeDisconnect(undefined, true) }, effects };
  }
  effects.push(command({ command: "disconnect_sta" }), reply("sta_disconnect", "ok"));
  return { state: { ...next, sta: "disconnecting", leaving: true, resume: state.sta }, effects };
}

function rssi(state: State): Outcome {
  return { state, effects: [command({ command: "read_rssi" }), reply("sta_rssi", "ok")] };
}

/** The station statuses of a running network with a station. */
const RUNNING = STA_STATUSES.filter((status) => status !== "stopped" && status !== "inactive");
const REQUESTS = ["sta_connect", "sta_disconnect", "sta_rssi"] as const;

/** The station's request rows: every status answers every request. */
export const STA_REQUEST_ROWS: readonly Transition[] = [
  ...REQUESTS.flatMap((type) => [
    row({
      region: "sta",
      from: ["stopped"],
      on: type,
      to: "same",
      does: "reply not_started",
      apply: answer(type, { error: "not_started" }),
    }),
    row({
      region: "sta",
      from: ["inactive"],
      on: type,
      to: "same",
      does: "reply no_sta_mode",
      apply: answer(type, { error: "no_sta_mode" }),
    }),
  ]),
  row({
    region: "sta",
    from: RUNNING,
    on: "sta_connect",
    to: ["connecting", "same"],
    does: "connect_sta, reply",
    apply: connect,
  }),
  row({
    region: "sta",
    from: RUNNING,
    on: "sta_disconnect",
    to: ["disconnecting", "same"],
    does: "disconnect_sta, reply",
    apply: disconnect,
  }),
  row({
    region: "sta",
    from: JOINED_STATUSES,
    on: "sta_rssi",
    to: "same",
    does: "read_rssi, reply",
    apply: rssi,
  }),
  row({
    region: "sta",
    from: ["connecting", "disconnected", "disconnecting"],
    on: "sta_rssi",
    to: "same",
    does: "reply network_down",
    apply: answer("sta_rssi", { error: "network_down" }),
  }),
];
