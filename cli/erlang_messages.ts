/**
 * Problems in an Erlang user's words. The schema speaks JSON (`must be an object, got an
 * array`); for a configuration written as an Erlang term, each message is restated with lists,
 * proplists, maps, binaries, atoms and tuples, and the value found is described from the term
 * itself (`got the atom myssid`). Values are described by kind only, atoms excepted, and an atom
 * under a `psk` key is not named either: a psk never appears in a message.
 *
 * @module
 */
import type { ConfigProblem } from "../core/config/problem.ts";
import { clip } from "../core/limits.ts";
import type { Term } from "./erlang_term.ts";
import { isProplist, proplistKey } from "./erlang_values.ts";

/**
 * The term a problem's dotted path names (`sta.ssid`, `sta.networks.0`), if it is there.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { termAt } from "./erlang_messages.ts";
 * const ssid = { kind: "atom", name: "home" } as const;
 * const root = { kind: "list", items: [{ kind: "tuple", items: [{ kind: "atom", name: "ssid" }, ssid] }] } as const;
 * assert.equal(termAt(root, "ssid"), ssid);
 * ```
 */
export function termAt(root: Term, path: string): Term | undefined {
  if (path === "config") return root;
  let here: Term | undefined = root;
  for (const step of path.split(".")) {
    if (here === undefined) return undefined;
    if (here.kind === "list" && isProplist(here)) {
      const found: Term | undefined = here.items.find((item) => proplistKey(item) === step);
      here = found?.kind === "tuple" ? found.items[1] : found && { kind: "atom", name: "true" };
    } else if (here.kind === "list" || here.kind === "tuple") here = here.items[Number(step)];
    else return undefined;
  }
  return here;
}

/**
 * A term described in Erlang's words, by kind (atoms by name unless `secret`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeTerm } from "./erlang_messages.ts";
 * assert.equal(describeTerm({ kind: "atom", name: "myssid" }), "the atom myssid");
 * assert.equal(describeTerm({ kind: "atom", name: "hunter22" }, true), "an atom");
 * ```
 */
export function describeTerm(term: Term, secret = false): string {
  switch (term.kind) {
    case "atom":
      return secret ? "an atom" : `the atom ${clip(term.name)}`;
    case "string":
      return "a string";
    case "binary":
      return "a binary";
    case "number":
      return Number.isInteger(term.value) ? "an integer" : "a float";
    case "tuple":
      return term.items.length === 0 ? "the empty tuple {}" : `a tuple of ${term.items.length}`;
    case "map":
      return "a map";
    case "list":
      return term.items.length === 0
        ? "[] (the empty list)"
        : isProplist(term)
        ? "a proplist"
        : "a list";
    case "opaque":
      return term.what === "fun"
        ? `the fun ${clip(term.name.replace(/^fun /, ""))}`
        : term.what === "call"
        ? `the call ${clip(term.name)}, which netfsm cannot evaluate: write its value out`
        : `the macro ${clip(term.name)}, which netfsm cannot expand: write its value out`;
    case "call":
      return `the call ${term.name}(...)`;
  }
}

// The schema's JSON words, and what they are in Erlang.
const WANTED: readonly [RegExp, string][] = [
  [/^must be a string\b/, "must be a string or binary (AtomVM needs one)"],
  [/^must be an object\b/, "must be a proplist, [{Key, Value}, ...]"],
  [/^must be a whole number\b/, "must be an integer"],
  [/^must be a number\b/, "must be an integer or a float"],
  [/\{"host": \.\.\., "synchronized": true\}/, "[{host, Host}, {synchronized, Fun}]"],
  [/^needs a sta section, an ap section, or both$/, "needs {sta, [...]}, {ap, [...]}, or both"],
  [/^belongs in the (\w+) section$/, "belongs in the {$1, [...]} proplist"],
  // A key both sections have, found at the top level (core names no section then).
  [/^belongs in the (\w+) or (\w+) section$/, "belongs in the {$1, [...]} or {$2, [...]} proplist"],
  [/^belongs at the top level of the configuration$/, "belongs in the top-level proplist"],
  [/^needs a sta section: /, "needs {sta, [...]}: "],
];

const FOUND: Readonly<Record<string, string>> = {
  "an array": "a list",
  "an object": "a proplist",
  "a string": "a string",
  "an integer": "an integer",
  "a number": "a float",
  "a boolean": "true or false",
  "null": "an atom",
  "nothing": "nothing",
};

const GOT = /, got (an array|an object|a string|an integer|a number|a boolean|null|nothing)$/;

/**
 * Restates a schema problem in Erlang's words, describing the value from the term at its path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inErlangTerms } from "./erlang_messages.ts";
 * const root = { kind: "list", items: [{ kind: "tuple", items: [{ kind: "atom", name: "sta" }, { kind: "list", items: [{ kind: "number", value: 1 }, { kind: "atom", name: "x" }] }] }] } as const;
 * assert.deepEqual(inErlangTerms({ path: "sta", message: "must be an object, got an array" }, root), { path: "sta", message: "must be a proplist, [{Key, Value}, ...], got a list" });
 * ```
 */
export function inErlangTerms(problem: ConfigProblem, root: Term): ConfigProblem {
  let message = problem.message;
  const got = GOT.exec(message);
  if (got !== null) {
    const term = termAt(root, problem.path);
    const secret = /(^|\.)psk$/.test(problem.path);
    const found = term === undefined ? FOUND[got[1]!]! : describeTerm(term, secret);
    message = message.slice(0, got.index) + `, got ${found}`;
  }
  for (const [pattern, erlang] of WANTED) message = message.replace(pattern, erlang);
  return { path: problem.path, message };
}
