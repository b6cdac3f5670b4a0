import assert from "node:assert/strict";
import { parseArgs } from "./args.ts";
import { MIXES } from "./mixes.ts";

Deno.test("parseArgs: defaults, small CI runs, and every problem a message", () => {
  const defaults = parseArgs([]);
  assert.deepEqual(
    defaults._tag === "Right" && [defaults.right.seeds, defaults.right.out, defaults.right.mixes],
    [1000, ".soak/", MIXES],
  );
  assert.equal(MIXES.length, 13);
  for (
    const [args, message] of [
      [["--seeds", "x"], /--seeds must be a whole number/],
      [["--seeds"], /--seeds needs a value/],
      [["--mix", "drop0.4"], /no mix named "drop0.4"/],
      [["--fast"], /unknown argument "--fast"/],
    ] as const
  ) {
    const parsed = parseArgs(args);
    assert.ok(parsed._tag === "Left" && message.test(parsed.left), args.join(" "));
  }
});
