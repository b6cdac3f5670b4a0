/**
 * The soak's report: a line per mix, the total, and how the stuck runs break down.
 *
 * @module
 */
import type { SoakResult, Tally } from "./soak.ts";

/**
 * A tally as its output line: `<mix>: N runs, N live, N stuck`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tallyLine } from "./report.ts";
 * assert.equal(tallyLine({ mix: "mixed", runs: 10, live: 9, stuck: 1 }), "mixed: 10 runs, 9 live, 1 stuck");
 * ```
 */
export function tallyLine(tally: Tally): string {
  return `${tally.mix}: ${tally.runs} runs, ${tally.live} live, ${tally.stuck} stuck`;
}

/**
 * The summary printed after the runs: a line per mix, the total, then how the stuck runs break
 * down.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summaryLines } from "./report.ts";
 * const lines = summaryLines({ tallies: [{ mix: "drop0.1", runs: 3, live: 3, stuck: 0 }], stuck: [], written: [] });
 * assert.deepEqual(lines, ["drop0.1: 3 runs, 3 live, 0 stuck", "soak: 3 runs, 3 live, 0 stuck"]);
 * ```
 */
export function summaryLines(result: SoakResult): string[] {
  const lines = result.tallies.map(tallyLine);
  const sum = (key: "runs" | "live" | "stuck") => result.tallies.reduce((n, t) => n + t[key], 0);
  lines.push(tallyLine({ mix: "soak", runs: sum("runs"), live: sum("live"), stuck: sum("stuck") }));
  if (result.stuck.length === 0) return lines;
  const count = (key: (run: SoakResult["stuck"][number]) => string) => {
    const counts = new Map<string, number>();
    for (const run of result.stuck) counts.set(key(run), (counts.get(key(run)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n} ${k}`);
  };
  lines.push("stuck, by scenario:", ...count((r) => r.scenario));
  lines.push(
    "stuck, by what was wrong at the end:",
    ...count((r) => r.verdict.live ? "" : r.verdict.reason),
  );
  // A core with a timer armed is still trying (the bound may be short for that run's luck); one
  // with none waits for an event that may never come.
  lines.push(
    "stuck, by the core's timers armed at the end:",
    ...count((r) => r.armed.length === 0 ? "none" : [...r.armed].sort().join(", ")),
  );
  return lines;
}
