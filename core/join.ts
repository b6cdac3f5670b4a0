/**
 * Joining a network from any running status: what `sta_connect` and a roaming move share.
 *
 * @module
 */
import { connectCommand } from "./commands.ts";
import type { ActiveConfig } from "./config/resolve.ts";
import { command, type Effect } from "./effect.ts";
import { JOINED_STATUSES, type State } from "./state.ts";

/**
 * Leaves the current AP, if joined, and joins network `target` of `active`; the address goes
 * with the old AP. The leave's own `sta_disconnected` is expected (`leaving`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "./mod.ts";
 * import { joinNetwork } from "./join.ts";
 * const [running] = step(createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * const effects: never[] = [];
 * const next = joinNetwork({ ...running, sta: "connected" }, effects, running.active!, 0);
 * assert.deepEqual([next.sta, next.leaving], ["connecting", true]);
 * assert.deepEqual(effects.map((e: { command: { command: string } }) => e.command.command), ["disconnect_sta", "connect_sta"]);
 * ```
 */
export function joinNetwork(
  state: State,
  effects: Effect[],
  active: ActiveConfig,
  target: number,
): State {
  const connect = connectCommand(active, target);
  if (connect === null) return state;
  const joined = JOINED_STATUSES.includes(state.sta);
  if (joined) effects.push(command({ command: "disconnect_sta" }));
  effects.push(command(connect));
  const dropped = joined || state.ip !== null
    ? { ip: null, ip6: [], channel: null, rssi: null }
    : {};
  const next: State = {
    ...state,
    ...dropped,
    active,
    sta: "connecting",
    target,
    leaving: joined || state.leaving,
  };
  return next;
}
