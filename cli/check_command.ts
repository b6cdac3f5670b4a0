/**
 * `netfsm check FILE [--nvs NVS] [--json]`: validates a configuration written as JSON or as the
 * Erlang term an AtomVM application passes to `network:start/1`, and prints every problem with
 * its path; for an Erlang term, in Erlang's words (erlang_messages.ts). `esp:nvs_get_binary`
 * calls are checked against the `--nvs` file (nvs_file.ts), or noted as read at run time.
 *
 * @module
 */
import { checkParsed, type CheckReport } from "./config_file.ts";
import { parseConfigText } from "./config_text.ts";
import { readDocument } from "./document.ts";
import type { NvsStore } from "./erlang_values.ts";
import { type CliIo, EXIT } from "./io.ts";
import { parseNvs } from "./nvs_file.ts";

export type { CheckReport } from "./config_file.ts";

/**
 * Checks a configuration's text: JSON when it starts with `{"`, an Erlang term otherwise, whose
 * `esp:nvs_get_binary` calls read `nvs` when given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkText } from "./check_command.ts";
 * const report = checkText('[{sta, [{ssid, "home"}, {pskk, "x"}]}].');
 * assert.equal(report._tag === "Right" && report.right.problems[0]!.message, "is not a known key; did you mean psk?");
 * ```
 */
export function checkText(
  text: string,
  nvs?: NvsStore,
): { _tag: "Left"; left: string } | { _tag: "Right"; right: CheckReport } {
  const parsed = parseConfigText(text, nvs);
  if (parsed._tag === "Left") return parsed;
  const { format, problems, notes } = checkParsed(parsed.right);
  return { _tag: "Right", right: { format, problems, notes } };
}

async function readNvs(
  io: CliIo,
  file: string | undefined,
): Promise<NvsStore | string | undefined> {
  if (file === undefined) return undefined;
  const text = await readDocument(io, file);
  if (text._tag === "Left") {
    return text.left.unreadable ? text.left.message : `${file}: ${text.left.message}`;
  }
  const nvs = parseNvs(text.right);
  return nvs._tag === "Left" ? `${file}: ${nvs.left}` : nvs.right;
}

/** Checks a file; returns the exit code (1 when there is any problem). */
export async function checkCommand(
  io: CliIo,
  options: { readonly file: string; readonly json: boolean; readonly nvs?: string },
): Promise<number> {
  const nvs = await readNvs(io, options.nvs);
  if (typeof nvs === "string") {
    await io.writeError(`netfsm check: --nvs ${nvs}\n`);
    return EXIT.finding;
  }
  const text = await readDocument(io, options.file);
  if (text._tag === "Left" && text.left.unreadable) {
    await io.writeError(`netfsm check: ${text.left.message}\n`);
    return EXIT.finding;
  }
  const report = text._tag === "Left"
    ? { _tag: "Left" as const, left: text.left.message }
    : checkText(text.right, nvs);
  if (report._tag === "Left") {
    if (options.json) {
      await io.write(
        JSON.stringify({ file: options.file, valid: false, error: report.left }) + "\n",
      );
    } else await io.writeError(`${options.file}: ${report.left}\n`);
    return EXIT.finding;
  }
  const { format, problems, notes } = report.right;
  if (options.json) {
    await io.write(
      JSON.stringify({
        file: options.file,
        format,
        valid: problems.length === 0,
        problems,
        notes,
      }) + "\n",
    );
  } else if (problems.length === 0) {
    await io.write(
      `${options.file}: a valid configuration (${format === "json" ? "JSON" : "Erlang term"})\n`,
    );
    for (const note of notes) await io.write(`  note: ${note}\n`);
  } else {
    for (const problem of problems) {
      await io.write(`${options.file}: ${problem.path}: ${problem.message}\n`);
    }
    // Where NVS supplied a value helps to read the problems, too.
    for (const note of notes) await io.write(`  note: ${note}\n`);
  }
  return problems.length === 0 ? EXIT.ok : EXIT.finding;
}
