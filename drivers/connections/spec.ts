/**
 * What an application asks of a connection that follows the network, checked at the boundary:
 * where it connects or listens, the interface it follows, and its retry policy (data, bounded as
 * `sta.reconnect` is). Bad input is a value naming each problem by its path, never a throw.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { boundedText, integerIn, strictSection } from "../../core/config/codecs.ts";
import { type ConfigProblem, toProblems } from "../../core/config/problem.ts";
import { connectionPolicyCodec, type ConnectionPolicySection } from "../../core/config/policy.ts";
import { CONNECTION_DEFAULTS, type ConnectionPolicy } from "../../core/connection.ts";
import { describeType } from "../../core/json.ts";
import type { NetworkInterface } from "../../core/link.ts";

/** What every kind of connection may say. */
export interface FollowSpec {
  /** The interface whose address the connection needs: the station's (default) or the soft-AP's. */
  readonly interface?: NetworkInterface;
  /** How failing opens are retried (defaults: core/connection.ts, `CONNECTION_DEFAULTS`). */
  readonly policy?: ConnectionPolicySection;
  /** Seeds the jitter (default: from the device's MAC and the target). */
  readonly seed?: number;
}

/** Why a connection could not be made: its specification's problems. */
export interface ConnectionError {
  readonly error: "invalid_connection";
  readonly problems: readonly ConfigProblem[];
}

/** One of `values`, named in the problem when it is not. */
export function oneOf<T extends string>(values: readonly T[]): t.Type<T, T, unknown> {
  const is = (u: unknown): u is T => (values as readonly unknown[]).includes(u);
  const names = values.map((v) => `"${v}"`).join(" or ");
  return new t.Type<T, T, unknown>(
    values.join(" | "),
    is,
    (u, c) => is(u) ? t.success(u) : t.failure(u, c, `must be ${names}, got ${describeType(u)}`),
    t.identity,
  );
}

const interfaceCodec = oneOf<NetworkInterface>(["sta", "ap"]);

/** The fields every specification may have, by name. */
export const FOLLOW_FIELDS = {
  interface: interfaceCodec,
  policy: connectionPolicyCodec,
  seed: integerIn(0, 2 ** 32 - 1),
};

/** A host name or address: 1 to 253 bytes. */
export const hostCodec: t.Type<string, string, unknown> = boundedText(1, 253);
/** A port to connect to. */
export const portCodec: t.Type<number, number, unknown> = integerIn(1, 65_535);
/** A port to listen or bind on; 0 is any free one. */
export const localPortCodec: t.Type<number, number, unknown> = integerIn(0, 65_535);

/**
 * Decodes `spec` (named `name` in problems) with `fields`, requiring `required` of them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeSpec, FOLLOW_FIELDS, portCodec } from "./spec.ts";
 * const fields = { ...FOLLOW_FIELDS, port: portCodec };
 * const decoded = decodeSpec("connectTcp", { port: 70000 }, fields, ["port"]);
 * assert.equal(decoded._tag === "Left" && decoded.left.problems[0]!.path, "connectTcp.port");
 * ```
 */
export function decodeSpec<P extends Record<string, t.Mixed>>(
  name: string,
  spec: unknown,
  fields: P,
  required: readonly (keyof P & string)[],
): Either<ConnectionError, { readonly [K in keyof P]?: t.TypeOf<P[K]> }> {
  const decoded = strictSection(name, fields, {}).decode(spec);
  if (decoded._tag === "Left") {
    const problems = toProblems(decoded.left, name).map((problem) =>
      problem.path === name ? problem : { ...problem, path: `${name}.${problem.path}` }
    );
    return left({ error: "invalid_connection", problems });
  }
  const missing = required.filter((key) => decoded.right[key] === undefined);
  if (missing.length > 0) {
    const problems = missing.map((key) => ({ path: `${name}.${key}`, message: "is required" }));
    return left({ error: "invalid_connection", problems });
  }
  const policy = decoded.right.policy as ConnectionPolicySection | undefined;
  if (policy?.max_ms !== undefined && policy.max_ms < (policy.initial_ms ?? 0)) {
    const path = `${name}.policy.max_ms`;
    return left({
      error: "invalid_connection",
      problems: [{ path, message: "must not be less than initial_ms" }],
    });
  }
  return right(decoded.right);
}

/** The policy with every default filled in. */
export function resolvePolicy(section: ConnectionPolicySection | undefined): ConnectionPolicy {
  return { ...CONNECTION_DEFAULTS, ...section };
}
