/**
 * Reading the Erlang term an AtomVM application passes to `network:start/1`, as written in a
 * source or config file: `[{sta, [{ssid, "home"}, {psk, <<"secret">>}, {got_ip, fun got_ip/1}]}].`
 *
 * The parser knows the terms such a configuration uses: lists, tuples, maps, atoms (bare or
 * quoted), strings and binaries (literals: erlang_lexemes.ts), integers and floats, and what it
 * cannot evaluate but can name: funs (`fun connected/0`, `fun ?MODULE:f/1`, `fun() -> ... end`),
 * calls (`self()`, `mod:f(...)`) and macros (`?MODULE`), which stand where callbacks go. Calls
 * to `esp:nvs_get_binary` keep their arguments, for erlang_values.ts to resolve. `%` starts a
 * comment. Errors name the line and column and quote nothing but punctuation. Nesting is bounded
 * by `MAX_DEPTH` (core/limits.ts), so no term can exhaust the stack.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { binary, charLiteral, numberAt, quoted } from "./erlang_lexemes.ts";
import { Reader } from "./erlang_reader.ts";

/** A parsed term. */
export type Term =
  | { readonly kind: "list"; readonly items: readonly Term[] }
  | { readonly kind: "tuple"; readonly items: readonly Term[] }
  | { readonly kind: "map"; readonly entries: readonly (readonly [Term, Term])[] }
  | { readonly kind: "atom"; readonly name: string }
  /** A charlist literal, `"..."`. */
  | { readonly kind: "string"; readonly value: string }
  /** `utf8` is false when the bytes are not UTF-8 (then `value` has one character per byte). */
  | { readonly kind: "binary"; readonly value: string; readonly utf8: boolean }
  | { readonly kind: "number"; readonly value: number }
  /** What netfsm cannot evaluate; `name` is how a message shows it (`self()`, `?MODULE`). */
  | { readonly kind: "opaque"; readonly what: "fun" | "call" | "macro"; readonly name: string }
  /** A call whose arguments were read: `esp:nvs_get_binary(atomvm, sta_ssid, <<"x">>)`. */
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Term[] };

/** The calls whose arguments are read, to be resolved against NVS. */
export const NVS_CALLS: readonly string[] = ["esp:nvs_get_binary"];

function sequence(reader: Reader, close: string): Term[] {
  const items: Term[] = [];
  if (reader.accept(close)) return items;
  for (;;) {
    items.push(term(reader));
    if (reader.accept(close)) return items;
    if (!reader.accept(",")) reader.fail(`"," or "${close}"`);
  }
}

function map(reader: Reader): Term {
  reader.enter(2);
  const entries: [Term, Term][] = [];
  if (!reader.accept("}")) {
    for (;;) {
      const key = term(reader);
      if (!reader.accept("=>") && !reader.accept(":=")) reader.fail('"=>"');
      entries.push([key, term(reader)]);
      if (reader.accept("}")) break;
      if (!reader.accept(",")) reader.fail('"," or "}"');
    }
  }
  reader.depth--;
  return { kind: "map", entries };
}

// Strings, quoted atoms, character literals and comments, whose brackets and words do not count.
const INERT = String.raw`"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\$\\?.|%[^\n]*`;

/** Skips from an opening `(` to its matching `)`. */
function skipParens(reader: Reader, what: string): void {
  const start = reader.pos;
  const tokens = new RegExp(`${INERT}|[()]`, "g");
  tokens.lastIndex = reader.pos;
  let depth = 0;
  for (let m = tokens.exec(reader.text); m !== null; m = tokens.exec(reader.text)) {
    if (m[0] === "(") depth++;
    else if (m[0] === ")" && --depth === 0) {
      reader.pos = m.index + 1;
      return;
    }
  }
  reader.error(`this ${what}'s "(" is never closed`, start);
}

const NAME = String.raw`(?:\?\??[A-Za-z_][\w@]*|[A-Za-z_][\w@]*|'(?:\\.|[^'\\])*')`;
const FUN_REF = new RegExp(String.raw`^${NAME}(?:\s*:\s*${NAME})?\s*/\s*(?:\d+|\?[A-Za-z_]\w*)`);

function fun(reader: Reader): Term {
  // `fun name/1`, `fun mod:name/1`, `fun ?MODULE:name/1`, or `fun (...) -> ... end`.
  const start = reader.pos;
  reader.pos += 3;
  reader.skip();
  const ref = FUN_REF.exec(reader.rest());
  if (ref !== null) {
    reader.pos += ref[0].length;
    return { kind: "opaque", what: "fun", name: `fun ${ref[0].replace(/\s+/g, "")}` };
  }
  if (!/^([A-Z_][\w@]*\s*)?\(/.test(reader.rest())) {
    reader.fail("a function name/arity or a clause");
  }
  let depth = 1;
  const words = new RegExp(`${INERT}|\\b(fun|case|if|receive|begin|try|maybe|end)\\b`, "g");
  words.lastIndex = reader.pos;
  for (let m = words.exec(reader.text); m !== null; m = words.exec(reader.text)) {
    const word = m[1];
    // A `fun` opens a block only when a clause follows, not in `fun name/1`.
    if (word === "end") depth--;
    else if (
      word !== undefined && (word !== "fun" || /^\s*\(/.test(reader.text.slice(m.index + 3)))
    ) depth++;
    if (depth === 0) {
      reader.pos = m.index + 3;
      return { kind: "opaque", what: "fun", name: "fun() -> ... end" };
    }
  }
  reader.error('this fun has no matching "end"', start);
}

/** A name (atom, macro) followed by `:name` and/or `(args)`: a call, or the name alone. */
function named(reader: Reader, first: Term): Term {
  const start = reader.pos;
  const label = (t: Term) => t.kind === "atom" ? t.name : t.kind === "opaque" ? t.name : "";
  let name = label(first);
  let remote = false;
  reader.skip();
  if (reader.text[reader.pos] === ":" && reader.text[reader.pos + 1] !== "=") {
    reader.pos++;
    reader.skip();
    const fn = new RegExp(`^${NAME}`).exec(reader.rest());
    if (fn === null) reader.fail("a function name after the module");
    reader.pos += fn[0].length;
    name += `:${fn[0]}`;
    remote = true;
  }
  if (reader.peek() !== "(") {
    if (remote) reader.error('expected "(" after this module:function', start);
    return first;
  }
  if (NVS_CALLS.includes(name)) {
    reader.enter();
    const args = sequence(reader, ")");
    reader.depth--;
    return { kind: "call", name, args };
  }
  const open = reader.pos;
  skipParens(reader, "call");
  const empty = /^\(\s*\)$/.test(reader.text.slice(open, reader.pos));
  if (first.kind === "opaque" && !remote) {
    return { kind: "opaque", what: "macro", name: `${name}(...)` };
  }
  return { kind: "opaque", what: "call", name: `${name}(${empty ? "" : "..."})` };
}

function term(reader: Reader): Term {
  const char = reader.peek();
  if (char === "[" || char === "{") {
    reader.enter();
    const items = sequence(reader, char === "[" ? "]" : "}");
    reader.depth--;
    return { kind: char === "[" ? "list" : "tuple", items };
  }
  if (reader.rest().startsWith("#{")) return map(reader);
  if (char === "#") reader.fail("a term (netfsm cannot check a record: write it out as a tuple)");
  if (char === '"') return { kind: "string", value: quoted(reader, '"') };
  if (char === "'") return named(reader, { kind: "atom", name: quoted(reader, "'") });
  if (reader.rest().startsWith("<<")) return { kind: "binary", ...binary(reader) };
  if (char === "$") return { kind: "number", value: charLiteral(reader) };
  const macro = /^\?\??[A-Za-z_][\w@]*/.exec(reader.rest());
  if (macro !== null) {
    reader.pos += macro[0].length;
    return named(reader, { kind: "opaque", what: "macro", name: macro[0] });
  }
  const number = numberAt(reader);
  if (number !== undefined) return { kind: "number", value: number };
  const rest = reader.rest();
  if (/^[A-Z_]/.test(rest)) {
    reader.fail("a value (a variable's value cannot be checked: write it out)");
  }
  const atom = /^[a-z][\w@]*/.exec(rest);
  if (atom !== null) {
    if (atom[0] === "fun" && !/^fun[\w@]/.test(rest)) return fun(reader);
    reader.pos += atom[0].length;
    return named(reader, { kind: "atom", name: atom[0] });
  }
  return reader.fail("a term (a list, tuple, map, atom, string, binary, number or fun)");
}

/**
 * Parses one term, optionally followed by a full stop.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTerm } from "./erlang_term.ts";
 * assert.deepEqual(parseTerm('[{ssid, "home"}].'), { _tag: "Right", right: { kind: "list", items: [{ kind: "tuple", items: [{ kind: "atom", name: "ssid" }, { kind: "string", value: "home" }] }] } });
 * assert.deepEqual(parseTerm("[{ssid, home]"), { _tag: "Left", left: 'line 1, column 13: expected "," or "}", found "]"' });
 * ```
 */
export function parseTerm(text: string): Either<string, Term> {
  const reader = new Reader(text);
  try {
    const parsed = term(reader);
    reader.accept(".");
    if (reader.peek() !== "") reader.fail("the end of the term");
    return right(parsed);
  } catch (error) {
    return left(error instanceof Error ? error.message : String(error));
  }
}
