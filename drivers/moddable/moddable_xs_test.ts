import assert from "node:assert/strict";
import { SCENARIOS } from "./_scenarios.ts";
import { ensureXsnap } from "../../scripts/xs/xsnap.ts";
import { runOnXs } from "./_run_on_xs.ts";

Deno.test({
  name: "moddable on XS: every scenario passes on xsnap",
  async fn() {
    // The project's own xsnap, built from the npm tarball on first use (scripts/xs/xsnap.ts).
    const outcome = await runOnXs(await ensureXsnap());
    if ("error" in outcome) throw new Error(outcome.error);
    assert.deepEqual(outcome.results.map((r) => r.name), SCENARIOS.map((s) => s.name));
    assert.deepEqual(outcome.results.filter((r) => !r.pass), []);
  },
});
