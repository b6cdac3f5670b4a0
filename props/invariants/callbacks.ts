/**
 * The callbacks' invariants: a registered callback fires whenever its event happens, and an event
 * reported again (a duplicate from the driver, or a retransmission) calls nothing the second time,
 * so that an application can count on its callbacks.
 *
 * @module
 */
import type { CallbackName } from "../../core/config/resolve.ts";
import { JOINED_STATUSES } from "../../core/state.ts";
import { callbacksOf, type Invariant, type Step } from "./step.ts";

/** The events of a step that must call their callback, each with whether it happened. */
function events({ before, input, after }: Step): readonly [CallbackName, boolean][] {
  const running = after.active !== null && before.active !== null;
  // An unknown time (null) is never the same synchronisation as another.
  const newSync = input.type === "sntp_sync" && after.active?.sntp != null &&
    (input.sec === null || before.synced?.sec !== input.sec || before.synced?.usec !== input.usec);
  const newLease = input.type === "ap_sta_ip_assigned" && before.ap === "started" &&
    !before.assigned.includes(`${input.mac ?? ""}/${input.ip}`);
  const newIp6 = input.type === "sta_got_ip6" && JOINED_STATUSES.includes(before.sta) &&
    !before.ip6.includes(input.ip6);
  const userScan = before.scan.phase === "running" && before.scan.roam !== true;
  return [
    [
      "connected",
      (before.sta === "connecting" || before.sta === "disconnected") &&
      JOINED_STATUSES.includes(after.sta),
    ],
    ["got_ip", after.ip !== null && after.ip.ip !== before.ip?.ip],
    [
      // A station already down that the application asks down again has no new disconnect.
      "disconnected",
      running && before.sta !== "disconnected" && (
        after.sta === "disconnected" ||
        (after.disconnect !== null && after.disconnect !== before.disconnect)
      ),
    ],
    [
      "beacon_timeout",
      after.sta === "degraded" && (before.sta === "associated" || before.sta === "connected"),
    ],
    ["got_ip6", newIp6],
    ["scan_done", running && userScan && after.scan.phase !== "running"],
    ["synchronized", newSync],
    ["ap_started", before.ap === "starting" && after.ap === "started"],
    ["sta_connected", after.stations.some((mac) => !before.stations.includes(mac))],
    [
      "sta_disconnected",
      after.active !== null && before.stations.some((mac) => !after.stations.includes(mac)),
    ],
    ["sta_ip_assigned", newLease],
  ];
}

/** The callbacks a repeated report must not call again, with whether this step repeats one. */
function repeats({ before, input }: Step): readonly [CallbackName, boolean][] {
  // A repeat is told by what it shows: an unknown address or time repeats nothing.
  const sameIp = input.type === "sta_got_ip" && before.sta === "connected" && input.ip !== null &&
    before.ip?.ip === input.ip && before.ip.netmask === input.netmask && before.ip.gw === input.gw;
  return [
    [
      "synchronized",
      input.type === "sntp_sync" && input.sec !== null && before.synced?.sec === input.sec &&
      before.synced.usec === input.usec,
    ],
    [
      "sta_ip_assigned",
      input.type === "ap_sta_ip_assigned" &&
      before.assigned.includes(`${input.mac ?? ""}/${input.ip}`),
    ],
    ["got_ip", sameIp],
    ["got_ip6", input.type === "sta_got_ip6" && before.ip6.includes(input.ip6)],
    ["connected", input.type === "sta_connected" && JOINED_STATUSES.includes(before.sta)],
    ["beacon_timeout", input.type === "sta_beacon_timeout" && before.sta === "degraded"],
    ["ap_started", input.type === "ap_started" && before.ap === "started"],
    ["disconnected", input.type === "sta_disconnected" && before.sta === "disconnected"],
  ];
}

/**
 * The callbacks' invariants, by name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { CALLBACK_INVARIANTS } from "./callbacks.ts";
 * const config = { sta: { ssid: "home" }, sntp: { host: "pool.ntp.org", synchronized: true } };
 * let [before] = step(createState({ config, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * const input = { type: "sntp_sync", sec: 1_795_000_001, usec: 0, at: 10 } as const;
 * [before] = step(before, input);
 * const [after, effects] = step(before, input);
 * const repeated = CALLBACK_INVARIANTS.find((i) => i.name === "repeats_call_nothing")!;
 * assert.equal(repeated.check({ before, input, after, effects, secrets: [] }), null);
 * const again = [{ type: "callback", name: "synchronized", args: [] }] as const;
 * assert.match(repeated.check({ before, input, after, effects: again, secrets: [] })!, /synchronized/);
 * ```
 */
export const CALLBACK_INVARIANTS: readonly Invariant[] = [
  {
    name: "callbacks_fire",
    promise:
      "a registered callback fires whenever its event happens: connected on associating (an address while connecting implies it), got_ip on a new address, disconnected on every disconnect (the core's own, after a deadline or a refusal, too), beacon_timeout, got_ip6 on a new IPv6 address, scan_done when the application's scan ends (with its results, an error, or a timeout), synchronized on a new synchronisation, ap_started (reported, implied by a joining station, or taken after its deadline), sta_connected / sta_disconnected for each station that comes or goes, and sta_ip_assigned on a new assignment",
    check: (step) => {
      const registered = (name: CallbackName) =>
        step.after.active?.callbacks[name] === true || step.before.active?.callbacks[name] === true;
      const called = new Set(callbacksOf(step.effects).map((c) => c.name));
      const missed = events(step).find(([name, when]) =>
        when && registered(name) && !called.has(name)
      );
      return missed === undefined ? null : `${missed[0]} did not fire`;
    },
  },
  {
    name: "repeats_call_nothing",
    promise:
      "an event reported again calls nothing: the same synchronisation, the same address (to the station while connected, or by the soft-AP's DHCP server to the same station), a known IPv6 address, an association, beacon timeout or soft-AP start already reported, a disconnect while disconnected; and the core remembers each synchronisation and assignment it reported, so that it can tell",
    check: (step) => {
      const { before, input, after } = step;
      const called = new Set(callbacksOf(step.effects).map((c) => c.name));
      const again = repeats(step).find(([name, when]) => when && called.has(name));
      if (again !== undefined) return `${again[0]} called again for a repeated ${input.type}`;
      if (
        input.type === "sntp_sync" && after.active?.sntp != null &&
        (after.synced?.sec !== input.sec || after.synced?.usec !== input.usec)
      ) return "the synchronisation was not remembered";
      if (
        input.type === "ap_sta_ip_assigned" && before.ap === "started" &&
        !after.assigned.includes(`${input.mac ?? ""}/${input.ip}`)
      ) return "the assignment was not remembered";
      return null;
    },
  },
];
