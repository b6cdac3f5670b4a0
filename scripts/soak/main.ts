// deno-lint-ignore-file no-console -- a command-line script reports on the console
/**
 * The soak: liveness on the simulated ESP32 under every kind of fault it can inject. Each
 * scenario's access point becomes usable for good at some time T; the run ends at
 * T + {@link BOUND_MS} + {@link HOLD_MS}, and it is live when the core has held one address for
 * the last {@link HOLD_MS} and the radio agrees (associated, holding that address). Every other
 * run is stuck, and is written as a trace that `netfsm replay` reproduces.
 *
 * Usage: deno task soak [--seeds N] [--out DIR] [--mix NAME,...]
 *
 * @module
 */
import { isLeft } from "fp-ts/lib/Either.js";
import { parseArgs, USAGE } from "./args.ts";
import { BOUND_MS, BOUND_WHY, HOLD_MS } from "./bounds.ts";
import { summaryLines } from "./report.ts";
import { loadScenarios } from "./scenarios.ts";
import { soak } from "./soak.ts";

/**
 * The soak as a command: parses `argv`, runs, prints to `print` (problems to `complain`), and
 * returns the exit code: 0 when no run is stuck, 1 when one is, 2 for a bad command line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { main } from "./main.ts";
 * const printed: string[] = [];
 * assert.equal(await main(["--help"], (line) => printed.push(line)), 0);
 * assert.match(printed[0]!, /^Usage: deno task soak/);
 * assert.equal(await main(["--seeds", "many"], () => {}, () => {}), 2);
 * ```
 */
export async function main(
  argv: readonly string[],
  print: (line: string) => void = console.log,
  complain: (line: string) => void = console.error,
): Promise<number> {
  const args = parseArgs(argv);
  if (isLeft(args)) {
    complain(`soak: ${args.left}\n\n${USAGE}`);
    return 2;
  }
  if (args.right.help) {
    print(USAGE);
    return 0;
  }
  const { seeds, out, mixes } = args.right;
  const { ready, skipped } = await loadScenarios(
    new URL("../../examples/scenarios/", import.meta.url),
  );
  const runs = ready.length * mixes.length * seeds;
  print(
    `soak: ${ready.length} scenarios × ${mixes.length} fault mixes × ${seeds} seeds = ${runs} runs`,
  );
  print(
    `  live: at usable-from + BOUND + HOLD the core has held one address for the last ${
      HOLD_MS / 1000
    } s, and the radio is associated holding it`,
  );
  print(`  BOUND ${BOUND_MS / 1000} s: ${BOUND_WHY}`);
  print(
    `  scenarios (usable from): ${
      ready.map((s) => `${s.scenario.name} ${s.usableFrom / 1000} s`).join(", ")
    }`,
  );
  if (skipped.length > 0) print(`  skipped: ${skipped.join("; ")}`);
  const started = performance.now();
  const result = await soak({ seeds, mixes, scenarios: ready, out });
  for (const line of summaryLines(result)) print(line);
  if (result.written.length > 0) {
    print(`${result.written.length} stuck runs written to ${out}; the first:`);
    for (const path of result.written.slice(0, 5)) print(`  ${path}`);
    print(`replay one: node scripts/deno.mjs task netfsm replay ${result.written[0]}`);
  }
  print(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result.stuck.length === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
