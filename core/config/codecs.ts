/**
 * io-ts building blocks whose failures carry plain messages: byte-bounded strings, booleans,
 * bounded integers, and strict sections that reject unknown keys with a suggestion. Each reports
 * every problem it finds rather than stopping at the first.
 *
 * @module
 */
import * as t from "io-ts";
import { isLeft } from "fp-ts/lib/Either.js";
import { describeType, isRecord } from "../json.ts";
import { clip } from "../limits.ts";
import { utf8ByteLength } from "../utf8.ts";
import { nearestKey } from "./suggest.ts";

/**
 * A string of `min` to `max` UTF-8 bytes. `why` ends the length message ("for WPA2").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { boundedText } from "./codecs.ts";
 * assert.equal(boundedText(1, 32).decode("home")._tag, "Right");
 * assert.equal(boundedText(1, 32).decode("x".repeat(33))._tag, "Left");
 * ```
 */
export function boundedText(min: number, max: number, why = ""): t.Type<string, string, unknown> {
  const suffix = why === "" ? "" : ` ${why}`;
  return new t.Type<string, string, unknown>(
    "string",
    (u): u is string =>
      typeof u === "string" && utf8ByteLength(u) >= min && utf8ByteLength(u) <= max,
    (u, c) => {
      if (typeof u !== "string") return t.failure(u, c, `must be a string, got ${describeType(u)}`);
      const bytes = utf8ByteLength(u);
      if (bytes === 0 && min > 0) return t.failure(u, c, `must not be empty`);
      if (bytes < min || bytes > max) {
        const range = min === 0 ? `at most ${max} bytes` : `${min} to ${max} bytes`;
        return t.failure(u, c, `must be ${range}${suffix}, got ${bytes} bytes`);
      }
      return t.success(u);
    },
    t.identity,
  );
}

/** `true` or `false`; callbacks are registered in JSON with `true`. */
export const flag: t.Type<boolean, boolean, unknown> = new t.Type<boolean, boolean, unknown>(
  "boolean",
  t.boolean.is,
  (u, c) =>
    typeof u === "boolean"
      ? t.success(u)
      : t.failure(u, c, `must be true or false, got ${describeType(u)}`),
  t.identity,
);

/** A whole number from `min` to `max`; `why` explains the bound. */
export function integerIn(min: number, max: number, why = ""): t.Type<number, number, unknown> {
  const suffix = why === "" ? "" : ` (${why})`;
  return new t.Type<number, number, unknown>(
    "integer",
    (u): u is number => Number.isInteger(u) && (u as number) >= min && (u as number) <= max,
    (u, c) => {
      if (typeof u !== "number" || !Number.isInteger(u)) {
        return t.failure(u, c, `must be a whole number, got ${describeType(u)}`);
      }
      return u >= min && u <= max
        ? t.success(u)
        : t.failure(u, c, `must be from ${min} to ${max}${suffix}, got ${u}`);
    },
    t.identity,
  );
}

/** Where a key lives when it is not in this section, for "belongs in the ap section" hints. */
export type KeyHomes = Readonly<Record<string, string>>;

/**
 * An object with only the given optional keys. An unknown key is an error that names the nearest
 * known key, or the section where that key belongs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flag, strictSection } from "./codecs.ts";
 * const result = strictSection("sta", { connected: flag }, {}).decode({ conected: true });
 * assert.equal(result._tag === "Left" && result.left[0]!.message, "is not a known key; did you mean connected?");
 * ```
 */
export function strictSection<P extends Record<string, t.Mixed>>(
  name: string,
  props: P,
  homes: KeyHomes,
): t.Type<{ readonly [K in keyof P]?: t.TypeOf<P[K]> }, unknown, unknown> {
  type Out = { readonly [K in keyof P]?: t.TypeOf<P[K]> };
  const known = Object.keys(props);
  return new t.Type<Out, unknown, unknown>(
    name,
    (u): u is Out => isRecord(u) && Object.keys(u).every((key) => known.includes(key)),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `must be an object, got ${describeType(u)}`);
      const errors: t.ValidationError[] = [];
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(u)) {
        const value = u[key];
        const codec = Object.hasOwn(props, key) ? props[key] : undefined;
        if (codec === undefined) {
          errors.push({
            value,
            // The key is data, named in the problem's path: only a prefix of a long one.
            context: t.appendContext(c, clip(key), t.unknown, value),
            message: unknownKeyMessage(key, name, known, homes),
          });
          continue;
        }
        const result = codec.validate(value, t.appendContext(c, key, codec, value));
        if (isLeft(result)) errors.push(...result.left);
        else out[key] = result.right;
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out as Out);
    },
    t.identity,
  );
}

// Longer than any known key by far: no typo of one, and not worth an edit-distance search.
const SUGGEST_UP_TO = 64;

function unknownKeyMessage(
  key: string,
  section: string,
  known: readonly string[],
  homes: KeyHomes,
): string {
  // An own property only: a key named "constructor" must not find Object's.
  const home = Object.hasOwn(homes, key) ? homes[key] : undefined;
  // A home may be two sections ("sta or ap"): the key is misplaced only outside both.
  if (home !== undefined && !home.split(" or ").includes(section)) {
    return home === "config"
      ? "belongs at the top level of the configuration"
      : `belongs in the ${home} section`;
  }
  const near = key.length > SUGGEST_UP_TO ? undefined : nearestKey(key, known);
  return near === undefined
    ? `is not a known key (known: ${known.join(", ")})`
    : `is not a known key; did you mean ${near}?`;
}

/** A number (not necessarily whole) from `min` to `max`. */
export function numberIn(min: number, max: number): t.Type<number, number, unknown> {
  return new t.Type<number, number, unknown>(
    "number",
    (u): u is number => typeof u === "number" && u >= min && u <= max,
    (u, c) => {
      if (typeof u !== "number" || !Number.isFinite(u)) {
        return t.failure(u, c, `must be a number, got ${describeType(u)}`);
      }
      return u >= min && u <= max
        ? t.success(u)
        : t.failure(u, c, `must be from ${min} to ${max}, got ${u}`);
    },
    t.identity,
  );
}

/**
 * A list of 1 to `max` items, each checked by `item`, every problem reported with its index.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { boundedList, flag } from "./codecs.ts";
 * assert.equal(boundedList(flag, 2).decode([true, false])._tag, "Right");
 * assert.equal(boundedList(flag, 2).decode([])._tag, "Left");
 * ```
 */
export function boundedList<A>(
  item: t.Type<A, unknown, unknown>,
  max: number,
): t.Type<readonly A[], unknown, unknown> {
  return new t.Type<readonly A[], unknown, unknown>(
    "list",
    (u): u is readonly A[] =>
      Array.isArray(u) && u.length >= 1 && u.length <= max && u.every(item.is),
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c, `must be a list, got ${describeType(u)}`);
      if (u.length < 1 || u.length > max) {
        return t.failure(u, c, `must hold 1 to ${max} entries, got ${u.length}`);
      }
      const errors: t.ValidationError[] = [];
      const out: A[] = [];
      u.forEach((value, index) => {
        const result = item.validate(value, t.appendContext(c, String(index), item, value));
        if (isLeft(result)) errors.push(...result.left);
        else out.push(result.right);
      });
      return errors.length > 0 ? t.failures(errors) : t.success(out);
    },
    t.identity,
  );
}
