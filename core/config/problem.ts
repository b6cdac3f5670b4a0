/**
 * A configuration problem: where (a dotted path from the configuration's root) and what, in plain
 * words. Messages describe values by type and length only, so a psk can never leak through one.
 *
 * @module
 */
import type * as t from "io-ts";

/** One thing wrong with a configuration. `path` is `sta.ssid`, `ap.psk`, `nvs.sta_psk` or `config`. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Turns io-ts validation errors into problems, one per error, in the order they were found.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import * as t from "io-ts";
 * import { toProblems } from "./problem.ts";
 * const result = t.type({ ssid: t.string }).decode({ ssid: 1 });
 * assert.deepEqual(toProblems(result._tag === "Left" ? result.left : []), [
 *   { path: "ssid", message: "must be a string" },
 * ]);
 * ```
 */
export function toProblems(errors: t.Errors, root = "config"): ConfigProblem[] {
  return errors.map((error) => {
    // A key under an intersection is the index of a member codec, not a place in the data.
    const keys = error.context
      .filter((entry, i) => entry.key !== "" && !isIntersection(error.context[i - 1]?.type))
      .map((entry) => entry.key);
    const last = error.context[error.context.length - 1];
    return {
      path: keys.length === 0 ? root : keys.join("."),
      message: error.message ?? `must be ${expected(last?.type.name ?? "")}`,
    };
  });
}

function isIntersection(codec: unknown): boolean {
  let inner = codec as { _tag?: string; type?: unknown } | undefined;
  while (inner?._tag === "ExactType" || inner?._tag === "ReadonlyType") {
    inner = inner.type as typeof inner;
  }
  return inner?._tag === "IntersectionType";
}

function expected(typeName: string): string {
  if (typeName === "boolean") return "true or false";
  if (typeName.startsWith('"')) return typeName;
  if (/^(string|number|integer|object|array)$/.test(typeName)) {
    return `${/^[aeiou]/.test(typeName) ? "an" : "a"} ${typeName}`;
  }
  return `valid (${typeName})`;
}

/** Renders problems one per line, `path: message`, as the CLI and error replies show them. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((problem) => `${problem.path}: ${problem.message}`).join("\n");
}
