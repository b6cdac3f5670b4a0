/**
 * The soak itself: every scenario under every mix for seeds 1..N, counted per mix, with the stuck
 * runs' traces written out.
 *
 * @module
 */
import type { Mix } from "./mixes.ts";
import { type Run, runOnce } from "./run.ts";
import type { SoakScenario } from "./scenarios.ts";
import { clearTraces, traceName, traceText } from "./traces.ts";

/** Counts for one mix. */
export interface Tally {
  readonly mix: string;
  runs: number;
  live: number;
  stuck: number;
}

/** What a soak found. */
export interface SoakResult {
  readonly tallies: readonly Tally[];
  /** Every stuck run, without its trace. */
  readonly stuck: readonly Omit<Run, "trace">[];
  /** Paths of the trace files written, in the order of `stuck`. */
  readonly written: readonly string[];
}

/** What a soak runs. */
export interface SoakOptions {
  readonly seeds: number;
  readonly mixes: readonly Mix[];
  readonly scenarios: readonly SoakScenario[];
  /** Where stuck runs' traces go; none are written without it. */
  readonly out?: string;
}

/**
 * Runs every scenario under every mix for seeds 1..N, and writes the stuck runs' traces to `out`
 * (after removing those an earlier soak left there).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SOAK_SCENARIOS } from "./own_scenarios.ts";
 * import { soakScenario } from "./scenarios.ts";
 * import { soak } from "./soak.ts";
 * const ready = soakScenario(SOAK_SCENARIOS[1]!);
 * if (ready._tag === "Right") {
 *   const result = await soak({ seeds: 2, mixes: [{ name: "none", faults: {} }], scenarios: [ready.right] });
 *   assert.deepEqual(result.tallies, [{ mix: "none", runs: 2, live: 2, stuck: 0 }]);
 * }
 * ```
 */
export async function soak(options: SoakOptions): Promise<SoakResult> {
  const tallies: Tally[] = [];
  const stuck: Omit<Run, "trace">[] = [];
  const written: string[] = [];
  if (options.out !== undefined) await clearTraces(options.out);
  for (const mix of options.mixes) {
    const tally: Tally = { mix: mix.name, runs: 0, live: 0, stuck: 0 };
    tallies.push(tally);
    for (const scenario of options.scenarios) {
      for (let seed = 1; seed <= options.seeds; seed++) {
        const run = await runOnce(scenario, mix, seed);
        tally.runs++;
        if (run.verdict.live) {
          tally.live++;
          continue;
        }
        tally.stuck++;
        const { trace: _trace, ...rest } = run;
        stuck.push(rest);
        if (options.out === undefined) continue;
        const path = `${options.out.replace(/\/+$/, "")}/${traceName(run)}`;
        await Deno.writeTextFile(path, traceText(run));
        written.push(path);
      }
    }
  }
  return { tallies, stuck, written };
}
