/**
 * An in-memory {@link CliIo} for tests: files are strings, output is collected.
 *
 * @module
 */
import { left, right } from "fp-ts/lib/Either.js";
import type { CliIo, InterruptSignal } from "./io.ts";
import { linesOf } from "./lines.ts";

/** A CliIo over a map of file contents, with what was written. */
export interface MemoryIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
  /** What `writeBytes` wrote to standard output, a chunk a call, apart from the text. */
  readonly stdoutBytes: Uint8Array[];
  /** Files written, by path. */
  readonly written: Record<string, string>;
  /** Files written as bytes (`writeFile`), by path. */
  readonly writtenBytes: Record<string, Uint8Array>;
  /** Interrupts the program as a user would: whether anything was listening. */
  interrupt(signal?: InterruptSignal): boolean;
}

/** Creates a {@link MemoryIo}; `-` reads the `stdin` entry. */
export function memoryIo(
  files: Readonly<Record<string, string>>,
  terminal: {
    readonly color?: boolean;
    readonly interactive?: boolean;
    readonly now?: () => number;
  } = {},
): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const stdoutBytes: Uint8Array[] = [];
  const written: Record<string, string> = {};
  const writtenBytes: Record<string, Uint8Array> = {};
  const listeners = new Set<(signal: InterruptSignal) => void>();
  return {
    stdout,
    stderr,
    stdoutBytes,
    written,
    writtenBytes,
    color: terminal.color ?? false,
    interactive: terminal.interactive ?? false,
    now: terminal.now ?? (() => 0),
    createFile(path) {
      if (path.startsWith("/nonexistent/")) {
        return Promise.resolve(left(`cannot write "${path}": no such directory`));
      }
      written[path] = "";
      return Promise.resolve(right({
        write: (text: string) => Promise.resolve(void (written[path] += text)),
        close: () => Promise.resolve(),
      }));
    },
    writeFile(path, bytes) {
      if (path.startsWith("/nonexistent/")) {
        return Promise.resolve(left(`cannot write "${path}": no such directory`));
      }
      writtenBytes[path] = bytes.slice();
      return Promise.resolve(right(undefined));
    },
    readLines(path) {
      const name = path === "-" ? "stdin" : path;
      // Own properties only: a file named "constructor" is not Object's.
      const text = Object.hasOwn(files, name)
        ? files[name]
        : Object.hasOwn(written, path)
        ? written[path]
        : undefined;
      if (text === undefined) return Promise.resolve(left(`cannot read "${path}": no such file`));
      // Split as the real runtimes split, line limit included.
      return Promise.resolve(right(linesOf([new TextEncoder().encode(text)])));
    },
    write: (text) => Promise.resolve(void stdout.push(text)),
    // A copy: the caller may reuse its buffer.
    writeBytes: (bytes) => Promise.resolve(void stdoutBytes.push(bytes.slice())),
    writeError: (text) => Promise.resolve(void stderr.push(text)),
    flush: () => Promise.resolve(),
    onInterrupt(handler) {
      // Each subscription its own entry, so the same handler twice is two listeners, as on Node.
      const listener = (signal: InterruptSignal) => handler(signal);
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    interrupt(signal = "SIGINT") {
      const heard = [...listeners];
      for (const listener of heard) listener(signal);
      return heard.length > 0;
    },
  };
}
