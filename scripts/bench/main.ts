// deno-lint-ignore-file no-console -- a benchmark reports on the console
/**
 * `deno task bench`: netfsm's benchmark suite, one run, side by side, medians and spread.
 *
 * - step: netfsm's `advance` over the mix of mix.js (every example trace's inputs from its initial
 *   state, timers fired as `advance` fires them: 133 steps a round, printed by type) against
 *   XState v5 (actor; pure `transition()`), robot3 and a bare switch over the same loop, in this
 *   process (competitors.js says what they model and leave out);
 * - the same on Node against the npm build, on the machine's `node` and the pinned Node 24;
 * - `netfsm replay FILE --json` on a generated trace against a read-parse-print floor (replay.ts);
 * - the retained heap per step after a forced GC, and a final state's retained size (heap.ts);
 * - CLI start-up against the runtime's empty start (startup.ts).
 *
 * Usage: deno task bench [--steps N] [--reps N] [--replay-lines N] [--replay-reps N]
 *   [--startup-runs N] [--json FILE] [--compare EARLIER.json [--current LATER.json]] [--build]
 *   [--no-node24]. Defaults: 1,000,000 steps, 7 reps, 1,000,000 lines, 3 replay reps, 10 start-up
 *   runs, JSON to .test-results/bench.json. `--compare` prints each figure's change against an
 *   earlier JSON after the run, or, with `--current`, between two files without running.
 *   `--build` runs `deno task build:npm` first when npm/ is missing or older than core/;
 *   `--no-node24` skips the pinned Node 24 (and its download).
 *
 * @module
 */
import * as core from "../../core/mod.ts";
import { describeMix, loadMix } from "./mix.js";
import { CONTESTANTS, runStepSuite } from "./step_suite.js";
import { replaySection } from "./replay.ts";
import { heapSection } from "./heap.ts";
import { startupPair } from "./startup.ts";
import { NPM_DIR, npmBuild, runOnNode } from "./node.ts";
import { ensureNode } from "../ensure_node.ts";
import {
  type BenchJson,
  cell,
  compareRuns,
  type Figure,
  human,
  type Ratio,
  summarize,
} from "./stats.ts";

const root = new URL("../../", import.meta.url).pathname;
const NAMES: Record<string, string> = {
  netfsm: "netfsm step (advance)",
  xstateActor: "XState v5 actor",
  xstateTransition: "XState v5 transition()",
  robot3: "robot3",
  switch: "bare switch",
};

function option(name: string, fallback: number): number {
  const at = Deno.args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(Deno.args[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}
const text = (name: string) => {
  const at = Deno.args.indexOf(name);
  return at === -1 ? undefined : Deno.args[at + 1];
};
const flag = (name: string) => Deno.args.includes(name);

const figures: Record<string, Figure> = {};
const ratios: Record<string, Ratio> = {};
const skipped: Record<string, string> = {};
const rate = (key: string, samples: number[]) => figures[key] = summarize(samples, "steps/s", true);
const ratio = (key: string, a: Figure, b: Figure, higherIsBetter = true) =>
  ratios[key] = { value: a.median / b.median, higherIsBetter };

function stepTable(prefix: string, rates: Record<string, number[]>, reps: number) {
  console.log(`| contestant | steps/s, median (min–max) of ${reps} | netfsm ÷ it |`);
  console.log("|---|---:|---:|");
  for (const name of CONTESTANTS) rate(`${prefix}.${name}`, rates[name]!);
  const netfsm = figures[`${prefix}.netfsm`]!;
  for (const name of CONTESTANTS) {
    const it = figures[`${prefix}.${name}`]!;
    if (name !== "netfsm") ratio(`${prefix}.netfsm/${name}`, netfsm, it);
    console.log(`| ${NAMES[name]} | ${cell(it)} | ${human(netfsm.median / it.median)}× |`);
  }
  const sw = figures[`${prefix}.switch`]!;
  ratio(`${prefix}.switch/netfsm`, sw, netfsm, false);
  console.log(`the bare switch is ${human(sw.median / netfsm.median)}× netfsm's step`);
}

function readTraces() {
  const dir = `${root}examples/traces/`;
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".jsonl"));
  return Promise.all(
    names.sort().map(async (name) => ({
      name,
      path: dir + name,
      text: await Deno.readTextFile(dir + name),
    })),
  );
}

async function nodes(): Promise<[string, string][]> {
  const found: [string, string][] = [];
  const v = await new Deno.Command("node", { args: ["--version"] }).output().catch(() => undefined);
  if (v?.success) {
    const major = new TextDecoder().decode(v.stdout).trim().replace(/^v(\d+).*/s, "$1");
    found.push([`node${major}`, "node"]);
  } else skipped.nodePath = "no `node` on PATH";
  if (flag("--no-node24")) skipped.node24 = "--no-node24";
  else if (!found.some(([key]) => key === "node24")) found.push(["node24", await ensureNode(24)]);
  return found;
}

async function run(): Promise<BenchJson> {
  const steps = option("--steps", 1_000_000);
  const reps = option("--reps", 7);
  const replayLines = option("--replay-lines", 1_000_000);
  const replayReps = option("--replay-reps", 3);
  const startupRuns = option("--startup-runs", 10);
  const traces = await readTraces();
  const mix = loadMix(core, traces);
  const described = describeMix(mix);
  console.log(
    `netfsm bench: ${steps} steps × ${reps} reps; Deno ${Deno.version.deno} (V8 ${Deno.version.v8})`,
  );

  console.log(
    `\n## mix\n${described.traces} traces (examples/traces), ${described.steps} steps a round:`,
  );
  console.log(described.byType.map(([type, n]: [string, number]) => `${type} ${n}`).join(", "));

  console.log("\n## step on Deno");
  stepTable("step.deno", runStepSuite(core, mix, { steps, reps }), reps);

  console.log("\n## step on Node (npm build)");
  const build = await npmBuild(flag("--build"));
  if (build.note !== undefined) console.log(`note: ${build.note}`);
  const nodeList = build.ok ? await nodes() : [];
  if (!build.ok) skipped.node = build.note!;
  for (const [key, binary] of nodeList) {
    // A section that fails (npm/ rebuilt under it, say) is reported, and the run goes on.
    const result = await runOnNode(binary, traces.map((t) => t.path), steps, reps).catch(
      (error) => void (skipped[`step.${key}`] = String(error).split("\n")[0]!),
    );
    if (result === undefined) continue;
    console.log(`\n### ${key} (${result.node})`);
    stepTable(`step.${key}`, result.rates, reps);
    ratio(`step.${key}.netfsm/deno`, figures[`step.${key}.netfsm`]!, figures["step.deno.netfsm"]!);
    console.log(
      `netfsm on ${result.node} ÷ on Deno: ${human(ratios[`step.${key}.netfsm/deno`]!.value)}×`,
    );
  }

  const replay = await replaySection(replayLines, replayReps);
  console.log(
    `\n## replay --json, ${replay.lines} lines (${
      (replay.bytes / 1e6).toFixed(0)
    } MB, ${replay.source}'s ${replay.repeated} inputs repeated), ${replayReps} runs`,
  );
  console.log("| command | time s, median (min–max) | peak RSS MiB |\n|---|---:|---:|");
  for (const [name, runs] of [["netfsm", replay.netfsm], ["floor", replay.floor]] as const) {
    figures[`replay.${name}.seconds`] = summarize(runs.map((r) => r.seconds), "s", false);
    figures[`replay.${name}.peakMib`] = summarize(runs.map((r) => r.peakMib), "MiB", false);
    const label = name === "netfsm" ? "`netfsm replay FILE --json`" : "floor: parse + stringify";
    console.log(
      `| ${label} | ${cell(figures[`replay.${name}.seconds`]!)} | ${
        cell(figures[`replay.${name}.peakMib`]!)
      } |`,
    );
  }
  ratio(
    "replay.netfsm/floor",
    figures["replay.netfsm.seconds"]!,
    figures["replay.floor.seconds"]!,
    false,
  );
  console.log(`netfsm ÷ floor: ${human(ratios["replay.netfsm/floor"]!.value)}×`);

  console.log("\n## retained heap (forced GC)");
  const heap = heapSection(core, mix, steps);
  if (heap === undefined) {
    skipped.heap = "no gc(): run with --v8-flags=--expose-gc (deno task bench does)";
    console.log(`skipped: ${skipped.heap}`);
  } else {
    figures["heap.bytesPerStep"] = summarize([heap.bytesPerStep], "B/step", false);
    figures["heap.stateBytes"] = summarize([heap.stateBytes], "B", false);
    console.log(
      `${heap.steps} steps, final states only: heap ${human(heap.heapBefore)} B -> ${
        human(heap.heapAfter)
      } B, ${heap.bytesPerStep.toFixed(4)} B retained per step`,
    );
    console.log(
      `a final state retains ${
        human(heap.stateBytes)
      } B beyond its initial state (${heap.held} held; ${
        human(heap.stateJsonChars)
      } chars as JSON)`,
    );
  }

  console.log(`\n## start-up (ms, median (min–max) of ${startupRuns})`);
  console.log("| runtime | `netfsm --help` | empty program | difference |\n|---|---:|---:|---:|");
  const perms = JSON.parse(await Deno.readTextFile(`${root}deno.json`)).tasks.netfsm.split(/\s+/)
    .filter((w: string) => w.startsWith("--allow-"));
  const empty = await Deno.makeTempFile({ suffix: ".ts" });
  const pairs: [string, readonly [string, string[]], readonly [string, string[]]][] = [
    ["deno", [Deno.execPath(), ["run", ...perms, `${root}cli/netfsm.ts`, "--help"]], [
      Deno.execPath(),
      ["run", empty],
    ]],
    ...nodeList.map(([key, bin]) =>
      [key, [bin, [`${NPM_DIR}/bin/netfsm.mjs`, "--help"]], [bin, ["-e", ""]]] as [
        string,
        readonly [string, string[]],
        readonly [string, string[]],
      ]
    ),
  ];
  for (const [key, cli, none] of pairs) {
    const times = await startupPair(cli, none, startupRuns).catch(
      (error) => void (skipped[`startup.${key}`] = String(error).split("\n")[0]!),
    );
    if (times === undefined) continue;
    const a = figures[`startup.${key}.cli`] = summarize(times.cli, "ms", false);
    const b = figures[`startup.${key}.empty`] = summarize(times.empty, "ms", false);
    ratio(`startup.${key}.cli/empty`, a, b, false);
    console.log(`| ${key} | ${cell(a)} | ${cell(b)} | +${human(a.median - b.median)} |`);
  }
  await Deno.remove(empty);
  for (const [key, why] of Object.entries(skipped)) console.log(`skipped ${key}: ${why}`);
  return {
    bench: "netfsm",
    version: 1,
    date: new Date().toISOString(),
    machine: { deno: Deno.version.deno, v8: Deno.version.v8, cpus: navigator.hardwareConcurrency },
    options: { steps, reps, replayLines, replayReps, startupRuns },
    mix: described,
    figures,
    ratios,
    skipped,
  };
}

if (import.meta.main) {
  const earlier = text("--compare");
  const current = text("--current");
  let later: BenchJson;
  if (current !== undefined) later = JSON.parse(await Deno.readTextFile(current));
  else {
    later = await run();
    const out = text("--json") ?? `${root}.test-results/bench.json`;
    await Deno.mkdir(out.replace(/\/[^/]*$/, "") || ".", { recursive: true });
    await Deno.writeTextFile(out, JSON.stringify(later, null, 2) + "\n");
    console.log(`\nfigures written to ${out}`);
  }
  if (earlier !== undefined) {
    const before: BenchJson = JSON.parse(await Deno.readTextFile(earlier));
    console.log(`\n## change from ${earlier} (${before.date}) to ${current ?? "this run"}`);
    if (JSON.stringify(before.options) !== JSON.stringify(later.options)) {
      console.log(
        `note: the runs' options differ: ${JSON.stringify(before.options)} and ${
          JSON.stringify(later.options)
        }`,
      );
    }
    console.log("| figure | before | after | change |\n|---|---:|---:|---:|");
    for (const row of compareRuns(before, later)) console.log(row);
  }
}
