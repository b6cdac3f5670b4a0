import assert from "node:assert/strict";
import { utf8ByteLength } from "./utf8.ts";

Deno.test("utf8ByteLength() counts bytes as TextEncoder does", () => {
  const samples = [
    "",
    "home",
    "é",
    "€uro",
    "😀x",
    "a\u{10ffff}",
    "\ud800",
    "\udc00z",
    "日本語のSSID",
  ];
  for (const sample of samples) {
    assert.equal(utf8ByteLength(sample), new TextEncoder().encode(sample).length, sample);
  }
});
