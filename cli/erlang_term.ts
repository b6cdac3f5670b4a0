/**
 * Reading the Erlang term an AtomVM application passes to `network:start/1`, as written in a
 * source or config file: `[{sta, [{ssid, "home"}, {psk, <<"secret">>}, {got_ip, fun got_ip/1}]}].`
 *
 * The parser knows the terms such a configuration uses: lists, tuples, atoms (bare or quoted),
 * strings (charlists) and binaries, integers and floats, and funs, which count as registered
 * callbacks. `%` starts a comment. Errors name the line and column, and quote no more of the text
 * than a bracket or comma: a psk may stand where a value was expected. Lists and tuples nest at
 * most `MAX_DEPTH` levels (core/limits.ts), so no term can exhaust the stack.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { DEEPER_THAN_LIMIT, MAX_DEPTH } from "../core/limits.ts";

/** A parsed term. */
export type Term =
  | { readonly kind: "list"; readonly items: readonly Term[] }
  | { readonly kind: "tuple"; readonly items: readonly Term[] }
  | { readonly kind: "atom"; readonly name: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "fun" };

// Punctuation a message may name as found; anything else is named by its kind only.
const SHOWN = new Set([..."[]{}(),.<>|=:;'-/"]);

function describeFound(char: string | undefined): string {
  if (char === undefined) return "the end of the input";
  if (char === '"') return "a double quote";
  if (SHOWN.has(char)) return `"${char}"`;
  if (char >= "A" && char <= "Z") return "a capital letter";
  if (char >= "a" && char <= "z") return "a letter";
  if (char >= "0" && char <= "9") return "a digit";
  return "a character that cannot start a term";
}

class Reader {
  pos = 0;
  depth = 0;
  constructor(readonly text: string) {}

  where(at = this.pos): string {
    const before = this.text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    return `line ${line}, column ${column}`;
  }

  skip(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
      if (this.text[this.pos] !== "%") return;
      while (this.pos < this.text.length && this.text[this.pos] !== "\n") this.pos++;
    }
  }

  peek(): string {
    this.skip();
    return this.text[this.pos] ?? "";
  }

  fail(expected: string): never {
    const found = describeFound(this.text[this.pos]);
    throw new SyntaxError(`${this.where()}: expected ${expected}, found ${found}`);
  }

  /** Enters a list or tuple at the current position; refuses one nested past the limit. */
  enter(): void {
    if (++this.depth > MAX_DEPTH) throw new SyntaxError(`${this.where()}: ${DEEPER_THAN_LIMIT}`);
    this.pos++;
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`"${char}"`);
    this.pos++;
  }
}

function sequence(reader: Reader, close: string): Term[] {
  const items: Term[] = [];
  if (reader.peek() === close) {
    reader.pos++;
    return items;
  }
  for (;;) {
    items.push(term(reader));
    const next = reader.peek();
    if (next === ",") reader.pos++;
    else if (next === close) {
      reader.pos++;
      return items;
    } else reader.fail(`"," or "${close}"`);
  }
}

const ESCAPES: ReadonlyMap<string, string> = new Map([
  ["n", "\n"],
  ["t", "\t"],
  ["r", "\r"],
  ["s", " "],
  ["0", "\0"],
]);

function quoted(reader: Reader, quote: string): string {
  const start = reader.pos;
  reader.pos++;
  let value = "";
  while (reader.pos < reader.text.length && reader.text[reader.pos] !== quote) {
    let char = reader.text[reader.pos++]!;
    if (char === "\\") {
      const escaped = reader.text[reader.pos++] ?? "";
      char = ESCAPES.get(escaped) ?? escaped;
    }
    value += char;
  }
  if (reader.pos >= reader.text.length) {
    throw new SyntaxError(
      `${reader.where(start)}: this ${quote === '"' ? "string" : "quoted atom"} is never closed`,
    );
  }
  reader.pos++;
  return value;
}

function fun(reader: Reader): Term {
  // `fun name/1`, `fun mod:name/1`, or `fun (...) -> ... end` (nested ones too).
  const start = reader.pos;
  reader.pos += 3;
  reader.skip();
  if (reader.text[reader.pos] !== "(") {
    const match = /^[a-z][A-Za-z0-9_]*(:[a-z][A-Za-z0-9_]*)?\/\d+/.exec(
      reader.text.slice(reader.pos),
    );
    if (match === null) reader.fail("a function name/arity or a clause");
    reader.pos += match[0].length;
    return { kind: "fun" };
  }
  let depth = 1;
  const words = /\b(fun|case|if|receive|begin|try|end)\b|"(?:\\.|[^"\\])*"|%[^\n]*/g;
  words.lastIndex = reader.pos;
  for (let m = words.exec(reader.text); m !== null; m = words.exec(reader.text)) {
    if (m[1] === "end") depth--;
    else if (
      m[1] !== undefined && (m[1] !== "fun" || /^\s*\(/.test(reader.text.slice(m.index + 3)))
    ) depth++;
    if (depth === 0) {
      reader.pos = m.index + 3;
      return { kind: "fun" };
    }
  }
  throw new SyntaxError(`${reader.where(start)}: this fun has no matching "end"`);
}

function call(reader: Reader): Term {
  const start = reader.pos;
  let depth = 0;
  do {
    const char = reader.text[reader.pos++];
    if (char === undefined) {
      throw new SyntaxError(`${reader.where(start)}: this call's "(" is never closed`);
    }
    if (char === "(") depth++;
    else if (char === ")") depth--;
  } while (depth > 0);
  return { kind: "fun" };
}

function term(reader: Reader): Term {
  const char = reader.peek();
  if (char === "[" || char === "{") {
    reader.enter();
    const items = sequence(reader, char === "[" ? "]" : "}");
    reader.depth--;
    return { kind: char === "[" ? "list" : "tuple", items };
  }
  if (char === '"') return { kind: "string", value: quoted(reader, '"') };
  if (char === "'") return { kind: "atom", name: quoted(reader, "'") };
  if (reader.text.startsWith("<<", reader.pos)) {
    reader.pos += 2;
    const value = reader.peek() === '"' ? quoted(reader, '"') : "";
    reader.expect(">");
    reader.expect(">");
    return { kind: "string", value };
  }
  const rest = reader.text.slice(reader.pos);
  const number = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(rest);
  if (number !== null) {
    reader.pos += number[0].length;
    return { kind: "number", value: Number(number[0]) };
  }
  if (/^[A-Z_]/.test(rest)) {
    reader.fail("a value (a variable's value cannot be checked: write it out)");
  }
  const atom = /^[a-z][A-Za-z0-9_@]*/.exec(rest);
  if (atom !== null) {
    if (atom[0] === "fun") return fun(reader);
    reader.pos += atom[0].length;
    // A call such as self() gives a pid: a registered callback, like a fun.
    if (reader.text[reader.pos] === "(") return call(reader);
    return { kind: "atom", name: atom[0] };
  }
  return reader.fail("a term (a list, tuple, atom, string, binary, number or fun)");
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
    if (reader.peek() === ".") reader.pos++;
    if (reader.peek() !== "") reader.fail("the end of the term");
    return right(parsed);
  } catch (error) {
    return left(error instanceof Error ? error.message : String(error));
  }
}

function isProplist(term: Term): boolean {
  return term.kind === "list" && term.items.length > 0 &&
    term.items.every((item) =>
      item.kind === "atom" ||
      (item.kind === "tuple" && item.items.length === 2 && item.items[0]!.kind === "atom")
    );
}

/**
 * The JSON form of a configuration term: proplists become objects (the first occurrence of a key
 * wins, as with `proplists:get_value`; a bare atom means `true`), funs become `true` (a registered
 * callback), charlists and binaries become strings.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTerm, toJson } from "./erlang_term.ts";
 * const term = parseTerm('[{sta, [managed, {ssid, <<"home">>}, {got_ip, fun(Ip) -> ok end}]}].');
 * assert.deepEqual(term._tag === "Right" && toJson(term.right), { sta: { managed: true, ssid: "home", got_ip: true } });
 * ```
 */
export function toJson(term: Term): unknown {
  switch (term.kind) {
    case "atom":
      return term.name === "true" ? true : term.name === "false" ? false : term.name;
    case "string":
      return term.value;
    case "number":
      return term.value;
    case "fun":
      return true;
    case "tuple":
      return term.items.map(toJson);
    case "list": {
      if (term.items.length === 0) return {};
      if (!isProplist(term)) return term.items.map(toJson);
      const object: Record<string, unknown> = {};
      for (const item of term.items) {
        let key = "";
        let value: unknown = true;
        if (item.kind === "atom") key = item.name;
        else if (item.kind === "tuple" && item.items[0]?.kind === "atom") {
          key = item.items[0].name;
          value = toJson(item.items[1]!);
        }
        // defineProperty, not assignment: a key named __proto__ stays a key.
        if (!Object.hasOwn(object, key)) {
          Object.defineProperty(object, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return object;
    }
  }
}
