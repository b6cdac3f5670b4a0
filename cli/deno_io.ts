/**
 * The CLI's runtime on Deno.
 *
 * @module
 */
import { left, right } from "fp-ts/lib/Either.js";
import { type CliIo, colorWanted, INTERRUPT_SIGNALS, type InterruptSignal } from "./io.ts";
import { standardStreams, writeAll } from "./buffered_output.ts";
import { linesOf } from "./lines.ts";

function reason(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file";
  return error instanceof Error ? error.message : String(error);
}

/** A {@link CliIo} over Deno's files and standard streams. */
export function denoIo(): CliIo {
  const streams = standardStreams(Deno.stdout, Deno.stderr);
  return {
    async readLines(path) {
      if (path === "-") return right(linesOf(Deno.stdin.readable));
      try {
        const file = await Deno.open(path, { read: true });
        // A directory opens, and fails only when read: find out now, while it can be said well.
        if ((await file.stat()).isDirectory) {
          file.close();
          return left(`cannot read "${path}": is a directory`);
        }
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
    async writeFile(path, bytes) {
      try {
        await Deno.writeFile(path, bytes);
        return right(undefined);
      } catch (error) {
        return left(`cannot write "${path}": ${reason(error)}`);
      }
    },
    color: colorWanted(Deno.stdout.isTerminal(), Deno.env.get("NO_COLOR")),
    interactive: Deno.stderr.isTerminal(),
    now: () => performance.now(),
    onInterrupt(handler) {
      const listening: [InterruptSignal, () => void][] = [];
      for (const signal of INTERRUPT_SIGNALS) {
        const listener = () => handler(signal);
        try {
          Deno.addSignalListener(signal, listener);
          listening.push([signal, listener]);
        } catch {
          // Windows has no SIGTERM; Ctrl-C is SIGINT there too.
        }
      }
      return () => {
        for (const [signal, listener] of listening.splice(0)) {
          Deno.removeSignalListener(signal, listener);
        }
      };
    },
    ...streams,
    async writeBytes(bytes) {
      // The text held back goes first; a write may take part of the bytes, so loop.
      await streams.flush();
      let rest = bytes;
      while (rest.length > 0) rest = rest.subarray(await Deno.stdout.write(rest));
    },
  };
}
