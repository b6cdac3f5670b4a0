/**
 * The XS suites (issue 14): netfsm's XS bundle on the `xsnap` CLI (XS 13.3.0), each suite a
 * generated script whose last line, `N passed, N failed`, is checked with xsnap's status.
 *
 * - Every example trace and every scenario's simulated trace replays on XS to the same
 *   `replay --json` text as on Deno (with the trace tools' bundle, trace_entry.ts).
 * - Random runs from the property tests' arbitraries keep every invariant at every step on XS,
 *   with the same records as on Deno. `NETFSM_XS_RUNS` sets how many (default 1000).
 * - The shell runs on XS with a virtual clock and a hand-driven driver (given a `setTimeout`).
 *
 * The first run builds xsnap (about 30 s; see xsnap.ts); later runs reuse it.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  buildTraceTools,
  buildXs,
  commonJsModules,
  sources,
  XS_CEILING_BYTES,
} from "./build_xs.ts";
import { bundleXs, XS_BUILD_DIR } from "./bundle.ts";
import { randomRuns, replayCases, writeData } from "./cases.ts";
import { finalCounts, runXsnap, type XsRun } from "./run_xsnap.ts";
import { ensureXsnap } from "./xsnap.ts";

const programs = new URL("./programs/", import.meta.url).pathname;
const RUNS = Number(Deno.env.get("NETFSM_XS_RUNS") ?? 1000);
const SEED = 14;

// The suites share one xsnap, the budgeted bundle and the trace tools' bundle.
const ready = ensureXsnap().then(buildXs);
const traceTools = ready.then(buildTraceTools);

function assertPassed(run: XsRun, expected: number): void {
  const counts = finalCounts(run.stdout);
  assert.ok(
    counts !== null,
    `no final "N passed, N failed" line (status ${run.code}):\n${run.stdout}\n${run.stderr}`,
  );
  assert.equal(run.code, 0, `xsnap exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
  assert.deepEqual(counts, { passed: expected, failed: 0 }, run.stdout);
}

Deno.test("XS: the core and shell bundle is within its ceiling, with one fp-ts, the ES one", async () => {
  const bundle = await ready;
  assert.ok(bundle.bytes <= XS_CEILING_BYTES, `${bundle.bytes} bytes, over ${XS_CEILING_BYTES}`);
  const { paths } = await sources(bundle.bytes);
  assert.deepEqual(commonJsModules(paths), []);
  assert.ok(paths.some((path) => path.endsWith("/io-ts.js")), "io-ts is not the copy marked pure");
  // The trace reader is a host's tool: the device bundle goes without it.
  assert.ok(!paths.some((path) => path.includes("core/trace/replay.ts")), paths.join("\n"));
});

Deno.test("XS: every example trace and scenario replays to Deno's replay --json text", async () => {
  const tools = await traceTools;
  const cases = await replayCases();
  const data = await writeData(`${XS_BUILD_DIR}replay_cases.js`, "XS_REPLAY_CASES", cases);
  const run = await runXsnap([tools.script, data, `${programs}replay_program.js`]);
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
  const tools = await traceTools;
  const run = await runXsnap([bundle.script, tools.script, `${programs}shell_program.js`]);
  assertPassed(run, 8);
});
