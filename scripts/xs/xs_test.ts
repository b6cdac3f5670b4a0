/**
 * The XS suites (issue 14): netfsm's XS bundle on the `xsnap` CLI (XS 13.3.0), each suite a
 * generated script whose last line, `N passed, N failed`, is checked with xsnap's status.
 *
 * - Every example trace and every scenario's simulated trace replays on XS to the same
 *   `replay --json` text as on Deno.
 * - Random runs from the property tests' arbitraries keep every invariant at every step on XS,
 *   with the same records as on Deno. `NETFSM_XS_RUNS` sets how many (default 1000).
 * - The shell runs on XS with a virtual clock and a hand-driven driver (given a `setTimeout`).
 *
 * The first run builds xsnap (about 30 s; see xsnap.ts); later runs reuse it.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildXs } from "./build_xs.ts";
import { bundleXs, XS_BUILD_DIR } from "./bundle.ts";
import { randomRuns, replayCases, writeData } from "./cases.ts";
import { finalCounts, runXsnap, type XsRun } from "./run_xsnap.ts";
import { ensureXsnap } from "./xsnap.ts";

const programs = new URL("./programs/", import.meta.url).pathname;
const RUNS = Number(Deno.env.get("NETFSM_XS_RUNS") ?? 1000);
const SEED = 14;

// Both suites share one xsnap and one bundle.
const ready = ensureXsnap().then(buildXs);

function assertPassed(run: XsRun, expected: number): void {
  const counts = finalCounts(run.stdout);
  assert.ok(
    counts !== null,
    `no final "N passed, N failed" line (status ${run.code}):\n${run.stdout}\n${run.stderr}`,
  );
  assert.equal(run.code, 0, `xsnap exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
  assert.deepEqual(counts, { passed: expected, failed: 0 }, run.stdout);
}

Deno.test("XS: every example trace and scenario replays to Deno's replay --json text", async () => {
  const bundle = await ready;
  const cases = await replayCases();
  const data = await writeData(`${XS_BUILD_DIR}replay_cases.js`, "XS_REPLAY_CASES", cases);
  const run = await runXsnap([bundle.script, data, `${programs}replay_program.js`]);
  assertPassed(run, cases.length);
  assert.ok(cases.length >= 20, `only ${cases.length} traces`);
});

Deno.test(`XS: ${RUNS} random runs keep every invariant at every step`, async () => {
  const bundle = await ready;
  const props = await bundleXs("scripts/xs/props_entry.ts", "netfsm_props", "netfsmProps");
  const runs = randomRuns(RUNS, SEED);
  const data = await writeData(`${XS_BUILD_DIR}random_runs.js`, "XS_RUNS", runs);
  const run = await runXsnap([
    bundle.script,
    props.script,
    data,
    `${programs}invariants_program.js`,
  ]);
  assertPassed(run, runs.length);
  const steps = /^(\d+) steps checked against (\d+) invariants$/m.exec(run.stdout);
  assert.ok(steps !== null && Number(steps[1]) >= runs.length, run.stdout);
});

Deno.test("XS: the shell drives a driver and the callbacks with a virtual clock", async () => {
  const bundle = await ready;
  const run = await runXsnap([bundle.script, `${programs}shell_program.js`]);
  assertPassed(run, 8);
});
