import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeConfig } from "../../core/config/schema.ts";
import { roamingConfigArb, validConfigArb } from "./config.ts";

Deno.test("valid configurations set deadlines and roaming now and then", () => {
  const sample = fc.sample(validConfigArb, { numRuns: 1000, seed: 1 });
  const deadlines = sample.filter((c) => c.deadlines !== undefined).length;
  const roaming = sample.filter((c) => (c.sta as { roam?: unknown } | undefined)?.roam).length;
  assert.ok(deadlines > 200, `${deadlines} of 1000 set deadlines`);
  assert.ok(roaming > 100, `${roaming} of 1000 roam`);
});

Deno.test("roaming configurations rank two or three networks, and decode", () => {
  for (const config of fc.sample(roamingConfigArb, { numRuns: 200, seed: 1 })) {
    assert.equal(decodeConfig(config)._tag, "Right");
    const priorities = config.sta.networks.map((n) => n.priority);
    assert.ok(priorities.length >= 2 && new Set(priorities).size === priorities.length);
  }
});
