/**
 * The fuzzer's command line: its usage text, and parsing it.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";

/** What the fuzzer attacks, in the order it reports them, and each one's share of the inputs. */
export const TARGETS = [
  ["replay", 0.25],
  ["check", 0.25],
  ["import", 0.2],
  ["simulate", 0.12],
  ["api", 0.18],
] as const;

/** A target's name. */
export type TargetName = typeof TARGETS[number][0];

/** The fuzzer's command line. */
export interface Args {
  /** Inputs in all, shared among the targets. */
  readonly runs: number;
  readonly seed: number;
  readonly out: string;
  readonly only: readonly TargetName[];
  /** Evaluating processes at once. */
  readonly jobs: number;
  /** An API case to run alone (a file an earlier run wrote). */
  readonly repro?: string;
  readonly help: boolean;
}

/** The usage text. */
export const USAGE =
  `Usage: deno task fuzz [--runs N] [--seed S] [--out DIR] [--only LIST] [--jobs N]
       deno task fuzz --repro FILE

Attacks netfsm as an attacker would: the CLI's replay, check, import and simulate commands (in
process, through cli/main.ts over memory) and the API (Network.start and the module's start on a
driver that misbehaves), with hostile inputs that each carry a planted psk. Each input must end
with exit code 0, 1 or 2, let nothing escape, show no stack trace or internal error, show the psk
nowhere (stdout, stderr, files written, diagnostics, errors, replies, hooks), and end within its
budget of event-loop turns (a watchdog calls an input that holds its process for 10 s a hang).

  --runs N      inputs in all, shared among the targets (default 12000)
  --seed S      fast-check's seed (default 1): the same seed draws the same inputs
  --out DIR     where failing inputs go, shrunk a little, with the command that reproduces each
                (default .fuzz/; what an earlier run wrote there is removed)
  --only LIST   only these targets, comma-separated: ${TARGETS.map(([name]) => name).join(", ")}
  --jobs N      evaluating processes at once (default: the number of CPUs, at most 4)
  --repro FILE  run one API case an earlier run wrote, and say what it broke

Exit code 0 when no input failed, 1 when one crashed, leaked or hung, 2 on a bad command line.

Example: deno task fuzz --runs 2000 --only replay,import`;

function whole(flag: string, value: string, min: number): Either<string, number> {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= min
    ? right(n)
    : left(`${flag} must be a whole number from ${min}, got "${value}"`);
}

/**
 * Parses the command line; a problem is a message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseArgs } from "./args.ts";
 * const args = parseArgs(["--runs", "500", "--only", "check,api"]);
 * assert.equal(args._tag === "Right" && args.right.runs, 500);
 * assert.deepEqual(args._tag === "Right" && args.right.only, ["check", "api"]);
 * assert.equal(parseArgs(["--only", "diagram"])._tag, "Left");
 * ```
 */
export function parseArgs(
  argv: readonly string[],
  cpus = navigator.hardwareConcurrency,
): Either<string, Args> {
  let args: Args = {
    runs: 12_000,
    seed: 1,
    out: ".fuzz/",
    only: TARGETS.map(([name]) => name),
    jobs: Math.max(1, Math.min(4, cpus)),
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--help" || flag === "-h") {
      args = { ...args, help: true };
      continue;
    }
    const options = ["--runs", "--seed", "--out", "--only", "--jobs", "--repro"];
    if (!options.includes(flag)) return left(`unknown argument "${flag}"`);
    const value = argv[++i];
    if (value === undefined) return left(`${flag} needs a value`);
    if (flag === "--runs" || flag === "--seed" || flag === "--jobs") {
      const n = whole(flag, value, flag === "--seed" ? 0 : 1);
      if (n._tag === "Left") return n;
      args = { ...args, [flag.slice(2)]: n.right };
    } else if (flag === "--out") args = { ...args, out: value };
    else if (flag === "--repro") args = { ...args, repro: value };
    else {
      const names = value.split(",");
      const known = TARGETS.map(([name]) => name as string);
      const unknown = names.filter((name) => !known.includes(name));
      if (unknown.length > 0) {
        return left(`--only: no target named ${unknown.map((n) => `"${n}"`).join(", ")}`);
      }
      args = {
        ...args,
        only: TARGETS.map(([name]) => name).filter((name) => names.includes(name)),
      };
    }
  }
  return right(args);
}

/**
 * How many of `runs` inputs each target gets: its share, among the targets chosen, rounded so
 * that they add up to `runs`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shares } from "./args.ts";
 * assert.deepEqual(shares(100, ["replay", "api"]), { replay: 58, api: 42 });
 * ```
 */
export function shares(runs: number, only: readonly TargetName[]): Record<string, number> {
  const chosen = TARGETS.filter(([name]) => only.includes(name));
  const total = chosen.reduce((sum, [, share]) => sum + share, 0);
  const out: Record<string, number> = {};
  let given = 0;
  chosen.forEach(([name, share], i) => {
    const n = i === chosen.length - 1 ? runs - given : Math.round((runs * share) / total);
    out[name] = n;
    given += n;
  });
  return out;
}
