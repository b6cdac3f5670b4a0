/**
 * `netfsm check FILE [--json]`: validates a configuration written as JSON or as the Erlang term
 * an AtomVM application passes to `network:start/1`, and prints every problem with its path.
 *
 * @module
 */
import type { ConfigProblem } from "../core/config/problem.ts";
import { decodeConfig, type NetworkConfig } from "../core/config/schema.ts";
import { parseTerm, toJson } from "./erlang_term.ts";
import { type CliIo, EXIT } from "./io.ts";

/** What checking a configuration found. */
export interface CheckReport {
  readonly format: "json" | "erlang";
  readonly problems: readonly ConfigProblem[];
  /** What is fine but worth knowing: keys that must come from NVS at start. */
  readonly notes: readonly string[];
}

function notesOf(config: NetworkConfig): string[] {
  const notes: string[] = [];
  const sta = config.sta;
  if (
    sta !== undefined && sta.ssid === undefined && sta.networks === undefined &&
    sta.managed !== true
  ) {
    notes.push("sta.ssid is absent: start will read it from NVS (atomvm/sta_ssid) or fail");
  }
  if (
    sta !== undefined && sta.psk === undefined && sta.networks === undefined && sta.managed !== true
  ) {
    notes.push("sta.psk is absent: NVS (atomvm/sta_psk) or an open network");
  }
  if (config.ap !== undefined && config.ap.psk === undefined) {
    notes.push("ap.psk is absent: NVS (atomvm/ap_psk) or an open access point");
  }
  return notes;
}

/**
 * Checks a configuration's text: JSON when it starts with `{`, an Erlang term otherwise.
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
): { _tag: "Left"; left: string } | { _tag: "Right"; right: CheckReport } {
  const json = text.trimStart().startsWith("{");
  let value: unknown;
  if (json) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      return {
        _tag: "Left",
        left: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  } else {
    const term = parseTerm(text);
    if (term._tag === "Left") return { _tag: "Left", left: term.left };
    value = toJson(term.right);
  }
  const decoded = decodeConfig(value);
  const format = json ? "json" : "erlang";
  return decoded._tag === "Left"
    ? { _tag: "Right", right: { format, problems: decoded.left, notes: [] } }
    : { _tag: "Right", right: { format, problems: [], notes: notesOf(decoded.right) } };
}

/** Checks a file; returns the exit code (1 when there is any problem). */
export async function checkCommand(
  io: CliIo,
  options: { readonly file: string; readonly json: boolean },
): Promise<number> {
  const lines = await io.readLines(options.file);
  if (lines._tag === "Left") {
    await io.writeError(`netfsm check: ${lines.left}\n`);
    return EXIT.finding;
  }
  const parts: string[] = [];
  for await (const line of lines.right) parts.push(line);
  const report = checkText(parts.join("\n"));
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
  }
  return problems.length === 0 ? EXIT.ok : EXIT.finding;
}
