/**
 * `netfsm simulate [SCENARIO] [--seed N] [--record FILE] [--json]`: runs a scenario on the
 * simulated ESP32 under a virtual clock and prints what happened.
 *
 * @module
 */
import { formatProblems } from "../core/config/problem.ts";
import { describeJsonProblem, parseJson } from "../core/json_parse.ts";
import { clip } from "../core/limits.ts";
import { decodeScenario, type Scenario } from "../drivers/mock/scenario.ts";
import { simulate } from "../drivers/simulate.ts";
import { readDocument } from "./document.ts";
import { type CliIo, EXIT } from "./io.ts";
import { traceSteps, writeReport } from "./report/report_command.ts";
import { formatRecord, formatTime, TIMELINE_HEADER } from "./timeline.ts";

/** Options of the simulate command. */
export interface SimulateOptions {
  readonly scenario: string;
  readonly seed?: string;
  readonly record?: string;
  /** Also write the run's HTML report there. */
  readonly html?: string;
  readonly json: boolean;
}

const BUILT_IN = new URL("../examples/scenarios/", import.meta.url);

/** The scenarios of examples/scenarios/, by name (a test holds this list to the folder). */
export const BUILT_IN_SCENARIOS: readonly string[] = [
  "absent_ap",
  "beacon_loss",
  "default",
  "fallback_ap",
  "flaky",
  "ipv6",
  "managed",
  "networks",
  "reconnect_backoff",
  "scan",
  "silent_dhcp",
  "wrong_password",
];

/** Where a scenario argument points: a file, or the name of one in examples/scenarios/. */
export function scenarioPath(argument: string): string {
  if (argument.includes("/") || argument.endsWith(".json")) return argument;
  return decodeURIComponent(new URL(`${argument}.json`, BUILT_IN).pathname);
}

async function loadScenario(io: CliIo, argument: string): Promise<Scenario | string> {
  const path = scenarioPath(argument);
  const text = await readDocument(io, path);
  if (text._tag === "Left") {
    if (!text.left.unreadable) return `${path}: ${text.left.message}`;
    const named = !argument.includes("/") && !argument.endsWith(".json");
    return named
      ? `no scenario named "${clip(argument)}": give a file, or one of ${
        BUILT_IN_SCENARIOS.join(", ")
      }`
      : `${text.left.message} (a scenario is a file, or one of examples/scenarios/)`;
  }
  const json = parseJson(text.right);
  if (json._tag === "Left") return `${path}: ${describeJsonProblem(json.left)}`;
  const scenario = decodeScenario(json.right);
  if (scenario._tag === "Left") {
    return `${path} is not a valid scenario:\n${formatProblems(scenario.left)}`;
  }
  return scenario.right;
}

/** Runs a simulation; returns the exit code. */
export async function simulateCommand(io: CliIo, options: SimulateOptions): Promise<number> {
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0 || seed >= 2 ** 32)) {
    await io.writeError(
      `netfsm simulate: --seed must be a whole number from 0 to 4294967295, got "${
        clip(options.seed ?? "")
      }"\n`,
    );
    return EXIT.usage;
  }
  const scenario = await loadScenario(io, options.scenario);
  if (typeof scenario === "string") {
    await io.writeError(`netfsm simulate: ${scenario}\n`);
    return EXIT.finding;
  }
  const sink = options.record === undefined ? undefined : await io.createFile(options.record);
  if (sink?._tag === "Left") {
    await io.writeError(`netfsm simulate: ${sink.left}\n`);
    return EXIT.finding;
  }
  const used = seed ?? scenario.seed;
  if (!options.json) {
    await io.write(
      `${scenario.name} (seed ${used}): ${scenario.description}\n\n${TIMELINE_HEADER}`,
    );
  }
  const output: string[] = [];
  const run = await simulate(scenario, {
    seed: used,
    onRecord: (record) =>
      output.push(options.json ? JSON.stringify(record) + "\n" : formatRecord(record, io.color)),
  });
  for (const text of output) await io.write(text);
  if (!options.json) {
    const notes = [`${run.records.length} steps`];
    const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? "" : "s"}`;
    if (run.mock.refused.length > 0) {
      notes.push(`${count(run.mock.refused.length, "soft-AP client")} turned away (full)`);
    }
    if (run.mock.dropped.length > 0) {
      notes.push(`${count(run.mock.dropped.length, "event")} lost to injected faults`);
    }
    await io.write(
      `\nsimulated ${formatTime(scenario.duration).trim()} of device time: ${notes.join(", ")}\n`,
    );
  }
  if (sink?._tag === "Right") {
    await sink.right.write(run.trace.join("\n") + "\n");
    await sink.right.close();
    if (!options.json) {
      await io.write(`recorded ${run.trace.length - 1} inputs to ${options.record}\n`);
    }
  }
  if (options.html !== undefined) {
    // The recorded trace replayed gives every region's state, which the records alone do not.
    const steps = await traceSteps(run.trace);
    const failed = Array.isArray(steps)
      ? await writeReport(io, options.html, `${scenario.name} (seed ${used})`, steps)
      : `the run's trace does not replay: line ${steps.line}: ${steps.message}`;
    if (failed !== null) {
      await io.writeError(`netfsm simulate: ${failed}\n`);
      return EXIT.finding;
    }
    if (!options.json) await io.write(`wrote the report to ${options.html}\n`);
  }
  return EXIT.ok;
}
