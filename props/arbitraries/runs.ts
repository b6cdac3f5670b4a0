/**
 * Whole runs: a configuration, a device and timed inputs, and the same as trace file lines.
 *
 * @module
 */
import fc from "fast-check";
import type { Device } from "../../core/device.ts";
import type { Input } from "../../core/input.ts";
import { deviceArb, roamingConfigArb, validConfigArb } from "./config.ts";
import { scanDoneArb, timedInputsArb, untimedInputArb } from "./inputs.ts";

/** A run to check: a configuration, a device, and inputs, starting with `start` most of the time. */
export interface RunCase {
  readonly config: unknown;
  readonly device: Device;
  readonly inputs: readonly Input[];
}

const IP = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };

/**
 * How a roaming run begins: the best network fails twice (the retries, 1 s then 2 s later without
 * jitter, come in between), so that the station joins the next one and gets an address there.
 */
const ON_A_LESSER_NETWORK: readonly Input[] = [
  { type: "start", at: 0 },
  { type: "sta_disconnected", reason: 201, at: 50 },
  { type: "sta_disconnected", reason: 201, at: 1500 },
  { type: "sta_got_ip", ...IP, at: 4000 },
];

/**
 * A run that roams: on a lesser network with an address, then inputs of any type, with scans'
 * ends that hear the configured networks more often than not.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { checkRun } from "../harness.ts";
 * import { roamingRunArb } from "./runs.ts";
 * const [run] = fc.sample(roamingRunArb(0), 1);
 * const { records } = checkRun(run!);
 * assert.equal(records.at(-1)!.status, "connected");
 * ```
 */
export const roamingRunArb = (maxLength = 40): fc.Arbitrary<RunCase> =>
  fc.tuple(roamingConfigArb, deviceArb).chain(([config, device]) => {
    const ssids = config.sta.networks.map((n) => n.ssid);
    const inputs = fc.oneof({ weight: 3, arbitrary: untimedInputArb }, {
      weight: 1,
      arbitrary: scanDoneArb(ssids),
    });
    return timedInputsArb(maxLength, inputs, 4000).map((rest) => ({
      config,
      device,
      inputs: [...ON_A_LESSER_NETWORK, ...rest],
    }));
  });

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

/**
 * Any run: {@link runCaseArb} four times in five, {@link roamingRunArb} the fifth, since an
 * ordinary run seldom gets a station onto a lesser network and a scan to hear a better one.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { checkRun } from "../harness.ts";
 * import { anyRunArb } from "./runs.ts";
 * fc.assert(fc.property(anyRunArb(10), (run) => checkRun(run).failure === null), { numRuns: 50 });
 * ```
 */
export const anyRunArb = (maxLength = 40): fc.Arbitrary<RunCase> =>
  fc.oneof({ weight: 4, arbitrary: runCaseArb(maxLength) }, {
    weight: 1,
    arbitrary: roamingRunArb(maxLength),
  });

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
