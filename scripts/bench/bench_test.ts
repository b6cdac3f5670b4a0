/**
 * The CI check that keeps `deno task bench` from rotting: the whole suite, briefly (2,000 steps,
 * one repetition, a 2,000-line trace, no Node 24 download), must print every section and write
 * JSON holding every figure. No speed is asserted: a loaded CI machine says nothing of netfsm.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { BenchJson } from "./stats.ts";

const root = new URL("../../", import.meta.url).pathname;
const main = `${root}scripts/bench/main.ts`;
const FLAGS = ["run", "--allow-read", "--allow-write", "--allow-run", "--allow-env"];

async function bench(args: string[]): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [...FLAGS, "--v8-flags=--expose-gc", main, ...args],
    cwd: root,
  }).output();
  const text = new TextDecoder();
  assert.equal(code, 0, text.decode(stderr));
  return text.decode(stdout);
}

Deno.test("deno task bench, briefly, prints every section and writes every figure", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const json = `${dir}/bench.json`;
    const out = await bench([
      ...["--steps", "2000", "--reps", "1", "--replay-lines", "2000", "--replay-reps", "1"],
      ...["--startup-runs", "1", "--no-node24", "--json", json],
    ]);
    for (
      const section of [
        "## mix",
        "## step on Deno",
        "## step on Node (npm build)",
        "## replay --json, 2000 lines",
        "## retained heap (forced GC)",
        "## start-up",
      ]
    ) assert.ok(out.includes(section), `missing ${section} in\n${out}`);
    assert.match(out, /133 steps a round/);
    const run: BenchJson = JSON.parse(await Deno.readTextFile(json));
    const contestants = ["netfsm", "xstateActor", "xstateTransition", "robot3", "switch"];
    const expected = [
      ...contestants.map((c) => `step.deno.${c}`),
      ...["netfsm", "floor"].flatMap((c) => [`replay.${c}.seconds`, `replay.${c}.peakMib`]),
      "heap.bytesPerStep",
      "heap.stateBytes",
      "startup.deno.cli",
      "startup.deno.empty",
    ];
    // Node runs when npm/ is built and `node` is there; otherwise the JSON says why not.
    const nodes = Object.keys(run.figures).filter((k) => /^step\.node\d+\.netfsm$/.test(k));
    if (nodes.length === 0) assert.ok(run.skipped.node ?? run.skipped.nodePath, "no reason");
    for (const node of nodes.map((k) => k.split(".")[1])) {
      expected.push(...contestants.map((c) => `step.${node}.${c}`), `startup.${node}.cli`);
    }
    for (const key of expected) {
      const figure = run.figures[key];
      assert.ok(figure !== undefined, `no figure ${key}`);
      assert.ok(Number.isFinite(figure.median) && figure.samples.length > 0, key);
    }
    for (const key of ["step.deno.netfsm/xstateActor", "replay.netfsm/floor"]) {
      assert.ok(Number.isFinite(run.ratios[key]?.value), `no ratio ${key}`);
    }
    // Node 24 is left out by the flag; without an npm build (a fresh clone, before build:npm)
    // the whole Node section is, with its reason (checked above).
    if (nodes.length > 0) assert.equal(run.skipped.node24, "--no-node24");
    const compared = await bench(["--compare", json, "--current", json]);
    assert.match(compared, /\| step\.deno\.netfsm \| .+ \| ±0% \|/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
