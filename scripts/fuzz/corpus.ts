/**
 * What the fuzzer mutates: the repository's own example traces and scenarios and the real serial
 * logs the importer is checked against, each valid to begin with, so that a mutation reaches
 * deep into the code that reads it.
 *
 * @module
 */

/** The seeds of every hostile input. */
export interface Corpus {
  /** Each example trace, as its parsed lines. */
  readonly traces: readonly (readonly unknown[])[];
  /** Each example scenario, parsed. */
  readonly scenarios: readonly Record<string, unknown>[];
  /** Each fixture log, as its lines. */
  readonly logs: readonly (readonly string[])[];
  /** Every configuration those hold: trace headers' and scenarios'. */
  readonly configs: readonly unknown[];
}

async function filesIn(dir: URL, ending: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(ending)) names.push(entry.name);
  }
  // Sorted: the same seed must draw the same inputs on every machine.
  return names.sort();
}

/**
 * Reads the corpus from the repository at `root`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadCorpus } from "./corpus.ts";
 * const corpus = await loadCorpus(new URL("../../", import.meta.url));
 * assert.ok(corpus.traces.length > 0 && corpus.scenarios.length > 0 && corpus.logs.length > 0);
 * ```
 */
export async function loadCorpus(root: URL): Promise<Corpus> {
  const read = (dir: URL, name: string) => Deno.readTextFile(new URL(name, dir));
  const traceDir = new URL("examples/traces/", root);
  const scenarioDir = new URL("examples/scenarios/", root);
  const logDir = new URL("cli/import/fixtures/", root);
  const traces = await Promise.all(
    (await filesIn(traceDir, ".jsonl")).map(async (name) =>
      (await read(traceDir, name)).split("\n").filter((line) => /^\s*[{[]/.test(line)).map((line) =>
        JSON.parse(line) as unknown
      )
    ),
  );
  const scenarios = await Promise.all(
    (await filesIn(scenarioDir, ".json")).map(async (name) =>
      JSON.parse(await read(scenarioDir, name)) as Record<string, unknown>
    ),
  );
  const logs = await Promise.all(
    (await filesIn(logDir, ".log")).map(async (name) =>
      (await read(logDir, name)).split("\n").map((line) => line.replace(/\r$/, ""))
    ),
  );
  const configs = [
    ...traces.map((lines) => (lines[0] as { config?: unknown }).config),
    ...scenarios.map((scenario) => scenario.config),
  ].filter((config) => config !== undefined);
  return { traces, scenarios, logs, configs };
}
