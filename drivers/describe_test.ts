import assert from "node:assert/strict";
import { bounded, describeThrown, DESCRIPTION_LIMIT } from "./describe.ts";

Deno.test("describeThrown never throws, whatever was thrown", () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const hostile = new Proxy(new Error("x"), {
    getPrototypeOf() {
      throw new Error("trap");
    },
    get() {
      throw new Error("trap");
    },
  });
  const badMessage = Object.defineProperty(new Error(), "message", {
    get(): string {
      throw new Error("getter");
    },
  });
  const cases: [unknown, string][] = [
    [new Error("boom"), "boom"],
    ["plain text", "plain text"],
    [42, "42"],
    [undefined, "undefined"],
    [null, "null"],
    [Symbol("s"), "Symbol(s)"],
    [10n, "10"],
    [{ toString: () => "custom" }, "custom"],
    [{ a: 1 }, "an object that cannot be shown"],
    [Object.create(null), "an object that cannot be shown"],
    [revoked.proxy, "a value that cannot be shown"],
    [hostile, "an object that cannot be shown"],
    [badMessage, "an object that cannot be shown"],
  ];
  for (const [thrown, expected] of cases) assert.equal(describeThrown(thrown), expected);
});

Deno.test("bounded keeps a description to one short line's worth", () => {
  assert.equal(bounded("x".repeat(10_000)).length, DESCRIPTION_LIMIT);
  assert.ok(bounded("x".repeat(10_000)).endsWith("…"));
});
