/**
 * The competitors are fair only if they model what the mix exercises: each must follow netfsm's
 * station status, step for step, on the example traces (with `degraded` and `disconnecting`, which
 * they leave out, read as `connected`), and all four must agree with each other exactly.
 *
 * @module
 */
import assert from "node:assert/strict";
import * as core from "../../core/mod.ts";
import { describeMix, loadMix } from "./mix.js";
import { competitorStatuses } from "./competitors.js";

const dir = new URL("../../examples/traces/", import.meta.url).pathname;
const traces = [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".jsonl"))
  .map((e) => ({ name: e.name, text: Deno.readTextFileSync(dir + e.name) }));

Deno.test("the competitors follow netfsm's station status on the mix", () => {
  const mix = loadMix(core, traces);
  let steps = 0;
  let agree = 0;
  for (const run of mix) {
    const folded = run.statuses.map((s: string) =>
      s === "degraded" || s === "disconnecting" ? "connected" : s
    );
    const seen = competitorStatuses(run);
    assert.deepEqual(seen.xstateActor, seen.switch, run.name);
    assert.deepEqual(seen.xstateTransition, seen.switch, run.name);
    assert.deepEqual(seen.robot3, seen.switch, run.name);
    steps += folded.length;
    agree += seen.switch.filter((s: string, i: number) => s === folded[i]).length;
  }
  assert.equal(steps, describeMix(mix).steps);
  // What is left is managed.jsonl's managed start (netfsm waits for sta_connect): 131 of 133.
  assert.ok(agree / steps >= 0.95, `${agree} of ${steps}`);
});
