/**
 * Splits a stream of bytes into lines as they arrive, so a replay of a file of any size holds one
 * line at a time. Accepts `\n` and `\r\n`; a last line without a newline still counts.
 *
 * @module
 */

/**
 * Yields the lines of a byte stream.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linesOf } from "./lines.ts";
 * const chunks = [new TextEncoder().encode("a\r\nb"), new TextEncoder().encode("c\nd")];
 * const lines = [];
 * for await (const line of linesOf(chunks)) lines.push(line);
 * assert.deepEqual(lines, ["a", "bc", "d"]);
 * ```
 */
export async function* linesOf(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      yield line.endsWith("\r") ? line.slice(0, -1) : line;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
  }
  pending += decoder.decode();
  if (pending !== "") yield pending.endsWith("\r") ? pending.slice(0, -1) : pending;
}
