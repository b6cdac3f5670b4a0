/**
 * What the importer's dialects share: what a line can say (`Said`), the shape of a dialect's
 * reader, and the one way to make a pattern (`pattern`), which records it so that one test
 * (recognize_test.ts) proves every pattern the importer uses runs in linear time (see
 * linear_check.ts): a log line is untrusted, and a pattern that backtracks makes a crafted line
 * cost minutes.
 *
 * Patterns come in two kinds. A key finds where a line says something; it has no unbounded
 * quantifier, so the engine's search costs a constant at each position. A sticky (`y`) pattern
 * then reads the rest from just that position, once (`at`); its runs stop at a character that
 * cannot continue them. A line is read from the first place its key matches: a line says one
 * thing.
 *
 * @module
 */
import type { InputType, Untimed } from "../../core/input.ts";

/** A dialect of log. */
export type Dialect =
  | "esp-idf"
  | "arduino"
  | "micropython"
  | "esphome"
  | "tasmota"
  | "atomvm"
  | "esp-at"
  | "esp-hosted";

/** A field's value as a line shows it. */
export type Shown = string | number;

/** What a line says. */
export type Said =
  /**
   * A happening: a device event (its fields as the line shows them). `inferred` names fields
   * the line only suggests (ESP-IDF's `wifi:state` code): another line of the same happening
   * that states them wins, and they never make two lines two happenings.
   */
  | {
    readonly kind: "event";
    readonly event: Untimed;
    readonly dialect: Dialect;
    readonly inferred?: readonly string[];
  }
  /**
   * More about the event just before it, when that is an `of` event: fields it did not show yet
   * (Arduino's `Reason:` line, ESP-AT's `+CIPSTA:`, ESPHome's indented `IP Address:` lines).
   */
  | {
    readonly kind: "detail";
    readonly of: InputType;
    readonly fields: Readonly<Record<string, Shown>>;
    readonly dialect: Dialect;
  }
  /** The MACs the device's interfaces use (ESP-IDF's `wifi:mode : sta (MAC) + softAP (MAC)`). */
  | {
    readonly kind: "mode";
    readonly sta?: string;
    readonly ap?: string;
    readonly dialect: Dialect;
  }
  /** A line the dialect knows that says nothing netfsm models. */
  | { readonly kind: "known"; readonly dialect: Dialect };

/** One dialect: what a line says in it, or null when the line is not one of its own. */
export interface Reader {
  readonly dialect: Dialect;
  read(line: string): Said | null;
}

const made: RegExp[] = [];

/** Every pattern made with {@link pattern}, for the linearity test. */
export const PATTERNS: readonly RegExp[] = made;

/**
 * The importer's only way to make a regular expression: the pattern, recorded for the linearity
 * test.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pattern, PATTERNS } from "./dialect.ts";
 * const digits = pattern("(\\d+)", "y");
 * assert.ok(PATTERNS.includes(digits));
 * ```
 */
export function pattern(source: string, flags = ""): RegExp {
  const regExp = new RegExp(source, flags);
  made.push(regExp);
  return regExp;
}

const HEX2 = "[0-9a-fA-F]{2}";
/** A MAC, `aa:bb:cc:dd:ee:ff` (either case), as one group. */
export const MAC = `(${HEX2}(?::${HEX2}){5})`;
/** One octet of a dotted IPv4 address. */
export const OCTET = "\\d{1,3}";
/** A dotted IPv4 address, as one group. */
export const IP = `(${OCTET}(?:\\.${OCTET}){3})`;
/** An IPv6 address as text (45 characters at most, IPv4-mapped ones too), as one group. */
export const IP6 = "([0-9a-fA-F:.]{2,45})";

/** Where the first match of a key ends, or -1. */
export function after(line: string, key: RegExp): number {
  const m = key.exec(line);
  return m === null ? -1 : m.index + m[0].length;
}

/** A sticky pattern matched exactly at `from` (none when `from` is -1). */
export function at(line: string, sticky: RegExp, from: number): RegExpExecArray | null {
  if (from < 0) return null;
  sticky.lastIndex = from;
  return sticky.exec(line);
}

/**
 * True when the match `m` of `line` is not cut from a longer run: the next character cannot
 * continue an address or a name (a crafted line's run of `f:f:f:...` is not read as its start).
 */
export function endsThere(line: string, m: RegExpExecArray): boolean {
  const next = line.charCodeAt(m.index + m[0].length);
  const continues = (next >= 48 && next <= 58) || next === 46 || // digits, ':', '.'
    (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
  return !continues;
}

/** An SSID is at most 32 bytes: its end is looked for no further than this past its start. */
export const SSID_UNITS = 32;

/**
 * The first `needle` within `limit` units after `from` that `sticky` continues (matched just
 * after the needle), with where the needle starts. For a field such as an SSID that may itself
 * hold the text that ends it: each mention is tried once, within a bounded stretch, so a crafted
 * line costs a pass or two.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pattern, within } from "./dialect.ts";
 * const channel = pattern("(\\d+)$", "y");
 * const line = "connected with a, channel x, channel 6";
 * const found = within(line, ", channel ", 15, 32, channel);
 * assert.equal(line.slice(15, found![0]), "a, channel x");
 * assert.equal(found![1][1], "6");
 * ```
 */
export function within(
  line: string,
  needle: string,
  from: number,
  limit: number,
  sticky: RegExp,
): [number, RegExpExecArray] | null {
  for (
    let end = line.indexOf(needle, from);
    end !== -1 && end - from <= limit;
    end = line.indexOf(needle, end + 1)
  ) {
    const m = at(line, sticky, end + needle.length);
    if (m !== null) return [end, m];
  }
  return null;
}

/** The event a line says, in `dialect`; `inferred` names the fields it only suggests. */
export const event = (e: Untimed, dialect: Dialect, inferred?: readonly string[]): Said =>
  inferred === undefined
    ? { kind: "event", event: e, dialect }
    : { kind: "event", event: e, dialect, inferred };

/** More about the event before, in `dialect`. */
export const detail = (
  of: InputType,
  fields: Readonly<Record<string, Shown>>,
  dialect: Dialect,
): Said => ({ kind: "detail", of, fields, dialect });

/** A MAC as traces write it. */
export const lower = (mac: string): string => mac.toLowerCase();

/**
 * A name looked up in a dialect's table of event names: the event, `known` for a name that says
 * nothing netfsm models (null in the table), or null for a name the table lacks. Tables are Maps,
 * not objects: a line naming "constructor" must not find Object's.
 */
export function named(
  names: ReadonlyMap<string, Untimed | null>,
  name: string,
  dialect: Dialect,
): Said | null {
  const found = names.get(name);
  if (found === undefined) return null;
  return found === null ? { kind: "known", dialect } : event(found, dialect);
}
