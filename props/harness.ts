/**
 * Running a case and checking it: every step against every invariant, the run against itself
 * (determinism) and against its own recording (replay). A failing case is written as a trace
 * file that `netfsm replay` runs.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import process from "node:process";
import fc from "fast-check";
import { deepFreeze } from "../core/_testing.ts";
import { advance } from "../core/advance.ts";
import type { Input } from "../core/input.ts";
import { isRecord } from "../core/json.ts";
import { REDACTED } from "../core/redact.ts";
import { createState, type State } from "../core/state.ts";
import { replayLines, type ReplayRecord, toRecord } from "../core/trace/replay.ts";
import { headerLine, inputLine } from "../core/trace/writer.ts";
import type { RunCase } from "./arbitraries.ts";
import { violation } from "./invariants.ts";

/** What checking a run found. */
export interface Checked {
  readonly records: readonly ReplayRecord[];
  readonly trace: readonly string[];
  /** The first broken invariant, with the index of the input it broke on. */
  readonly failure: { readonly input: number; readonly message: string } | null;
}

/** Every psk a run knows: in its configuration, its NVS, and its `sta_connect` requests. */
export function secretsOf(run: RunCase): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isRecord(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (
          /psk$/.test(key) && typeof inner === "string" && inner.length >= 4 && inner !== REDACTED
        ) found.push(inner);
        else walk(inner);
      }
    }
  };
  walk(run.config);
  walk(run.device);
  for (const input of run.inputs) if (input.type === "sta_connect") walk(input.config);
  return found;
}

/**
 * Runs `run` through the core, checking every step (timer firings included) against every
 * invariant, on frozen states so that a mutation shows as an internal error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkRun } from "./harness.ts";
 * const checked = checkRun({ config: { ap: {} }, device: { mac: "24:0a:c4:12:34:56" }, inputs: [{ type: "start", at: 0 }] });
 * assert.equal(checked.failure, null);
 * assert.equal(checked.trace.length, 2);
 * ```
 */
export function checkRun(run: RunCase): Checked {
  const secrets = secretsOf(run);
  const records: ReplayRecord[] = [];
  const trace = [headerLine(run.config, run.device)];
  let state: State = deepFreeze(
    createState({ config: structuredClone(run.config), device: run.device }),
  );
  for (let index = 0; index < run.inputs.length; index++) {
    const input = deepFreeze(structuredClone(run.inputs[index]!)) as Input;
    let before = state;
    for (const applied of advance(state, input)) {
      const after = deepFreeze(applied.state);
      const message = violation({
        before,
        input: applied.input,
        after,
        effects: applied.effects,
        secrets,
      });
      if (message !== null) return { records, trace, failure: { input: index, message } };
      records.push(toRecord(applied.input, after, applied.effects));
      before = after;
    }
    state = before;
    if (input.type !== "timer") trace.push(inputLine(input));
  }
  const leaked = secrets.find((secret) => trace.some((line) => line.includes(secret)));
  if (leaked !== undefined) {
    return {
      records,
      trace,
      failure: { input: -1, message: "no_psk_in_trace: a psk appeared in a trace line" },
    };
  }
  return { records, trace, failure: null };
}

/** Replays `trace` and returns its records, or the error that stopped it. */
export async function replayTrace(trace: readonly string[]): Promise<ReplayRecord[] | string> {
  const records: ReplayRecord[] = [];
  for await (const event of replayLines(trace)) {
    if (event.kind === "error") return `line ${event.line}: ${event.message}`;
    records.push(event.record);
  }
  return records;
}

/** How many runs a property makes: `--runs N` after `--`, `NETFSM_PROP_RUNS`, or 10,000. */
export function propRuns(fallback = 10_000): number {
  // node:process rather than Deno's namespace: the arbitraries ship to Node too.
  const at = process.argv.indexOf("--runs");
  const given = at >= 0 ? process.argv[at + 1] : process.env.NETFSM_PROP_RUNS;
  const runs = given === undefined ? fallback : Number(given);
  return Number.isSafeInteger(runs) && runs > 0 ? runs : fallback;
}

/** Writes a run as a trace under `.test-results/counterexamples/`; returns the path. */
export function writeCounterexample(name: string, run: RunCase): string {
  const dir = ".test-results/counterexamples";
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}.jsonl`;
  const lines = [
    headerLine(run.config, run.device),
    ...run.inputs.filter((i) => i.type !== "timer").map(inputLine),
  ];
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

/**
 * Checks `predicate` over `runs` cases of `arbitrary`. On failure, the shrunk case is written as
 * a trace and the error says where, with the seed and path to replay the search.
 */
export async function assertRuns(
  name: string,
  arbitrary: fc.Arbitrary<RunCase>,
  predicate: (run: RunCase) => Promise<string | null> | string | null,
  runs: number = propRuns(),
): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (run) => (await predicate(run)) === null),
    { numRuns: runs },
  );
  if (!details.failed) return;
  const run = details.counterexample![0];
  const message = await predicate(run);
  const path = writeCounterexample(name, run);
  throw new Error(
    `${name}: ${message}\ncounterexample (shrunk) written to ${path}; run: netfsm replay ${path}\n` +
      `seed ${details.seed}, path "${details.counterexamplePath}" (after ${details.numRuns} runs)`,
  );
}
