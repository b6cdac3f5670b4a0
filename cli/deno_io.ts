/**
 * The CLI's runtime on Deno.
 *
 * @module
 */
import { left, right } from "fp-ts/lib/Either.js";
import type { CliIo } from "./io.ts";
import { linesOf } from "./lines.ts";

const encoder = new TextEncoder();

async function writeAll(
  target: { write(p: Uint8Array): Promise<number> },
  text: string,
): Promise<void> {
  let bytes = encoder.encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(await target.write(bytes));
}

function reason(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file";
  return error instanceof Error ? error.message : String(error);
}

/** A {@link CliIo} over Deno's files and standard streams. */
export function denoIo(): CliIo {
  return {
    async readLines(path) {
      if (path === "-") return right(linesOf(Deno.stdin.readable));
      try {
        const file = await Deno.open(path, { read: true });
        return right(linesOf(file.readable));
      } catch (error) {
        return left(`cannot read "${path}": ${reason(error)}`);
      }
    },
    async createFile(path) {
      try {
        const file = await Deno.open(path, { write: true, create: true, truncate: true });
        return right({
          write: (text: string) => writeAll(file, text),
          close: () => Promise.resolve(file.close()),
        });
      } catch (error) {
        return left(`cannot write "${path}": ${reason(error)}`);
      }
    },
    write: (text) => writeAll(Deno.stdout, text),
    writeError: (text) => writeAll(Deno.stderr, text),
  };
}
