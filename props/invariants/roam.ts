/**
 * Roaming's invariant: the core leaves a working link on its own only for a better network it has
 * just heard, and its own scans are nobody's callback.
 *
 * @module
 */
import { JOINED_STATUSES } from "../../core/state.ts";
import { calls, commands, fired, type Invariant } from "./step.ts";

/**
 * Roaming's invariant.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { ROAM_INVARIANTS } from "./roam.ts";
 * const config = { sta: { networks: [{ ssid: "home", priority: 1 }, { ssid: "phone" }], roam: {} } };
 * const [running] = step(createState({ config, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * const before = { ...running, sta: "connected" as const, target: 0, timers: {} };
 * // A move from the best network is never a roam.
 * const input = { type: "timer", timer: "reconnect", at: 10 } as const;
 * const effects = [{ type: "command", command: { command: "connect_sta", ssid: "phone", hostname: "h" } }] as const;
 * const [moves] = ROAM_INVARIANTS;
 * assert.match(moves!.check({ before, input, after: { ...before, target: 1 }, effects, secrets: [] })!, /left a link/);
 * ```
 */
export const ROAM_INVARIANTS: readonly Invariant[] = [
  {
    name: "roam_moves_up",
    promise:
      "the core leaves a joined link on its own only to roam: from connected, on its own scan's results, to a network of higher priority that the scan heard no more than rssi_margin dB weaker than the link; it looks only while the soft-AP serves no stations, unless with_visitors allows it, and its scans call no scan_done",
    check: ({ before, input, after, effects }) => {
      const roaming = before.scan.phase === "running" && before.scan.roam === true;
      if (roaming && calls(effects, "scan_done")) return "the core's own scan called scan_done";
      const roam = before.active?.sta?.roam;
      if (fired(before, input, "roam") && commands(effects, "scan")) {
        if (roam == null) return "a roaming scan without roaming configured";
        if (before.stations.length > 0 && !roam.with_visitors) {
          return `looked for a better network while the soft-AP serves ${before.stations.length}`;
        }
      }
      const moved = commands(effects, "connect_sta") && JOINED_STATUSES.includes(before.sta);
      if (!moved || input.type === "sta_connect") return null;
      if (input.type !== "scan_done" || !roaming || before.sta !== "connected") {
        return `left a link on ${input.type} while ${before.sta}`;
      }
      const networks = before.active?.sta?.networks ?? [];
      const from = networks[before.target];
      const to = networks[after.target];
      if (from === undefined || to === undefined || to.priority <= from.priority) {
        return `roamed from network ${before.target} to ${after.target}, not a better one`;
      }
      const strongest = (ssid: string) =>
        Math.max(...(input.networks ?? []).filter((n) => n.ssid === ssid).map((n) => n.rssi));
      const heard = strongest(to.ssid);
      if (heard === -Infinity) return `roamed to "${to.ssid}", which the scan did not hear`;
      // The link's own signal, measured or heard in the scan, is what the margin is counted from.
      const link = before.rssi ?? strongest(from.ssid);
      const margin = roam?.rssi_margin ?? 0;
      return link !== -Infinity && heard < link - margin
        ? `roamed to "${to.ssid}" at ${heard} dBm, more than ${margin} dB under the link's ${link}`
        : null;
    },
  },
];
