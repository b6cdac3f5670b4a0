/**
 * Configurations written as the Erlang term an AtomVM application passes to `network:start/1`,
 * and hostile Erlang: terms nested thousands deep, binaries, funs with `end` in their strings,
 * atoms named after the object prototype, numbers and syntax the reader does not take.
 *
 * @module
 */
import fc from "fast-check";
import { STA_CALLBACKS } from "../../core/config/schema.ts";
import { AP_CALLBACKS } from "../../core/config/schema.ts";
import { type Plan, Raw } from "./hostile.ts";

const CALLBACKS = new Set<string>([...STA_CALLBACKS, ...AP_CALLBACKS, "synchronized"]);

/** How to write a term: strings as charlists or binaries, callbacks as which kind of fun. */
export interface ErlangStyle {
  readonly binaries: boolean;
  readonly fun: number;
}

const FUNS = [
  (name: string) => `fun ${name}/1`,
  (name: string) => `fun app:${name}/1`,
  () => "fun(_) -> ok end",
  () => "self()",
  () => 'fun() -> case x of _ -> "end" end end',
  () => "fun(X) -> fun() -> X end end",
];

function atom(name: string): string {
  return /^[a-z][A-Za-z0-9_@]*$/.test(name)
    ? name
    : `'${name.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

function quoted(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;
}

/**
 * The Erlang text of a configuration: objects become proplists, `true` under a callback key a
 * fun, strings charlists or binaries, null `undefined`; a {@link Raw} is written as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toErlang } from "./erlang.ts";
 * assert.equal(toErlang({ sta: { ssid: "home", got_ip: true } }, { binaries: false, fun: 0 }), '[{sta, [{ssid, "home"}, {got_ip, fun got_ip/1}]}].');
 * ```
 */
export function toErlang(plan: Plan, style: ErlangStyle): string {
  return `${term(plan, style, undefined)}.`;
}

/**
 * A number as Erlang writes it: an integer as is, a float always with a digit each side of its
 * point (`0.5`, `4.0e-323`), which Erlang needs and JavaScript's `String` leaves out.
 */
function erlangNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}e${Number(exponent)}`;
}

function term(plan: Plan, style: ErlangStyle, key: string | undefined): string {
  if (plan instanceof Raw) return plan.raw;
  if (plan === null) return "undefined";
  if (plan === true && key !== undefined && CALLBACKS.has(key)) {
    return FUNS[style.fun % FUNS.length]!(key);
  }
  if (typeof plan === "boolean") return String(plan);
  if (typeof plan === "number") return Number.isFinite(plan) ? erlangNumber(plan) : "infinity";
  if (typeof plan === "string") return style.binaries ? `<<${quoted(plan)}>>` : quoted(plan);
  if (Array.isArray(plan)) {
    return `[${plan.map((item) => term(item, style, undefined)).join(", ")}]`;
  }
  const entries = Object.entries(plan as Record<string, Plan>);
  return `[${entries.map(([k, v]) => `{${atom(k)}, ${term(v, style, k)}}`).join(", ")}]`;
}

const depthArb = fc.constantFrom(30, 62, 63, 64, 65, 300, 3_000, 50_000);

/** Erlang nested `depth` deep: lists, tuples, or proplists, with the psk at the bottom. */
export function deepErlang(depth: number, shape: "list" | "tuple" | "proplist", psk: string): Raw {
  const [open, close] = shape === "list" ? ["[", "]"] : shape === "tuple" ? ["{", "}"] : [
    "[{a, ",
    "}]",
  ];
  return new Raw(`${open.repeat(depth)}[{psk, "${psk}"}]${close.repeat(depth)}`);
}

/** What a psk key may hold in Erlang: the psk in every form a term has, and broken ones. */
const secretErlangArb = (psk: string): fc.Arbitrary<Plan> =>
  fc.constantFrom<Plan>(
    psk,
    new Raw(`<<"${psk}">>`),
    new Raw(`<<"${psk}"/utf8>>`),
    new Raw(`'${psk}'`),
    new Raw(psk),
    new Raw(`"${psk}`),
    new Raw(`<<"${psk}`),
    new Raw(`'${psk}`),
    new Raw(`"${psk}" % ${psk}`),
    new Raw(`{${psk}}`),
    new Raw(`#{value => "${psk}"}`),
  );

/** Erlang a configuration should not hold, or a reader may choke on. */
const oddErlangArb: fc.Arbitrary<Plan> = fc.constantFrom(
  "<<>>",
  "<<1,2,3>>",
  '<<"a", 0>>',
  'fun() -> "end" end',
  "fun() -> fun() -> ok end end",
  "fun() -> ok",
  "fun",
  "fun missing/",
  "self(",
  "'__proto__'",
  "constructor",
  "toString",
  "'hasOwnProperty'",
  "99999999999999999999",
  "1.0e309",
  "-5",
  "16#FF",
  "2#101",
  "$a",
  "Psk",
  "_",
  "<0.42.0>",
  "#rec{}",
  "#{a => 1}",
  '"\\x{41}\\^A\\777"',
  "'\\''",
  "[a | b]",
  "{}",
  "[]",
  "''",
).map((raw) => new Raw(raw));

/** A key named after the object prototype, as an Erlang atom. */
export const prototypeTupleArb: fc.Arbitrary<Raw> = fc.constantFrom(
  "{constructor, 1}",
  "{toString, true}",
  "{'__proto__', [{ssid, \"x\"}]}",
  '{valueOf, "x"}',
  "{hasOwnProperty, fun f/1}",
).map((raw) => new Raw(`[${raw}]`));

/** A hostile Erlang value for any position; `secret` when the position is a psk key. */
export const hostileErlangArb = (psk: string, secret: boolean): fc.Arbitrary<Plan> =>
  fc.oneof(
    { weight: secret ? 6 : 0, arbitrary: secretErlangArb(psk) },
    {
      weight: 2,
      arbitrary: fc.tuple(
        depthArb,
        fc.constantFrom("list", "tuple", "proplist") as fc.Arbitrary<
          "list" | "tuple" | "proplist"
        >,
      ).map(([depth, shape]) => deepErlang(depth, shape, psk)),
    },
    { weight: 4, arbitrary: oddErlangArb },
    { weight: 2, arbitrary: prototypeTupleArb },
    { weight: 1, arbitrary: fc.constant<Plan>(new Raw(`% {psk, "${psk}"}\n[]`)) },
  );
