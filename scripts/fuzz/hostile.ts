/**
 * Hostile JSON: values an attacker puts where netfsm expects a configuration or an input (nesting
 * thousands of levels deep, prototype keys, numbers past a double, wrong types, huge and control
 * strings), and documents to hold them. A {@link Raw} is text JSON.stringify cannot make: `1e309`,
 * a lone surrogate escape, a psk without quotes. The psk goes only where a psk belongs (a `psk`,
 * `sta_psk` or `ap_psk` key), so that any sight of it in an output is a leak.
 *
 * @module
 */
import fc from "fast-check";
import { SECRET_KEYS } from "./planted.ts";

/** Text written into a JSON document as it is. */
export class Raw {
  constructor(readonly raw: string) {}
}

/** A JSON value that may hold {@link Raw} text. */
export type Plan = null | boolean | number | string | Raw | readonly Plan[] | {
  readonly [key: string]: Plan;
};

/** Keys an object's prototype has: a lookup by name that forgets `hasOwn` finds these. */
export const PROTOTYPE_KEYS: readonly string[] = [
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "__defineGetter__",
];

/**
 * A document's text, each {@link Raw} written as it is; `indent` as JSON.stringify's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Raw, render } from "./hostile.ts";
 * assert.equal(render({ a: new Raw("1e309"), b: [new Raw("PSKLEAK1")] }), '{"a":1e309,"b":[PSKLEAK1]}');
 * ```
 */
export function render(plan: Plan, indent?: number): string {
  const raws: string[] = [];
  const text = JSON.stringify(plan, (_key, value) => {
    if (!(value instanceof Raw)) return value;
    raws.push(value.raw);
    return `\u0001${raws.length - 1}\u0001`;
  }, indent);
  return text.replace(/"\\u0001(\d+)\\u0001"/g, (_, i) => raws[Number(i)]!);
}

/**
 * `arb` one time in `n`, null the others: for the damage that must stay rare, or few inputs would
 * get past the first check. (fast-check's `option` draws its value `freq` times in `freq + 1`.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { oneIn } from "./hostile.ts";
 * const drawn = fc.sample(oneIn(4, fc.constant("x")), { numRuns: 1000, seed: 1 });
 * const share = drawn.filter((v) => v === "x").length / drawn.length;
 * assert.ok(share > 0.15 && share < 0.35);
 * ```
 */
export function oneIn<T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof(
    { weight: n - 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: arb },
  );
}

/** Nesting `depth` levels deep, of arrays, objects or both, with the psk at the bottom. */
export function deeplyNested(depth: number, shape: "array" | "object" | "mixed", psk: string): Raw {
  const open = shape === "array" ? "[" : shape === "object" ? '{"a":' : '[{"a":';
  const close = shape === "array" ? "]" : shape === "object" ? "}" : "}]";
  const levels = shape === "mixed" ? Math.ceil(depth / 2) : depth;
  return new Raw(`${open.repeat(levels)}{"psk":"${psk}"}${close.repeat(levels)}`);
}

// Around netfsm's documented limit (64) as well as far past it: what the limit lets through must
// be handled too, and what it stops must be stopped without a recursion as deep.
const depthArb = fc.constantFrom(30, 63, 64, 65, 300, 3_000, 20_000, 100_000);

/** Numbers JSON allows but a double does not hold, and those a field does not expect. */
export const hostileNumberArb: fc.Arbitrary<Raw> = fc.constantFrom(
  "1e309",
  "-1e309",
  "-5",
  "-0",
  "99999999999999999999",
  "1e-400",
  "0.5",
  "4294967296",
  "9007199254740993",
  // Whole and safe, so a reader takes them: as a time, millennia of device time.
  "9007199254740991",
  "1000000000000000",
  "-2147483649",
  "1e1000000",
).map((raw) => new Raw(raw));

/** Strings that are huge, or full of control characters, escapes and lone surrogates. */
export const hostileStringArb: fc.Arbitrary<Plan> = fc.oneof(
  fc.tuple(fc.constantFrom(10_000, 100_000, 1_000_000), fc.constantFrom("a", "é", "😀", " ", "\\"))
    .map(([length, unit]) => unit.repeat(length)),
  fc.constantFrom("", "\u0000", "\u001b[31mred\u001b[0m", "a\rb\nc\td", "\u202eevil", "\ufeff"),
  fc.constantFrom('"\\ud800"', '"\\udfff x"', '"\\u0000"', '"\\x41"').map((raw) => new Raw(raw)),
);

/** An object of prototype keys, as JSON.parse makes it: each an own property. */
export const prototypeObjectArb: fc.Arbitrary<Raw> = fc.subarray([...PROTOTYPE_KEYS], {
  minLength: 1,
}).chain((keys) =>
  fc.tuple(...keys.map(() => fc.constantFrom("1", '"x"', "true", "null", "{}", "[]")))
    .map((values) => new Raw(`{${keys.map((k, i) => `"${k}":${values[i]}`).join(",")}}`))
);

/** A value of the wrong JSON type for almost any field. */
export const wrongTypeArb: fc.Arbitrary<Plan> = fc.constantFrom<Plan>(
  null,
  true,
  false,
  0,
  "",
  "x",
  [],
  {},
  [1, "a", null],
  { "": "" },
);

/** Somewhere a psk stands properly, under its own key, for values that are not one. */
export const holderArb = (psk: string): fc.Arbitrary<Plan> =>
  fc.constantFrom<Plan>(
    { psk },
    { sta_psk: psk, ap_psk: psk },
    [{ ssid: "home", psk }],
    { sta: { ssid: "home", psk } },
  );

/** What a psk key may hold: the psk as it should be, and as it should not. */
export const secretValueArb = (psk: string): fc.Arbitrary<Plan> =>
  fc.constantFrom<Plan>(
    psk,
    new Raw(psk),
    new Raw(`"${psk}`),
    new Raw(`'${psk}'`),
    `${psk}\u0000`,
    `${psk}${"x".repeat(60)}`,
    [psk],
    { value: psk },
    new Raw(`"${psk}\\`),
  );

/** A hostile value for any position; `secret` when the position is a psk key. */
export const hostileValueArb = (psk: string, secret: boolean): fc.Arbitrary<Plan> =>
  fc.oneof(
    { weight: secret ? 6 : 0, arbitrary: secretValueArb(psk) },
    {
      weight: 2,
      arbitrary: fc.tuple(
        depthArb,
        fc.constantFrom("array", "object", "mixed") as fc.Arbitrary<
          "array" | "object" | "mixed"
        >,
      ).map(([depth, shape]) => deeplyNested(depth, shape, psk)),
    },
    { weight: 2, arbitrary: prototypeObjectArb },
    { weight: 3, arbitrary: hostileNumberArb },
    { weight: 3, arbitrary: wrongTypeArb },
    { weight: 2, arbitrary: hostileStringArb },
    { weight: 2, arbitrary: holderArb(psk) },
  );

/** Keys a mutation adds, beside the document's own. */
const NEW_KEYS = [
  ...SECRET_KEYS,
  ...PROTOTYPE_KEYS,
  "ssid",
  "config",
  "options",
  "networks",
  "error",
  "at",
  "type",
  "sta",
  "ap",
  "nvs",
  "duration",
];

/** A change to a document: a walk down it by child index, then a key set, added or removed. */
export interface Edit {
  readonly walk: readonly number[];
  /** The key at the end of the walk: an index into its own keys, or a new one. */
  readonly key: number | string;
  /** The new value; undefined removes the key. */
  readonly value: Plan | undefined;
}

/** An edit whose value fits its key, from `values` (JSON's hostile values by default). */
export const editArb = (
  psk: string,
  values: (psk: string, secret: boolean) => fc.Arbitrary<Plan> = hostileValueArb,
): fc.Arbitrary<Edit> =>
  fc.record({
    walk: fc.array(fc.nat(), { maxLength: 4 }),
    key: fc.oneof(fc.nat(), fc.constantFrom(...NEW_KEYS)),
    remove: fc.boolean(),
  }).chain(({ walk, key, remove }) =>
    remove && typeof key === "number"
      ? fc.constant<Edit>({ walk, key, value: undefined })
      // Only a key named here may get the psk itself: one picked by index may be any key.
      : values(psk, typeof key === "string" && SECRET_KEYS.includes(key)).map(
        (value): Edit => ({ walk, key, value }),
      )
  );

function isContainer(plan: Plan | undefined): plan is readonly Plan[] | Record<string, Plan> {
  return typeof plan === "object" && plan !== null && !(plan instanceof Raw);
}

/**
 * The document with `edit` made; a new object along the walk, the rest shared. The walk stops at
 * the first child that is not an object or array, and the edit applies there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyEdit } from "./hostile.ts";
 * assert.deepEqual(applyEdit({ a: { b: 1 } }, { walk: [0], key: "c", value: 2 }), { a: { b: 1, c: 2 } });
 * assert.deepEqual(applyEdit({ a: { b: 1 } }, { walk: [0], key: 0, value: undefined }), { a: {} });
 * assert.equal(Object.hasOwn(applyEdit({}, { walk: [], key: "__proto__", value: 1 }) as object, "__proto__"), true);
 * ```
 */
export function applyEdit(plan: Plan, edit: Edit): Plan {
  const [step, ...rest] = edit.walk;
  if (!isContainer(plan)) return plan;
  const keys = Object.keys(plan);
  const copy: Record<string, Plan> | Plan[] = Array.isArray(plan)
    ? [...plan as readonly Plan[]]
    : { ...plan as Record<string, Plan> };
  const put = (key: string, value: Plan | undefined) => {
    if (value === undefined) {
      if (Array.isArray(copy)) copy.splice(Number(key), 1);
      else delete (copy as Record<string, Plan>)[key];
    } // An own property even for `__proto__`, as JSON.parse would make it.
    else {Object.defineProperty(copy, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });}
  };
  if (step !== undefined && keys.length > 0) {
    const key = keys[step % keys.length]!;
    const child = (plan as Record<string, Plan>)[key];
    if (isContainer(child)) {
      put(key, applyEdit(child, { ...edit, walk: rest }));
      return copy;
    }
  }
  if (typeof edit.key === "string") {
    // An array gets a new element holding the key, so that a psk stays under its key there too.
    if (Array.isArray(copy)) copy.push({ [edit.key]: edit.value ?? null });
    else put(edit.key, edit.value);
    return copy;
  }
  if (keys.length === 0) return copy;
  const key = keys[edit.key % keys.length]!;
  put(key, edit.value);
  return copy;
}

/**
 * The document with `value` at `path` (keys, or indices into arrays), made along the way where
 * missing; a new object along the path, the rest shared.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { setAt } from "./hostile.ts";
 * assert.deepEqual(setAt({ a: [{ b: 1 }] }, ["a", 0, "c"], 2), { a: [{ b: 1, c: 2 }] });
 * assert.deepEqual(setAt({}, ["x", "y"], 1), { x: { y: 1 } });
 * ```
 */
export function setAt(plan: Plan, path: readonly (string | number)[], value: Plan): Plan {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const container = isContainer(plan) ? plan : typeof key === "number" ? [] : {};
  const copy: Record<string, Plan> | Plan[] = Array.isArray(container)
    ? [...container as readonly Plan[]]
    : { ...container as Record<string, Plan> };
  const child = (copy as Record<string, Plan>)[key];
  Object.defineProperty(copy, key, {
    value: setAt(child ?? null, rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}
