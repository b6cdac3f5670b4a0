/**
 * What one fuzzed input did, and the verdict on it: netfsm's promises for hostile input are that
 * the exit code is 0, 1 or 2, nothing escapes uncaught, no stack trace or internal error is shown,
 * no prototype member stands in for a value, the planted psk shows nowhere, and it ends.
 *
 * @module
 */
import { leakAt, lineAround } from "./planted.ts";

/** What an input did: its exit code, anything that escaped, and every text it produced. */
export interface Outcome {
  /** The CLI's exit code; absent for the API. */
  readonly exitCode?: number;
  /** What escaped: a throw or rejection out of `main` or an API call, or an unhandled rejection. */
  readonly escaped: readonly string[];
  /** Why it is taken to hang, when it did not end within its budget. */
  readonly hung?: string;
  /** Every text it produced, by where: `stdout`, `stderr`, `file out.jsonl`, `diagnostic`, ... */
  readonly texts: Readonly<Record<string, string>>;
  /** Promises it broke that only the runner can see (a driver left open, a malformed callback). */
  readonly broken: readonly string[];
}

/** The three kinds of failure the fuzzer counts. */
export type FailureKind = "crash" | "leak" | "hang";

/** One broken promise. Failures with one `signature` are the same defect. */
export interface Failure {
  readonly kind: FailureKind;
  readonly signature: string;
  readonly detail: string;
}

// What only an internal error prints: a stack frame, an engine error's name or message.
const INTERNALS: readonly (readonly [RegExp, string])[] = [
  [/^\s+at \S/m, "a stack frame"],
  [/\b(?:RangeError|TypeError|ReferenceError|InternalError|EvalError|URIError)\b/, "an error name"],
  [
    /Maximum call stack size exceeded|is not a function|Cannot read propert(?:y|ies) of \w+|Cannot use 'in' operator|Cannot convert \w+ to/,
    "an engine message",
  ],
  [/(?:^|\n|: )(?:Uncaught )?Error: /, "an Error: prefix"],
];
// A lookup that reads the object prototype shows a function's source where a name should be; an
// object where text belongs shows as [object Object].
const PROTOTYPE =
  /function \w*\(\) \{ \[native code\] \}|\[native code\]|\[object (?:Object|Null prototype)\]/;

// What the fuzzer's own callbacks, hooks and driver throw, as describeThrown says it: which of
// them escaped is one defect, not seven.
const OWN_THROWS =
  /Error: the application failed on purpose|Error: no message|a thrown (?:undefined|symbol|object)[^,;]*|an object with no prototype/g;
// Channels of plain text; the others (the API's) hold one JSON value a line.
const TEXT_CHANNELS = new Set(["stdout", "stderr", "file"]);
const NAMED = /"(?:type|code|error|command)":"([\w-]+)"/g;

/**
 * The shape of a line, for grouping: what varies from input to input (numbers, quoted text, the
 * psk, file names) is blanked, and it is cut short.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shapeOf } from "./verdict.ts";
 * assert.equal(shapeOf('t.jsonl:3: is not valid JSON (Unexpected token \'P\', ..."a": PSKLEAK1"...'), '… is not valid JSON (Unexpected token … ...…');
 * ```
 */
export function shapeOf(line: string): string {
  return line
    .replace(/^netfsm (\w+): [^:\s]*:(?:\d+:)?/, "netfsm $1: …:")
    .replace(/function \w+\(\)/g, "function …()")
    .replace(/"[^"]*"?|'[^']*'?/g, "…")
    .replace(/PSKLEAK\w*/g, "…")
    .replace(/\S*\.(?:jsonl|json|log|erl|txt)\b/g, "…")
    .replace(/\d+/g, "#")
    .replace(/\s+/g, " ")
    .replace(/(?:… ?)+/g, "…")
    // What is left of quoted JSON (…:…,…:#) says nothing more, however it nests.
    .replace(/(?:[…:,#]\s*){2,}/g, "… ")
    .trim()
    .slice(0, 44);
}

/**
 * What leads up to position `at` on its line, for a signature: the line's text before it, cut
 * where a message starts to quote its input (at a `...`, or a quote after a colon), and of that
 * the last 40 characters, whose end is the stable part of a message.
 */
function leadingTo(text: string, at: number): string {
  const line = text.slice(text.lastIndexOf("\n", at) + 1, at);
  const ends = [line.indexOf("..."), line.search(/: \\?"/)].filter((i) => i !== -1);
  const before = ends.length === 0 ? line : line.slice(0, Math.min(...ends) + 1);
  const shape = shapeOf(before.replace(/[{}[\]]+/g, " "));
  return shape.length <= 40 ? shape : shape.slice(shape.length - 40).replace(/^\S*\s/, "");
}

/**
 * The failures in an outcome, for an input that planted `psk`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { judge } from "./verdict.ts";
 * const psk = "PSKLEAK12345678";
 * assert.deepEqual(judge({ exitCode: 1, escaped: [], texts: { stderr: "t: line 2: bad\n" }, broken: [] }, psk), []);
 * const failures = judge({ exitCode: 1, escaped: [], texts: { stderr: `bad: "psk": ${psk}\n` }, broken: [] }, psk);
 * assert.deepEqual(failures.map((f) => f.kind), ["leak"]);
 * ```
 */
export function judge(outcome: Outcome, psk: string): Failure[] {
  const failures: Failure[] = [];
  const { exitCode } = outcome;
  if (exitCode !== undefined && exitCode !== 0 && exitCode !== 1 && exitCode !== 2) {
    failures.push({ kind: "crash", signature: `exit code ${exitCode}`, detail: "" });
  }
  for (const escaped of outcome.escaped) {
    failures.push({
      kind: "crash",
      signature: `escaped: ${shapeOf(escaped.replace(OWN_THROWS, "what the application threw"))}`,
      detail: escaped.slice(0, 300),
    });
  }
  for (const broken of outcome.broken) {
    failures.push({ kind: "crash", signature: shapeOf(broken), detail: broken.slice(0, 300) });
  }
  if (outcome.hung !== undefined) {
    failures.push({
      kind: "hang",
      // What comes after a colon is the instance (which waits, how long); before it, the kind.
      signature: `hang: ${shapeOf(outcome.hung.split(":")[0]!)}`,
      detail: outcome.hung,
    });
  }
  for (const [where, text] of Object.entries(outcome.texts)) {
    const place = where.split(" ")[0]!;
    const found = (kind: FailureKind, what: string, at: number, shape: string) =>
      failures.push({
        kind,
        signature: `${what} in ${place}: ${shape}`,
        detail: lineAround(text, at),
      });
    for (const [pattern, what] of INTERNALS) {
      const match = pattern.exec(text);
      if (match === null) continue;
      // A name or message says what went wrong by itself; a frame or prefix by what leads to it.
      const shape = what === "an error name" || what === "an engine message"
        ? match[0]
        : leadingTo(text, match.index);
      found("crash", what, match.index, shape);
      break;
    }
    const proto = PROTOTYPE.exec(text);
    if (proto !== null) {
      const what = proto[0].startsWith("[object") ? "an object as text" : "a prototype member";
      found("crash", what, proto.index, proto[0].replace(/function \w+/, "function …"));
    }
    const leak = leakAt(text, psk);
    if (leak !== -1) {
      // In a JSON record the input type or diagnostic code it came with says more than the text.
      const named = [...text.slice(text.lastIndexOf("\n", leak) + 1, leak).matchAll(NAMED)].at(-1);
      const shape = TEXT_CHANNELS.has(place) || named === undefined
        ? leadingTo(text, leak)
        : named[1]!;
      found("leak", "leak", leak, shape);
    }
  }
  return failures;
}
