import assert from "node:assert/strict";
import { linesOf } from "./lines.ts";

async function collect(chunks: string[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of linesOf(chunks.map((chunk) => new TextEncoder().encode(chunk)))) {
    lines.push(line);
  }
  return lines;
}

Deno.test("linesOf() joins lines split across chunks, including inside a UTF-8 character", async () => {
  const bytes = new TextEncoder().encode("café\nnaïve\r\n");
  const split = [bytes.slice(0, 4), bytes.slice(4, 9), bytes.slice(9)];
  const lines: string[] = [];
  for await (const line of linesOf(split)) lines.push(line);
  assert.deepEqual(lines, ["café", "naïve"]);
});

Deno.test("linesOf() keeps empty lines and a last line without a newline", async () => {
  assert.deepEqual(await collect(["a\n\nb"]), ["a", "", "b"]);
  assert.deepEqual(await collect(["", "\n"]), [""]);
  assert.deepEqual(await collect([]), []);
});
