/**
 * One soak run: a scenario under a fault mix with a seed, simulated and judged.
 *
 * @module
 */
import type { Scenario } from "../../drivers/mock/scenario.ts";
import { simulate } from "../../drivers/simulate.ts";
import { classify, coreSamples, radioBeforeStop, type Verdict } from "./classify.ts";
import type { Mix } from "./mixes.ts";
import type { SoakScenario } from "./scenarios.ts";

/** One soak run's outcome. */
export interface Run {
  readonly scenario: string;
  readonly mix: string;
  readonly seed: number;
  readonly usableFrom: number;
  readonly end: number;
  readonly verdict: Verdict;
  /** The core's armed timers at the end: a stuck core with some is still trying, only slowly. */
  readonly armed: readonly string[];
  readonly trace: readonly string[];
}

/**
 * Runs one scenario under one mix with one seed, and judges it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SOAK_SCENARIOS } from "./own_scenarios.ts";
 * import { runOnce } from "./run.ts";
 * import { soakScenario } from "./scenarios.ts";
 * const ready = soakScenario(SOAK_SCENARIOS[0]!);
 * if (ready._tag === "Right") {
 *   const run = await runOnce(ready.right, { name: "deaf", faults: { drop: 1 } }, 7);
 *   assert.equal(run.verdict.live, false); // not one event reached the core
 * }
 * ```
 */
export async function runOnce(soaked: SoakScenario, mix: Mix, seed: number): Promise<Run> {
  const scenario: Scenario = {
    ...soaked.scenario,
    world: { ...soaked.scenario.world, faults: mix.faults },
  };
  const run = await simulate(scenario, { seed });
  const samples = await coreSamples(run.trace);
  const verdict = classify(samples, radioBeforeStop(run.mock.history), scenario.duration);
  return {
    scenario: scenario.name,
    mix: mix.name,
    seed,
    usableFrom: soaked.usableFrom,
    end: scenario.duration,
    verdict,
    armed: samples.at(-1)?.timers ?? [],
    trace: run.trace,
  };
}
