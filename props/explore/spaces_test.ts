import assert from "node:assert/strict";
import { SPACES } from "./spaces.ts";

Deno.test("every space lets time pass two ways, on an input no space reacts to", () => {
  for (const space of SPACES) {
    const idle = space.alphabet.filter((l) => l.gap === "next_timer" || l.gap > 0);
    assert.deepEqual(idle.map((l) => l.gap), ["next_timer", 400_000], space.name);
    // The idle input is an SNTP synchronisation: no space configures SNTP, so it is ignored.
    assert.ok(idle.every((l) => l.input.type === "sntp_sync"));
    assert.equal((space.config as { sntp?: unknown }).sntp, undefined, space.name);
  }
});

Deno.test("every space's inputs come at once: time passes only by its two time letters", () => {
  for (const space of SPACES) {
    const events = space.alphabet.filter((l) => l.input.type !== "sntp_sync");
    assert.ok(events.every((l) => l.gap === 0), space.name);
    assert.equal(new Set(events.map((l) => JSON.stringify(l.input))).size, events.length);
  }
});
