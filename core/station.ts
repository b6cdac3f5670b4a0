/**
 * The station region's device events, in AtomVM's `sta_status()` vocabulary. Associating calls
 * `connected`; an address calls `got_ip` (again when DHCP renews with another one) and restarts
 * SNTP; lost beacons make the link `degraded` and call `beacon_timeout`; every disconnect,
 * including a failed attempt, is named and classified (reasons.ts), calls `disconnected`, and asks
 * reconnect.ts what to do. The reconnect timer's firing joins the best network (networks.ts).
 *
 * @module
 */
import { connectCommand } from "./commands.ts";
import { command, diagnostic, type Effect } from "./effect.ts";
import { startFallbackTimer, stopFallback } from "./fallback.ts";
import type { InputOf, IpInfo } from "./input.ts";
import { chooseNetwork, withFailure } from "./networks.ts";
import { notify } from "./notify.ts";
import { describeDisconnect } from "./reasons.ts";
import { planReconnect } from "./reconnect.ts";
import { releaseQueuedScan } from "./scan.ts";
import { JOINED_STATUSES, type State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";
import { armTimer, disarmTimer } from "./timers.ts";

function associated(state: State, input: InputOf<"sta_connected">): Outcome {
  const effects: Effect[] = [];
  // The radio may have joined on its own (an older driver reconnects by itself): no retry is due.
  const base = disarmTimer(state, effects, "reconnect");
  let next: State = {
    ...base,
    sta: "associated",
    channel: input.channel ?? null,
    disconnect: null,
    rollback: null,
    leaving: false,
  };
  notify(next, effects, "connected");
  // In STA+AP the radio has one channel: the soft-AP moves to the station's.
  if (input.channel !== undefined && next.ap !== "off" && next.apChannel !== input.channel) {
    effects.push(
      diagnostic(
        "info",
        "ap_channel",
        `the access point follows the station to channel ${input.channel}`,
      ),
    );
    next = { ...next, apChannel: input.channel };
  }
  return { state: releaseQueuedScan(next, effects), effects };
}

function gotIp(state: State, input: InputOf<"sta_got_ip">): Outcome {
  const ip: IpInfo = { ip: input.ip, netmask: input.netmask, gw: input.gw };
  const old = state.ip;
  if (
    state.sta === "connected" && old !== null && old.ip === ip.ip && old.netmask === ip.netmask &&
    old.gw === ip.gw
  ) {
    return {
      state,
      effects: [diagnostic("info", "ip_unchanged", `DHCP renewed ${ip.ip} unchanged`)],
    };
  }
  const effects: Effect[] = [];
  const health = state.health.map((h, i) =>
    i === state.target ? { failures: 0, since: state.now } : h
  );
  let next: State = {
    ...state,
    sta: "connected",
    ip,
    health,
    retry: { ...state.retry, attempt: 0 },
  };
  notify(next, effects, "got_ip", ip);
  // AtomVM restarts SNTP on every new address: a sync that failed before the link was up retries.
  if (next.active?.sntp != null) {
    effects.push(command({ command: "start_sntp", host: next.active.sntp }));
  }
  next = stopFallback(next, effects);
  return { state: next, effects };
}

function beaconTimeout(state: State): Outcome {
  const next: State = { ...state, sta: "degraded" };
  const effects: Effect[] = [];
  notify(next, effects, "beacon_timeout");
  return { state: next, effects };
}

function lostIp(state: State): Outcome {
  const message = `lost the address ${state.ip?.ip ?? ""} while still associated`.replace(
    "  ",
    " ",
  );
  return {
    state: { ...state, sta: "associated", ip: null },
    effects: [diagnostic("warning", "lost_ip", message)],
  };
}

function gotIp6(state: State, input: InputOf<"sta_got_ip6">): Outcome {
  if (state.ip6.includes(input.ip6)) return { state, effects: [] };
  const next: State = { ...state, ip6: [...state.ip6, input.ip6] };
  const effects: Effect[] = [];
  notify(next, effects, "got_ip6", input.ip6);
  return { state: next, effects };
}

function rssiMeasured(state: State, input: InputOf<"sta_rssi_measured">): Outcome {
  return { state: { ...state, rssi: input.rssi }, effects: [] };
}

function disconnected(state: State, input: InputOf<"sta_disconnected">): Outcome {
  const requested = state.leaving;
  const disconnect = describeDisconnect(input.reason, requested);
  const effects: Effect[] = [];
  const hadAddress = state.ip !== null;
  let next: State = {
    ...state,
    ip: null,
    ip6: [],
    disconnect,
    channel: null,
    rssi: null,
    leaving: false,
    resume: null,
  };
  notify(next, effects, "disconnected");
  if (state.sta === "disconnecting") {
    return { state: releaseQueuedScan({ ...next, sta: "disconnected" }, effects), effects };
  }
  // Leaving one AP to join another: the join is already under way.
  if (requested && state.sta === "connecting") return { state: next, effects };
  const policy = next.active?.sta?.reconnect;
  if (policy === undefined) return { state: { ...next, sta: "disconnected" }, effects };
  if (state.sta === "connecting") {
    next = { ...next, health: withFailure(next.health, next.target, next.now, policy.recovery_ms) };
  }
  const plan = planReconnect(policy, disconnect, next.retry.attempt, next.retry.random);
  next = {
    ...next,
    sta: "disconnected",
    retry: { attempt: next.retry.attempt + 1, random: plan.random },
  };
  if (plan.delay !== null && (next.active?.sta?.networks.length ?? 0) > 0) {
    next = armTimer(next, effects, "reconnect", next.now + plan.delay);
  }
  if (hadAddress) next = startFallbackTimer(next, effects);
  return { state: releaseQueuedScan(next, effects), effects };
}

function reconnectDue(state: State): Outcome {
  const active = state.active;
  const recovery = active?.sta?.reconnect.recovery_ms ?? 1;
  const index = chooseNetwork(active?.sta?.networks ?? [], state.health, state.now, recovery);
  const connect = active === null ? null : connectCommand(active, index);
  if (connect === null) {
    return { state, effects: [diagnostic("warning", "no_network", "no network to reconnect to")] };
  }
  return { state: { ...state, sta: "connecting", target: index }, effects: [command(connect)] };
}

/** The station's event rows. */
export const STATION_ROWS: readonly Transition[] = [
  row({
    region: "sta",
    from: ["connecting", "disconnected"],
    on: "sta_connected",
    to: ["associated"],
    does: "connected()",
    apply: associated,
  }),
  row({
    region: "sta",
    from: JOINED_STATUSES,
    on: "sta_got_ip",
    to: ["connected"],
    does: "got_ip(ip_info), start_sntp",
    apply: gotIp,
  }),
  row({
    region: "sta",
    from: ["associated", "connected"],
    on: "sta_beacon_timeout",
    to: ["degraded"],
    does: "beacon_timeout()",
    apply: beaconTimeout,
  }),
  row({
    region: "sta",
    from: ["connected", "degraded"],
    on: "sta_lost_ip",
    to: ["associated"],
    does: "diagnostic",
    apply: lostIp,
  }),
  row({
    region: "sta",
    from: JOINED_STATUSES,
    on: "sta_got_ip6",
    to: "same",
    does: "got_ip6(ip6)",
    apply: gotIp6,
  }),
  row({
    region: "sta",
    from: JOINED_STATUSES,
    on: "sta_rssi_measured",
    to: "same",
    does: "remember rssi",
    apply: rssiMeasured,
  }),
  row({
    region: "sta",
    from: ["connecting", ...JOINED_STATUSES, "disconnecting"],
    on: "sta_disconnected",
    to: ["connecting", "disconnected"],
    does: "disconnected(), set_timer reconnect",
    apply: disconnected,
  }),
  row({
    region: "sta",
    from: ["disconnected"],
    on: "timer",
    to: ["connecting", "disconnected"],
    does: "connect_sta",
    apply: reconnectDue,
  }),
];
