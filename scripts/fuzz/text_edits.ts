/**
 * Damage done to a document's text rather than its structure: cut short, a psk's quotes taken
 * away, control characters and invalid UTF-8 let in, a line padded past any sensible length.
 *
 * @module
 */
import fc from "fast-check";

/** A change to text. Positions are fractions of its length, so an edit fits any text. */
export type TextEdit =
  | { readonly kind: "truncate"; readonly at: number }
  | { readonly kind: "unquote" }
  | { readonly kind: "insert"; readonly at: number; readonly text: string }
  | { readonly kind: "pad"; readonly length: number };

/** A change to bytes: these inserted, most of them not UTF-8. */
export interface ByteEdit {
  readonly at: number;
  readonly bytes: readonly number[];
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** Bytes UTF-8 does not allow: a lone continuation, an overlong NUL, a surrogate, 0xff. */
const BAD_BYTES: readonly (readonly number[])[] = [
  [0x80],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xff, 0xfe],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0x00],
];

/** A text edit: mostly small ones, now and then a megabyte of padding. */
export const textEditArb: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 3, arbitrary: fraction.map((at): TextEdit => ({ kind: "truncate", at })) },
  { weight: 4, arbitrary: fc.constant<TextEdit>({ kind: "unquote" }) },
  {
    weight: 3,
    arbitrary: fc.record({
      at: fraction,
      text: fc.constantFrom(
        "\u0000",
        "\u001b[2J",
        "\r",
        "\u2028",
        "\ufeff",
        "\t\t",
        "\\",
        '"',
        "}",
      ),
    }).map((edit): TextEdit => ({ kind: "insert", ...edit })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(10_000, 200_000, 2_000_000).map((length): TextEdit => ({
      kind: "pad",
      length,
    })),
  },
);

/** A byte edit. */
export const byteEditArb: fc.Arbitrary<ByteEdit> = fc.record({
  at: fraction,
  bytes: fc.constantFrom(...BAD_BYTES),
});

/**
 * The text with `edit` made. `unquote` takes the quotes from around each `"psk"`, as a person
 * who forgot them would write it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyTextEdit } from "./text_edits.ts";
 * assert.equal(applyTextEdit('{"psk": "PSKLEAK1"}', { kind: "unquote" }, "PSKLEAK1"), '{"psk": PSKLEAK1}');
 * assert.equal(applyTextEdit("abcd", { kind: "truncate", at: 0.5 }, ""), "ab");
 * ```
 */
export function applyTextEdit(text: string, edit: TextEdit, psk: string): string {
  const at = (fraction: number) => Math.floor(text.length * fraction);
  switch (edit.kind) {
    case "truncate":
      return text.slice(0, at(edit.at));
    case "unquote":
      return text.replaceAll(`"${psk}"`, psk);
    case "insert":
      return text.slice(0, at(edit.at)) + edit.text + text.slice(at(edit.at));
    case "pad":
      // Whitespace inside the line keeps it parseable: only its length is hostile.
      return text.startsWith("{") || text.startsWith("[")
        ? text[0] + " ".repeat(edit.length) + text.slice(1)
        : text + "x".repeat(edit.length);
  }
}

/**
 * The text as UTF-8 with `edit`'s bytes inserted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyByteEdit } from "./text_edits.ts";
 * assert.deepEqual([...applyByteEdit("ab", { at: 0.5, bytes: [0xff] })], [0x61, 0xff, 0x62]);
 * ```
 */
export function applyByteEdit(text: string, edit: ByteEdit): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  const at = Math.floor(encoded.length * edit.at);
  const out = new Uint8Array(encoded.length + edit.bytes.length);
  out.set(encoded.subarray(0, at));
  out.set(edit.bytes, at);
  out.set(encoded.subarray(at), at + edit.bytes.length);
  return out;
}
