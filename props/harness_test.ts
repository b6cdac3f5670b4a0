import assert from "node:assert/strict";
import { main } from "../cli/main.ts";
import { denoIo } from "../cli/deno_io.ts";
import { runCaseArb } from "./arbitraries.ts";
import { assertRuns } from "./harness.ts";

Deno.test("a failing property is shrunk and written as a trace that netfsm replay runs", async () => {
  // A deliberately false claim: "no run ever reaches connected".
  const claim = (run: Parameters<Parameters<typeof assertRuns>[2]>[0]) =>
    run.inputs.some((i) => i.type === "sta_got_ip") && run.inputs[0]?.type === "start"
      ? "it connected"
      : null;
  const error = await assertRuns("deliberate", runCaseArb(), claim, 2000).then(
    () => null,
    (e: Error) => e,
  );
  assert.ok(error !== null, "the false claim was refuted");
  const file = /written to (\S+);/.exec(error.message)?.[1];
  assert.equal(file, ".test-results/counterexamples/deliberate.jsonl");
  assert.match(error.message, /seed -?\d+, path "[\d:]+"/);
  const lines = (await Deno.readTextFile(file!)).trimEnd().split("\n");
  assert.ok(lines.length <= 4, `shrunk to ${lines.length - 1} inputs`);
  assert.equal(
    await main(["replay", file!, "--json"], { ...denoIo(), write: () => Promise.resolve() }),
    0,
  );
});
