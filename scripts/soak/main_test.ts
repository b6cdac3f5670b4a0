import assert from "node:assert/strict";
import { BOUND_MS } from "./bounds.ts";
import { main } from "./main.ts";
import { loadScenarios } from "./scenarios.ts";

Deno.test("deno task soak --seeds 2 --mix drop0.3: a line per mix, the total, exit 1 iff one is stuck", async () => {
  const out = await Deno.makeTempDir();
  try {
    const lines: string[] = [];
    const code = await main(
      ["--seeds", "2", "--mix", "drop0.3", "--out", out],
      (line) => lines.push(line),
    );
    const mix = lines.find((line) => line.startsWith("drop0.3: "));
    const total = lines.find((line) => line.startsWith("soak: ") && line.endsWith(" stuck"));
    const counts = (line = "") => /^\S+: (\d+) runs, (\d+) live, (\d+) stuck$/.exec(line);
    const [, runs, live, stuck] = counts(total)!.map(Number);
    assert.deepEqual(counts(mix)!.slice(1).map(Number), [runs, live, stuck]);
    const { ready } = await loadScenarios(new URL("../../examples/scenarios/", import.meta.url));
    assert.equal(runs, 2 * ready.length);
    assert.equal(live! + stuck!, runs);
    assert.equal(code, stuck === 0 ? 0 : 1);
    let written = 0;
    for await (const _ of Deno.readDir(out)) written++;
    assert.equal(written, stuck);
    assert.ok(lines.some((line) => line.includes(`BOUND ${BOUND_MS / 1000} s`)));
    if (stuck! > 0) assert.ok(lines.includes("stuck, by the core's timers armed at the end:"));
    const complaints: string[] = [];
    assert.equal(await main(["--seeds", "0"], () => {}, (line) => complaints.push(line)), 2);
    assert.match(complaints.join("\n"), /--seeds must be a whole number from 1, got "0"/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
