import assert from "node:assert/strict";
import { parseArgs, shares, TARGETS } from "./args.ts";

Deno.test("the defaults: 12,000 inputs over every target, seed 1, .fuzz/, a process per CPU up to 4", () => {
  const args = parseArgs([], 2);
  assert.equal(args._tag, "Right");
  if (args._tag !== "Right") return;
  assert.deepEqual(
    [args.right.runs, args.right.seed, args.right.out, args.right.jobs, args.right.help],
    [12_000, 1, ".fuzz/", 2, false],
  );
  assert.deepEqual(args.right.only, TARGETS.map(([name]) => name));
  const many = parseArgs([], 64);
  assert.equal(many._tag === "Right" && many.right.jobs, 4);
});

Deno.test("a bad command line is a message, never a throw", () => {
  for (
    const argv of [["--runs"], ["--runs", "0"], ["--seed", "-1"], ["--only", "x"], ["--nope"], [
      "--jobs",
      "1.5",
    ]]
  ) {
    assert.equal(parseArgs(argv)._tag, "Left", argv.join(" "));
  }
});

Deno.test("shares add up to the runs asked for, and each target gets some", () => {
  for (const runs of [5, 100, 12_000, 12_345]) {
    const counts = shares(runs, TARGETS.map(([name]) => name));
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), runs);
    assert.ok(Object.values(counts).every((n) => n > 0));
  }
  assert.deepEqual(shares(10, ["api"]), { api: 10 });
});
