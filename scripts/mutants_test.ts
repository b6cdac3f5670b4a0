import assert from "node:assert/strict";
import { MUTANTS } from "./mutants.ts";

Deno.test("every mutant still applies to exactly one place, so deno task mutants keeps working", async () => {
  assert.ok(MUTANTS.length >= 30);
  for (const mutant of MUTANTS) {
    const text = await Deno.readTextFile(new URL(`../${mutant.file}`, import.meta.url));
    assert.equal(text.split(mutant.find).length - 1, 1, `${mutant.name} in ${mutant.file}`);
    assert.notEqual(mutant.find, mutant.replace);
  }
  assert.equal(new Set(MUTANTS.map((m) => m.name)).size, MUTANTS.length, "names are unique");
});
