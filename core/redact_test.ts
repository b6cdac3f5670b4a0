import assert from "node:assert/strict";
import { REDACTED, redactSecrets } from "./redact.ts";

function nested(depth: number, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { psk: "secret12", next: value };
  return value;
}

Deno.test("redactSecrets() copies a value nested 100,000 levels deep without throwing", () => {
  const deep = nested(100_000, "leaf");
  const copy = redactSecrets(deep);
  let walk: unknown = copy;
  let levels = 0;
  while (typeof walk === "object" && walk !== null) {
    if (Array.isArray(walk)) walk = walk[0];
    else {
      assert.equal((walk as { psk: string }).psk, REDACTED);
      walk = (walk as { next: unknown }).next;
    }
    levels++;
  }
  assert.equal(levels, 100_000);
  assert.equal(walk, "leaf");
});

Deno.test("redactSecrets() keeps a __proto__ key as data and survives cycles and throwing getters", () => {
  const parsed = JSON.parse('{"__proto__": {"psk": "secret12"}, "ssid": "home"}');
  const copy = redactSecrets(parsed);
  assert.ok(Object.hasOwn(copy, "__proto__"), "the key is kept, not turned into a prototype");
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  assert.equal(JSON.stringify(copy), '{"__proto__":{"psk":"<redacted>"},"ssid":"home"}');

  const cyclic: Record<string, unknown> = { psk: "secret12" };
  cyclic.self = cyclic;
  const cycled = redactSecrets(cyclic);
  assert.equal(cycled.psk, REDACTED);
  assert.equal(cycled.self, cycled);

  const hostile = {
    get psk(): string {
      throw new Error("no");
    },
  };
  assert.equal(redactSecrets(hostile), REDACTED, "what cannot be read is shown as redacted");
  assert.equal(redactSecrets({ psk: "" }).psk, "", "an empty psk is an open network, not a secret");
});
