/**
 * Fuzzing one target with fast-check: `runs` inputs drawn from its arbitrary with a seed, each
 * evaluated and tallied; then each failing input replayed from its place in the run (fast-check's
 * `path`) and shrunk a little, a few evaluations at most, while it still fails the same way.
 *
 * @module
 */
import fc from "fast-check";
import type { ApiCase } from "./api_case.ts";
import type { CliCase } from "./cli_case.ts";
import type { AnyCase, Verdict } from "./evaluate.ts";
import { WATCHDOG_SIGNATURE } from "./pool.ts";
import type { Failure, FailureKind } from "./verdict.ts";

/** What is fuzzed: a CLI command or the API, its inputs, how many. */
export type Target =
  | {
    readonly name: string;
    readonly kind: "cli";
    readonly arb: fc.Arbitrary<CliCase>;
    readonly runs: number;
  }
  | {
    readonly name: string;
    readonly kind: "api";
    readonly arb: fc.Arbitrary<ApiCase>;
    readonly runs: number;
  };

/** Where inputs are evaluated: another process, or this one. */
export type Evaluator = (job: AnyCase) => Promise<Verdict>;

/** A failing input: its place in the run and what it broke. */
export interface Found {
  readonly index: number;
  readonly failures: readonly Failure[];
}

/** A target's tally. */
export interface Tally {
  readonly name: string;
  readonly inputs: number;
  /** Inputs with at least one failure of each kind. */
  readonly counts: Readonly<Record<FailureKind, number>>;
  readonly found: readonly Found[];
  /** The slowest input, for information only. */
  readonly slowest: { readonly index: number; readonly ms: number };
  readonly seed: number;
}

function job(target: Target, input: unknown): AnyCase {
  return target.kind === "cli"
    ? { kind: "cli", input: input as CliCase }
    : { kind: "api", input: input as ApiCase };
}

/**
 * Runs `target.runs` inputs of `target` through `evaluate`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { fuzzTarget } from "./fuzz.ts";
 * import { evaluate } from "./evaluate.ts";
 * const arb = fc.constant({ command: "check" as const, argv: ["check", "c.json"], files: { "c.json": '{"ap": {}}' }, psk: "PSKLEAK12345678", family: "" });
 * const tally = await fuzzTarget({ name: "check", kind: "cli", arb, runs: 3 }, 1, evaluate);
 * assert.deepEqual([tally.inputs, tally.found], [3, []]);
 * ```
 */
export async function fuzzTarget(
  target: Target,
  seed: number,
  evaluate: Evaluator,
): Promise<Tally> {
  const counts: Record<FailureKind, number> = { crash: 0, leak: 0, hang: 0 };
  const found: Found[] = [];
  let index = 0;
  let slowest = { index: 0, ms: 0 };
  const arb = target.arb as fc.Arbitrary<unknown>;
  await fc.check(
    fc.asyncProperty(arb, async (input) => {
      const verdict = await evaluate(job(target, input));
      if (verdict.ms > slowest.ms) slowest = { index, ms: verdict.ms };
      if (verdict.failures.length > 0) {
        found.push({ index, failures: verdict.failures });
        for (const kind of new Set(verdict.failures.map((f) => f.kind))) counts[kind]++;
      }
      index++;
      return true;
    }),
    { seed, numRuns: target.runs },
  );
  return { name: target.name, inputs: index, counts, found, slowest, seed };
}

/**
 * The input at `index` of a run with `seed`, shrunk while it still shows `signature`, within
 * `budget` evaluations; the input itself when none smaller does, or when it no longer shows it
 * (how deep a stack goes before it overflows depends on how warm the engine is).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import type { AnyCase } from "./evaluate.ts";
 * import { minimise } from "./fuzz.ts";
 * const arb = fc.string().map((text) => ({ command: "check" as const, argv: ["check", "c"], files: { c: text }, psk: "P", family: "" }));
 * // A string with an "x" in it fails; fast-check shrinks one to "x" itself.
 * const fails = (job: AnyCase) => Promise.resolve({ failures: job.kind === "cli" && String(job.input.files.c).includes("x") ? [{ kind: "crash" as const, signature: "x", detail: "" }] : [], hung: false, ms: 0 });
 * const index = fc.sample(arb, { seed: 7, numRuns: 200 }).findIndex((c) => c.files.c.includes("x"));
 * const input = await minimise({ name: "check", kind: "cli", arb, runs: 1 }, 7, index, "x", fails, 40);
 * assert.equal((input as { files: { c: string } }).files.c, "x");
 * ```
 */
export async function minimise(
  target: Target,
  seed: number,
  index: number,
  signature: string,
  evaluate: Evaluator,
  budget: number,
): Promise<unknown> {
  // The first try replays the input itself: shrinking starts only if it still fails so.
  let left = budget === 0 ? 0 : budget + 1;
  let first: unknown;
  let smallest: unknown;
  const result = await fc.check(
    fc.asyncProperty(target.arb as fc.Arbitrary<unknown>, async (input) => {
      first ??= input;
      // Out of budget: every further candidate passes, and shrinking stops where it is.
      if (left-- <= 0) return true;
      const verdict = await evaluate(job(target, input));
      // An input the watchdog had to stop costs its full time on each try: no more tries.
      if (verdict.failures.some((f) => f.signature === WATCHDOG_SIGNATURE)) left = 0;
      const same = verdict.failures.some((f) => f.signature === signature);
      if (same) smallest = input;
      return !same;
    }),
    { seed, path: String(index), numRuns: 1 },
  );
  return result.counterexample?.[0] ?? smallest ?? first;
}
