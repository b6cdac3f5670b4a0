/**
 * An Erlang configuration term as the JSON value the schema decodes, read the way AtomVM reads
 * it: a proplist is an object (the first occurrence of a key wins, as with
 * `proplists:get_value`; a bare atom means `true`); charlists, binaries and lists of code points
 * are strings; funs, calls and macros are registered callbacks (`true`). A tuple, or an atom
 * other than `true`/`false`, becomes `null`, so the schema refuses it wherever AtomVM needs a string or a
 * number, and erlang_messages.ts then names the atom.
 *
 * `esp:nvs_get_binary(Namespace, Key[, Default])` is resolved against an NVS store (`--nvs`);
 * without one the value is read at run time: the default stands in, and a note says so.
 *
 * @module
 */
import type { ConfigProblem } from "../core/config/problem.ts";
import { NVS_CALLS, type Term } from "./erlang_term.ts";

/** NVS contents: namespace, then key, then the stored binary as text. */
export type NvsStore = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** A converted term: the JSON value, the term with NVS calls resolved, and what was noticed. */
export interface Converted {
  readonly value: unknown;
  /** The term as checked: NVS calls replaced by their values, a lone tuple inside a list. */
  readonly term: Term;
  readonly notes: readonly string[];
  readonly problems: readonly ConfigProblem[];
  /** Paths whose values NVS supplies, so "is absent" notes about them are not given. */
  readonly fromNvs: readonly string[];
}

// Keys whose value is a string in AtomVM, where `[]` is the empty charlist, not a proplist.
const STRING_KEYS = new Set(["ssid", "psk", "dhcp_hostname", "host", "hostname"]);

const OMIT = Symbol("omit");

function isCodePoint(term: Term): boolean {
  return term.kind === "number" && Number.isInteger(term.value) && term.value >= 0 &&
    term.value <= 0x10ffff && !(term.value >= 0xd800 && term.value <= 0xdfff);
}

/** The key of a proplist entry (`key` or `{key, Value}`), if it is one. */
export function proplistKey(item: Term): string | undefined {
  if (item.kind === "atom") return item.name;
  if (item.kind === "tuple" && item.items.length === 2 && item.items[0]!.kind === "atom") {
    return item.items[0]!.name;
  }
  return undefined;
}

/** True for a non-empty list of atoms and `{atom, Value}` pairs. */
export function isProplist(term: Term): boolean {
  return term.kind === "list" && term.items.length > 0 &&
    term.items.every((item) => proplistKey(item) !== undefined);
}

function define(object: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: a key named __proto__ stays a key.
  if (Object.hasOwn(object, key) || value === OMIT) return;
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

class Converter {
  readonly notes: string[] = [];
  readonly problems: ConfigProblem[] = [];
  readonly fromNvs: string[] = [];
  constructor(readonly nvs: NvsStore | undefined) {}

  /** Resolves an NVS call; undefined when the value is unknown until run time. */
  resolve(call: Term & { kind: "call" }, at: string): Term | undefined {
    const [namespace, key, fallback, ...extra] = call.args;
    const arity = call.args.length;
    if (namespace?.kind !== "atom" || key?.kind !== "atom" || extra.length > 0 || arity < 2) {
      return { kind: "opaque", what: "call", name: `${call.name}(...)` };
    }
    const where = `${namespace.name}/${key.name}`;
    const stored = this.nvs?.[namespace.name]?.[key.name];
    if (stored !== undefined) {
      this.notes.push(`${at}: ${call.name} reads ${where}: the value in the --nvs file is checked`);
      return { kind: "binary", value: stored, utf8: true };
    }
    if (this.nvs !== undefined) {
      this.notes.push(
        fallback === undefined
          ? `${at}: ${where} is not in the --nvs file, so ${call.name}/2 returns undefined`
          : `${at}: ${where} is not in the --nvs file: the default stands in`,
      );
      return fallback ?? { kind: "atom", name: "undefined" };
    }
    this.fromNvs.push(at);
    if (fallback === undefined) {
      this.notes.push(
        `${at}: read from NVS (${where}) at run time, with no default: give --nvs FILE to check it`,
      );
      return undefined;
    }
    this.notes.push(
      `${at}: read from NVS (${where}) at run time; the default stands in for this check`,
    );
    return fallback;
  }

  /** The JSON value of `term` at `path`, and the term as resolved. */
  convert(term: Term, path: readonly string[]): [unknown, Term] {
    const at = path.join(".");
    const key = path[path.length - 1] ?? "";
    if (term.kind === "call" && NVS_CALLS.includes(term.name)) {
      const resolved = this.resolve(term, at === "" ? "config" : at);
      return resolved === undefined ? [OMIT, term] : this.convert(resolved, path);
    }
    switch (term.kind) {
      case "atom":
        return [term.name === "true" ? true : term.name === "false" ? false : null, term];
      case "string":
        return [term.value, term];
      case "binary":
        if (!term.utf8) {
          this.notes.push(
            `${at}: this binary is not UTF-8: without /utf8 a character past 127 is one ` +
              `Latin-1 byte; write <<"..."/utf8>>`,
          );
        }
        return [term.value, term];
      case "number":
        return [term.value, term];
      case "opaque":
      case "call":
        return [true, term];
      case "tuple": {
        // No key takes a tuple: null makes the schema refuse it, and the message names it.
        const items = term.items.map((item, i) => this.convert(item, [...path, String(i)])[1]);
        return [null, { kind: "tuple", items }];
      }
      case "map": {
        this.problems.push({
          path: at === "" ? "config" : at,
          message: "is a map: AtomVM's network module reads a proplist, [{Key, Value}, ...]",
        });
        const list: Term = {
          kind: "list",
          items: term.entries.map(([k, v]) => ({ kind: "tuple", items: [k, v] })),
        };
        return this.convert(list, path);
      }
      case "list":
        return this.list(term, path, key);
    }
  }

  list(term: Term & { kind: "list" }, path: readonly string[], key: string): [unknown, Term] {
    if (term.items.length === 0) return [STRING_KEYS.has(key) ? "" : {}, term];
    if (term.items.every(isCodePoint)) {
      const codes = term.items.map((item) => (item as { value: number }).value);
      return [String.fromCodePoint(...codes), term];
    }
    if (!isProplist(term)) {
      const pairs = term.items.map((item, i) => this.convert(item, [...path, String(i)]));
      return [pairs.map(([v]) => v), { kind: "list", items: pairs.map(([, t]) => t) }];
    }
    const object: Record<string, unknown> = {};
    const items: Term[] = [];
    for (const item of term.items) {
      const name = proplistKey(item)!;
      if (item.kind === "atom" || Object.hasOwn(object, name)) {
        define(object, name, true);
        items.push(item);
        continue;
      }
      const [value, resolved] = this.convert(
        (item as { items: readonly Term[] } & Term).items[1]!,
        [
          ...path,
          name,
        ],
      );
      define(object, name, value);
      items.push({ kind: "tuple", items: [{ kind: "atom", name }, resolved] });
    }
    return [object, { kind: "list", items }];
  }
}

/**
 * Converts a whole configuration term. A lone `{Key, Value}` tuple is read as the proplist
 * `[{Key, Value}]` that `network:start/1` takes, and a note says so.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTerm } from "./erlang_term.ts";
 * import { configOfTerm } from "./erlang_values.ts";
 * const term = parseTerm('{sta, [managed, {ssid, [104,111,109,101]}, {got_ip, fun ?MODULE:got_ip/1}]}.');
 * const converted = term._tag === "Right" ? configOfTerm(term.right) : undefined;
 * assert.deepEqual(converted?.value, { sta: { managed: true, ssid: "home", got_ip: true } });
 * ```
 */
export function configOfTerm(term: Term, nvs?: NvsStore): Converted {
  const converter = new Converter(nvs);
  let root = term;
  if (term.kind === "tuple" && term.items.length === 2 && term.items[0]!.kind === "atom") {
    const name = term.items[0]!.name;
    converter.notes.push(
      `config: the single tuple {${name}, ...} is read as the proplist [{${name}, ...}] ` +
        "that network:start/1 takes",
    );
    root = { kind: "list", items: [term] };
  }
  const [value, resolved] = converter.convert(root, []);
  return {
    value,
    term: resolved,
    notes: converter.notes,
    problems: converter.problems,
    fromNvs: converter.fromNvs,
  };
}
