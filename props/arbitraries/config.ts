/**
 * Configurations (valid and invalid) and device facts. Psks are drawn as `§` followed by letters
 * and digits, so that a search for a psk in any output cannot match by accident.
 *
 * @module
 */
import fc from "fast-check";
import type { Device } from "../../core/device.ts";
import { AP_CALLBACKS, STA_CALLBACKS } from "../../core/config/schema.ts";

/** A psk that cannot occur in output by accident: `§` and 7 to 30 letters and digits. */
export const pskArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(..."abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"),
  minLength: 7,
  maxLength: 30,
})
  .map((s) => `§${s}`);

/**
 * The SSIDs configurations usually name and scans usually hear, so that a scan's results name the
 * configured networks (roaming moves only to a network it hears).
 */
export const KNOWN_SSIDS: readonly string[] = ["home", "office", "cafe", "Wokwi-GUEST"];

/** An SSID of 1 to 32 bytes, sometimes with multi-byte characters. */
export const ssidArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("home", "office", "cafe", "Wokwi-GUEST", "日本語のSSID", "x".repeat(32)),
  fc.string({ minLength: 1, maxLength: 10 }).filter((s) =>
    new TextEncoder().encode(s).length <= 32
  ),
);

/** A MAC address, lower case. */
export const macArb: fc.Arbitrary<string> = fc.array(fc.integer({ min: 0, max: 255 }), {
  minLength: 6,
  maxLength: 6,
})
  .map((bytes) => bytes.map((b) => b.toString(16).padStart(2, "0")).join(":"));

/** Device facts: a MAC, sometimes a soft-AP MAC, sometimes NVS credentials. */
export const deviceArb: fc.Arbitrary<Device> = fc.record({
  mac: macArb,
  ap_mac: macArb,
  nvs: fc.record({ sta_ssid: ssidArb, sta_psk: pskArb, ap_ssid: ssidArb, ap_psk: pskArb }, {
    requiredKeys: [],
  }),
}, { requiredKeys: ["mac"] });

const flag = fc.boolean();
// From the schema's own lists, so a callback added there is drawn here too.
const callbacksArb = (names: readonly string[]) =>
  fc.record(Object.fromEntries(names.map((name) => [name, flag])), { requiredKeys: [] });
const staCallbacks = callbacksArb(STA_CALLBACKS);
const apCallbacks = callbacksArb(AP_CALLBACKS);
const reconnectArb = fc.record({
  enabled: flag,
  initial_ms: fc.integer({ min: 100, max: 5000 }),
  max_ms: fc.integer({ min: 5000, max: 300_000 }),
  multiplier: fc.double({ min: 1, max: 4, noNaN: true }),
  jitter: fc.double({ min: 0, max: 0.5, noNaN: true }),
  credentials_ms: fc.integer({ min: 100, max: 60_000 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
}, { requiredKeys: [] });

/** A known SSID most of the time, any other now and then. */
const networkSsidArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KNOWN_SSIDS) }, {
  weight: 1,
  arbitrary: ssidArb,
});

/** `sta.roam`, with intervals near the minimum so that a run sees a few looks. */
const roamArb = fc.record({
  interval_ms: fc.integer({ min: 10_000, max: 60_000 }),
  rssi_margin: fc.integer({ min: -10, max: 20 }),
  with_visitors: flag,
}, { requiredKeys: [] });

/** Two or three of the known SSIDs, each of its own priority: somewhere to roam to. */
const rankedNetworksArb = fc.shuffledSubarray([...KNOWN_SSIDS], { minLength: 2, maxLength: 3 })
  .chain((ssids) =>
    fc.tuple(
      ...ssids.map((ssid, i) =>
        fc.record({ ssid: fc.constant(ssid), psk: pskArb, priority: fc.constant(i) }, {
          requiredKeys: ["ssid", "priority"],
        })
      ),
    )
  );

const staArb = fc.tuple(
  fc.oneof(
    fc.record({ ssid: networkSsidArb, psk: fc.oneof(pskArb, fc.constant("")) }, {
      requiredKeys: ["ssid"],
    }),
    fc.record({
      networks: fc.array(
        fc.record({
          ssid: networkSsidArb,
          psk: pskArb,
          priority: fc.integer({ min: -3, max: 3 }),
        }, { requiredKeys: ["ssid"] }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    // Several networks of distinct priorities, roaming among them.
    fc.record({ networks: rankedNetworksArb, roam: roamArb }),
    fc.constant({ managed: true }),
  ),
  staCallbacks,
  fc.record({
    reconnect: reconnectArb,
    roam: roamArb,
    dhcp_hostname: fc.constantFrom("kitchen", "sensor-7"),
    default_scan_results: fc.integer({ min: 1, max: 64 }),
  }, { requiredKeys: [] }),
).map(([identity, callbacks, extra]) => ({ ...identity, ...callbacks, ...extra }));

const apArb = fc.tuple(
  fc.record({
    ssid: ssidArb,
    psk: pskArb,
    ssid_hidden: flag,
    // Mostly below the pool of station MACs, so that the radio admits more than the limit.
    max_connections: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 15 })),
    ap_channel: fc.integer({ min: 1, max: 14 }),
  }, { requiredKeys: [] }),
  apCallbacks,
).map(([settings, callbacks]) => ({ ...settings, ...callbacks }));

const sntpArb = fc.oneof(
  fc.constant("pool.ntp.org"),
  fc.record({ host: fc.constant("pool.ntp.org"), synchronized: flag }, { requiredKeys: ["host"] }),
);

const mdnsArb = fc.record({
  hostname: fc.constantFrom("dev", "Sensor-7"),
  ttl: fc.integer({ min: 1, max: 2_147_483_647 }),
}, { requiredKeys: ["hostname"] });

/**
 * `deadlines`, each key now and then, near its minimum so that runs see them pass: a lost or late
 * event then meets its deadline within a few inputs.
 */
export const deadlinesArb: fc.Arbitrary<Record<string, number>> = fc.record({
  join_ms: fc.integer({ min: 1000, max: 30_000 }),
  dhcp_ms: fc.integer({ min: 1000, max: 30_000 }),
  leave_ms: fc.integer({ min: 100, max: 10_000 }),
  link_check_ms: fc.integer({ min: 1000, max: 60_000 }),
  degraded_ms: fc.integer({ min: 1000, max: 20_000 }),
  scan_ms: fc.integer({ min: 1000, max: 30_000 }),
  ap_start_ms: fc.integer({ min: 100, max: 10_000 }),
  ap_stop_ms: fc.integer({ min: 100, max: 10_000 }),
  command_ms: fc.integer({ min: 100, max: 10_000 }),
}, { requiredKeys: [] });

/**
 * A valid configuration: a station, an access point (possibly a fallback one), or both; maybe
 * SNTP, maybe mDNS (with a station), maybe deadlines.
 */
export const validConfigArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ sta: staArb, sntp: sntpArb, mdns: mdnsArb, deadlines: deadlinesArb }, {
    requiredKeys: ["sta"],
  }),
  fc.record({ ap: apArb, sntp: sntpArb, deadlines: deadlinesArb }, { requiredKeys: ["ap"] }),
  fc.record({ sta: staArb, ap: apArb, sntp: sntpArb, mdns: mdnsArb, deadlines: deadlinesArb }, {
    requiredKeys: ["sta", "ap"],
  }),
  fc.record({
    sta: staArb,
    ap: apArb.map((ap) => ({ ...ap, fallback_after_ms: 30_000 })),
    deadlines: deadlinesArb,
  }, { requiredKeys: ["sta", "ap"] }),
);

/** A roaming configuration: its station's networks, by SSID and priority. */
export interface RoamingConfig {
  readonly sta: { readonly networks: readonly { ssid: string; priority: number }[] };
  readonly [section: string]: unknown;
}

/**
 * A station that roams among several networks, without jitter (so that a run can tell when its
 * retries come), sometimes beside a soft-AP whose visitors hold roaming back.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { decodeConfig } from "../../core/config/schema.ts";
 * import { roamingConfigArb } from "./config.ts";
 * for (const config of fc.sample(roamingConfigArb, 20)) assert.equal(decodeConfig(config)._tag, "Right");
 * ```
 */
export const roamingConfigArb: fc.Arbitrary<RoamingConfig> = fc.record({
  networks: rankedNetworksArb,
  roam: fc.record({
    interval_ms: fc.integer({ min: 10_000, max: 30_000 }),
    rssi_margin: fc.integer({ min: -10, max: 20 }),
    with_visitors: flag,
  }, { requiredKeys: [] }),
  callbacks: staCallbacks,
  ap: fc.option(apArb, { nil: undefined }),
}).map(({ networks, roam, callbacks, ap }) => ({
  sta: { networks, roam, reconnect: { jitter: 0 }, ...callbacks },
  ...(ap === undefined ? {} : { ap }),
}));

/** What is wrong with an invalid configuration, and where. */
export interface BrokenConfig {
  readonly config: unknown;
  /** The path each problem must name. */
  readonly paths: readonly string[];
}

const BREAKS: readonly ((config: Record<string, unknown>) => BrokenConfig)[] = [
  (c) => ({ config: { ...c, colour: "red" }, paths: ["colour"] }),
  (c) => ({
    config: {
      ...c,
      sta: { ...(c.sta as object ?? {}), ssid: "y".repeat(33) },
    },
    paths: ["sta.ssid"],
  }),
  (c) => ({ config: { ...c, ap: { ...(c.ap as object ?? {}), psk: "short" } }, paths: ["ap.psk"] }),
  (c) => ({
    config: { ...c, ap: { ...(c.ap as object ?? {}), max_connections: 99 } },
    paths: ["ap.max_connections"],
  }),
  (c) => ({
    config: { ...c, sta: { ...(c.sta as object ?? {}), got_ip: "yes" } },
    paths: ["sta.got_ip"],
  }),
  (c) => ({ config: { ...c, sntp: 42 }, paths: ["sntp"] }),
  // One byte short of WPA2's minimum.
  (c) => ({
    config: { ...c, ap: { ...(c.ap as object ?? {}), psk: "1234567" } },
    paths: ["ap.psk"],
  }),
  // Nine characters, 36 bytes: lengths are counted in UTF-8.
  (c) => ({
    config: { ...c, ap: { ...(c.ap as object ?? {}), ssid: "😀".repeat(9) } },
    paths: ["ap.ssid"],
  }),
  (c) => ({ config: { ...c, ap: { ...(c.ap as object ?? {}), pskk: "x" } }, paths: ["ap.pskk"] }),
  // Below the minimum: a join cannot finish in 10 ms.
  (c) => ({
    config: { ...c, deadlines: { ...(c.deadlines as object ?? {}), join_ms: 10 } },
    paths: ["deadlines.join_ms"],
  }),
  (c) => ({
    config: { ...c, deadlines: { ...(c.deadlines as object ?? {}), scan_msx: 1000 } },
    paths: ["deadlines.scan_msx"],
  }),
  // A roaming scan interrupts traffic: not more often than every 10 s.
  (c) => ({
    config: {
      ...c,
      sta: { ...(c.sta as object ?? {}), ssid: "home", roam: { interval_ms: 5000 } },
    },
    paths: ["sta.roam.interval_ms"],
  }),
];

/** An invalid configuration, with the paths its problems must name. */
export const invalidConfigArb: fc.Arbitrary<BrokenConfig> = fc.tuple(
  validConfigArb,
  fc.integer({ min: 0, max: BREAKS.length - 1 }),
)
  .map(([config, which]) => BREAKS[which]!(config));
