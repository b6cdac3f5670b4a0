/**
 * Parsing untrusted JSON: traces, configurations, scenarios. `JSON.parse` does the work, but its
 * error messages quote the text around the mistake (`Unexpected token 'P', ..."psk": PSKLEAK"...`),
 * and a psk written without quotes is exactly such a mistake. So a failure is described by a scan
 * of our own: the line, the column and the kind of problem, never a character of the input. The
 * same scan enforces {@link MAX_DEPTH}.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { DEEPER_THAN_LIMIT, exceedsDepth, MAX_DEPTH } from "./limits.ts";

/** Where and why a text is not JSON netfsm accepts. Lines and columns count from 1. */
export interface JsonProblem {
  readonly line: number;
  readonly column: number;
  /** In plain words ("unterminated string"); never a quote of the text. */
  readonly problem: string;
  /** Valid JSON, but nested deeper than the limit. */
  readonly tooDeep: boolean;
}

interface Found {
  readonly at: number;
  readonly problem: string;
  readonly tooDeep?: boolean;
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX = /^[0-9a-fA-F]{4}$/;
const isDigit = (char: string | undefined) => char !== undefined && char >= "0" && char <= "9";

/** The first problem in `text`, scanning as JSON.parse does (RFC 8259), without recursion. */
function scan(text: string, maxDepth: number): Found | undefined {
  const stack: ("array" | "object")[] = [];
  let i = 0;
  const skip = () => {
    while (WHITESPACE.has(text[i]!)) i++;
  };
  const unclosed = (): Found => ({
    at: i,
    problem: stack.length === 0
      ? "unexpected end of input: there is no value"
      : `unexpected end of input: an ${stack[stack.length - 1]} is not closed`,
  });
  const string = (): Found | undefined => {
    const start = i++;
    for (;;) {
      const char = text[i];
      if (char === undefined) return { at: start, problem: "unterminated string" };
      if (char === '"') {
        i++;
        return undefined;
      }
      if (char === "\\") {
        const escaped = text[i + 1];
        if (escaped === "u") {
          if (!HEX.test(text.slice(i + 2, i + 6))) {
            return { at: i, problem: "invalid \\u escape in a string" };
          }
          i += 6;
        } else if (escaped !== undefined && ESCAPES.has(escaped)) i += 2;
        else if (escaped === undefined) return { at: start, problem: "unterminated string" };
        else return { at: i, problem: "invalid escape in a string" };
      } else if (char < " ") {
        return { at: i, problem: "a control character in a string must be escaped" };
      } else i++;
    }
  };
  const number = (): Found | undefined => {
    if (text[i] === "-") i++;
    if (text[i] === "0") {
      if (isDigit(text[i + 1])) return { at: i, problem: "a number must not start with 0" };
      i++;
    } else if (isDigit(text[i])) { while (isDigit(text[i])) i++; }
    else return { at: i, problem: "a number needs a digit after the minus sign" };
    if (text[i] === ".") {
      i++;
      if (!isDigit(text[i])) {
        return { at: i, problem: "a number needs a digit after the decimal point" };
      }
      while (isDigit(text[i])) i++;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (!isDigit(text[i])) return { at: i, problem: "a number needs a digit in its exponent" };
      while (isDigit(text[i])) i++;
    }
    return undefined;
  };
  // What comes next: a value, a property name (inside an object), or what follows a value.
  let expect: "value" | "member" | "after" = "value";
  for (;;) {
    skip();
    const char = text[i];
    if (expect === "value") {
      if (char === undefined) return unclosed();
      if (char === "{" || char === "[") {
        stack.push(char === "{" ? "object" : "array");
        if (stack.length > maxDepth) return { at: i, problem: DEEPER_THAN_LIMIT, tooDeep: true };
        i++;
        skip();
        const empty = text[i] === (char === "{" ? "}" : "]");
        if (empty) {
          stack.pop();
          i++;
        }
        expect = empty ? "after" : char === "{" ? "member" : "value";
        continue;
      }
      const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
      let bad: Found | undefined;
      if (char === '"') bad = string();
      else if (char === "-" || isDigit(char)) bad = number();
      else if (word !== undefined) i += word.length;
      else return { at: i, problem: "expected a value" };
      if (bad !== undefined) return bad;
      expect = "after";
    } else if (expect === "member") {
      if (char === undefined) return unclosed();
      if (char !== '"') return { at: i, problem: "expected a property name in double quotes" };
      const bad = string();
      if (bad !== undefined) return bad;
      skip();
      if (text[i] === undefined) return unclosed();
      if (text[i] !== ":") return { at: i, problem: 'expected ":" after a property name' };
      i++;
      expect = "value";
    } else {
      const open = stack[stack.length - 1];
      if (open === undefined) {
        return char === undefined
          ? undefined
          : { at: i, problem: "unexpected text after the value" };
      }
      const close = open === "array" ? "]" : "}";
      if (char === close) {
        stack.pop();
        i++;
      } else if (char === ",") {
        i++;
        skip();
        if (text[i] === close) return { at: i, problem: "a trailing comma is not allowed" };
        expect = open === "array" ? "value" : "member";
      } else if (char === undefined) return unclosed();
      else {
        const what = open === "array" ? "an item" : "a value";
        return { at: i, problem: `expected "," or "${close}" after ${what}` };
      }
    }
  }
}

function located(text: string, found: Found): JsonProblem {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < found.at; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return {
    line,
    column: found.at - lineStart + 1,
    problem: found.problem,
    tooDeep: found.tooDeep === true,
  };
}

/**
 * The first problem in `text` as JSON nested at most `maxDepth` levels, or undefined when there
 * is none: the scan {@link parseJson} describes a failure with, for callers that only check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findJsonProblem } from "./json_parse.ts";
 * assert.equal(findJsonProblem('{"at": 0}'), undefined);
 * assert.equal(findJsonProblem('{"at": 0,}')?.problem, "a trailing comma is not allowed");
 * ```
 */
export function findJsonProblem(
  text: string,
  maxDepth: number = MAX_DEPTH,
): JsonProblem | undefined {
  const found = scan(text, maxDepth);
  return found === undefined ? undefined : located(text, found);
}

/**
 * Parses JSON nested at most `maxDepth` levels; a failure says where and what, and quotes nothing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJson } from "./json_parse.ts";
 * assert.deepEqual(parseJson('{"ssid": "home"}'), { _tag: "Right", right: { ssid: "home" } });
 * assert.deepEqual(parseJson('{"psk": secret12}'), {
 *   _tag: "Left",
 *   left: { line: 1, column: 9, problem: "expected a value", tooDeep: false },
 * });
 * ```
 */
export function parseJson(
  text: string,
  maxDepth: number = MAX_DEPTH,
): Either<JsonProblem, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The engine's message quotes the input: find the problem again, and say it in our words.
    // Whichever comes first is named, the depth limit or the syntax error.
    const found = scan(text, maxDepth);
    return left(located(text, found ?? { at: 0, problem: "not JSON" }));
  }
  if (exceedsDepth(value, maxDepth)) {
    const found = scan(text, maxDepth);
    return left(located(text, found ?? { at: 0, problem: DEEPER_THAN_LIMIT, tooDeep: true }));
  }
  return right(value);
}

/**
 * A problem as a message: `not valid JSON at line 3, column 9: unterminated string`, or for a
 * single line (a trace line, whose number the caller names) `... at column 9: ...`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeJsonProblem } from "./json_parse.ts";
 * const problem = { line: 1, column: 9, problem: "expected a value", tooDeep: false };
 * assert.equal(describeJsonProblem(problem), "not valid JSON at line 1, column 9: expected a value");
 * assert.equal(describeJsonProblem(problem, { line: false }), "not valid JSON at column 9: expected a value");
 * ```
 */
export function describeJsonProblem(
  problem: JsonProblem,
  options: { readonly line?: boolean } = {},
): string {
  const where = options.line === false
    ? `column ${problem.column}`
    : `line ${problem.line}, column ${problem.column}`;
  return problem.tooDeep
    ? `${problem.problem} at ${where}`
    : `not valid JSON at ${where}: ${problem.problem}`;
}
