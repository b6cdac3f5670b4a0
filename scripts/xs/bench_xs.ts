// deno-lint-ignore-file no-console -- a benchmark reports on the console
/**
 * `deno task bench:xs`: netfsm's step throughput on XS (the `xsnap` CLI, XS 13.3.0) beside a bare
 * 4-state `switch` on the same engine, in one xsnap run: the example traces' inputs replayed in a
 * loop through the XS bundle's `advance` (timer firings count as steps), against toolchain.md §6's
 * switch reducer. XS figures depend on the heap's state, so each is quoted with its step count.
 *
 * Usage: deno task bench:xs [-- NETFSM_STEPS [SWITCH_STEPS]] (defaults 200000 and 5000000)
 *
 * @module
 */
import { buildTraceTools, buildXs } from "./build_xs.ts";
import { XS_BUILD_DIR } from "./bundle.ts";
import { writeData } from "./cases.ts";
import { runXsnap } from "./run_xsnap.ts";

const root = new URL("../../", import.meta.url).pathname;

/** Steps per second, rounded. */
const rate = (steps: number, ms: number) => Math.round(steps / (ms / 1000));

if (import.meta.main) {
  const netfsmSteps = Number(Deno.args[0] ?? 200_000);
  const switchSteps = Number(Deno.args[1] ?? 5_000_000);
  const bundle = await buildXs();
  const tools = await buildTraceTools();
  const traces: string[] = [];
  for await (const entry of Deno.readDir(`${root}examples/traces`)) {
    if (entry.name.endsWith(".jsonl")) {
      traces.push(await Deno.readTextFile(`${root}examples/traces/${entry.name}`));
    }
  }
  const data = await writeData(`${XS_BUILD_DIR}bench_data.js`, "XS_BENCH", {
    traces,
    netfsmSteps,
    switchSteps,
  });
  const program = new URL("./programs/bench_program.js", import.meta.url).pathname;
  const run = await runXsnap([bundle.script, tools.script, data, program]);
  if (run.code !== 0) throw new Error(`xsnap exited ${run.code}: ${run.stderr}`);
  const figures = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
  const netfsm = rate(figures.steps, figures.netfsmMs);
  const bare = rate(figures.switchSteps, figures.switchMs);
  console.log(
    `netfsm on XS: ${figures.steps} steps (${traces.length} traces x ${figures.rounds} rounds) ` +
      `in ${figures.netfsmMs.toFixed(1)} ms: ${netfsm} steps/s`,
  );
  console.log(
    `bare switch on XS: ${figures.switchSteps} steps in ${figures.switchMs.toFixed(1)} ms: ` +
      `${bare} steps/s`,
  );
  console.log(`ratio: the switch is ${(bare / netfsm).toFixed(1)}x netfsm's step`);
}
