// deno-lint-ignore-file no-console -- a command-line script reports on the console
/**
 * `deno task fuzz`: hostile inputs, each with a planted psk, against every CLI command that reads
 * a file and against the API; a tally per target, every distinct failure with a shrunk input that
 * reproduces it, and exit code 1 when any input crashed, leaked or hung.
 *
 * Usage: deno task fuzz [--runs N] [--seed S] [--out DIR] [--only LIST] [--jobs N]
 *
 * @module
 */
import type fc from "fast-check";
import { apiCaseArb } from "./api_case.ts";
import { parseArgs, shares, type TargetName, USAGE } from "./args.ts";
import { checkCaseArb } from "./check_cases.ts";
import type { CliCase } from "./cli_case.ts";
import { type Corpus, loadCorpus } from "./corpus.ts";
import { evaluate } from "./evaluate.ts";
import { fuzzTarget, minimise, type Tally, type Target } from "./fuzz.ts";
import { importCaseArb } from "./import_cases.ts";
import { Pool, WATCHDOG_MS, WATCHDOG_SIGNATURE } from "./pool.ts";
import { replayCaseArb } from "./replay_cases.ts";
import { distinct, summaryLines } from "./report.ts";
import { clearOut, readApiRepro, writeApiRepro, writeCliRepro } from "./repro.ts";
import { simulateCaseArb } from "./simulate_cases.ts";
import type { ApiCase } from "./api_case.ts";

/** Inputs written per distinct failure, and evaluations spent shrinking each. */
const KEEP = 3;
const SHRINK_BUDGET = 40;

function targetOf(name: TargetName, corpus: Corpus, runs: number): Target {
  const cli = (arb: fc.Arbitrary<CliCase>): Target => ({ name, kind: "cli", arb, runs });
  switch (name) {
    case "replay":
      return cli(replayCaseArb(corpus));
    case "check":
      return cli(checkCaseArb(corpus));
    case "import":
      return cli(importCaseArb(corpus));
    case "simulate":
      return cli(simulateCaseArb(corpus));
    case "api":
      return { name, kind: "api", arb: apiCaseArb, runs };
  }
}

/** Fuzzes one target in its own process, then shrinks and writes its failures. */
async function runTarget(
  target: Target,
  seed: number,
  out: string,
  print: (line: string) => void,
): Promise<{ tally: Tally; written: string[] }> {
  const pool = new Pool();
  try {
    const evaluateThere = (job: Parameters<Pool["evaluate"]>[0]) => pool.evaluate(job);
    const tally = await fuzzTarget(target, seed, evaluateThere);
    const failures = distinct(tally);
    print(
      `  ${target.name}: ${tally.inputs} inputs done, ${tally.found.length} failed${
        failures.length > 0 ? `; shrinking ${failures.length} distinct failures` : ""
      }`,
    );
    const folder = out.replace(/\/+$/, "");
    const written = new Map<number, string>();
    const listed: string[] = [];
    let n = 0;
    for (const failure of failures) {
      // A hang the watchdog saw costs its full time on every try: not worth shrinking.
      // Each try of a hang waits out its budget of turns: fewer tries for those.
      const budget = failure.signature === WATCHDOG_SIGNATURE
        ? 0
        : failure.kind === "hang"
        ? SHRINK_BUDGET / 4
        : SHRINK_BUDGET;
      const commands: string[] = [];
      for (const index of failure.indices.slice(0, KEEP)) {
        // An input that fails in several ways is written once, under its first failure.
        const already = written.get(index);
        if (already !== undefined) {
          commands.push(already);
          continue;
        }
        const input = await minimise(target, seed, index, failure.signature, evaluateThere, budget);
        // Unshrunk, it fails as it did in the run; shrunk, as it fails now.
        const failures = budget === 0
          ? tally.found.find((f) => f.index === index)!.failures
          : (await pool.evaluate(
            target.kind === "cli"
              ? { kind: "cli", input: input as CliCase }
              : { kind: "api", input: input as ApiCase },
          )).failures;
        const name = `${target.name}-${String(++n).padStart(3, "0")}`;
        const command = target.kind === "cli"
          ? await writeCliRepro(`${folder}/${name}`, input as CliCase, failures)
          : await writeApiRepro(`${folder}/${name}.json`, input as ApiCase, failures);
        written.set(index, command);
        commands.push(command);
      }
      listed.push(
        `${target.name}: ${failure.kind}: ${failure.signature} (${failure.count} inputs)\n      ${
          commands[0]
        }`,
      );
    }
    return { tally, written: listed };
  } finally {
    pool.close();
  }
}

/** Runs one API case in this thread and prints what it broke. */
async function reproduce(path: string, print: (line: string) => void): Promise<number> {
  const input = await readApiRepro(path);
  const verdict = await evaluate({ kind: "api", input });
  for (const f of verdict.failures) print(`${f.kind}: ${f.signature}\n  ${f.detail}`);
  print(verdict.failures.length === 0 ? "fuzz: the case passes" : "fuzz: the case fails");
  return verdict.failures.length === 0 ? 0 : 1;
}

/**
 * The fuzzer as a command: parses `argv`, runs, prints, and returns the exit code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { main } from "./main.ts";
 * const printed: string[] = [];
 * assert.equal(await main(["--help"], (line) => printed.push(line)), 0);
 * assert.match(printed[0]!, /^Usage: deno task fuzz/);
 * assert.equal(await main(["--runs", "none"], () => {}, () => {}), 2);
 * ```
 */
export async function main(
  argv: readonly string[],
  print: (line: string) => void = console.log,
  complain: (line: string) => void = console.error,
): Promise<number> {
  const args = parseArgs(argv);
  if (args._tag === "Left") {
    complain(`fuzz: ${args.left}\n\n${USAGE}`);
    return 2;
  }
  if (args.right.help) {
    print(USAGE);
    return 0;
  }
  const { runs, seed, out, only, jobs, repro } = args.right;
  if (repro !== undefined) return reproduce(repro, print);
  const started = performance.now();
  const corpus = await loadCorpus(new URL("../../", import.meta.url));
  const counts = shares(runs, only);
  print(
    `fuzz: ${runs} inputs (${
      only.map((name) => `${name} ${counts[name]}`).join(", ")
    }), seed ${seed}, ${jobs} processes, watchdog ${WATCHDOG_MS / 1000} s`,
  );
  await clearOut(out);
  const targets = only.map((name) => targetOf(name, corpus, counts[name]!));
  const results: { tally: Tally; written: string[] }[] = new Array(targets.length);
  let next = 0;
  // Each process takes the next target: the slow ones do not wait for the fast ones.
  await Promise.all(
    Array.from({ length: Math.min(jobs, targets.length) }, async () => {
      for (let i = next++; i < targets.length; i = next++) {
        results[i] = await runTarget(targets[i]!, seed, out, print);
      }
    }),
  );
  const tallies = results.map((r) => r.tally);
  for (const line of summaryLines(tallies)) print(line);
  const written = results.flatMap((r) => r.written);
  if (written.length > 0) {
    print(
      `distinct failures (up to ${KEEP} inputs of each shrunk and written to ${out}; the first):`,
    );
    for (const line of written) print(`  ${line}`);
  }
  print(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const failed = tallies.some((t) => t.found.length > 0);
  return failed ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
