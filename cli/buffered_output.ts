/**
 * Standard output through a buffer, and standard error after it, for the CLI on either runtime.
 *
 * @module
 */
import type { CliIo } from "./io.ts";

/** Where bytes go: returns how many it took. Deno's files are already this shape. */
export interface ByteSink {
  write(bytes: Uint8Array): Promise<number>;
}

const encoder = new TextEncoder();

/** Writes all of `text`, however many writes the target takes. */
export async function writeAll(
  target: ByteSink,
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
export function bufferedOutput(
  target: ByteSink,
): { write(text: string): Promise<void>; flush(): Promise<void> } {
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

/**
 * The CLI's standard streams over two sinks: output buffered, errors unbuffered but written after
 * the output that came before them, so a terminal shows the two in order.
 */
export function standardStreams(
  stdout: ByteSink,
  stderr: ByteSink,
): Pick<CliIo, "write" | "writeError" | "flush"> {
  const output = bufferedOutput(stdout);
  return {
    write: output.write,
    writeError: async (text) => {
      await output.flush();
      await writeAll(stderr, text);
    },
    flush: output.flush,
  };
}
