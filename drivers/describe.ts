/**
 * Text for what an application or a driver threw, for a diagnostic. Anything can be thrown, and
 * turning it into text runs its code (a `toString`, a `message` getter, a proxy's traps), which
 * may throw in turn: describing must never throw, or one bad value would take the shell with it.
 *
 * @module
 */
import { describeType } from "../core/json.ts";

/** The longest description, in characters: a diagnostic is a line, not a dump. */
export const DESCRIPTION_LIMIT = 300;

/**
 * A short description of a thrown value: an Error's message, a string itself, anything else as
 * `String` gives it, or its type when even that throws. Never throws. Secrets are the caller's to
 * scrub, before {@link bounded} cuts the text (a cut could split a psk and keep half of it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeThrown } from "./describe.ts";
 * assert.equal(describeThrown(new Error("boom")), "boom");
 * assert.equal(describeThrown(Object.create(null)), "an object that cannot be shown");
 * assert.equal(describeThrown({ toString() { throw new Error("no"); } }), "an object that cannot be shown");
 * ```
 */
export function describeThrown(thrown: unknown): string {
  const message = attempt(() => thrown instanceof Error ? thrown.message : undefined);
  if (typeof message === "string" && message !== "") return message;
  const text = attempt(() =>
    typeof thrown === "object" && thrown !== null ? plain(thrown) : String(thrown)
  );
  if (typeof text === "string") return text;
  return `${attempt(() => describeType(thrown)) ?? "a value"} that cannot be shown`;
}

/**
 * `text` cut to `limit` characters, with an ellipsis when it was longer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bounded } from "./describe.ts";
 * assert.equal(bounded("abcdef", 4), "abc…");
 * assert.equal(bounded("abc", 4), "abc");
 * ```
 */
export function bounded(text: string, limit = DESCRIPTION_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** An object's own text, when its `toString` is not the default `[object Object]`. */
function plain(value: object): string | undefined {
  const text = String(value);
  return typeof text === "string" && !/^\[object \w*\]$/.test(text) ? text : undefined;
}

function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
