import assert from "node:assert/strict";
import { decodeHeader } from "./header.ts";

Deno.test("an unsupported version is echoed only as a short prefix", () => {
  const decoded = decodeHeader({ trace: "netfsm", version: "9".repeat(1_000_000), config: {} });
  assert.equal(decoded._tag, "Left");
  const message = decoded._tag === "Left" ? decoded.left : "";
  assert.ok(message.length < 200, `${message.length} characters`);
  assert.match(message, /^trace version "9{40}…" is not supported: this reader knows version 1$/);
});

Deno.test("a version of another type is named by its type", () => {
  const decoded = decodeHeader({ trace: "netfsm", version: { v: 1 }, config: {} });
  assert.deepEqual(decoded, {
    _tag: "Left",
    left: 'the header\'s "version" must be 1, got an object',
  });
});

Deno.test("a header whose configuration nests deeper than the limit is refused", () => {
  let deep: unknown = {};
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  const decoded = decodeHeader({
    trace: "netfsm",
    version: 1,
    config: { sta: deep },
    device: { mac: "24:0a:c4:12:34:56" },
  });
  assert.deepEqual(decoded, {
    _tag: "Left",
    left: "config: must be nested at most 64 levels deep (netfsm's limit)",
  });
});
