import assert from "node:assert/strict";
import { parseArgs } from "./args.ts";

const SPEC = {
  positionals: ["FILE"],
  optionalPositionals: ["MORE"],
  options: { json: "switch", seed: "value" },
} as const;

Deno.test("parseArgs() takes switches, values in both spellings, - and --", () => {
  assert.deepEqual(parseArgs(["f", "--seed", "7", "--json"], SPEC), {
    _tag: "Right",
    right: { positionals: ["f"], options: { seed: "7", json: true } },
  });
  assert.deepEqual(parseArgs(["--seed=7", "-"], SPEC), {
    _tag: "Right",
    right: { positionals: ["-"], options: { seed: "7" } },
  });
  assert.deepEqual(parseArgs(["--", "--json"], SPEC), {
    _tag: "Right",
    right: { positionals: ["--json"], options: {} },
  });
});

Deno.test("parseArgs() names each mistake", () => {
  assert.deepEqual(parseArgs(["f", "--seed"], SPEC), {
    _tag: "Left",
    left: "option --seed needs a value",
  });
  assert.deepEqual(parseArgs(["f", "--json=yes"], SPEC), {
    _tag: "Left",
    left: "option --json takes no value",
  });
  assert.deepEqual(parseArgs(["f", "--sed", "1"], SPEC), {
    _tag: "Left",
    left: "unknown option --sed; did you mean --seed?",
  });
  assert.deepEqual(parseArgs([], SPEC), { _tag: "Left", left: "missing FILE" });
  assert.deepEqual(parseArgs(["a", "b", "c"], SPEC), {
    _tag: "Left",
    left: 'unexpected argument "c"',
  });
});
