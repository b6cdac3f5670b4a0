/**
 * `netfsm check FILE [--json]`: validates a configuration written as JSON or as the Erlang term
 * an AtomVM application passes to `network:start/1`, and prints every problem with its path.
 *
 * @module
 */
import type { ConfigProblem } from "../core/config/problem.ts";
import { decodeConfig, type NetworkConfig } from "../core/config/schema.ts";
import { parseConfigText } from "./config_text.ts";
import { readDocument } from "./document.ts";
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
  const parsed = parseConfigText(text);
  if (parsed._tag === "Left") return parsed;
  const { format, value } = parsed.right;
  const decoded = decodeConfig(value);
  return decoded._tag === "Left"
    ? { _tag: "Right", right: { format, problems: decoded.left, notes: [] } }
    : { _tag: "Right", right: { format, problems: [], notes: notesOf(decoded.right) } };
}

/** Checks a file; returns the exit code (1 when there is any problem). */
export async function checkCommand(
  io: CliIo,
  options: { readonly file: string; readonly json: boolean },
): Promise<number> {
  const text = await readDocument(io, options.file);
  if (text._tag === "Left" && text.left.unreadable) {
    await io.writeError(`netfsm check: ${text.left.message}\n`);
    return EXIT.finding;
  }
  const report = text._tag === "Left"
    ? { _tag: "Left" as const, left: text.left.message }
    : checkText(text.right);
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
