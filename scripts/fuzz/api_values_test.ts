import assert from "node:assert/strict";
import { act, type Reach, realize, show } from "./api_values.ts";

const reach: Reach = { stop: () => Promise.resolve(), reenter: () => {}, called: () => {} };

Deno.test("markers become the values JSON cannot hold", () => {
  const value = realize({
    big: { $fuzz: "bigint" },
    nan: { $fuzz: "nan" },
    none: { $fuzz: "null-prototype", entries: { psk: "x" } },
    own: { $fuzz: "own-proto", value: 1 },
    fn: { $fuzz: "function" },
  }, reach) as Record<string, unknown>;
  assert.equal(typeof value.big, "bigint");
  assert.ok(Number.isNaN(value.nan));
  assert.equal(Object.getPrototypeOf(value.none), null);
  assert.ok(Object.hasOwn(value.own as object, "__proto__"));
  assert.equal(typeof value.fn, "function");
});

Deno.test("nesting 50,000 deep is built and shown without overflowing the fuzzer's stack", () => {
  const deep = realize({ $fuzz: "deep", depth: 50_000, psk: "PSKLEAK12345678" }, reach);
  assert.match(show(deep), /PSKLEAK12345678/);
});

Deno.test("a callback records its call, then misbehaves as told", async () => {
  const calls: string[] = [];
  const spy: Reach = { ...reach, called: (name) => calls.push(name) };
  const f = realize(
    { $fuzz: "callback", behaviour: "throw-null-prototype" },
    spy,
    "got_ip",
  ) as () => void;
  assert.throws(f);
  assert.deepEqual(calls, ["got_ip"]);
  await assert.rejects(act("reject-null-prototype", reach) as Promise<void>);
  let settled = false;
  void (act("never", reach) as Promise<void>).then(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(settled, false);
});
