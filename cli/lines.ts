/**
 * Splits a stream of bytes into lines as they arrive, so a replay of a file of any size holds one
 * line at a time. Accepts `\n` and `\r\n`; a last line without a newline still counts.
 *
 * A line longer than `MAX_LINE_BYTES` (64 KiB, core/limits.ts) is never held whole: once past the
 * limit its bytes are dropped as they stream by, until its newline, and `OVERLONG` takes its
 * place. So one 100 MB line costs what a 64 KiB one does, and the lines after it still come.
 *
 * @module
 */
import { type Line, lineTooLong, MAX_LINE_BYTES, OVERLONG } from "../core/limits.ts";

const NEWLINE = 0x0a;

function finished(line: string): Line {
  const text = line.endsWith("\r") ? line.slice(0, -1) : line;
  return lineTooLong(text) ? OVERLONG : text;
}

/** Where {@link linesOf}'s lines are also offered a chunk at a time: see {@link batchesOf}. */
export const BATCHES: unique symbol = Symbol("line batches");

/** Lines, with the batches they arrive in when the reader knows them. */
export type Lines = (AsyncIterable<Line> | Iterable<Line>) & {
  readonly [BATCHES]?: () => AsyncIterable<readonly Line[]>;
};

/**
 * Yields the lines of a byte stream; {@link OVERLONG} for each line past the limit.
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
export function linesOf(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Line> & { readonly [BATCHES]: () => AsyncIterable<readonly Line[]> } {
  const lines = (async function* () {
    for await (const batch of lineBatches(chunks)) yield* batch;
  })();
  return Object.assign(lines, { [BATCHES]: () => lineBatches(chunks) });
}

/**
 * The lines of `lines` a batch at a time: as {@link linesOf} read them, all the lines one chunk
 * completed, so a consumer knows when reading on would wait; otherwise one line a batch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batchesOf, linesOf } from "./lines.ts";
 * const batches = [];
 * for await (const batch of batchesOf(linesOf([new TextEncoder().encode("a\nb\n")]))) batches.push(batch);
 * assert.deepEqual(batches, [["a", "b"]]);
 * ```
 */
export async function* batchesOf(lines: Lines): AsyncGenerator<readonly Line[]> {
  const batches = lines[BATCHES];
  if (batches !== undefined) {
    yield* batches();
    return;
  }
  for await (const line of lines) yield [line];
}

async function* lineBatches(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Line[]> {
  let decoder = new TextDecoder();
  let pending = "";
  // Inside a line already past the limit: its bytes are skipped, undecoded, up to its newline.
  let dropping = false;
  for await (const chunk of chunks) {
    const batch: Line[] = [];
    let bytes = chunk;
    if (dropping) {
      const newline = bytes.indexOf(NEWLINE);
      if (newline === -1) continue;
      batch.push(OVERLONG);
      dropping = false;
      // The dropped bytes may have ended inside a character: start afresh after the newline,
      // which is never part of one. A BOM is stripped only at the start of the stream.
      decoder = new TextDecoder("utf-8", { ignoreBOM: true });
      bytes = bytes.subarray(newline + 1);
    }
    const text = decoder.decode(bytes, { stream: true });
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      const line = pending + text.slice(start, newline);
      pending = "";
      start = newline + 1;
      batch.push(finished(line));
    }
    pending += text.slice(start);
    // A UTF-16 unit is at least one byte, so this many units is past the limit (a final "\r"
    // aside); fewer units of wider characters are measured exactly when the line ends.
    if (pending.length > MAX_LINE_BYTES + 1) {
      pending = "";
      dropping = true;
    }
    if (batch.length > 0) yield batch;
  }
  if (dropping) {
    yield [OVERLONG];
    return;
  }
  pending += decoder.decode();
  if (pending !== "") yield [finished(pending)];
}
