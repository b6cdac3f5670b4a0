/**
 * A configuration's text as the value the schema decodes: JSON when it starts with `{`, the
 * Erlang term an AtomVM application passes to `network:start/1` otherwise. Shared by `check` and
 * `import --config`, so both parse alike and neither quotes the text in an error.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { describeJsonProblem, parseJson } from "../core/json_parse.ts";
import { parseTerm, toJson } from "./erlang_term.ts";

/** A parsed configuration, not yet checked. */
export interface ConfigText {
  readonly format: "json" | "erlang";
  readonly value: unknown;
}

/**
 * Parses a configuration's text; an error names the line and column, and quotes nothing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseConfigText } from "./config_text.ts";
 * assert.deepEqual(parseConfigText('[{sta, [{ssid, "home"}]}].'), { _tag: "Right", right: { format: "erlang", value: { sta: { ssid: "home" } } } });
 * assert.deepEqual(parseConfigText('{"sta": {"psk": secret12}}'), { _tag: "Left", left: "not valid JSON at line 1, column 17: expected a value" });
 * ```
 */
export function parseConfigText(text: string): Either<string, ConfigText> {
  if (text.trimStart().startsWith("{")) {
    const parsed = parseJson(text);
    return parsed._tag === "Left"
      ? left(describeJsonProblem(parsed.left))
      : right({ format: "json", value: parsed.right });
  }
  const term = parseTerm(text);
  return term._tag === "Left" ? term : right({ format: "erlang", value: toJson(term.right) });
}
