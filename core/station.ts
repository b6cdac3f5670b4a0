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
import { stopFallback } from "./fallback.ts";
import type { InputOf, IpInfo } from "./input.ts";
import { chooseNetwork, withFailure } from "./networks.ts";
import { notify } from "./notify.ts";
import { describeDisconnect, type Disconnect } from "./reasons.ts";
import { planReconnect } from "./reconnect.ts";
import { releaseQueuedScan } from "./scan.ts";
import { JOINED_STATUSES, type State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";
import { armTimer, disarmTimer } from "./timers.ts";

function associated(state: State, input: InputOf<"sta_connected">, effects: Effect[]): State {
  // The radio may have joined on its own (an older driver reconnects by itself): no retry is due.
  const base = disarmTimer(state, effects, "reconnect");
  let next: State = {
    ...base,
    sta: "associated",
    channel: input.channel ?? null,
    disconnect: null,
    rollback: null,
    // An AP that lets us associate is there: a later failure (DHCP, say) starts the backoff over.
    retry: { ...base.retry, attempt: 0 },
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
  return releaseQueuedScan(next, effects);
}

function connected(state: State, input: InputOf<"sta_connected">): Outcome {
  const effects: Effect[] = [];
  return { state: associated(state, input, effects), effects };
}

function gotIp(state: State, input: InputOf<"sta_got_ip">): Outcome {
  const ip: IpInfo = { ip: input.ip, netmask: input.netmask, gw: input.gw };
  const old = state.ip;
  // A repeat is told by the address it shows: two reports of an unknown address are two.
  if (
    state.sta === "connected" && old !== null && ip.ip !== null && old.ip === ip.ip &&
    old.netmask === ip.netmask && old.gw === ip.gw
  ) {
    return {
      state,
      effects: [diagnostic("info", "ip_unchanged", `DHCP renewed ${ip.ip} unchanged`)],
    };
  }
  const effects: Effect[] = [];
  let base = state;
  if (state.sta === "connecting") {
    // ESP-IDF never gives an address to a station that is not associated: the address implies
    // the association, whose sta_connected was lost or is late.
    effects.push(
      diagnostic("info", "implied_association", "sta_got_ip before sta_connected: associated"),
    );
    base = associated(state, { type: "sta_connected", at: state.now }, effects);
  }
  const health = base.health.map((h, i) =>
    i === state.target ? { failures: 0, since: state.now } : h
  );
  let next: State = {
    ...base,
    sta: "connected",
    ip,
    health,
    retry: { ...base.retry, attempt: 0 },
  };
  notify(next, effects, "got_ip", ip);
  // AtomVM restarts SNTP on every new address: a sync that failed before the link was up retries.
  if (next.active?.sntp != null) {
    effects.push(command({ command: "start_sntp", host: next.active.sntp }));
  }
  startMdns(next, effects);
  next = stopFallback(next, effects);
  return { state: next, effects };
}

/** AtomVM's newest restarts its mDNS responder on every station address. */
function startMdns(state: State, effects: Effect[]): void {
  const mdns = state.active?.mdns;
  if (mdns == null) return;
  const ip = state.ip?.ip ?? null;
  if (ip === null) {
    // Only an imported log can hide the address; no responder can be started on an unknown one.
    effects.push(diagnostic("info", "mdns_not_started", "the station's address is unknown"));
    return;
  }
  effects.push(command({ command: "start_mdns", hostname: mdns.hostname, ttl: mdns.ttl, ip }));
}

function beaconTimeout(state: State): Outcome {
  const next: State = { ...state, sta: "degraded" };
  const effects: Effect[] = [];
  notify(next, effects, "beacon_timeout");
  return { state: next, effects };
}

function lostIp(state: State): Outcome {
  if (state.ip === null) {
    // ESP-IDF's lost-IP timer runs on after a disconnect that had an address.
    return {
      state,
      effects: [diagnostic("info", "lost_ip", "sta_lost_ip for an address already given up")],
    };
  }
  const message = `lost the address ${state.ip.ip} while still associated`;
  const effects: Effect[] = [diagnostic("warning", "lost_ip", message)];
  return { state: { ...state, sta: "associated", ip: null }, effects };
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
  // Whether we asked to leave is the core's knowledge, not the reason code's: ESP-IDF also
  // reports 8 (ASSOC_LEAVE) when the AP disassociates the station.
  const requested = state.leaving;
  const disconnect = describeDisconnect(input.reason, requested);
  const effects: Effect[] = [];
  if (state.sta === "disconnecting") {
    const next = forgetLink({ ...state, leaving: false }, disconnect);
    notify(next, effects, "disconnected");
    return { state: releaseQueuedScan({ ...next, sta: "disconnected" }, effects), effects };
  }
  if (requested) {
    // The leave of the previous link, while the next join is already under way.
    const next: State = { ...state, leaving: false };
    if (state.sta === "connecting") {
      notify(next, effects, "disconnected");
      return { state: { ...next, disconnect }, effects };
    }
    effects.push(
      diagnostic("info", "late_leave", `the leave of the previous link was reported late`),
    );
    return { state: next, effects };
  }
  const failed = state.sta === "connecting";
  return { state: loseLink(state, disconnect, failed, effects), effects };
}

function alreadyDisconnected(state: State): Outcome {
  if (state.leaving) {
    // The leave the core commanded when it gave up on a join or on DHCP.
    return {
      state: { ...state, leaving: false },
      effects: [diagnostic("info", "left", "the radio has left, as asked")],
    };
  }
  return {
    state,
    effects: [diagnostic("info", "already_disconnected", "sta_disconnected repeated")],
  };
}

/** The state without the link: no address, channel or signal. */
function forgetLink(state: State, disconnect: Disconnect): State {
  return { ...state, ip: null, ip6: [], disconnect, channel: null, rssi: null, resume: null };
}

/**
 * The station has lost its link, or failed to make one (`failed`: it counts against the network):
 * forget the link, call `disconnected`, and arm the reconnection the policy plans. The fallback
 * AP's clock starts, since the station is without an address.
 */
export function loseLink(
  state: State,
  disconnect: Disconnect,
  failed: boolean,
  effects: Effect[],
): State {
  let next = forgetLink(state, disconnect);
  notify(next, effects, "disconnected");
  const policy = next.active?.sta?.reconnect;
  if (policy === undefined) return { ...next, sta: "disconnected" };
  if (failed) {
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
  return releaseQueuedScan(next, effects);
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
    apply: connected,
  }),
  row({
    region: "sta",
    from: ["connecting", ...JOINED_STATUSES],
    on: "sta_got_ip",
    to: ["connected"],
    does: "got_ip(ip_info), start_sntp, start_mdns (connected() first while connecting)",
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
    from: ["connecting", ...JOINED_STATUSES, "disconnected", "disconnecting"],
    on: "sta_lost_ip",
    to: ["associated", "same"],
    does: "diagnostic, set_timer fallback",
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
    on: "sta_disconnected",
    to: "same",
    does: "diagnostic (the leave we asked for, or a repeat)",
    apply: alreadyDisconnected,
  }),
  row({
    region: "sta",
    from: ["disconnected"],
    on: "timer",
    timer: "reconnect",
    to: ["connecting", "disconnected"],
    does: "connect_sta",
    apply: reconnectDue,
  }),
];
