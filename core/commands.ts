/**
 * Building driver commands from the running settings. psks appear only as `"<redacted>"`.
 *
 * @module
 */
import type { ActiveConfig, ApSettings } from "./config/resolve.ts";
import type { ApCommandSettings, Command, WifiMode } from "./effect.ts";
import { REDACTED } from "./redact.ts";

/**
 * The `connect_sta` command for network `index` of the running station, or null when there is
 * no such network (managed mode before `sta_connect` named one).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { connectCommand } from "./commands.ts";
 * const sta = { networks: [{ ssid: "home", psk: "secret12", priority: 0 }], hostname: "h" };
 * assert.deepEqual(connectCommand({ sta } as never, 0), { command: "connect_sta", ssid: "home", psk: "<redacted>", hostname: "h" });
 * ```
 */
export function connectCommand(active: ActiveConfig, index: number): Command | null {
  const sta = active.sta;
  const network = sta?.networks[index];
  if (sta == null || network === undefined) return null;
  return network.psk === null
    ? { command: "connect_sta", ssid: network.ssid, hostname: sta.hostname }
    : { command: "connect_sta", ssid: network.ssid, psk: REDACTED, hostname: sta.hostname };
}

/** The soft-AP as a command carries it, on `channel` if one is known. */
export function apCommandSettings(ap: ApSettings, channel: number | null): ApCommandSettings {
  const base = {
    ssid: ap.ssid,
    authmode: ap.psk === null ? "open" as const : "wpa_wpa2_psk" as const,
    ssid_hidden: ap.ssid_hidden,
    max_connections: ap.max_connections,
    ...(channel === null ? {} : { channel }),
    hostname: ap.hostname,
  };
  return ap.psk === null ? base : { ...base, psk: REDACTED };
}

/** True when the AP starts with the radio (it is configured and is not a fallback). */
export function apAtStart(active: ActiveConfig): boolean {
  return active.ap !== null && active.ap.fallback_after_ms === null;
}

/**
 * The `start_wifi` command: the radio's mode and, unless it is a fallback, the AP.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startWifiCommand } from "./commands.ts";
 * assert.deepEqual(startWifiCommand({ sta: {}, ap: null } as never), { command: "start_wifi", mode: "sta" });
 * ```
 */
export function startWifiCommand(active: ActiveConfig): Command {
  const withAp = apAtStart(active);
  const mode: WifiMode = active.sta !== null && withAp
    ? "apsta"
    : active.sta !== null
    ? "sta"
    : "ap";
  if (!withAp || active.ap === null) return { command: "start_wifi", mode };
  return { command: "start_wifi", mode, ap: apCommandSettings(active.ap, active.ap.channel) };
}
