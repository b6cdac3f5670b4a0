/**
 * Running scripts on `xsnap` and reading what an XS test program reports: its status, and its
 * last line, `N passed, N failed`. Both count: an error in a promise job (an async test) ends
 * with status 0 and no more output, so a program whose last line is missing did not finish.
 *
 * @module
 */
import { ensureXsnap } from "./xsnap.ts";

/** What one xsnap run gave. */
export interface XsRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time of the run, in milliseconds. */
  readonly ms: number;
}

/** Runs `xsnap [flags...] files...` (each file a script, in order, sharing globals). */
export async function runXsnap(files: readonly string[], flags: readonly string[] = []) {
  const xsnap = await ensureXsnap();
  const started = performance.now();
  const { code, stdout, stderr } = await new Deno.Command(xsnap, {
    args: [...flags, "-s", ...files],
  }).output();
  const text = new TextDecoder();
  return {
    code,
    stdout: text.decode(stdout),
    stderr: text.decode(stderr),
    ms: performance.now() - started,
  } satisfies XsRun;
}

/**
 * The counts of a program's last line, or null when that line is not `N passed, N failed`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { finalCounts } from "./run_xsnap.ts";
 * assert.deepEqual(finalCounts("a\n3 passed, 0 failed\n"), { passed: 3, failed: 0 });
 * assert.equal(finalCounts("3 passed, 0 failed\nmore\n"), null);
 * ```
 */
export function finalCounts(stdout: string): { passed: number; failed: number } | null {
  const last = stdout.trimEnd().split("\n").at(-1) ?? "";
  const match = /^(\d+) passed, (\d+) failed$/.exec(last);
  return match === null ? null : { passed: Number(match[1]), failed: Number(match[2]) };
}
