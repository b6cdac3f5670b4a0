/**
 * One AT command line as ESP-AT's parser reads it: `AT`, a basic command (`ATE0`), or an
 * extended one (`AT+NAME`) in one of four forms: execute `AT+NAME`, query `AT+NAME?`, test
 * `AT+NAME=?` and set `AT+NAME=<params>`. Parameters are integers, strings in double quotes
 * (`\` escapes the next character, so `\\`, `\,` and `\"`), or empty (`,,`: left out).
 *
 * The firmware splits parameters on every comma that is not escaped, even inside quotes, so a
 * string with a bare comma is malformed: the driver must escape it. Names are case-sensitive
 * (`at` is not `AT`, as the firmware's ESP_AT_SUB_NO_AT says).
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { ERR } from "./error_codes.ts";

/** Where a parameter sits in its line: `line.slice(start, end)` is its text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A parameter: a quoted string (unescaped), an integer (with its text, such as `-0530`), or empty. */
export type AtParam =
  | { readonly kind: "string"; readonly value: string; readonly span: Span }
  | { readonly kind: "integer"; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: "empty"; readonly span: Span };

/** The four forms of a command. */
export type AtForm = "execute" | "query" | "test" | "set";

/** A parsed command line. `name` is `""` for `AT`, `E0` for `ATE0`, `+CWJAP` for `AT+CWJAP`. */
export interface AtCommand {
  readonly name: string;
  readonly form: AtForm;
  readonly params: readonly AtParam[];
}

const NAME = /^\+[A-Za-z0-9_]+/;
const BASIC = /^[A-Z][0-9]?$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * Parses a command line (without its CR LF). A malformed line is the ESP-AT error code the
 * firmware would report for it (see error_codes.ts).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAtLine } from "./at_line.ts";
 * const parsed = parseAtLine('AT+CWJAP="my\\,net","pw",,,0');
 * assert.equal(parsed._tag, "Right");
 * if (parsed._tag === "Right") {
 *   assert.equal(parsed.right.name, "+CWJAP");
 *   assert.equal(parsed.right.form, "set");
 *   assert.deepEqual(parsed.right.params.map((p) => p.kind === "empty" ? null : p.value), ["my,net", "pw", null, null, 0]);
 * }
 * assert.deepEqual(parseAtLine("at"), { _tag: "Left", left: 0x01030000 });
 * ```
 */
export function parseAtLine(line: string): Either<number, AtCommand> {
  if (!line.startsWith("AT")) return left(ERR.NO_AT);
  const rest = line.slice(2);
  if (rest === "") return right({ name: "", form: "execute", params: [] });
  if (BASIC.test(rest)) return right({ name: rest, form: "execute", params: [] });
  const name = NAME.exec(rest)?.[0];
  if (name === undefined) return left(ERR.UNSUPPORTED);
  const tail = rest.slice(name.length);
  if (tail === "") return right({ name, form: "execute", params: [] });
  if (tail === "?") return right({ name, form: "query", params: [] });
  if (tail === "=?") return right({ name, form: "test", params: [] });
  if (!tail.startsWith("=")) return left(ERR.PARSE_FAIL);
  const params = parseParams(line, 2 + name.length + 1);
  return params._tag === "Left" ? params : right({ name, form: "set", params: params.right });
}

/** The parameters from `from` to the end of `line`; `AT+X=` has none. */
function parseParams(line: string, from: number): Either<number, AtParam[]> {
  const params: AtParam[] = [];
  if (from === line.length) return right(params);
  let at = from;
  for (;;) {
    const param = line[at] === '"' ? readString(line, at) : readBare(line, at);
    if (param._tag === "Left") return param;
    params.push(param.right);
    at = param.right.span.end;
    if (at === line.length) return right(params);
    // Whatever ended the parameter must be the comma before the next one.
    if (line[at] !== ",") return left(ERR.PARSE_FAIL);
    at++;
  }
}

/** A quoted string from the `"` at `start`; ends just after its closing quote. */
function readString(line: string, start: number): Either<number, AtParam> {
  let value = "";
  for (let at = start + 1; at < line.length; at++) {
    const c = line[at]!;
    if (c === "\\") {
      // `\<any>` is `<any>`: the three that matter are `\\`, `\,` and `\"`.
      if (at + 1 === line.length) return left(ERR.PARSE_FAIL);
      value += line[++at]!;
    } else if (c === '"') {
      return right({ kind: "string", value, span: { start, end: at + 1 } });
    } else if (c === ",") {
      // The firmware splits here, leaving an unterminated string: a driver must escape commas.
      return left(ERR.PARSE_FAIL);
    } else {
      value += c;
    }
  }
  return left(ERR.PARSE_FAIL);
}

/** An integer or an empty field, up to the next comma. */
function readBare(line: string, start: number): Either<number, AtParam> {
  const comma = line.indexOf(",", start);
  const end = comma === -1 ? line.length : comma;
  const text = line.slice(start, end);
  const span = { start, end };
  if (text === "") return right({ kind: "empty", span });
  if (!INTEGER.test(text)) return left(ERR.TYPE_MISMATCH);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return left(ERR.PARA_INVALID);
  return right({ kind: "integer", value, text, span });
}
