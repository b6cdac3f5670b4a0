/**
 * The XS suites' data, made on Deno from the project's own sources: the traces to replay (every
 * example trace, and every scenario's trace as the simulator records it) with Deno's
 * `replay --json` text, and random runs from the property tests' arbitraries with Deno's records.
 * Each is written as a data script that sets one global for an XS test program.
 *
 * @module
 */
import fc from "fast-check";
import { replayLines } from "../../core/trace/replay.ts";
import { decodeScenario } from "../../drivers/mock/scenario.ts";
import { simulate } from "../../drivers/simulate.ts";
import { anyRunArb, type RunCase } from "../../props/arbitraries.ts";
import { checkRun, secretsOf } from "../../props/harness.ts";

const root = new URL("../../", import.meta.url).pathname;

/** A trace to replay on XS, with what replaying it on Deno printed. */
export interface ReplayCase {
  readonly name: string;
  readonly trace: string;
  readonly expected: string;
}

/** `netfsm replay --json`'s lines for `trace`, an error as `error LINE: MESSAGE`, on Deno. */
export async function replayJson(trace: string): Promise<string> {
  const out: string[] = [];
  for await (const event of replayLines(trace.split("\n"))) {
    out.push(
      event.kind === "error"
        ? `error ${event.line}: ${event.message}`
        : JSON.stringify(event.record),
    );
  }
  return out.join("\n") + "\n";
}

async function filesIn(dir: string, extension: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(`${root}${dir}`)) {
    if (entry.isFile && entry.name.endsWith(extension)) names.push(entry.name);
  }
  return names.sort();
}

/** The example traces' texts and every scenario's simulated trace, by name. */
export async function traces(): Promise<[string, string][]> {
  const found: [string, string][] = [];
  for (const name of await filesIn("examples/traces", ".jsonl")) {
    found.push([`traces/${name}`, await Deno.readTextFile(`${root}examples/traces/${name}`)]);
  }
  for (const name of await filesIn("examples/scenarios", ".json")) {
    const json = JSON.parse(await Deno.readTextFile(`${root}examples/scenarios/${name}`));
    const scenario = decodeScenario(json);
    if (scenario._tag === "Left") throw new Error(`scenarios/${name} does not decode`);
    const run = await simulate(scenario.right);
    found.push([`scenarios/${name}`, run.trace.join("\n") + "\n"]);
  }
  return found;
}

/** Every trace with Deno's replay of it. */
export async function replayCases(): Promise<ReplayCase[]> {
  const cases: ReplayCase[] = [];
  for (const [name, trace] of await traces()) {
    cases.push({ name, trace, expected: await replayJson(trace) });
  }
  return cases;
}

/** A random run for XS: the case, its psks, and Deno's records of it. */
export interface XsRunCase extends RunCase {
  readonly secrets: readonly string[];
  readonly records: readonly string[];
}

/**
 * `count` runs of the property tests' `anyRunArb`, drawn with `seed`; each checked on Deno first
 * (a run that breaks an invariant there is the property tests' to report, and throws here).
 */
export function randomRuns(count: number, seed: number, maxLength = 40): XsRunCase[] {
  return fc.sample(anyRunArb(maxLength), { numRuns: count, seed }).map((drawn, index) => {
    // What XS receives is JSON: check on Deno the very case XS gets.
    const run = JSON.parse(JSON.stringify(drawn)) as RunCase;
    const checked = checkRun(run);
    if (checked.failure !== null) {
      throw new Error(
        `random run ${index} (seed ${seed}) fails on Deno: ${checked.failure.message}`,
      );
    }
    return {
      ...run,
      secrets: secretsOf(run),
      records: checked.records.map((record) => JSON.stringify(record)),
    };
  });
}

/** Writes `value` as a script setting `globalThis[global]`; returns its path. */
export async function writeData(path: string, global: string, value: unknown): Promise<string> {
  await Deno.writeTextFile(path, `globalThis.${global} = ${JSON.stringify(value)};\n`);
  return path;
}
