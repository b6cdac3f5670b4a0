/**
 * netfsm's verification kit: fast-check arbitraries for configurations, devices, inputs and
 * traces; the invariants, each a named check of one step; and a harness that runs a case,
 * checks every step, and writes a failing case as a replayable trace.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { checkRun, runCaseArb } from "./mod.ts";
 * fc.assert(fc.property(runCaseArb(10), (run) => checkRun(run).failure === null), { numRuns: 50 });
 * ```
 *
 * @module
 */
export * from "./arbitraries.ts";
export * from "./harness.ts";
export * from "./invariants.ts";
