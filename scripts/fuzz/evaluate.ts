/**
 * One input's verdict, wherever it runs (an evaluating process, a test, a reproduction): run it, judge what
 * it did.
 *
 * @module
 */
import type { ApiCase } from "./api_case.ts";
import { runApi } from "./api_run.ts";
import { type CliCase, runCli } from "./cli_case.ts";
import { type Failure, judge } from "./verdict.ts";

/** An input of either kind. */
export type AnyCase = { readonly kind: "cli"; readonly input: CliCase } | {
  readonly kind: "api";
  readonly input: ApiCase;
};

/** What became of an input. */
export interface Verdict {
  readonly failures: readonly Failure[];
  /** Whether it hung: what it left running may disturb the next input in the same place. */
  readonly hung: boolean;
  /** Wall time it took, for the report's "slowest" (never a verdict). */
  readonly ms: number;
}

/**
 * Runs and judges one input.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { evaluate } from "./evaluate.ts";
 * const verdict = await evaluate({ kind: "cli", input: { command: "check", argv: ["check", "c.json"], files: { "c.json": '{"ap": {}}' }, psk: "PSKLEAK12345678", family: "" } });
 * assert.deepEqual(verdict.failures, []);
 * ```
 */
export async function evaluate(job: AnyCase): Promise<Verdict> {
  const started = performance.now();
  const outcome = job.kind === "cli" ? await runCli(job.input) : await runApi(job.input);
  return {
    failures: judge(outcome, job.input.psk),
    hung: outcome.hung !== undefined,
    ms: performance.now() - started,
  };
}
