// deno-lint-ignore-file no-console -- a command-line script reports on the console
/**
 * Records the example traces of netfsm's features from their scenarios, so that the traces come
 * from the simulator rather than being kept in step by hand. A test checks that each file equals
 * a fresh recording.
 *
 * Usage: deno task record:examples
 *
 * @module
 */
import { decodeScenario } from "../drivers/mock/scenario.ts";
import { simulate } from "../drivers/simulate.ts";

/** The scenarios recorded as traces, by name (both files share it). */
export const RECORDED = [
  "managed",
  "scan",
  "beacon_loss",
  "reconnect_backoff",
  "networks",
  "fallback_ap",
  "ipv6",
];

/** The trace recorded from scenario `name`, as file text. */
export async function recording(name: string): Promise<string> {
  const path = new URL(`../examples/scenarios/${name}.json`, import.meta.url);
  const scenario = decodeScenario(JSON.parse(await Deno.readTextFile(path)));
  if (scenario._tag === "Left") {
    throw new Error(`Cannot record "${name}": ${JSON.stringify(scenario.left)}`);
  }
  const run = await simulate(scenario.right);
  const [header, ...inputs] = run.trace;
  const note =
    `# Recorded by scripts/record_examples.ts from examples/scenarios/${name}.json (seed ${scenario.right.seed}).`;
  return [header, note, `# ${scenario.right.description}`, ...inputs].join("\n") + "\n";
}

if (import.meta.main) {
  for (const name of RECORDED) {
    await Deno.writeTextFile(
      new URL(`../examples/traces/${name}.jsonl`, import.meta.url),
      await recording(name),
    );
    console.log(`examples/traces/${name}.jsonl`);
  }
}
