/**
 * The start-up section: `netfsm --help` against the runtime starting an empty program, medians of
 * `runs` interleaved runs after one untimed warm-up of each (module caches filled). On Deno:
 * `deno run <netfsm task permissions> cli/netfsm.ts --help` against `deno run empty.ts`; on Node:
 * the npm build's bin (`node npm/bin/netfsm.mjs --help`) against `node -e ""`.
 *
 * @module
 */
import { timeChild } from "./replay.ts";

/**
 * Wall times in milliseconds of the two commands, `runs` each.
 *
 * @example
 * ```ts ignore
 * await startupPair(["node", ["npm/bin/netfsm.mjs", "--help"]], ["node", ["-e", ""]], 10);
 * ```
 */
export async function startupPair(
  cli: readonly [string, string[]],
  empty: readonly [string, string[]],
  runs: number,
): Promise<{ cli: number[]; empty: number[] }> {
  await timeChild(...cli);
  await timeChild(...empty);
  const out = { cli: [] as number[], empty: [] as number[] };
  for (let i = 0; i < runs; i++) {
    out.cli.push((await timeChild(...cli)).seconds * 1000);
    out.empty.push((await timeChild(...empty)).seconds * 1000);
  }
  return out;
}
