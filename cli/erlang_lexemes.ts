/**
 * The literals of an Erlang configuration term: strings and quoted atoms with every escape Erlang
 * has, character literals (`$a`), integers in any base (`16#ff`, `1_000`), floats, and binaries
 * of literal segments (`<<"café"/utf8>>`, `<<"a", "b">>`, `<<104, 105>>`, `<<>>`).
 *
 * @module
 */
import type { Reader } from "./erlang_reader.ts";

const SIMPLE: ReadonlyMap<string, number> = new Map([
  ["b", 8],
  ["d", 127],
  ["e", 27],
  ["f", 12],
  ["n", 10],
  ["r", 13],
  ["s", 32],
  ["t", 9],
  ["v", 11],
]);

/** Reads the escape after a backslash (the reader stands past it); returns its code point. */
function escape(reader: Reader): number {
  const text = reader.text;
  const char = text[reader.pos] ?? "";
  if (char === "") reader.error("a backslash ends the input");
  const octal = /^[0-7]{1,3}/.exec(reader.rest());
  if (octal !== null) {
    reader.pos += octal[0].length;
    return parseInt(octal[0], 8);
  }
  if (char === "x") {
    const hex = /^x(\{([0-9a-fA-F]+)\}|[0-9a-fA-F]{2})/.exec(reader.rest());
    if (hex === null) reader.error("\\x needs two hex digits or {hex digits}");
    reader.pos += hex[0].length;
    const code = parseInt(hex[2] ?? hex[1]!, 16);
    if (code > 0x10ffff) reader.error("this \\x{...} is past the last Unicode code point");
    return code;
  }
  if (char === "^") {
    const control = text.codePointAt(reader.pos + 1);
    if (control === undefined) reader.error("\\^ needs a character after it");
    reader.pos += 2;
    return control % 32;
  }
  const code = text.codePointAt(reader.pos)!;
  reader.pos += code > 0xffff ? 2 : 1;
  return SIMPLE.get(char) ?? code;
}

/**
 * Reads a string (`"`) or quoted atom (`'`) at the reader, escapes decoded; adjacent strings
 * (`"a" "b"`) join, as the Erlang compiler joins them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Reader } from "./erlang_reader.ts";
 * import { quoted } from "./erlang_lexemes.ts";
 * assert.equal(quoted(new Reader('"caf\\x{e9} \\101\\^A" "!"'), '"'), "café A\u0001!");
 * ```
 */
export function quoted(reader: Reader, quote: string): string {
  let value = "";
  do {
    const start = reader.pos;
    reader.pos++;
    const text = reader.text;
    while (reader.pos < text.length && text[reader.pos] !== quote) {
      if (text[reader.pos] === "\\") {
        reader.pos++;
        value += String.fromCodePoint(escape(reader));
      } else value += text[reader.pos++];
    }
    if (reader.pos >= text.length) {
      reader.error(`this ${quote === '"' ? "string" : "quoted atom"} is never closed`, start);
    }
    reader.pos++;
  } while (quote === '"' && reader.peek() === '"');
  return value;
}

/**
 * Reads a character literal (`$a`, `$\n`, `$\x{e9}`) as its code point.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Reader } from "./erlang_reader.ts";
 * import { charLiteral } from "./erlang_lexemes.ts";
 * assert.equal(charLiteral(new Reader("$\\s")), 32);
 * ```
 */
export function charLiteral(reader: Reader): number {
  reader.pos++;
  if (reader.text[reader.pos] === "\\") {
    reader.pos++;
    return escape(reader);
  }
  const code = reader.text.codePointAt(reader.pos);
  if (code === undefined) reader.fail("a character after $");
  reader.pos += code > 0xffff ? 2 : 1;
  return code;
}

const BASED = /^-?\d+(?:_\d+)*#[0-9a-zA-Z]+(?:_[0-9a-zA-Z]+)*/;
const DECIMAL = /^-?\d+(?:_\d+)*(?:\.\d+(?:_\d+)*(?:[eE][-+]?\d+)?)?/;

/**
 * Reads a number if one starts at the reader (`-3`, `16#ff`, `1_000`, `2.5e3`); else undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Reader } from "./erlang_reader.ts";
 * import { numberAt } from "./erlang_lexemes.ts";
 * assert.equal(numberAt(new Reader("16#ff")), 255);
 * assert.equal(numberAt(new Reader("atom")), undefined);
 * ```
 */
export function numberAt(reader: Reader): number | undefined {
  const rest = reader.rest();
  const based = BASED.exec(rest);
  if (based !== null) {
    const [base, digits] = based[0].replaceAll("_", "").split("#") as [string, string];
    const radix = Math.abs(Number(base));
    const value = parseInt(digits, radix);
    if (radix < 2 || radix > 36 || [...digits].some((d) => isNaN(parseInt(d, radix)))) {
      reader.error(`not a number in base ${radix}`);
    }
    reader.pos += based[0].length;
    return base.startsWith("-") ? -value : value;
  }
  const decimal = DECIMAL.exec(rest);
  if (decimal === null) return undefined;
  reader.pos += decimal[0].length;
  return Number(decimal[0].replaceAll("_", ""));
}

/** A binary read from `<<...>>`: its text, and whether its bytes were valid UTF-8. */
export interface BinaryValue {
  readonly value: string;
  readonly utf8: boolean;
}

function integerBytes(reader: Reader, value: number, bits: number, little: boolean): number[] {
  if (bits % 8 !== 0 || bits <= 0) reader.error("netfsm reads binary segments of whole bytes only");
  const bytes: number[] = [];
  let rest = BigInt.asUintN(bits, BigInt(Math.trunc(value)));
  for (let i = 0; i < bits / 8; i++) {
    bytes.unshift(Number(rest & 0xffn));
    rest >>= 8n;
  }
  return little ? bytes.reverse() : bytes;
}

function segment(reader: Reader): number[] {
  reader.skip();
  const start = reader.pos;
  let value: string | number | undefined;
  if (reader.text[reader.pos] === '"') value = quoted(reader, '"');
  else if (reader.text[reader.pos] === "$") value = charLiteral(reader);
  else value = numberAt(reader);
  if (value === undefined) {
    reader.fail("a string or an integer (netfsm reads binaries of literals only)");
  }
  const size = reader.accept(":") ? numberAt(reader) : undefined;
  if (reader.text[reader.pos - 1] === ":" && size === undefined) reader.fail("a segment size");
  const specs = reader.accept("/") ? /^[a-z0-9:-]+/.exec(reader.rest())?.[0] ?? "" : "";
  reader.pos += specs.length;
  const types = specs.split("-").filter((spec) => /^[a-z]/.test(spec));
  if (types.some((type) => /^(utf16|utf32|float|bits|bitstring)$/.test(type))) {
    reader.error("netfsm reads /utf8, /binary and /integer segments only", start);
  }
  const utf8 = types.includes("utf8");
  const little = types.includes("little");
  const codes = typeof value === "string" ? [...value].map((c) => c.codePointAt(0)!) : [value];
  return codes.flatMap((code) =>
    utf8
      ? [...new TextEncoder().encode(String.fromCodePoint(code))]
      : integerBytes(reader, code, size ?? 8, little)
  );
}

/**
 * Reads a binary of literal segments; the reader stands on `<<`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Reader } from "./erlang_reader.ts";
 * import { binary } from "./erlang_lexemes.ts";
 * assert.deepEqual(binary(new Reader('<<"caf\\x{e9}"/utf8, 33>>')), { value: "café!", utf8: true });
 * assert.deepEqual(binary(new Reader("<<104, 105>>")), { value: "hi", utf8: true });
 * ```
 */
export function binary(reader: Reader): BinaryValue {
  reader.enter(2);
  const bytes: number[] = [];
  if (!reader.accept(">>")) {
    for (;;) {
      bytes.push(...segment(reader));
      if (reader.accept(">>")) break;
      if (!reader.accept(",")) reader.fail('"," or ">>"');
    }
  }
  reader.depth--;
  const array = Uint8Array.from(bytes);
  try {
    return { value: new TextDecoder("utf-8", { fatal: true }).decode(array), utf8: true };
  } catch {
    // Not UTF-8: one character per byte keeps what it says readable in a note.
    return { value: String.fromCharCode(...array), utf8: false };
  }
}
