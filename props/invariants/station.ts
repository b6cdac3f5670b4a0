/**
 * The station's invariants: when an address is taken and reported, what status an address goes
 * with, what a lost link looks like, and what a new address and a join forbid or require.
 *
 * @module
 */
import { JOINED_STATUSES } from "../../core/state.ts";
import { callbacksOf, commands, type Invariant } from "./step.ts";

/**
 * The station's invariants, by name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { STATION_INVARIANTS } from "./station.ts";
 * const config = { sta: { ssid: "home", connected: true, got_ip: true } };
 * const [before] = step(createState({ config, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * const input = { type: "sta_got_ip", ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1", at: 900 } as const;
 * const [after, effects] = step(before, input);
 * const gotIp = STATION_INVARIANTS.find((i) => i.name === "got_ip_while_associated")!;
 * // The address implies the association: connected() comes first, in the same step.
 * assert.equal(gotIp.check({ before, input, after, effects, secrets: [] }), null);
 * const reversed = [...effects].reverse();
 * assert.match(gotIp.check({ before, input, after, effects: reversed, secrets: [] })!, /without connected/);
 * ```
 */
export const STATION_INVARIANTS: readonly Invariant[] = [
  {
    name: "got_ip_while_associated",
    promise:
      "got_ip fires only while the station is associated, or on the address that implies the association while it is connecting, with connected first in the same step",
    check: ({ before, input, after, effects }) => {
      const called = callbacksOf(effects);
      const gotIp = called.findIndex((c) => c.name === "got_ip");
      if (gotIp < 0 || JOINED_STATUSES.includes(before.sta)) return null;
      if (before.sta !== "connecting" || input.type !== "sta_got_ip") {
        return `got_ip while ${before.sta}`;
      }
      // ESP-IDF gives no address to a station that is not associated: the association is implied.
      const connected = called.findIndex((c) => c.name === "connected");
      const registered = after.active?.callbacks.connected === true;
      return !registered || (connected >= 0 && connected < gotIp)
        ? null
        : "got_ip while connecting, without connected before it";
    },
  },
  {
    name: "address_taken",
    promise:
      "an address DHCP gives while the station is connecting or joined is taken: the station is then connected with it",
    check: ({ before, input, after }) => {
      if (input.type !== "sta_got_ip") return null;
      if (before.sta !== "connecting" && !JOINED_STATUSES.includes(before.sta)) return null;
      const ip = after.ip;
      const taken = after.sta === "connected" && ip !== null && ip.ip === input.ip &&
        ip.netmask === input.netmask && ip.gw === input.gw;
      return taken ? null : `sta_got_ip while ${before.sta} left it ${after.sta}`;
    },
  },
  {
    name: "status_and_ip_agree",
    promise:
      "connected means an address; an address means connected, degraded, or disconnecting (held until the radio has left)",
    check: ({ after }) => {
      if (after.sta === "connected" && after.ip === null) return "connected without an address";
      const holds = after.sta === "connected" || after.sta === "degraded" ||
        after.sta === "disconnecting";
      if (after.ip !== null && !holds) return `an address while ${after.sta}`;
      return null;
    },
  },
  {
    name: "lost_link_noticed",
    promise:
      "a read_rssi the driver refuses while the station is joined means the radio has lost the link: the station is disconnected, without its address",
    check: ({ before, input, after }) =>
      input.type === "driver_failed" && input.command === "read_rssi" &&
        JOINED_STATUSES.includes(before.sta) &&
        (after.sta !== "disconnected" || after.ip !== null)
        ? `a refused read_rssi left the station ${after.sta}`
        : null,
  },
  {
    name: "sntp_restarted",
    promise: "each new address restarts SNTP when it is configured",
    check: ({ before, after, effects }) =>
      after.active?.sntp != null && after.ip !== null && after.ip.ip !== before.ip?.ip &&
        !commands(effects, "start_sntp")
        ? "a new address without an SNTP restart"
        : null,
  },
  {
    name: "mdns_follows_address",
    promise:
      "each new address restarts the mDNS responder when it is configured, and a responder only ever starts on the station's current address",
    check: ({ before, after, effects }) => {
      const started = effects.flatMap((e) =>
        e.type === "command" && e.command.command === "start_mdns" ? [e.command.ip] : []
      );
      if (started.some((ip) => ip !== after.ip?.ip)) return "a responder on another address";
      return after.active?.mdns != null && after.ip?.ip != null && after.ip.ip !== before.ip?.ip &&
          started.length === 0
        ? "a new address without an mDNS restart"
        : null;
    },
  },
  {
    name: "no_scan_while_joining",
    promise: "no scan is commanded while the station is joining (ESP-IDF would refuse it)",
    check: ({ after, effects }) =>
      after.sta === "connecting" && commands(effects, "scan") ? "a scan while joining" : null,
  },
];
