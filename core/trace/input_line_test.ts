import assert from "node:assert/strict";
import { decodeInputLine } from "./input_line.ts";

Deno.test("an unknown input type is echoed only as a short prefix", () => {
  const decoded = decodeInputLine({ at: 1, type: "x".repeat(1_000_000) }, 0);
  assert.equal(decoded._tag, "Left");
  const message = decoded._tag === "Left" ? decoded.left : "";
  assert.equal(message, `unknown input type "${"x".repeat(40)}…"`);
});

Deno.test("a JSON field nested deeper than the limit is refused, whoever decodes it", () => {
  let deep: unknown = {};
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  const decoded = decodeInputLine({ at: 1, type: "scan", options: deep }, 0);
  assert.deepEqual(decoded, {
    _tag: "Left",
    left: "scan: options must be nested at most 64 levels deep (netfsm's limit)",
  });
  const config = decodeInputLine({ at: 1, type: "sta_connect", config: { sta: deep } }, 0);
  assert.equal(config._tag, "Left");
});
