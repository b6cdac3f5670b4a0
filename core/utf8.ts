/**
 * UTF-8 byte length without allocating: AtomVM's limits (32-byte SSID, 64-byte psk) count bytes,
 * and TextEncoder is not guaranteed on every engine the core runs on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { utf8ByteLength } from "./utf8.ts";
 * assert.equal(utf8ByteLength("café"), 5);
 * assert.equal(utf8ByteLength("😀"), 4);
 * ```
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3; // a lone high surrogate encodes as U+FFFD
    } else bytes += 3;
  }
  return bytes;
}
