/**
 * One fuzzed command line and its files, run in-process through the CLI's `main` over memory, and
 * the command that reproduces it on a real shell.
 *
 * @module
 */
import { main } from "../../cli/main.ts";
import { memoryIo } from "../../cli/memory_io.ts";
import { describeThrown, takeStray } from "./stray.ts";
import { settleWithin, type TurnBudget } from "./turns.ts";
import type { Outcome } from "./verdict.ts";

/** The CLI commands the fuzzer attacks. */
export type CliCommand = "replay" | "check" | "import" | "simulate";

/** A command line, the files it names (bytes where they are not valid UTF-8), its planted psk. */
export interface CliCase {
  readonly command: CliCommand;
  readonly argv: readonly string[];
  /** By the path `argv` names; `stdin` is what `-` reads. */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  readonly psk: string;
  /** Which hostile family made it, for the report. */
  readonly family: string;
}

/**
 * Words that misuse a command line, for a case to end with now and then: each must give exit code
 * 2 and a usage message, or be taken as an option's value, never a crash.
 */
export const ARGV_NOISE: readonly (readonly string[])[] = [
  ["--nope"],
  ["--json=1"],
  ["--"],
  ["-"],
  ["extra"],
  ["--seed"],
  ["--config"],
  ["--record", "constructor"],
  ["--mac", "__proto__"],
  ["--constructor"],
  ["--__proto__"],
];

/** A command line with, now and then, one of the {@link ARGV_NOISE} at its end. */
export function withNoise(argv: readonly string[], noise: number | null): string[] {
  return noise === null ? [...argv] : [...argv, ...ARGV_NOISE[noise % ARGV_NOISE.length]!];
}

/**
 * The CLI's budget: it drives everything (even a simulation) with promises that settle at once,
 * so a command that needs a few hundred turns of the event loop is waiting for nothing.
 */
export const CLI_BUDGET: TurnBudget = { idle: 300, total: 300 };

/** A file's text as the CLI reads it: bytes decoded as UTF-8, a bad sequence as U+FFFD. */
export function textOf(content: string | Uint8Array): string {
  return typeof content === "string" ? content : new TextDecoder().decode(content);
}

/**
 * Runs a case through `main` with every file in memory; returns what it did.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCli } from "./cli_case.ts";
 * const outcome = await runCli({ command: "check", argv: ["check", "c.json"], files: { "c.json": '{"ap": {}}' }, psk: "PSKLEAK12345678", family: "example" });
 * assert.equal(outcome.exitCode, 0);
 * assert.match(outcome.texts.stdout!, /a valid configuration/);
 * ```
 */
export async function runCli(
  input: CliCase,
  budget: TurnBudget = CLI_BUDGET,
): Promise<Outcome> {
  takeStray();
  const files = Object.fromEntries(
    Object.entries(input.files).map(([path, content]) => [path, textOf(content)]),
  );
  const io = memoryIo(files);
  const run = main(input.argv, io).then(
    (code) => ({ code, thrown: undefined }),
    (thrown: unknown) => ({ code: undefined, thrown: describeThrown(thrown) }),
  );
  const settled = await settleWithin(run, () => io.stdout.length + io.stderr.length, budget);
  const escaped = settled.settled && settled.value.thrown !== undefined
    ? [settled.value.thrown]
    : [];
  const texts: Record<string, string> = {
    stdout: io.stdout.join(""),
    stderr: io.stderr.join(""),
  };
  for (const [path, text] of Object.entries(io.written)) texts[`file ${path}`] = text;
  return {
    ...(settled.settled && settled.value.code !== undefined
      ? { exitCode: settled.value.code }
      : {}),
    escaped: [...escaped, ...takeStray()],
    ...(settled.settled ? {} : { hung: `main ${settled.why}` }),
    texts,
    broken: [],
  };
}

/**
 * The shell command that runs `input` with the real CLI, its files under `dir`: each path `argv`
 * names is rewritten to the file written there, and `-` reads the `stdin` file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandLine } from "./cli_case.ts";
 * const line = commandLine({ command: "replay", argv: ["replay", "-", "--json"], files: { stdin: "" }, psk: "", family: "" }, ".fuzz/replay-1");
 * assert.equal(line, "node scripts/deno.mjs task netfsm replay - --json < .fuzz/replay-1/stdin");
 * ```
 */
export function commandLine(input: CliCase, dir: string): string {
  const quote = (word: string) =>
    /^[\w./:=@,+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
  const args = input.argv.map((word, i) => {
    const previous = input.argv[i - 1];
    if (Object.hasOwn(input.files, word) && word !== "stdin") return `${dir}/${word}`;
    if (previous === "--record") return `${dir}/${word}`;
    return word;
  });
  const stdin = input.argv.includes("-") && input.files.stdin !== undefined
    ? ` < ${dir}/stdin`
    : "";
  return `node scripts/deno.mjs task netfsm ${args.map(quote).join(" ")}${stdin}`;
}
