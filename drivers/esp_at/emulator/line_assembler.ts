/**
 * Command lines from a byte stream. ESP-AT wants CR LF after each command; a lone LF, or a lone
 * CR (what a terminal program sends for Enter), ends one too, so that a person can type at the
 * emulator. A line longer than the firmware's buffer is not kept: only the fact that it was too
 * long, so that it can be refused.
 *
 * @module
 */

/** The most bytes a command may have, CR LF included (the firmware's command buffer). */
export const MAX_COMMAND_BYTES = 256;

/** A complete line: its text (UTF-8), or `overlong` with no text when it was too long. */
export interface AssembledLine {
  readonly text: string;
  readonly overlong: boolean;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Splits bytes into lines, across chunks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineAssembler } from "./line_assembler.ts";
 * const lines = new LineAssembler();
 * const bytes = (s: string) => new TextEncoder().encode(s);
 * assert.deepEqual(lines.push(bytes("AT\r")), [{ text: "AT", overlong: false }]);
 * assert.deepEqual(lines.push(bytes("\nATE0\nAT+GMR")), [{ text: "ATE0", overlong: false }]);
 * assert.deepEqual(lines.push(bytes("\r\n")), [{ text: "AT+GMR", overlong: false }]);
 * ```
 */
export class LineAssembler {
  readonly #decoder = new TextDecoder();
  #buffer = new Uint8Array(MAX_COMMAND_BYTES);
  #length = 0;
  #overlong = false;
  /** The last line ended with CR: an LF right after it belongs to that line end. */
  #afterCr = false;

  /** The lines `bytes` completes. */
  push(bytes: Uint8Array): AssembledLine[] {
    const lines: AssembledLine[] = [];
    for (const byte of bytes) {
      const afterCr = this.#afterCr;
      this.#afterCr = byte === CR;
      if (byte === LF && afterCr) continue;
      if (byte === CR || byte === LF) {
        lines.push(this.#take());
        continue;
      }
      // Room for the line's CR LF is kept: 254 bytes of command at most.
      if (this.#length + 2 >= MAX_COMMAND_BYTES) this.#overlong = true;
      else this.#buffer[this.#length++] = byte;
    }
    return lines;
  }

  /** Forgets a partial line (the module rebooted under it). */
  clear(): void {
    this.#length = 0;
    this.#overlong = false;
    this.#afterCr = false;
  }

  #take(): AssembledLine {
    const line = this.#overlong
      ? { text: "", overlong: true }
      : { text: this.#decoder.decode(this.#buffer.subarray(0, this.#length)), overlong: false };
    this.#length = 0;
    this.#overlong = false;
    return line;
  }
}
