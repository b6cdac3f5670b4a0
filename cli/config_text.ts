/**
 * A configuration's text as the value the schema decodes: JSON when it starts with `{"` (or is
 * `{}`), the Erlang term an AtomVM application passes to `network:start/1` otherwise, a bare
 * `{sta, [...]}` tuple included. Shared by `check`, `import --config` and `run`, so all parse
 * alike and none quotes the text in an error.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { ConfigProblem } from "../core/config/problem.ts";
import { describeJsonProblem, parseJson } from "../core/json_parse.ts";
import { parseTerm, type Term } from "./erlang_term.ts";
import { configOfTerm, type NvsStore } from "./erlang_values.ts";

/** A parsed configuration, not yet checked. */
export interface ConfigText {
  readonly format: "json" | "erlang";
  readonly value: unknown;
  /** For an Erlang term: the term as checked (NVS calls resolved), for messages in its words. */
  readonly term?: Term;
  /** What reading the term noticed: where NVS supplies a value, a lone tuple read as a list. */
  readonly notes?: readonly string[];
  /** Problems the schema cannot see in JSON: a map where AtomVM reads a proplist. */
  readonly problems?: readonly ConfigProblem[];
  /** Paths NVS supplies at run time. */
  readonly fromNvs?: readonly string[];
}

/**
 * Parses a configuration's text; an error names the line and column, and quotes nothing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfigText } from "./config_text.ts";
 * const erlang = parseConfigText('[{sta, [{ssid, "home"}]}].');
 * assert.deepEqual(erlang._tag === "Right" && erlang.right.value, { sta: { ssid: "home" } });
 * assert.deepEqual(parseConfigText('{"sta": {"psk": secret12}}'), { _tag: "Left", left: "not valid JSON at line 1, column 17: expected a value" });
 * ```
 */
export function parseConfigText(text: string, nvs?: NvsStore): Either<string, ConfigText> {
  if (/^\s*\{\s*("|\}|$)/.test(text)) {
    const parsed = parseJson(text);
    return parsed._tag === "Left"
      ? left(describeJsonProblem(parsed.left))
      : right({ format: "json", value: parsed.right });
  }
  const term = parseTerm(text);
  if (term._tag === "Left") return term;
  return right({ format: "erlang", ...configOfTerm(term.right, nvs) });
}
