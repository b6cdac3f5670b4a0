/**
 * The soft-AP's invariants: its stations balance per MAC and follow the radio, and a fallback AP
 * starts only, and always, when the station is without an address.
 *
 * @module
 */
import { commands, type Invariant } from "./step.ts";

/**
 * The soft-AP's invariants, by name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { AP_INVARIANTS } from "./access_point.ts";
 * const config = { ap: { max_connections: 1, sta_connected: true } };
 * let [state] = step(createState({ config, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * [state] = step(state, { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03", at: 100 });
 * const input = { type: "ap_sta_connected", mac: "f0:18:98:aa:bb:cc", at: 200 } as const;
 * const [after, effects] = step(state, input);
 * const balance = AP_INVARIANTS.find((i) => i.name === "stations_balance")!;
 * // The radio admitted a second station: it is counted, and the count's disagreement diagnosed.
 * assert.equal(after.stations.length, 2);
 * assert.equal(balance.check({ before: state, input, after, effects, secrets: [] }), null);
 * assert.match(balance.check({ before: state, input, after: state, effects: [], secrets: [] })!, /not counted/);
 * ```
 */
export const AP_INVARIANTS: readonly Invariant[] = [
  {
    name: "stations_balance",
    promise:
      "per MAC, sta_connected and sta_disconnected alternate, starting with sta_connected; the count holds each MAC once, and counts every station the radio reports joining while the soft-AP is up, past max_connections too (the radio enforces the limit), with a too_many_stations diagnostic exactly then",
    check: ({ before, input, after, effects }) => {
      const joined = new Set(before.stations);
      for (const effect of effects) {
        if (effect.type !== "callback") continue;
        const mac = effect.args[0] as string;
        if (effect.name === "sta_connected") {
          if (joined.has(mac)) return `${mac} joined twice`;
          joined.add(mac);
        } else if (effect.name === "sta_disconnected") {
          if (!joined.delete(mac)) return `${mac} left without joining`;
        }
      }
      if (new Set(after.stations).size !== after.stations.length) return "a MAC counted twice";
      const limit = after.active?.ap?.max_connections ?? 0;
      const diagnosed = effects.some((e) =>
        e.type === "diagnostic" && e.code === "too_many_stations"
      );
      const up = before.ap === "starting" || before.ap === "started";
      const joins = input.type === "ap_sta_connected" && up && !before.stations.includes(input.mac);
      if (joins && !after.stations.includes(input.mac)) {
        return `${input.mac} joined but not counted`;
      }
      const past = joins && before.stations.length >= limit;
      if (past !== diagnosed) {
        return `${before.stations.length} counted, limit ${limit}: too_many_stations ${
          diagnosed ? "without" : "missing on"
        } a join past it`;
      }
      return null;
    },
  },
  {
    name: "fallback_only_without_address",
    promise:
      "the fallback AP starts only while the station has no address, and is being stopped (or off) whenever the station has one",
    check: ({ after, effects }) => {
      if (after.ip === null) return null;
      if (commands(effects, "start_ap")) return "the fallback AP started with an address";
      const up = after.ap === "starting" || after.ap === "started";
      return after.active?.ap?.fallback_after_ms != null && up
        ? `the fallback AP is ${after.ap} while the station has an address`
        : null;
    },
  },
  {
    name: "fallback_armed",
    promise:
      "while a fallback AP is off and the station is without an address, whatever it is doing (asked down too), the fallback timer is armed, so that the device can be reached within fallback_after_ms",
    check: ({ after }) =>
      after.active?.ap?.fallback_after_ms != null && after.ap === "off" && after.ip === null &&
        after.timers.fallback === undefined
        ? `the station is ${after.sta} without an address and no fallback is armed`
        : null,
  },
];
