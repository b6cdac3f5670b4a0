/**
 * Reading a set command's parameters with the checks the firmware makes: how many, which type,
 * what range. The first problem is kept as the error code the firmware would report; the values
 * read after it are placeholders that the handler discards.
 *
 * @module
 */
import type { AtParam } from "./at_line.ts";
import { ERR } from "./error_codes.ts";

const encoder = new TextEncoder();

/**
 * A cursor over parameters that remembers the first problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAtLine } from "./at_line.ts";
 * import { ParamReader } from "./params.ts";
 * const parsed = parseAtLine('AT+CWSAP="esp","12345678",5,3');
 * if (parsed._tag === "Left") throw new Error("parse");
 * const p = new ParamReader(parsed.right.params, 6);
 * assert.deepEqual([p.text(0, 1, 32), p.text(1, 0, 64), p.integer(2, 1, 13), p.integer(3, 0, 4)], ["esp", "12345678", 5, 3]);
 * assert.equal(p.optionalInteger(4, 1, 10), undefined);
 * assert.equal(p.error, undefined);
 * ```
 */
export class ParamReader {
  #error: number | undefined;

  /** Reads `params`, of which the command takes at most `max`. */
  constructor(readonly params: readonly AtParam[], max: number) {
    if (params.length > max) this.#error = ERR.NUM_MISMATCH;
  }

  /** The first problem's error code, if any. */
  get error(): number | undefined {
    return this.#error;
  }

  /** Whether parameter `i` was given (not left out, not empty). */
  given(i: number): boolean {
    const param = this.params[i];
    return param !== undefined && param.kind !== "empty";
  }

  /** A required string of `min` to `max` UTF-8 bytes. */
  text(i: number, min: number, max: number): string {
    const value = this.optionalText(i, min, max);
    if (value === undefined) this.#fail(ERR.NUM_MISMATCH);
    return value ?? "";
  }

  /** A string of `min` to `max` bytes, or undefined when left out. */
  optionalText(i: number, min: number, max: number): string | undefined {
    const param = this.params[i];
    if (param === undefined || param.kind === "empty") return undefined;
    if (param.kind !== "string") return this.#fail(ERR.TYPE_MISMATCH);
    const bytes = encoder.encode(param.value).length;
    if (bytes < min || bytes > max) return this.#fail(ERR.LENGTH_MISMATCH);
    return param.value;
  }

  /** A required integer from `min` to `max`. */
  integer(i: number, min: number, max: number): number {
    const value = this.optionalInteger(i, min, max);
    if (value === undefined) this.#fail(ERR.NUM_MISMATCH);
    return value ?? min;
  }

  /** An integer from `min` to `max`, or undefined when left out. */
  optionalInteger(i: number, min: number, max: number): number | undefined {
    const param = this.params[i];
    if (param === undefined || param.kind === "empty") return undefined;
    if (param.kind !== "integer") return this.#fail(ERR.TYPE_MISMATCH);
    if (param.value < min || param.value > max) return this.#fail(ERR.PARA_INVALID);
    return param.value;
  }

  /** The text of integer parameter `i` as written (`+0800`), or undefined when left out. */
  integerText(i: number): string | undefined {
    const param = this.params[i];
    return param?.kind === "integer" ? param.text : undefined;
  }

  /** Records a problem the caller found (a value the command refuses). */
  reject(code: number): void {
    this.#fail(code);
  }

  #fail(code: number): undefined {
    this.#error ??= code;
    return undefined;
  }
}
