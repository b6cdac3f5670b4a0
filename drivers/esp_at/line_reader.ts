/**
 * Bytes from the port into lines: the firmware ends each with CR LF (some answers with a lone LF
 * or an extra CR). A line longer than {@link MAX_REPORT_BYTES} is no line of ESP-AT's; it is
 * dropped whole, so a noisy port cannot grow memory without bound.
 *
 * @module
 */

/** The longest line kept; ESP-AT's longest reports (a scan line with every field) are far shorter. */
export const MAX_REPORT_BYTES = 2048;

/**
 * Splits a byte stream into lines, across chunk boundaries and multi-byte UTF-8 characters.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LineReader } from "./line_reader.ts";
 * const lines: string[] = [];
 * const reader = new LineReader((line) => lines.push(line));
 * const bytes = new TextEncoder().encode("AT\r\r\nO");
 * reader.push(bytes);
 * reader.push(new TextEncoder().encode("K\r\nWIFI GOT IP\n"));
 * assert.deepEqual(lines, ["AT", "OK", "WIFI GOT IP"]);
 * ```
 */
export class LineReader {
  readonly #decoder = new TextDecoder("utf-8", { fatal: false });
  readonly #onLine: (line: string) => void;
  #partial = "";
  #overlong = false;

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine;
  }

  /** Lines dropped for being too long. */
  dropped = 0;

  push(bytes: Uint8Array): void {
    let text = this.#partial + this.#decoder.decode(bytes, { stream: true });
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n")) {
      const line = text.slice(0, end).replace(/\r+$/, "").replace(/^\r+/, "");
      text = text.slice(end + 1);
      if (this.#overlong) {
        this.#overlong = false;
        continue;
      }
      if (line.length > MAX_REPORT_BYTES) {
        this.dropped++;
        continue;
      }
      this.#onLine(line);
    }
    if (text.length > MAX_REPORT_BYTES) {
      if (!this.#overlong) this.dropped++;
      this.#overlong = true;
      text = "";
    }
    this.#partial = text;
  }
}
