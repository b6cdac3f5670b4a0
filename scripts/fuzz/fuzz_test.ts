import assert from "node:assert/strict";
import fc from "fast-check";
import type { AnyCase, Verdict } from "./evaluate.ts";
import { fuzzTarget } from "./fuzz.ts";

Deno.test("a target's tally counts each input once per kind of failure, by its place in the run", async () => {
  const arb = fc.nat({ max: 9 }).map((n) => ({
    command: "check" as const,
    argv: ["check", "c"],
    files: { c: String(n) },
    psk: "P",
    family: "",
  }));
  const verdict = (job: AnyCase): Promise<Verdict> => {
    const n = job.kind === "cli" ? Number(job.input.files.c) : 0;
    const failures = [
      ...(n % 2 === 0 ? [{ kind: "leak" as const, signature: "even", detail: "" }] : []),
      ...(n % 3 === 0 ? [{ kind: "crash" as const, signature: "three", detail: "" }] : []),
      ...(n === 0 ? [{ kind: "crash" as const, signature: "zero", detail: "" }] : []),
    ];
    return Promise.resolve({ failures, hung: false, ms: n });
  };
  const tally = await fuzzTarget({ name: "check", kind: "cli", arb, runs: 50 }, 3, verdict);
  const inputs = fc.sample(arb, { seed: 3, numRuns: 50 }).map((c) => Number(c.files.c));
  assert.equal(tally.inputs, 50);
  assert.equal(tally.counts.leak, inputs.filter((n) => n % 2 === 0).length);
  assert.equal(tally.counts.crash, inputs.filter((n) => n % 3 === 0).length);
  assert.deepEqual(
    tally.found.map((f) => f.index),
    inputs.flatMap((n, i) => n % 2 === 0 || n % 3 === 0 ? [i] : []),
  );
  assert.equal(tally.slowest.ms, Math.max(...inputs));
});
