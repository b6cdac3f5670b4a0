import assert from "node:assert/strict";
import {
  clip,
  exceedsDepth,
  lineTooLong,
  MAX_DEPTH,
  MAX_ECHO_CHARS,
  MAX_LINE_BYTES,
  OVERLONG,
} from "./limits.ts";

Deno.test("clip() keeps a short value, cuts a long one to a prefix with an ellipsis, and shows no control character raw", () => {
  assert.equal(clip("sta_teleported"), "sta_teleported");
  const long = clip("x".repeat(1_000_000));
  assert.equal(long, "x".repeat(MAX_ECHO_CHARS) + "…");
  assert.equal(clip("a\u001b[2Jb\u009b"), "a\\u001b[2Jb\\u009b");
  assert.equal(clip("😀".repeat(MAX_ECHO_CHARS)), "😀".repeat(MAX_ECHO_CHARS / 2) + "…");
  assert.equal(clip("a".repeat(MAX_ECHO_CHARS - 1) + "😀"), "a".repeat(MAX_ECHO_CHARS - 1) + "…");
});

Deno.test("exceedsDepth() counts levels without recursion, however deep", () => {
  let deep: unknown = 1;
  for (let i = 0; i < 200_000; i++) deep = { a: [deep] };
  assert.equal(exceedsDepth(deep), true);
  let edge: unknown = "leaf";
  for (let i = 0; i < MAX_DEPTH; i++) edge = [edge];
  assert.equal(exceedsDepth(edge), false);
  assert.equal(exceedsDepth([edge]), true);
  assert.equal(exceedsDepth("scalar"), false);
  const cyclic: unknown[] = [];
  cyclic.push(cyclic);
  assert.equal(exceedsDepth(cyclic), true, "a cycle is infinitely deep");
  assert.equal(exceedsDepth(cyclic, Infinity), true);
  assert.equal(exceedsDepth(deep, Infinity), false, "no limit: measured without recursion");
  assert.equal(exceedsDepth(deep, 400_000), false, "200,000 times {a: [...]}");
  assert.equal(exceedsDepth(deep, 399_999), true);
  let shared: unknown = [1];
  for (let i = 0; i < 100; i++) shared = [shared, shared];
  assert.equal(exceedsDepth(shared), true, "2^100 paths, measured once each");
  assert.equal(exceedsDepth(shared, 101), false);
  const hostile = {
    get a(): unknown {
      throw new Error("no");
    },
  };
  assert.equal(exceedsDepth(hostile), true, "what cannot be read is refused");
});

Deno.test("lineTooLong() counts UTF-8 bytes; OVERLONG stands for a line that was never held", () => {
  assert.equal(lineTooLong("a".repeat(MAX_LINE_BYTES)), false);
  assert.equal(lineTooLong("a".repeat(MAX_LINE_BYTES + 1)), true);
  assert.equal(lineTooLong("é".repeat(MAX_LINE_BYTES / 2)), false);
  assert.equal(lineTooLong("é".repeat(MAX_LINE_BYTES / 2) + "a"), true);
  assert.equal(lineTooLong(OVERLONG), true);
});
