/**
 * Reading a whole file that a command needs all of at once (a configuration for `check` and
 * `import --config`, a scenario for `simulate`), within the limits: no line past
 * `MAX_LINE_BYTES`, no file past `MAX_DOCUMENT_BYTES` (core/limits.ts). Reading stops at the
 * first line that breaks one, so a huge file costs no more than the limit.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import {
  DOCUMENT_TOO_LARGE,
  LINE_TOO_LONG,
  lineTooLong,
  MAX_DOCUMENT_BYTES,
} from "../core/limits.ts";
import { utf8ByteLength } from "../core/utf8.ts";
import type { CliIo } from "./io.ts";

/** Why a document could not be read: the runtime's reason, or a limit it passed. */
export interface DocumentError {
  /** True when the file could not be opened at all (the message then names it). */
  readonly unreadable: boolean;
  /** `cannot read "x": no such file`, or `line 3 is longer than ...` (without the file name). */
  readonly message: string;
}

/**
 * The text of a file, its lines joined by `\n`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readDocument } from "./document.ts";
 * import { memoryIo } from "./memory_io.ts";
 * const io = memoryIo({ "a.json": '{"sta": {}}\r\n' });
 * assert.deepEqual(await readDocument(io, "a.json"), { _tag: "Right", right: '{"sta": {}}' });
 * ```
 */
export async function readDocument(
  io: CliIo,
  path: string,
): Promise<Either<DocumentError, string>> {
  const lines = await io.readLines(path);
  if (lines._tag === "Left") return left({ unreadable: true, message: lines.left });
  const parts: string[] = [];
  let bytes = 0;
  let number = 0;
  for await (const line of lines.right) {
    number++;
    if (lineTooLong(line)) {
      return left({ unreadable: false, message: `line ${number} is ${LINE_TOO_LONG}` });
    }
    const text = line as string;
    bytes += utf8ByteLength(text) + 1;
    if (bytes > MAX_DOCUMENT_BYTES + 1) {
      return left({ unreadable: false, message: DOCUMENT_TOO_LARGE });
    }
    parts.push(text);
  }
  return right(parts.join("\n"));
}
