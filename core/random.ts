/**
 * Randomness as state: a pure step of mulberry32. The core keeps the generator's state in its own
 * state, so a replay draws the same numbers as the live run did.
 *
 * @module
 */

/**
 * One draw: a number in [0, 1) and the generator's next state.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { draw } from "./random.ts";
 * const [a, next] = draw(42);
 * assert.ok(a >= 0 && a < 1);
 * assert.deepEqual(draw(42), [a, next]);
 * assert.notEqual(draw(next)[0], a);
 * ```
 */
export function draw(state: number): readonly [number, number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/**
 * A 32-bit seed from a string (FNV-1a), so that each device, by its MAC, jitters differently.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seedFrom } from "./random.ts";
 * assert.notEqual(seedFrom("24:0a:c4:12:34:56"), seedFrom("24:0a:c4:12:34:57"));
 * ```
 */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}
