/**
 * fast-check arbitraries for netfsm: configurations (valid and invalid), device facts, inputs,
 * timed input sequences and whole traces. Applications import them to property-test their own
 * callbacks against netfsm.
 *
 * Psks are drawn as `§` followed by letters and digits, so that a search for a psk in any output
 * cannot match by accident.
 *
 * @module
 */
import fc from "fast-check";
import type { Device } from "../core/device.ts";
import type { Input, Untimed } from "../core/input.ts";
import { AP_CALLBACKS, STA_CALLBACKS } from "../core/config/schema.ts";
import { REASON_CODES } from "../core/reasons.ts";

/** A psk that cannot occur in output by accident: `§` and 7 to 30 letters and digits. */
export const pskArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(..."abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"),
  minLength: 7,
  maxLength: 30,
})
  .map((s) => `§${s}`);

/** An SSID of 1 to 32 bytes, sometimes with multi-byte characters. */
export const ssidArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("home", "office", "cafe", "Wokwi-GUEST", "日本語のSSID", "x".repeat(32)),
  fc.string({ minLength: 1, maxLength: 10 }).filter((s) =>
    new TextEncoder().encode(s).length <= 32
  ),
);

const MACS = ["3c:22:fb:01:02:03", "f0:18:98:aa:bb:cc", "00:11:22:33:44:55", "a4:5e:60:de:ad:01"];

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

const staArb = fc.tuple(
  fc.oneof(
    fc.record({ ssid: ssidArb, psk: fc.oneof(pskArb, fc.constant("")) }, {
      requiredKeys: ["ssid"],
    }),
    fc.record({
      networks: fc.array(
        fc.record({ ssid: ssidArb, psk: pskArb, priority: fc.integer({ min: -3, max: 3 }) }, {
          requiredKeys: ["ssid"],
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    fc.constant({ managed: true }),
  ),
  staCallbacks,
  fc.record({
    reconnect: reconnectArb,
    dhcp_hostname: fc.constantFrom("kitchen", "sensor-7"),
    default_scan_results: fc.integer({ min: 1, max: 64 }),
  }, { requiredKeys: [] }),
).map(([identity, callbacks, extra]) => ({ ...identity, ...callbacks, ...extra }));

const apArb = fc.tuple(
  fc.record({
    ssid: ssidArb,
    psk: pskArb,
    ssid_hidden: flag,
    max_connections: fc.integer({ min: 1, max: 15 }),
    ap_channel: fc.integer({ min: 1, max: 14 }),
  }, { requiredKeys: [] }),
  apCallbacks,
).map(([settings, callbacks]) => ({ ...settings, ...callbacks }));

const sntpArb = fc.oneof(
  fc.constant("pool.ntp.org"),
  fc.record({ host: fc.constant("pool.ntp.org"), synchronized: flag }, { requiredKeys: ["host"] }),
);

/** A valid configuration: a station, an access point (possibly a fallback one), or both; maybe SNTP. */
export const validConfigArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ sta: staArb, sntp: sntpArb }, { requiredKeys: ["sta"] }),
  fc.record({ ap: apArb, sntp: sntpArb }, { requiredKeys: ["ap"] }),
  fc.record({ sta: staArb, ap: apArb, sntp: sntpArb }, { requiredKeys: ["sta", "ap"] }),
  fc.record({ sta: staArb, ap: apArb.map((ap) => ({ ...ap, fallback_after_ms: 30_000 })) }),
);

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
];

/** An invalid configuration, with the paths its problems must name. */
export const invalidConfigArb: fc.Arbitrary<BrokenConfig> = fc.tuple(
  validConfigArb,
  fc.integer({ min: 0, max: BREAKS.length - 1 }),
)
  .map(([config, which]) => BREAKS[which]!(config));

const ipArb = fc.constantFrom(
  { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" },
  { ip: "192.168.1.21", netmask: "255.255.255.0", gw: "192.168.1.1" },
  { ip: "10.0.0.57", netmask: "255.255.255.0", gw: "10.0.0.1" },
);
const stationMac = fc.constantFrom(...MACS);
const reasonArb = fc.oneof(fc.constantFrom(...REASON_CODES), fc.integer({ min: 0, max: 255 }));

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
    arbitrary: fc.record({ reason: reasonArb }, { requiredKeys: [] }).map((f): Untimed => ({
      type: "sta_disconnected",
      ...f,
    })),
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
    arbitrary: fc.constantFrom("192.168.4.2", "192.168.4.3").map((ip): Untimed => ({
      type: "ap_sta_ip_assigned",
      ip,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }).map((sec): Untimed => ({
      type: "sntp_sync",
      sec,
      usec: 0,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 5 }).map((found): Untimed => ({
      type: "scan_done",
      found,
      networks: [],
    })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -90, max: -20 }).map((rssi): Untimed => ({
      type: "sta_rssi_measured",
      rssi,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("connect_sta", "disconnect_sta", "scan", "start_ap", "read_rssi")
      .map((command): Untimed => ({ type: "driver_failed", command, error: "ESP_ERR_WIFI_STATE" })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Untimed>({ type: "timer", timer: "reconnect" }, {
      type: "timer",
      timer: "fallback",
    }),
  },
);

/** Inputs with times that never decrease: gaps from 0 to 150 s, so timers get to fire. */
export const timedInputsArb = (maxLength = 40): fc.Arbitrary<Input[]> =>
  fc.array(
    fc.tuple(
      untimedInputArb,
      fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 150_000 })),
    ),
    { maxLength },
  )
    .map((pairs) => {
      let at = 0;
      return pairs.map(([input, gap]) => ({ ...input, at: at += gap }) as Input);
    });

/** A run to check: a configuration, a device, and inputs, starting with `start` most of the time. */
export interface RunCase {
  readonly config: unknown;
  readonly device: Device;
  readonly inputs: readonly Input[];
}

/** A run of a valid configuration; the inputs start with `start` nine times in ten. */
export const runCaseArb = (maxLength = 40): fc.Arbitrary<RunCase> =>
  fc.record({
    config: validConfigArb,
    device: deviceArb,
    inputs: timedInputsArb(maxLength),
    started: fc.integer({ min: 0, max: 9 }),
  })
    .map(({ config, device, inputs, started }) => ({
      config,
      device,
      inputs: started === 0 ? inputs : [{ type: "start", at: 0 } as Input, ...inputs],
    }));

/** A whole trace as file lines: a header and input lines. */
export const traceArb = (maxLength = 40): fc.Arbitrary<string[]> =>
  runCaseArb(maxLength).map((run) => [
    JSON.stringify({ trace: "netfsm", version: 1, config: run.config, device: run.device }),
    // Timers are internal: a trace never holds them.
    ...run.inputs.filter((input) => input.type !== "timer").map((input) => {
      const { at, ...fields } = input;
      return JSON.stringify({ at, ...fields });
    }),
  ]);
