/**
 * A configuration file as every command reads it, `check`, `run` and `import --config` alike: the
 * text parsed (JSON or AtomVM's Erlang term, config_text.ts), checked against the schema, its
 * problems told in Erlang's words when it was Erlang, and the notes on what NVS must supply.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { type ConfigProblem, formatProblems } from "../core/config/problem.ts";
import { decodeConfig, type NetworkConfig } from "../core/config/schema.ts";
import type { ConfigText } from "./config_text.ts";
import { parseConfigText } from "./config_text.ts";
import { readDocument } from "./document.ts";
import { inErlangTerms } from "./erlang_messages.ts";
import type { CliIo } from "./io.ts";

/** What checking a configuration found. */
export interface CheckReport {
  readonly format: "json" | "erlang";
  readonly problems: readonly ConfigProblem[];
  /** What is fine but worth knowing: keys that must come from NVS at start. */
  readonly notes: readonly string[];
}

/** A check's report, with what running the configuration needs. */
export interface CheckedConfig extends CheckReport {
  /** The decoded configuration, when there is no problem. */
  readonly config?: NetworkConfig;
  /** Tells a problem found later (by `start`) in the file's own words. */
  readonly reword: (problem: ConfigProblem) => ConfigProblem;
}

function notesOf(config: NetworkConfig, fromNvs: readonly string[]): string[] {
  const notes: string[] = [];
  const sta = config.sta;
  // An absent key that an esp:nvs_get_binary call supplies already has its note.
  const given = (path: string) => fromNvs.includes(path);
  if (
    sta !== undefined && sta.ssid === undefined && sta.networks === undefined &&
    sta.managed !== true && !given("sta.ssid")
  ) {
    notes.push("sta.ssid is absent: start will read it from NVS (atomvm/sta_ssid) or fail");
  }
  if (
    sta !== undefined && sta.psk === undefined && sta.networks === undefined &&
    sta.managed !== true && !given("sta.psk")
  ) {
    notes.push("sta.psk is absent: NVS (atomvm/sta_psk) or an open network");
  }
  if (config.ap !== undefined && config.ap.psk === undefined && !given("ap.psk")) {
    notes.push("ap.psk is absent: NVS (atomvm/ap_psk) or an open access point");
  }
  return notes;
}

/**
 * Checks a parsed configuration: every problem (in Erlang's words for an Erlang term), and the
 * notes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfigText } from "./config_text.ts";
 * import { checkParsed } from "./config_file.ts";
 * const parsed = parseConfigText('[{sta, [{ssid, home}]}].');
 * const report = parsed._tag === "Right" ? checkParsed(parsed.right) : undefined;
 * assert.equal(report?.problems[0]?.message, "must be a string or binary (AtomVM needs one), got the atom home");
 * ```
 */
export function checkParsed(parsed: ConfigText): CheckedConfig {
  const { format, value, term } = parsed;
  const decoded = decodeConfig(value);
  const reword = (problem: ConfigProblem) =>
    term === undefined ? problem : inErlangTerms(problem, term);
  const problems = [...(parsed.problems ?? []), ...(decoded._tag === "Left" ? decoded.left : [])];
  const config = problems.length === 0 && decoded._tag === "Right" ? decoded.right : undefined;
  const notes = [
    ...(parsed.notes ?? []),
    ...(decoded._tag === "Right" ? notesOf(decoded.right, parsed.fromNvs ?? []) : []),
  ];
  return { format, problems: problems.map(reword), notes, reword, ...(config && { config }) };
}

/** A configuration file ready to run: its JSON value, decoded, and what to tell the user. */
export interface LoadedConfig {
  readonly value: unknown;
  readonly config: NetworkConfig;
  readonly notes: readonly string[];
  readonly reword: (problem: ConfigProblem) => ConfigProblem;
}

/**
 * Reads and checks the configuration in `path`, as `netfsm check` does; a Left is the message,
 * naming the file, that a command prints.
 */
export async function loadConfigFile(
  io: CliIo,
  path: string,
): Promise<Either<string, LoadedConfig>> {
  const text = await readDocument(io, path);
  if (text._tag === "Left") {
    return left(text.left.unreadable ? text.left.message : `${path}: ${text.left.message}`);
  }
  const parsed = parseConfigText(text.right);
  if (parsed._tag === "Left") return left(`${path}: ${parsed.left}`);
  const report = checkParsed(parsed.right);
  if (report.config === undefined) {
    return left(`${path} is not a valid configuration:\n${formatProblems(report.problems)}`);
  }
  return right({
    value: parsed.right.value,
    config: report.config,
    notes: report.notes,
    reword: report.reword,
  });
}
