import assert from "node:assert/strict";
import { explore, SPACES } from "./explore.ts";

Deno.test("exhaustive exploration to depth 8: every invariant holds on every sequence of every space", () => {
  for (const space of SPACES) {
    const result = explore(space, 8);
    assert.equal(result.failure, null, `exploration of ${space.name}: ${result.failure?.message}`);
    assert.equal(
      result.sequences,
      Array.from({ length: 8 }, (_, k) => space.alphabet.length ** (k + 1)).reduce((a, b) => a + b),
    );
    assert.ok(result.states > 10, `${space.name}: ${result.states} states`);
  }
});

Deno.test("the exploration's time letters fire every timer its space can arm", () => {
  const expected: Readonly<Record<string, readonly string[]>> = {
    sta: ["reconnect", "join", "dhcp", "leave", "link", "scan"],
    ap: ["ap"],
    "sta+ap": ["reconnect", "fallback", "join", "dhcp", "leave", "link", "ap"],
    roam: ["reconnect", "join", "dhcp", "leave", "link", "roam", "scan", "ap"],
  };
  for (const space of SPACES) {
    const { fired } = explore(space, 6);
    assert.deepEqual([...fired].sort(), [...expected[space.name]!].sort(), space.name);
  }
});

Deno.test("the exploration finds a broken invariant and names the sequence", () => {
  // A secret the exploration is told about that the core does emit (the station's SSID) must be caught.
  const space = { ...SPACES[0]!, secrets: ["home"] };
  const result = explore(space, 2);
  assert.ok(result.failure !== null);
  assert.match(result.failure.message, /^no_psk_in_effects/);
  assert.deepEqual(result.failure.inputs.map((i) => i.type), ["start"]);
});
