/**
 * Inputs, without their time and with it: plausible fields drawn from small pools so that they
 * interact (the same MACs, addresses, SSIDs and synchronisations come back), driver refusals of
 * every command, stale timer firings, and repeats.
 *
 * @module
 */
import fc from "fast-check";
import { type Input, TIMER_NAMES, type Untimed } from "../../core/input.ts";
import { REASON_CODES } from "../../core/reasons.ts";
import { KNOWN_SSIDS, pskArb } from "./config.ts";

const MACS = ["3c:22:fb:01:02:03", "f0:18:98:aa:bb:cc", "00:11:22:33:44:55", "a4:5e:60:de:ad:01"];
const flag = fc.boolean();

const ipArb = fc.constantFrom(
  { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" },
  { ip: "192.168.1.21", netmask: "255.255.255.0", gw: "192.168.1.1" },
  { ip: "10.0.0.57", netmask: "255.255.255.0", gw: "10.0.0.1" },
  // What an imported log or Moddable's Net cannot show is null (README, "Unknown values").
  { ip: "10.0.0.57", netmask: null, gw: null },
  { ip: null, netmask: null, gw: null },
);
const stationMac = fc.constantFrom(...MACS);
const reasonArb = fc.oneof(fc.constantFrom(...REASON_CODES), fc.integer({ min: 0, max: 255 }));

/** A network a scan heard: one of `ssids` most of the time. */
const heardArb = (ssids: readonly string[]) =>
  fc.record({
    ssid: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ssids) }, {
      weight: 1,
      arbitrary: fc.constant("elsewhere"),
    }),
    bssid: stationMac,
    rssi: fc.integer({ min: -95, max: -30 }),
    channel: fc.integer({ min: 1, max: 13 }),
    authmode: fc.constantFrom("open", "wpa2_psk"),
    hidden: flag,
  });

/**
 * A scan's end: networks heard (mostly among `ssids`), an empty list, or an error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { scanDoneArb } from "./inputs.ts";
 * for (const input of fc.sample(scanDoneArb(["home"]), 20)) assert.equal(input.type, "scan_done");
 * ```
 */
export const scanDoneArb = (
  ssids: readonly string[] = KNOWN_SSIDS,
): fc.Arbitrary<Untimed> =>
  fc.oneof(
    fc.array(heardArb(ssids), { maxLength: 4 }).map((networks): Untimed => ({
      type: "scan_done",
      found: networks.length,
      networks,
    })),
    fc.integer({ min: 0, max: 5 }).map((found): Untimed => ({
      type: "scan_done",
      found,
      networks: [],
    })),
    fc.constant<Untimed>({ type: "scan_done", error: "ESP_ERR_WIFI_STATE" }),
  );

/** Commands a driver may refuse: every command the core sends, and one it does not name. */
const REFUSABLE = [
  "connect_sta",
  "disconnect_sta",
  "scan",
  "start_ap",
  "stop_ap",
  "read_rssi",
  "start_sntp",
  "start_mdns",
  undefined,
] as const;

/** One input of any type, without its time; plausible fields, drawn from small pools so that they interact. */
export const untimedInputArb: fc.Arbitrary<Untimed> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<Untimed>(
      { type: "start" },
      { type: "stop" },
      { type: "sta_disconnect" },
      { type: "sta_rssi" },
      { type: "sta_beacon_timeout" },
      { type: "sta_lost_ip" },
      { type: "ap_started" },
      { type: "ap_stopped" },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({ ssid: fc.constant("office"), psk: pskArb }).map((config): Untimed => ({
      type: "sta_connect",
      config,
    })),
  },
  { weight: 1, arbitrary: fc.constant<Untimed>({ type: "sta_connect" }) },
  {
    weight: 2,
    arbitrary: fc.record({ results: fc.integer({ min: 0, max: 70 }) }, { requiredKeys: [] }).map((
      options,
    ): Untimed => ({ type: "scan", options })),
  },
  {
    weight: 4,
    arbitrary: fc.record({ channel: fc.integer({ min: 1, max: 13 }) }, { requiredKeys: [] }).map((
      f,
    ): Untimed => ({ type: "sta_connected", ...f })),
  },
  {
    weight: 4,
    arbitrary: fc.record({ reason: fc.oneof(fc.constant(8), reasonArb) }, { requiredKeys: [] })
      .map((f): Untimed => ({ type: "sta_disconnected", ...f })),
  },
  { weight: 4, arbitrary: ipArb.map((ip): Untimed => ({ type: "sta_got_ip", ...ip })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("fe80::1", "fe80::2").map((ip6): Untimed => ({
      type: "sta_got_ip6",
      ip6,
    })),
  },
  { weight: 3, arbitrary: stationMac.map((mac): Untimed => ({ type: "ap_sta_connected", mac })) },
  {
    weight: 2,
    arbitrary: stationMac.map((mac): Untimed => ({ type: "ap_sta_disconnected", mac })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      ip: fc.constantFrom("192.168.4.2", "192.168.4.3"),
      mac: stationMac,
    }, { requiredKeys: ["ip"] }).map((f): Untimed => ({ type: "ap_sta_ip_assigned", ...f })),
  },
  {
    weight: 1,
    // A small pool, so that the same synchronisation is now and then reported twice.
    // null: a time the source did not show.
    arbitrary: fc.constantFrom(1_795_000_001, 1_795_000_002, 1_795_003_600, null).map((
      sec,
    ): Untimed => ({ type: "sntp_sync", sec, usec: sec === null ? null : 0 })),
  },
  { weight: 2, arbitrary: scanDoneArb() },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -90, max: -20 }).map((rssi): Untimed => ({
      type: "sta_rssi_measured",
      rssi,
    })),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...REFUSABLE).map((command): Untimed =>
      command === undefined
        ? { type: "driver_failed", error: "ESP_FAIL" }
        : { type: "driver_failed", command, error: "ESP_ERR_WIFI_STATE" }
    ),
  },
  {
    weight: 1,
    // Stale or early firings: a runner may deliver them; the core must ignore them.
    arbitrary: fc.constantFrom(...TIMER_NAMES).map((timer): Untimed => ({ type: "timer", timer })),
  },
);

/**
 * Inputs (of `inputs`, any by default) with times that never decrease, from `from`: gaps from 0
 * to 150 s, so timers get to fire. One input in ten comes twice, at once or a little later, as
 * drivers and networks repeat themselves.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { timedInputsArb } from "./inputs.ts";
 * for (const inputs of fc.sample(timedInputsArb(10), 20)) {
 *   assert.ok(inputs.every((input, i) => i === 0 || input.at >= inputs[i - 1]!.at));
 * }
 * ```
 */
export const timedInputsArb = (
  maxLength = 40,
  inputs: fc.Arbitrary<Untimed> = untimedInputArb,
  from = 0,
): fc.Arbitrary<Input[]> =>
  fc.array(
    fc.tuple(
      inputs,
      fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 150_000 })),
      fc.oneof(
        { weight: 9, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 500 }) },
      ),
    ),
    { maxLength },
  )
    .map((drawn) => {
      let at = from;
      return drawn.flatMap(([input, gap, repeat]) => {
        const first = { ...input, at: at += gap } as Input;
        return repeat === null ? [first] : [first, { ...input, at: at += repeat } as Input];
      });
    });
