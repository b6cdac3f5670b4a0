import assert from "node:assert/strict";
import fc from "fast-check";
import { loadCorpus } from "./corpus.ts";
import { applyEdit, editArb, type Plan, render } from "./hostile.ts";
import { plantedPskArb, plantPsk } from "./planted.ts";

const corpus = await loadCorpus(new URL("../../", import.meta.url));

/** Every place the psk shows in `text` has a psk key just before it. */
function onlyUnderPskKeys(text: string, psk: string): boolean {
  for (let at = text.indexOf(psk); at !== -1; at = text.indexOf(psk, at + 1)) {
    if (!/(?:psk|sta_psk|ap_psk)"\s*:[\s\S]{0,30}$/.test(text.slice(Math.max(0, at - 40), at))) {
      return false;
    }
  }
  return true;
}

Deno.test("edits put the psk under a psk key and nowhere else, so that any sight of it is a leak", () => {
  fc.assert(
    fc.property(
      plantedPskArb.chain((psk) =>
        fc.tuple(
          fc.constant(psk),
          fc.constantFrom(...corpus.configs, ...corpus.scenarios),
          fc.array(editArb(psk), { maxLength: 4 }),
        )
      ),
      ([psk, doc, edits]) => {
        let plan = plantPsk(doc, psk) as Plan;
        for (const edit of edits) plan = applyEdit(plan, edit);
        return onlyUnderPskKeys(render(plan), psk);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("an edit leaves the document it was given untouched", () => {
  const doc = { sta: { ssid: "home", psk: "x" } };
  applyEdit(doc, { walk: [0], key: "__proto__", value: 1 });
  applyEdit(doc, { walk: [0], key: 0, value: undefined });
  assert.deepEqual(doc, { sta: { ssid: "home", psk: "x" } });
});
