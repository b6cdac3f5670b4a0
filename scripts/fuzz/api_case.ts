/**
 * Hostile use of the API, as data: a configuration with odd values and misbehaving callbacks,
 * hooks that throw, a driver that misbehaves and sends events of the wrong shape, and a script of
 * calls. Values JSON cannot hold are markers (`{"$fuzz": "bigint"}`); api_values.ts makes them
 * real. Being data, a case can be sent to another process and written to a file that reproduces it.
 *
 * @module
 */
import fc from "fast-check";
import { AP_CALLBACKS, STA_CALLBACKS } from "../../core/config/schema.ts";
import { macArb, validConfigArb } from "../../props/arbitraries/config.ts";
import { untimedInputArb } from "../../props/arbitraries/inputs.ts";
import { type Answer, ANSWERS } from "./hostile_driver.ts";
import { applyEdit, type Edit, type Plan, setAt } from "./hostile.ts";
import { apiValueArb, type Behaviour, BEHAVIOURS, HOOK_BEHAVIOURS } from "./api_values.ts";
import { plantedPskArb, plantPsk } from "./planted.ts";

/** One call the script makes. */
export type Op =
  | { readonly op: "advance"; readonly ms: number }
  | { readonly op: "emit"; readonly event: unknown }
  | { readonly op: "staConnect"; readonly config?: unknown }
  | { readonly op: "staDisconnect" | "stop" | "status" }
  | { readonly op: "scan"; readonly options?: unknown; readonly timeout: unknown }
  | { readonly op: "staRssi" | "waitForSta" | "waitForAp"; readonly timeout: unknown };

/** A hostile use of the API. */
export interface ApiCase {
  readonly psk: string;
  /** `Network.start`, or the module's `start` and `stop`. */
  readonly entry: "network" | "module";
  readonly config: unknown;
  readonly onDiagnostic: Behaviour | null;
  readonly onStep: Behaviour | null;
  readonly record: boolean;
  readonly device: unknown;
  readonly answers: Readonly<Record<string, Answer>>;
  /** The event an `emit-inside` answer pushes. */
  readonly inside: unknown;
  readonly script: readonly Op[];
}

const CALLBACK_NAMES = new Set<string>([...STA_CALLBACKS, ...AP_CALLBACKS, "synchronized"]);
const COMMANDS = ["start_wifi", "connect_sta", "disconnect_sta", "start_sntp", "scan", "read_rssi"];

/** Mostly well behaved; a callback that never settles or stops the network now and then. */
const behaviourArb = (among: readonly Behaviour[]): fc.Arbitrary<Behaviour> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant<Behaviour>("ok") },
    { weight: 4, arbitrary: fc.constantFrom(...among) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<Behaviour>("never", "await-stop", "stop", "throw-null-prototype"),
    },
  );

/** Every registered callback (a `true` under a callback key) made a function that behaves so. */
function withCallbacks(plan: unknown, behaviours: readonly Behaviour[], next = { i: 0 }): unknown {
  if (Array.isArray(plan)) return plan.map((item) => withCallbacks(item, behaviours, next));
  if (typeof plan !== "object" || plan === null) return plan;
  return Object.fromEntries(
    Object.entries(plan).map(([key, value]) => [
      key,
      value === true && CALLBACK_NAMES.has(key)
        ? { $fuzz: "callback", behaviour: behaviours[next.i++ % behaviours.length] ?? "ok" }
        : withCallbacks(value, behaviours, next),
    ]),
  );
}

/** Events a driver should never send, and events with fields of the wrong type. */
const badEventArb = (psk: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(
      { type: "sta_got_ip", ip: 5 },
      { type: "sta_got_ip", ip: "1.2.3.4", netmask: null, gw: [] },
      { type: "sta_connected", ssid: { $fuzz: "bigint" }, channel: "six" },
      { type: "bogus" },
      { type: "__proto__" },
      { type: "constructor" },
      { type: "toString" },
      { type: "timer", timer: "reconnect" },
      { type: "timer", timer: "constructor" },
      { type: "driver_failed", error: 5 },
      { type: "scan_done", networks: "x" },
      { type: "scan_done", networks: [{ ssid: 5 }], found: -1 },
      { type: "sntp_sync", sec: { $fuzz: "nan" }, usec: { $fuzz: "infinity" } },
      { type: "ap_sta_connected", mac: null },
      { type: "ap_sta_ip_assigned", ip: "999.1.1.1" },
      { type: "sta_disconnected", reason: "x" },
      { type: "sta_rssi_measured", rssi: { $fuzz: "infinity" } },
      { type: "sta_got_ip6", ip6: { $fuzz: "symbol" } },
      {},
      null,
      "sta_connected",
      42,
      { $fuzz: "null-prototype", entries: { type: "sta_lost_ip" } },
      { type: "start" },
      { type: "stop" },
    ),
    fc.tuple(
      untimedInputArb,
      fc.constantFrom("ssid", "ip", "mac", "networks", "reason", "error", "sec", "rssi", "type"),
      apiValueArb(psk, false),
    ).map(([event, field, value]) => setAt(event as Plan, [field], value as Plan)),
  );

const eventArb = (psk: string): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: untimedInputArb }, { weight: 2, arbitrary: badEventArb(psk) });

const timeoutArb: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  0,
  100,
  5000,
  15000,
  -5,
  { $fuzz: "nan" },
  { $fuzz: "infinity" },
  "10",
);

const opArb = (psk: string, config: unknown): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(0, 10, 500, 3000, 20_000, 60_000).map((ms): Op => ({
        op: "advance",
        ms,
      })),
    },
    { weight: 4, arbitrary: eventArb(psk).map((event): Op => ({ op: "emit", event })) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constant<unknown>(undefined),
        fc.constant<unknown>({ ssid: "office", psk }),
        fc.constant<unknown>({ sta: { ssid: "office", psk, connected: true } }),
        fc.constant<unknown>((config as { sta?: unknown } | null)?.sta),
        apiValueArb(psk, false),
      ).map((c): Op => c === undefined ? { op: "staConnect" } : { op: "staConnect", config: c }),
    },
    { weight: 1, arbitrary: fc.constantFrom<Op>({ op: "staDisconnect" }, { op: "status" }) },
    {
      weight: 2,
      arbitrary: fc.record({
        options: fc.oneof(
          fc.constant<unknown>({ results: 5 }),
          fc.constant<unknown>({ psk }),
          apiValueArb(psk, false),
        ),
        timeout: timeoutArb,
      }).map((o): Op => ({ op: "scan", ...o })),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constantFrom("staRssi", "waitForSta", "waitForAp") as fc.Arbitrary<
          "staRssi" | "waitForSta" | "waitForAp"
        >,
        timeout: timeoutArb,
      }),
    },
    { weight: 1, arbitrary: fc.constant<Op>({ op: "stop" }) },
  );

/** A configuration: a valid one with the psk planted and odd values edited in, or no object. */
const configArb = (psk: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        config: validConfigArb,
        behaviours: fc.array(behaviourArb(BEHAVIOURS), { minLength: 1, maxLength: 4 }),
        edits: fc.array(
          fc.record({
            walk: fc.array(fc.nat(), { maxLength: 3 }),
            key: fc.oneof(fc.nat(), fc.constantFrom("psk", "ssid", "sta", "ap", "__proto__")),
          }).chain(({ walk, key }) =>
            // The psk itself only under a key named psk: one picked by index may be any key.
            apiValueArb(psk, key === "psk").map((value): Edit => ({
              walk,
              key,
              value: value as Plan,
            }))
          ),
          { maxLength: 2 },
        ),
      }).map(({ config, behaviours, edits }) => {
        let plan = withCallbacks(plantPsk(config, psk), behaviours) as Plan;
        for (const edit of edits) plan = applyEdit(plan, edit);
        return plan;
      }),
    },
    { weight: 1, arbitrary: apiValueArb(psk, false) },
  );

/**
 * Hostile API cases.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { apiCaseArb } from "./api_case.ts";
 * for (const c of fc.sample(apiCaseArb, 20)) assert.ok(c.script.length > 0);
 * ```
 */
export const apiCaseArb: fc.Arbitrary<ApiCase> = plantedPskArb.chain((psk) =>
  configArb(psk).chain((config) =>
    fc.record({
      psk: fc.constant(psk),
      entry: fc.constantFrom("network", "module") as fc.Arbitrary<"network" | "module">,
      config: fc.constant(config),
      onDiagnostic: fc.option(behaviourArb(HOOK_BEHAVIOURS), { nil: null }),
      onStep: fc.option(behaviourArb(HOOK_BEHAVIOURS), { nil: null }),
      record: fc.boolean(),
      device: fc.record({
        mac: fc.oneof({ weight: 9, arbitrary: macArb }, {
          weight: 1,
          arbitrary: fc.constantFrom("zz", ""),
        }),
        nvs: fc.constant({ sta_ssid: "home", sta_psk: psk, ap_psk: psk }),
      }, { requiredKeys: ["mac"] }),
      answers: fc.dictionary(fc.constantFrom(...COMMANDS), fc.constantFrom(...ANSWERS), {
        maxKeys: 3,
      }),
      inside: eventArb(psk),
      script: fc.array(opArb(psk, config), { minLength: 1, maxLength: 10 }),
    })
  )
);
