/**
 * The soak's command line: its usage text and parsing it.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { type Mix, MIXES } from "./mixes.ts";

/** The soak's command line. */
export interface Args {
  readonly seeds: number;
  readonly out: string;
  readonly mixes: readonly Mix[];
  readonly help: boolean;
}

/** The usage text. */
export const USAGE = `Usage: deno task soak [--seeds N] [--out DIR] [--mix NAME,...]

Runs every scenario with a station (examples/scenarios/ and the soak's own) on the simulated
ESP32 under each fault mix, for seeds 1..N, and counts the runs that end live and stuck.

  --seeds N      seeds per scenario and mix (default 1000; --seeds 20 for CI)
  --out DIR      where stuck runs' traces go (default .soak/; earlier ones there are removed)
  --mix NAMES    only these mixes, comma-separated: ${MIXES.map((m) => m.name).join(", ")}

Exit code 0 when no run is stuck, 1 when one is, 2 on a bad command line.

Example: deno task soak --seeds 20 --mix drop0.3,mixed`;

/**
 * Parses the command line; a problem is a message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseArgs } from "./args.ts";
 * const args = parseArgs(["--seeds", "20", "--mix", "drop0.1,mixed"]);
 * assert.equal(args._tag === "Right" && args.right.seeds, 20);
 * assert.deepEqual(args._tag === "Right" && args.right.mixes.map((m) => m.name), ["drop0.1", "mixed"]);
 * assert.equal(args._tag === "Right" && args.right.out, ".soak/");
 * assert.equal(parseArgs(["--seeds", "0"])._tag, "Left");
 * ```
 */
export function parseArgs(args: readonly string[]): Either<string, Args> {
  let seeds = 1000;
  let out = ".soak/";
  let mixes = MIXES;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === "--help" || flag === "-h") {
      help = true;
      continue;
    }
    const value = args[i + 1];
    if (!["--seeds", "--out", "--mix"].includes(flag)) return left(`unknown argument "${flag}"`);
    if (value === undefined) return left(`${flag} needs a value`);
    i++;
    if (flag === "--seeds") {
      seeds = Number(value);
      if (!Number.isSafeInteger(seeds) || seeds < 1) {
        return left(`--seeds must be a whole number from 1, got "${value}"`);
      }
    } else if (flag === "--out") out = value;
    else {
      const names = value.split(",");
      const unknown = names.filter((n) => !MIXES.some((m) => m.name === n));
      if (unknown.length > 0) {
        return left(
          `--mix: no mix named ${unknown.map((n) => `"${n}"`).join(", ")} (there are ${
            MIXES.map((m) => m.name).join(", ")
          })`,
        );
      }
      mixes = MIXES.filter((m) => names.includes(m.name));
    }
  }
  return right({ seeds, out, mixes, help });
}
