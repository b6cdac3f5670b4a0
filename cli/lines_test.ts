import assert from "node:assert/strict";
import { linesOf } from "./lines.ts";

async function collect(chunks: string[]): Promise<unknown[]> {
  const lines: unknown[] = [];
  for await (const line of linesOf(chunks.map((chunk) => new TextEncoder().encode(chunk)))) {
    lines.push(line);
  }
  return lines;
}

Deno.test("linesOf() joins lines split across chunks, including inside a UTF-8 character", async () => {
  const bytes = new TextEncoder().encode("café\nnaïve\r\n");
  const split = [bytes.slice(0, 4), bytes.slice(4, 9), bytes.slice(9)];
  const lines: unknown[] = [];
  for await (const line of linesOf(split)) lines.push(line);
  assert.deepEqual(lines, ["café", "naïve"]);
});

Deno.test("linesOf() keeps empty lines and a last line without a newline", async () => {
  assert.deepEqual(await collect(["a\n\nb"]), ["a", "", "b"]);
  assert.deepEqual(await collect(["", "\n"]), [""]);
  assert.deepEqual(await collect([]), []);
});

Deno.test("linesOf() gives OVERLONG for a line past the limit, in its place, and goes on with the next", async () => {
  const { MAX_LINE_BYTES, OVERLONG } = await import("../core/limits.ts");
  const long = "x".repeat(8 * 1024 * 1024);
  assert.deepEqual(await collect(["a\n", long, "\nb\n", "y".repeat(MAX_LINE_BYTES), "\r\nc"]), [
    "a",
    OVERLONG,
    "b",
    "y".repeat(MAX_LINE_BYTES),
    "c",
  ]);
  assert.deepEqual(await collect(["a\n" + "é".repeat(MAX_LINE_BYTES / 2) + "z"]), ["a", OVERLONG]);
});

Deno.test("linesOf() reads a 100 MB line in pieces it does not keep", async () => {
  const { OVERLONG } = await import("../core/limits.ts");
  const piece = new TextEncoder().encode("x".repeat(64 * 1024));
  let pieces = 0;
  function* chunks(): Generator<Uint8Array> {
    yield new TextEncoder().encode("first\n");
    for (; pieces < 1600; pieces++) yield piece;
    yield new TextEncoder().encode("\nlast");
  }
  const lines = [];
  for await (const line of linesOf(chunks())) lines.push(line);
  assert.equal(pieces, 1600);
  assert.deepEqual(lines, ["first", OVERLONG, "last"]);
});
