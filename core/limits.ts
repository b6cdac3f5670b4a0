/**
 * The bounds netfsm puts on what it reads, wherever bytes enter it (README, "Limits"). Each is far
 * beyond any real configuration, trace or log, and each turns hostile input into a clear error
 * instead of a crash, a stall or a gigabyte of memory.
 *
 * @module
 */

/**
 * How deeply arrays and objects (or Erlang lists and tuples) may nest. A configuration nests 5
 * levels at most; recursion over a value nested thousands deep overflows the stack.
 */
export const MAX_DEPTH = 64;

/**
 * The longest line, in UTF-8 bytes without its line ending, that a trace, log, configuration or
 * scenario may hold: a trace line is a few hundred bytes, a log line rarely over 1 KiB. A longer
 * line is dropped as it streams past, never held whole.
 */
export const MAX_LINE_BYTES = 65_536;

/** The largest configuration or scenario file, which is read whole; real ones are a few KiB. */
export const MAX_DOCUMENT_BYTES = 1_048_576;

/** How many characters of a value a message may echo (an unknown type name, a key). */
export const MAX_ECHO_CHARS = 40;

/** A line that was longer than {@link MAX_LINE_BYTES}: only that it was is kept. */
export interface OverlongLine {
  readonly overlong: true;
}

/** The one {@link OverlongLine}. */
export const OVERLONG: OverlongLine = Object.freeze({ overlong: true });

/** A line as a reader yields it: its text, or {@link OVERLONG} in its place. */
export type Line = string | OverlongLine;

/** Thousands separated by commas: `65,536`. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** What is wrong with a line past the limit, for `FILE:LINE: ...` messages. */
export const LINE_TOO_LONG = `longer than ${
  grouped(MAX_LINE_BYTES)
} bytes (netfsm's limit for one line)`;

/** What is wrong with a document past the limit. */
export const DOCUMENT_TOO_LARGE = `is larger than ${
  grouped(MAX_DOCUMENT_BYTES)
} bytes (netfsm's limit for a configuration or scenario file)`;

/** What is wrong with a value nested past the limit, where the value has no position. */
export const TOO_DEEP = `must be nested at most ${MAX_DEPTH} levels deep (netfsm's limit)`;

/** The same, where a position follows: "nested deeper than 64 levels (netfsm's limit) at ...". */
export const DEEPER_THAN_LIMIT = `nested deeper than ${MAX_DEPTH} levels (netfsm's limit)`;

/**
 * Whether a line is past {@link MAX_LINE_BYTES}: {@link OVERLONG}, or text of more UTF-8 bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineTooLong, OVERLONG } from "./limits.ts";
 * assert.equal(lineTooLong('{"at": 0, "type": "start"}'), false);
 * assert.equal(lineTooLong(OVERLONG), true);
 * ```
 */
export function lineTooLong(line: Line): boolean {
  if (typeof line !== "string") return true;
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: only a line near the limit needs counting.
  if (line.length > MAX_LINE_BYTES) return true;
  if (line.length * 3 <= MAX_LINE_BYTES) return false;
  let bytes = 0;
  for (let i = 0; i < line.length; i++) {
    const unit = line.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && (line.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes > MAX_LINE_BYTES;
}

interface Frame {
  readonly node: object;
  readonly children: readonly unknown[];
  next: number;
  tallest: number;
}

/**
 * Whether arrays and objects nest more than `max` levels in `value` (a scalar is 0 levels, `[]`
 * one). Iterative, so any depth is safe; a cycle counts as too deep; a value whose members
 * cannot be read (a throwing getter) counts as too deep too, so a caller refuses it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exceedsDepth } from "./limits.ts";
 * assert.equal(exceedsDepth({ sta: { networks: [{ ssid: "home" }] } }), false);
 * assert.equal(exceedsDepth([[["x"]]], 2), true);
 * ```
 */
export function exceedsDepth(value: unknown, max: number = MAX_DEPTH): boolean {
  if (typeof value !== "object" || value === null) return false;
  try {
    const quick = quickHeight(value, max, 0, { nodes: 0 });
    if (quick !== undefined) return quick > max;
  } catch {
    return true;
  }
  return measuredDeeper(value, max);
}

// The common case, a small tree, measured recursively; undefined (measure it the slow way) when
// it is deeper than QUICK_FRAMES or larger than QUICK_NODES, where values shared many times could
// multiply the work.
const QUICK_FRAMES = 128;
const QUICK_NODES = 10_000;

function quickHeight(
  value: object,
  max: number,
  frames: number,
  budget: { nodes: number },
): number | undefined {
  if (frames > QUICK_FRAMES || ++budget.nodes > QUICK_NODES) return undefined;
  let tallest = 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) {
    if (typeof child !== "object" || child === null) continue;
    // Past the limit already (a cycle too ends here): no need to know by how much.
    if (max <= 0) return 2;
    const height = quickHeight(child, max - 1, frames + 1, budget);
    if (height === undefined) return undefined;
    tallest = Math.max(tallest, height);
    if (tallest > max - 1) return tallest + 1;
  }
  return tallest + 1;
}

function measuredDeeper(value: object, max: number): boolean {
  try {
    // Heights of containers already measured, so a value shared many times is walked once.
    const heights = new Map<object, number>();
    const onPath = new Set<object>();
    const path: Frame[] = [];
    const enter = (node: object): boolean => {
      const children = Array.isArray(node) ? node : Object.values(node);
      path.push({ node, children, next: 0, tallest: 0 });
      onPath.add(node);
      return path.length > max;
    };
    if (enter(value)) return true;
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      if (top.next < top.children.length) {
        const child = top.children[top.next++];
        if (typeof child !== "object" || child === null) continue;
        const height = heights.get(child);
        if (height !== undefined) {
          if (path.length + height > max) return true;
          top.tallest = Math.max(top.tallest, height);
        } else if (onPath.has(child) || enter(child)) return true;
        continue;
      }
      path.pop();
      onPath.delete(top.node);
      heights.set(top.node, top.tallest + 1);
      const parent = path[path.length - 1];
      if (parent !== undefined) parent.tallest = Math.max(parent.tallest, top.tallest + 1);
    }
    return false;
  } catch {
    return true;
  }
}

// Characters that would act on a terminal or reorder the text around them rather than show.
// deno-lint-ignore no-control-regex -- matching control characters is the point
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value as a message may echo it: at most {@link MAX_ECHO_CHARS} characters (a surrogate pair is
 * never split), then `…`; control and bidirectional characters written as `\uXXXX`. Never use it
 * on a secret: a prefix of a psk is still a secret.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clip } from "./limits.ts";
 * assert.equal(clip("sta_teleported"), "sta_teleported");
 * assert.equal(clip("x".repeat(1000)), "x".repeat(40) + "…");
 * ```
 */
export function clip(text: string, max: number = MAX_ECHO_CHARS): string {
  let shown = text;
  if (text.length > max) {
    const cut = (text.charCodeAt(max - 1) & 0xfc00) === 0xd800 ? max - 1 : max;
    shown = text.slice(0, cut) + "…";
  }
  return shown.replace(
    UNSHOWABLE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * How many timers may fire between two inputs of a trace: a day of link checks is 1,440, a year
 * of them half a million; past this, the gap is no device's life, only an `at` made to stall a
 * replay.
 */
export const MAX_TIMERS_PER_INPUT = 1_000_000;

/** The error for a gap past {@link MAX_TIMERS_PER_INPUT}. */
export const TOO_MANY_TIMERS = `more than ${
  MAX_TIMERS_PER_INPUT.toLocaleString("en")
} timers fire before this input's "at" (netfsm's limit)`;
