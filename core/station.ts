/**
 * The station region, in AtomVM's `sta_status()` vocabulary. Associating calls `connected`, an
 * address calls `got_ip` (again when DHCP renews with another address), and every disconnect,
 * including a failed attempt, calls `disconnected` and then asks reconnect.ts what to do.
 *
 * @module
 */
import { command, diagnostic, type Effect } from "./effect.ts";
import type { InputOf, IpInfo } from "./input.ts";
import { connectCommand } from "./lifecycle.ts";
import { notify } from "./notify.ts";
import { reconnectDelay } from "./reconnect.ts";
import type { State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";

function associated(state: State): Outcome {
  const next: State = { ...state, sta: "associated" };
  const effects: Effect[] = [];
  notify(next, effects, "connected");
  return { state: next, effects };
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
  const next: State = { ...state, sta: "connected", ip };
  const effects: Effect[] = [];
  notify(next, effects, "got_ip", ip);
  return { state: next, effects };
}

function disconnected(state: State, input: InputOf<"sta_disconnected">): Outcome {
  const effects: Effect[] = [];
  notify(state, effects, "disconnected");
  const delay = reconnectDelay(state, input);
  const connect = state.active === null ? null : connectCommand(state.active);
  if (delay === 0 && connect !== null) {
    effects.push(command(connect));
    return { state: { ...state, sta: "connecting", ip: null }, effects };
  }
  if (delay !== null && delay > 0) {
    effects.push({ type: "set_timer", timer: "reconnect", at: state.now + delay });
    return {
      state: {
        ...state,
        sta: "disconnected",
        ip: null,
        timers: { ...state.timers, reconnect: state.now + delay },
      },
      effects,
    };
  }
  return { state: { ...state, sta: "disconnected", ip: null }, effects };
}

/** The station rows. */
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
    from: ["associated", "connected"],
    on: "sta_got_ip",
    to: ["connected"],
    does: "got_ip(ip_info)",
    apply: gotIp,
  }),
  row({
    region: "sta",
    from: ["connecting", "associated", "connected"],
    on: "sta_disconnected",
    to: ["connecting", "disconnected"],
    does: "disconnected(), reconnect",
    apply: disconnected,
  }),
];
