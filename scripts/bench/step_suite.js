/**
 * The `step` section, shared by Deno (main.ts) and Node (node_runner.mjs): netfsm and each
 * competitor over the same mix, `reps` repetitions of `steps` steps each, interleaved (one of each
 * per repetition, so a burst of load elsewhere on the machine hits all alike), after one untimed
 * warm-up of each. Returns every repetition's steps per second.
 *
 * @module
 */
import { netfsmLoop } from "./mix.js";
import { robot3Loop, switchLoop, xstateActorLoop, xstateTransitionLoop } from "./competitors.js";

/** The contestants, in the order they are printed. */
export const CONTESTANTS = ["netfsm", "xstateActor", "xstateTransition", "robot3", "switch"];

/**
 * Runs the section.
 *
 * @example
 * ```js ignore
 * const rates = runStepSuite(core, mix, { steps: 1_000_000, reps: 7 });
 * // { netfsm: [1.9e6, ...], xstateActor: [...], ... }
 * ```
 * @param {any} api @param {any[]} mix @param {{ steps: number, reps: number }} options
 * @returns {Record<string, number[]>}
 */
export function runStepSuite(api, mix, { steps, reps }) {
  const loops = {
    netfsm: (n) => netfsmLoop(api, mix, n),
    xstateActor: (n) => xstateActorLoop(mix, n),
    xstateTransition: (n) => xstateTransitionLoop(mix, n),
    robot3: (n) => robot3Loop(mix, n),
    switch: (n) => switchLoop(mix, n),
  };
  const warm = Math.max(1000, Math.min(steps, 200_000));
  for (const name of CONTESTANTS) loops[name](warm);
  const rates = Object.fromEntries(CONTESTANTS.map((name) => [name, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (const name of CONTESTANTS) {
      // The switch is so fast that 1M steps is a fraction of a millisecond: it runs longer.
      const n = name === "switch" ? steps * 20 : steps;
      const run = loops[name](n);
      rates[name].push(run.steps / (run.ms / 1000));
    }
  }
  return rates;
}
