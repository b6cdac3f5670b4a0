/**
 * Failing inputs as files that reproduce them: a CLI input as its files and the exact command
 * that runs them through the real CLI; an API input as a JSON case that `deno task fuzz --repro`
 * runs. Each comes with what it broke.
 *
 * @module
 */
import type { ApiCase } from "./api_case.ts";
import { type CliCase, commandLine } from "./cli_case.ts";
import type { Failure } from "./verdict.ts";

/** Names this fuzzer gives what it writes; only these are cleared from the output folder. */
const OURS = /^(?:replay|check|import|simulate|api)-\d+(?:\.json)?$/;

/**
 * Removes what an earlier run wrote to `out` (and nothing else), creating it if need be.
 */
export async function clearOut(out: string): Promise<void> {
  await Deno.mkdir(out, { recursive: true });
  for await (const entry of Deno.readDir(out)) {
    if (OURS.test(entry.name)) await Deno.remove(`${out}/${entry.name}`, { recursive: true });
  }
}

function describe(failures: readonly Failure[]): string {
  return failures.map((f) => `${f.kind}: ${f.signature}\n  ${f.detail.replaceAll("\n", "\n  ")}`)
    .join("\n");
}

/**
 * Writes a failing CLI input to `dir` (its files, and `command.txt` with the command and what
 * it broke); returns the command that reproduces it.
 */
export async function writeCliRepro(
  dir: string,
  input: CliCase,
  failures: readonly Failure[],
): Promise<string> {
  await Deno.mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(input.files)) {
    const target = `${dir}/${path}`;
    if (typeof content === "string") await Deno.writeTextFile(target, content);
    else await Deno.writeFile(target, content);
  }
  const command = commandLine(input, dir);
  await Deno.writeTextFile(
    `${dir}/command.txt`,
    `${command}\n\n# ${input.family}; planted psk ${input.psk}\n${describe(failures)}\n`,
  );
  return command;
}

/** Writes a failing API input to `path`; returns the command that reproduces it. */
export async function writeApiRepro(
  path: string,
  input: ApiCase,
  failures: readonly Failure[],
): Promise<string> {
  const command = `node scripts/deno.mjs task fuzz --repro ${path}`;
  await Deno.writeTextFile(
    path,
    JSON.stringify({ reproduce: command, failures, case: input }, null, 2) + "\n",
  );
  return command;
}

/** Reads a case `writeApiRepro` wrote. */
export async function readApiRepro(path: string): Promise<ApiCase> {
  const json = JSON.parse(await Deno.readTextFile(path)) as { case?: ApiCase };
  if (json.case === undefined) throw new Error(`${path} holds no API case`);
  return json.case;
}
