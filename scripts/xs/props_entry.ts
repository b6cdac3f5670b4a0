/**
 * What the XS invariants program needs of props/ (bundled for XS as `globalThis.netfsmProps`, a
 * test bundle outside the budget): the invariants and the check of one step, and the trace's record of a step. They carry a copy of
 * the core helpers they read states with; the steps themselves are the XS bundle's.
 *
 * @module
 */
export { INVARIANTS, violation } from "../../props/invariants.ts";
export { toRecord } from "../../core/trace/replay.ts";
