/**
 * The retained-heap section (Deno, needs `--v8-flags=--expose-gc`): after a forced GC, run N steps
 * of the mix keeping only each trace's final state, force GC again, and divide the heap's growth
 * by N (a leak shows as bytes per step; none, as about zero). Then the retained size of a final
 * state: K final states of each trace held at once, their growth divided by K × traces; what a
 * state owns beyond what it shares with its initial state (the configuration, the device).
 *
 * @module
 */

type Gc = () => void;

function heapUsed(gc: Gc): number {
  gc();
  gc();
  return Deno.memoryUsage().heapUsed;
}

/**
 * The section's figures, or undefined when the runtime exposes no `gc`.
 *
 * @example
 * ```ts ignore
 * import * as core from "../../core/mod.ts";
 * heapSection(core, mix, 1_000_000); // { steps, bytesPerStep, stateBytes, ... }
 * ```
 */
export function heapSection(
  // deno-lint-ignore no-explicit-any -- the core's API, as mix.js takes it
  api: any,
  // deno-lint-ignore no-explicit-any -- mix.js's runs
  mix: any[],
  steps: number,
  held = 1000,
) {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (gc === undefined) return undefined;
  const finals: unknown[] = mix.map((run) => run.initial);
  const before = heapUsed(gc);
  let done = 0;
  while (done < steps) {
    mix.forEach((run, i) => {
      let state = run.initial;
      for (const input of run.inputs) {
        const applied = api.advance(state, input);
        done += applied.length;
        state = applied[applied.length - 1].state;
      }
      finals[i] = state;
    });
  }
  const after = heapUsed(gc);
  const kept: unknown[] = [];
  const base = heapUsed(gc);
  for (let k = 0; k < held; k++) {
    for (const run of mix) {
      let state = run.initial;
      for (const input of run.inputs) {
        const applied = api.advance(state, input);
        state = applied[applied.length - 1].state;
      }
      kept.push(state);
    }
  }
  const holding = heapUsed(gc);
  const stateBytes = (holding - base) / kept.length;
  const json = finals.reduce((sum: number, s) => sum + JSON.stringify(s).length, 0) / finals.length;
  return {
    steps: done,
    bytesPerStep: (after - before) / done,
    heapBefore: before,
    heapAfter: after,
    stateBytes,
    stateJsonChars: json,
    held: kept.length,
  };
}
