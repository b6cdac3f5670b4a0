/**
 * The CLI's runtime on Node.js: the npm package's `netfsm` bin runs the same commands through it.
 *
 * @module
 */
import { open, writeFile } from "node:fs/promises";
import process from "node:process";
import { left, right } from "fp-ts/lib/Either.js";
import { type ByteSink, standardStreams } from "./buffered_output.ts";
import { type CliIo, colorWanted, INTERRUPT_SIGNALS } from "./io.ts";
import { linesOf } from "./lines.ts";

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  return error instanceof Error ? error.message : String(error);
}

function streamSink(stream: NodeJS.WritableStream): ByteSink {
  return {
    write: (bytes) =>
      new Promise((resolve, reject) =>
        stream.write(bytes, (error) => error ? reject(error) : resolve(bytes.length))
      ),
  };
}

/**
 * A {@link CliIo} over Node's files and standard streams.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nodeIo } from "./node_io.ts";
 * const io = nodeIo();
 * const missing = await io.readLines("/nonexistent/trace.jsonl");
 * assert.deepEqual(missing, { _tag: "Left", left: 'cannot read "/nonexistent/trace.jsonl": no such file' });
 * ```
 */
export function nodeIo(): CliIo {
  const stdout = streamSink(process.stdout);
  const streams = standardStreams(stdout, streamSink(process.stderr));
  return {
    async readLines(path) {
      if (path === "-") return right(linesOf(process.stdin));
      try {
        const file = await open(path, "r");
        // A directory opens, and fails only when read: find out now, while it can be said well.
        if ((await file.stat()).isDirectory()) {
          await file.close();
          return left(`cannot read "${path}": is a directory`);
        }
        return right(linesOf(file.createReadStream()));
      } catch (error) {
        return left(`cannot read "${path}": ${reason(error)}`);
      }
    },
    async createFile(path) {
      try {
        const file = await open(path, "w");
        return right({
          write: (text: string) => file.write(text).then(() => undefined),
          close: () => file.close(),
        });
      } catch (error) {
        return left(`cannot write "${path}": ${reason(error)}`);
      }
    },
    async writeFile(path, bytes) {
      try {
        await writeFile(path, bytes);
        return right(undefined);
      } catch (error) {
        return left(`cannot write "${path}": ${reason(error)}`);
      }
    },
    color: colorWanted(process.stdout.isTTY === true, process.env.NO_COLOR),
    interactive: process.stderr.isTTY === true,
    now: () => performance.now(),
    onInterrupt(handler) {
      const listening = INTERRUPT_SIGNALS.map((signal) => {
        const listener = () => handler(signal);
        process.on(signal, listener);
        return [signal, listener] as const;
      });
      // With its last listener gone, Node ends the program on the signal again.
      return () => {
        for (const [signal, listener] of listening.splice(0)) process.off(signal, listener);
      };
    },
    ...streams,
    async writeBytes(bytes) {
      // The text held back goes first; a stream takes the whole chunk in one write.
      await streams.flush();
      await stdout.write(bytes);
    },
  };
}
