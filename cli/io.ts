/**
 * What the CLI needs from its runtime, as an interface: the commands never touch `Deno` or
 * `process` themselves, so they run on Deno, on Node, and in tests against memory.
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";
import type { Line } from "../core/limits.ts";

/** The CLI's view of the outside world. */
export interface CliIo {
  /**
   * The lines of a file, or of standard input for `-`; an error names the file and the cause. A
   * line longer than `MAX_LINE_BYTES` may come as `OVERLONG` (core/limits.ts) instead of its
   * text; every reader of lines refuses or skips it either way.
   */
  readLines(path: string): Promise<Either<string, AsyncIterable<Line> | Iterable<Line>>>;
  /** Creates (or replaces) a file for writing text; an error names the file and the cause. */
  createFile(path: string): Promise<Either<string, TextSink>>;
  /** Creates (or replaces) a file holding `bytes`; an error names the file and the cause. */
  writeFile(path: string, bytes: Uint8Array): Promise<Either<string, void>>;
  /** Whether standard output may be coloured: a terminal, and no NO_COLOR in the environment. */
  readonly color: boolean;
  /** Whether standard error is a terminal, where progress may be shown. */
  readonly interactive: boolean;
  /** Real time in milliseconds, for progress. */
  now(): number;
  /** Writes to standard output. */
  write(text: string): Promise<void>;
  /**
   * Writes bytes to standard output unchanged (a PNG), after the text written before them, so
   * `> file` gets exactly these bytes.
   */
  writeBytes(bytes: Uint8Array): Promise<void>;
  /** Writes to standard error. */
  writeError(text: string): Promise<void>;
  /** Writes out whatever standard output holds back; call before the program exits. */
  flush(): Promise<void>;
  /**
   * Calls `handler` with the signal's name when the user interrupts the program (SIGINT, or
   * SIGTERM where the runtime has it), instead of ending it at once, until the returned function
   * is called; after that an interrupt ends the program as it would have.
   */
  onInterrupt(handler: (signal: InterruptSignal) => void): () => void;
}

/** The signals that ask a long-running command to stop. */
export type InterruptSignal = "SIGINT" | "SIGTERM";

/** The signals {@link CliIo.onInterrupt} listens for. */
export const INTERRUPT_SIGNALS: readonly InterruptSignal[] = ["SIGINT", "SIGTERM"];

/**
 * Whether output may be coloured: only on a terminal, and never with a non-empty `NO_COLOR`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { colorWanted } from "./io.ts";
 * assert.equal(colorWanted(true, undefined), true);
 * assert.equal(colorWanted(true, "1"), false);
 * assert.equal(colorWanted(false, undefined), false);
 * ```
 */
export function colorWanted(stdoutIsTerminal: boolean, noColor: string | undefined): boolean {
  return stdoutIsTerminal && (noColor ?? "") === "";
}

/** Somewhere to write text. */
export interface TextSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Exit codes: 0 ok, 1 a finding (bad data, a failed check), 2 misuse of the command line. */
export const EXIT = { ok: 0, finding: 1, usage: 2 } as const;
