/**
 * A small seeded generator (mulberry32): the same seed gives the same simulated world, on every
 * runtime.
 *
 * @module
 */

/** Seeded random numbers. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * A whole number from `min` to `max`, both included.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Random } from "./random.ts";
   * const a = new Random(7), b = new Random(7);
   * const draws = Array.from({ length: 5 }, () => a.between(1, 6));
   * assert.deepEqual(draws, Array.from({ length: 5 }, () => b.between(1, 6)));
   * assert.ok(draws.every((n) => n >= 1 && n <= 6));
   * ```
   */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `rate`. */
  chance(rate: number): boolean {
    return rate > 0 && this.next() < rate;
  }
}
