/**
 * The cursor the Erlang term parser moves over the text: positions as line and column, comments
 * and white space skipped, and errors that name what was found by its kind only, so a psk
 * standing where a value was expected is never quoted back.
 *
 * @module
 */
import { DEEPER_THAN_LIMIT, MAX_DEPTH } from "../core/limits.ts";

// Punctuation a message may name as found; anything else is named by its kind only.
const SHOWN = new Set([..."[]{}(),.<>|=:;'-/#?$"]);

function describeFound(char: string | undefined): string {
  if (char === undefined) return "the end of the input";
  if (char === '"') return "a double quote";
  if (SHOWN.has(char)) return `"${char}"`;
  if (char >= "A" && char <= "Z") return "a capital letter";
  if (char >= "a" && char <= "z") return "a letter";
  if (char >= "0" && char <= "9") return "a digit";
  return "a character that cannot start a term";
}

/**
 * A position in the text being parsed, with the helpers every part of the parser shares.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Reader } from "./erlang_reader.ts";
 * const reader = new Reader("% a comment\n  [a]");
 * assert.equal(reader.peek(), "[");
 * assert.equal(reader.where(), "line 2, column 3");
 * ```
 */
export class Reader {
  pos = 0;
  depth = 0;
  constructor(readonly text: string) {}

  /** `line L, column C` of a position, both counted from 1. */
  where(at = this.pos): string {
    const before = this.text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    return `line ${line}, column ${column}`;
  }

  /** Skips white space and `%` comments. */
  skip(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
      if (this.text[this.pos] !== "%") return;
      while (this.pos < this.text.length && this.text[this.pos] !== "\n") this.pos++;
    }
  }

  /** The next significant character, or `""` at the end. */
  peek(): string {
    this.skip();
    return this.text[this.pos] ?? "";
  }

  /** The text from the current position on. */
  rest(): string {
    return this.text.slice(this.pos);
  }

  /** Throws a syntax error at `at` (the current position by default). */
  error(message: string, at = this.pos): never {
    throw new SyntaxError(`${this.where(at)}: ${message}`);
  }

  /** Throws "expected X, found Y" at the current position. */
  fail(expected: string): never {
    this.error(`expected ${expected}, found ${describeFound(this.text[this.pos])}`);
  }

  /** Enters a list, tuple, map or binary at the current position; refuses one nested past the limit. */
  enter(width = 1): void {
    if (++this.depth > MAX_DEPTH) this.error(DEEPER_THAN_LIMIT);
    this.pos += width;
  }

  /** Consumes `token` after white space, or fails naming it. */
  expect(token: string): void {
    this.skip();
    if (!this.text.startsWith(token, this.pos)) this.fail(`"${token}"`);
    this.pos += token.length;
  }

  /** Consumes `token` after white space if it is next. */
  accept(token: string): boolean {
    this.skip();
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }
}
