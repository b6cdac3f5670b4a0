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

/**
 * Standard output through a buffer: a replay writes a record per line, and a system call for each
 * would cost more than the replay. What is held goes out at 64 KiB, whenever the program waits
 * (so piped output still streams), and on `flush`.
 */
function bufferedOutput(target: { write(p: Uint8Array): Promise<number> }) {
  let held: string[] = [];
  let size = 0;
  let scheduled: ReturnType<typeof setTimeout> | undefined;
  let failure: unknown;
  let chain: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (scheduled !== undefined) clearTimeout(scheduled);
    scheduled = undefined;
    const text = held.join("");
    held = [];
    size = 0;
    chain = chain.then(() => text === "" ? undefined : writeAll(target, text));
    return chain;
  };
  return {
    async write(text: string): Promise<void> {
      if (failure !== undefined) throw failure;
      held.push(text);
      size += text.length;
      if (size >= 65536) return await flush();
      // A timer runs only once the program is idle, waiting for input: that is when to write.
      scheduled ??= setTimeout(() => flush().catch((error) => failure = error), 0);
    },
    async flush(): Promise<void> {
      if (failure !== undefined) throw failure;
      await flush();
    },
  };
}

function reason(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file";
  return error instanceof Error ? error.message : String(error);
}

/** A {@link CliIo} over Deno's files and standard streams. */
export function denoIo(): CliIo {
  const stdout = bufferedOutput(Deno.stdout);
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
    color: Deno.stdout.isTerminal() && (Deno.env.get("NO_COLOR") ?? "") === "",
    interactive: Deno.stderr.isTerminal(),
    now: () => performance.now(),
    write: stdout.write,
    // Standard error carries progress and errors: unbuffered, but after what came before it.
    writeError: async (text) => {
      await stdout.flush();
      await writeAll(Deno.stderr, text);
    },
    flush: stdout.flush,
  };
}
