import assert from "node:assert/strict";
import { replayLines } from "../../core/trace/replay.ts";
import { coreSamples } from "./classify.ts";
import { SOAK_SCENARIOS } from "./own_scenarios.ts";
import { soakScenario } from "./scenarios.ts";
import { soak } from "./soak.ts";
import { traceName } from "./traces.ts";

Deno.test("soak: the runs are counted, and every stuck one is written as a trace that replays", async () => {
  const out = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${out}/ipv6-none-seed9.jsonl`, "stale");
    await Deno.writeTextFile(`${out}/notes.txt`, "kept");
    const scenario = soakScenario(SOAK_SCENARIOS[1]!);
    assert.equal(scenario._tag, "Right");
    if (scenario._tag !== "Right") return;
    // Whatever the core: with no faults a run is live; when every event is lost it cannot be.
    const mixes = [{ name: "none", faults: {} }, { name: "deaf", faults: { drop: 1 } }];
    const result = await soak({ seeds: 3, mixes, scenarios: [scenario.right], out });
    assert.deepEqual(result.tallies, [
      { mix: "none", runs: 3, live: 3, stuck: 0 },
      { mix: "deaf", runs: 3, live: 0, stuck: 3 },
    ]);
    const names = [1, 2, 3].map((seed) => traceName({ scenario: "ap_reboot", mix: "deaf", seed }));
    assert.deepEqual(result.written, names.map((name) => `${out}/${name}`));
    const files = [];
    for await (const entry of Deno.readDir(out)) files.push(entry.name);
    assert.deepEqual(files.sort(), [...names, "notes.txt"].sort(), "earlier traces are removed");
    for (const path of result.written) {
      const text = await Deno.readTextFile(path);
      assert.ok(!text.includes("secret12") && !text.includes("setup-1234"));
      assert.match(
        text.split("\n")[1]!,
        /^# soak: ap_reboot under deaf, seed \d; .*stuck: .*; (no timer armed|armed: \w+)/,
      );
      for await (const event of replayLines(text.split("\n"))) assert.equal(event.kind, "record");
      const samples = await coreSamples(text.split("\n"));
      assert.equal(samples.at(-1)?.ip, null, "the replay shows what made the run stuck");
    }
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
