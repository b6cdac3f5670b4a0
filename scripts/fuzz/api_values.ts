/**
 * The values of an API case made real: markers become what JSON cannot hold (a bigint, a symbol,
 * NaN, a cycle, an object without a prototype, nesting 50,000 deep, a function where data
 * belongs), and a callback's behaviour becomes a function that misbehaves so.
 *
 * @module
 */
import fc from "fast-check";
import { holderArb, prototypeObjectArb, wrongTypeArb } from "./hostile.ts";

/** How a callback or hook misbehaves, besides returning at once ("ok"). */
export const BEHAVIOURS = [
  "async-ok",
  "throw-error",
  "throw-null-prototype",
  "throw-symbol",
  "throw-undefined",
  "throw-unprintable",
  "throw-bad-message",
  "reject-null-prototype",
  "never",
  "stop",
  "await-stop",
  "reenter",
  "slow",
  "bad-thenable",
] as const;

/** A callback's or hook's behaviour. */
export type Behaviour = "ok" | typeof BEHAVIOURS[number];

/**
 * What a hook may do: not call back into the network, which a hook that sees every step would
 * turn into the application's own endless loop; nor return a promise that rejects, which nobody
 * awaits (a hook's return value is ignored, as documented): that rejection is the application's.
 */
export const HOOK_BEHAVIOURS: readonly Behaviour[] = BEHAVIOURS.filter((b) =>
  b !== "reenter" && b !== "reject-null-prototype"
);

/** What a callback may reach: the API's stop, and the running network for calls back in. */
export interface Reach {
  stop(): Promise<void>;
  reenter(): void;
  /** Counts each call, by name, with its arguments. */
  called(name: string, args: readonly unknown[]): void;
}

/** Runs `behaviour`: what a callback named `name` does when called. */
export function act(behaviour: Behaviour, reach: Reach): unknown {
  switch (behaviour) {
    case "ok":
      return undefined;
    case "async-ok":
      return Promise.resolve();
    case "throw-error":
      throw new Error("the application failed on purpose");
    case "throw-null-prototype":
      throw Object.create(null);
    case "throw-symbol":
      throw Symbol("odd");
    case "throw-undefined":
      throw undefined;
    case "throw-unprintable":
      throw { toString: () => ({}), valueOf: () => ({}) };
    case "throw-bad-message": {
      const error = new Error();
      Object.defineProperty(error, "message", {
        get: () => {
          throw new Error("no message");
        },
      });
      throw error;
    }
    case "reject-null-prototype":
      return Promise.reject(Object.create(null));
    case "never":
      return new Promise(() => {});
    case "stop":
      void reach.stop();
      return undefined;
    case "await-stop":
      return reach.stop();
    case "reenter":
      reach.reenter();
      return undefined;
    case "slow":
      return new Promise((resolve) => setTimeout(resolve, 0)).then(() =>
        new Promise((resolve) => setTimeout(resolve, 0))
      );
    case "bad-thenable":
      return {
        then: () => {
          throw new Error("a thenable that throws");
        },
      };
  }
}

/** A value for any position of an API call, markers included; `secret` for a psk key. */
export const apiValueArb = (psk: string, secret: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: secret ? 6 : 0,
      arbitrary: fc.constantFrom<unknown>(
        psk,
        [psk],
        { value: psk },
        `${psk}\u0000`,
        `${psk}${"x".repeat(60)}`,
        { $fuzz: "null-prototype", entries: { value: psk } },
      ),
    },
    {
      weight: 4,
      arbitrary: fc.constantFrom<unknown>(
        { $fuzz: "bigint" },
        { $fuzz: "symbol" },
        { $fuzz: "nan" },
        { $fuzz: "infinity" },
        { $fuzz: "undefined" },
        { $fuzz: "cycle" },
        { $fuzz: "function" },
        { $fuzz: "own-proto", value: { psk } },
        { $fuzz: "null-prototype", entries: { ssid: "home", psk } },
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(30, 64, 65, 1_000, 50_000).map((depth) => ({
        $fuzz: "deep",
        depth,
        psk,
      })),
    },
    { weight: 2, arbitrary: prototypeObjectArb.map((raw) => JSON.parse(raw.raw) as unknown) },
    { weight: 3, arbitrary: wrongTypeArb },
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(100_000), "\u0000\u001b[2J") },
    { weight: 2, arbitrary: holderArb(psk) },
  );

function isMarker(
  value: unknown,
): value is { readonly $fuzz: string; readonly [k: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    typeof (value as { $fuzz?: unknown }).$fuzz === "string";
}

/**
 * The real value of `value`: markers made, callbacks made functions that record their calls and
 * behave as told. `parent` is what a `cycle` refers to.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realize } from "./api_values.ts";
 * const reach = { stop: () => Promise.resolve(), reenter: () => {}, called: () => {} };
 * const value = realize({ a: { $fuzz: "bigint" }, b: { $fuzz: "cycle" } }, reach) as Record<string, unknown>;
 * assert.equal(typeof value.a, "bigint");
 * assert.equal(value.b, value);
 * ```
 */
export function realize(value: unknown, reach: Reach, key = "", parent?: object): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(realize(item, reach, key, out));
    return out;
  }
  if (typeof value !== "object" || value === null) return value;
  if (isMarker(value)) return made(value, reach, key, parent);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Own properties even for `__proto__`, as an application's object literal could not make them.
    Object.defineProperty(out, k, {
      value: realize(v, reach, k, out),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function made(
  marker: { readonly $fuzz: string; readonly [k: string]: unknown },
  reach: Reach,
  key: string,
  parent: object | undefined,
): unknown {
  switch (marker.$fuzz) {
    case "callback": {
      const behaviour = marker.behaviour as Behaviour;
      return (...args: unknown[]) => {
        reach.called(key, args);
        return act(behaviour, reach);
      };
    }
    case "bigint":
      return 12345678901234567890n;
    case "symbol":
      return Symbol("fuzz");
    case "nan":
      return NaN;
    case "infinity":
      return Infinity;
    case "undefined":
      return undefined;
    case "cycle":
      return parent ?? {};
    case "function":
      return () => "not data";
    case "own-proto": {
      const out = {};
      Object.defineProperty(out, "__proto__", {
        value: realize(marker.value, reach),
        enumerable: true,
      });
      return out;
    }
    case "null-prototype":
      return Object.assign(
        Object.create(null),
        realize(marker.entries, reach) as Record<string, unknown>,
      );
    case "deep": {
      // Built in a loop: the fuzzer must not overflow its own stack making what overflows netfsm's.
      let inner: unknown = { psk: marker.psk };
      for (let i = 0; i < Number(marker.depth); i++) inner = { a: inner };
      return inner;
    }
    default: {
      // A marker an edit has bent out of shape is a plain object again.
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(marker)) out[k] = realize(v, reach, k, out);
      return out;
    }
  }
}

/**
 * Text for any value, to search for the psk in: JSON where it can be; otherwise every string and
 * key it holds, gathered without recursion (a cycle, a bigint or 50,000 levels do not stop it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { show } from "./api_values.ts";
 * assert.equal(show({ a: 1n }), '{"a":"1n"}');
 * const cyclic: Record<string, unknown> = { psk: "x" };
 * cyclic.self = cyclic;
 * assert.match(show(cyclic), /x/);
 * ```
 */
export function show(value: unknown): string {
  try {
    const seen = new WeakSet<object>();
    const text = JSON.stringify(value, (_key, inner) => {
      if (typeof inner === "bigint") return `${inner}n`;
      if (typeof inner === "symbol") return inner.toString();
      if (typeof inner === "function") return "[function]";
      if (typeof inner === "object" && inner !== null) {
        if (seen.has(inner)) return "[seen]";
        seen.add(inner);
      }
      return inner;
    });
    return text ?? String(value);
  } catch {
    const parts: string[] = [];
    const seen = new Set<unknown>();
    const stack: unknown[] = [value];
    while (stack.length > 0 && parts.length < 100_000) {
      const next = stack.pop();
      if (typeof next === "string") parts.push(next);
      if (typeof next !== "object" || next === null || seen.has(next)) continue;
      seen.add(next);
      for (const [k, v] of Object.entries(next)) {
        parts.push(k);
        stack.push(v);
      }
    }
    return parts.join(" ");
  }
}
