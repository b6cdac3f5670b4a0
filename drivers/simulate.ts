/**
 * Runs a scenario on the simulated ESP32 under a virtual clock: minutes of device time in
 * milliseconds, the same result for the same seed. Returns what happened, as replay records, and
 * the run as a trace that `netfsm replay` reproduces.
 *
 * @module
 */
import type { Applied } from "../core/advance.ts";
import type { Request, Untimed } from "../core/input.ts";
import { type ReplayRecord, toRecord } from "../core/trace/replay.ts";
import { VirtualClock } from "./clock.ts";
import { recordTrace } from "./recorder.ts";
import { type MockDriver, mockDriver } from "./mock/mock_driver.ts";
import type { Scenario } from "./mock/scenario.ts";
import { SHELL_DIAGNOSTIC_CODES } from "./diagnostic.ts";
import { type Diagnostic, Shell } from "./shell.ts";

/** What a simulation produced. */
export interface Simulation {
  /** One record per applied input and timer, as `netfsm replay --json` prints them. */
  readonly records: readonly ReplayRecord[];
  /** The run as trace lines: a header, then every input that was not a timer. */
  readonly trace: readonly string[];
  /**
   * The shell's own diagnostics (a hook that threw, an `onRecord` say; a driver event that did not
   * decode); the core's are in the records.
   */
  readonly diagnostics: readonly Diagnostic[];
  readonly mock: MockDriver;
}

/** Options of a simulation. */
export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Sees each record as it is made, for streaming output; one that throws is a `hook_failed`. */
  readonly onRecord?: (record: ReplayRecord) => void;
}

/**
 * Simulates `scenario` to its end.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { simulate } from "./simulate.ts";
 * const run = await simulate({
 *   name: "s", description: "", duration: 10_000, seed: 1, device: { mac: "24:0a:c4:12:34:56" },
 *   config: { sta: { ssid: "home", psk: "secret12", got_ip: true } },
 *   world: { access_points: [{ ssid: "home", psk: "secret12" }] },
 *   requests: [{ at: 0, type: "start" }],
 * });
 * assert.equal(run.records.at(-2)?.status, "connected");
 * assert.equal(run.records.at(-1)?.status, "stopped"); // a run ends by stopping
 * assert.ok(!run.trace.join("\n").includes("secret12"));
 * ```
 */
export async function simulate(
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<Simulation> {
  const clock = new VirtualClock();
  const mock = mockDriver({
    clock,
    world: scenario.world,
    seed: options.seed ?? scenario.seed,
    device: scenario.device,
  });
  const records: ReplayRecord[] = [];
  const trace: string[] = [];
  const recordStep = recordTrace(scenario.config, scenario.device, (line) => trace.push(line));
  const diagnostics: Diagnostic[] = [];
  const onStep = (applied: Applied) => {
    const record = toRecord(applied.input, applied.state, applied.effects);
    records.push(record);
    options.onRecord?.(record);
    recordStep(applied);
  };
  const shell = new Shell({
    driver: mock,
    clock,
    config: scenario.config,
    onStep,
    onDiagnostic: (d) => SHELL_DIAGNOSTIC_CODES.includes(d.code) && diagnostics.push(d),
  });
  for (const request of scenario.requests) {
    const { at: _at, ...fields } = request;
    clock.schedule(request.at, () => shell.request(fields as Untimed<Request>));
  }
  await clock.runUntil(scenario.duration);
  // A run ends by stopping: a real input, so that a replay also fires every timer due before it.
  if (shell.state.active !== null) shell.request({ type: "stop" });
  await shell.close();
  return { records, trace, diagnostics, mock };
}
