/**
 * Progress for long work, on standard error, only when it is a terminal and the work has lasted
 * over a second; standard output stays clean.
 *
 * @module
 */
import type { CliIo } from "./io.ts";

/** Counts work; shows `VERB N lines...` now and then; `done` clears the line. */
export interface Progress {
  tick(): void;
  /**
   * Clears the count, if shown, before other output goes to the terminal: standard output and
   * standard error often share one, and a count left on its line would run into that output.
   */
  clear(): Promise<void>;
  done(): Promise<void>;
}

/**
 * A progress counter for `verb` ("replayed", "imported").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memoryIo } from "./memory_io.ts";
 * import { progress } from "./progress.ts";
 * let now = 0;
 * const io = memoryIo({}, { interactive: true, now: () => now });
 * const p = progress(io, "replayed");
 * for (let i = 0; i < 3000; i++) {
 *   now = i; // a millisecond a line
 *   p.tick();
 * }
 * await p.done();
 * assert.deepEqual(io.stderr, ["\rreplayed 1,024 lines...", "\rreplayed 2,048 lines...", "\r\x1b[K"]);
 * ```
 */
export function progress(io: CliIo, verb: string): Progress {
  const started = io.now();
  let count = 0;
  let shownAt = -Infinity;
  let shown = false;
  let pending: Promise<void> = Promise.resolve();
  return {
    tick() {
      count++;
      // Looking at the clock every 1,024 lines keeps the cost out of the hot loop.
      if (!io.interactive || (count & 0x3ff) !== 0) return;
      const now = io.now();
      if (now - started < 1000 || now - shownAt < 250) return;
      shownAt = now;
      shown = true;
      // The count as it is now, not when the write gets its turn.
      const line = `\r${verb} ${count.toLocaleString("en")} lines...`;
      pending = pending.then(() => io.writeError(line));
    },
    async clear() {
      await pending;
      if (!shown) return;
      shown = false;
      await io.writeError("\r\x1b[K");
    },
    done() {
      return this.clear();
    },
  };
}
