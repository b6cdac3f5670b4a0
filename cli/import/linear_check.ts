/**
 * A static check that a regular expression runs in time linear in its input on a backtracking
 * engine such as V8's. A log line is untrusted text: one pattern that can backtrack over it makes
 * importing a crafted line take minutes (issue 11: 672 KB of `connected with` took 22 s).
 *
 * A pattern passes when it is built only from constructs whose every choice is decided by the
 * next character, so a failed attempt gives back each character at most once:
 * - a quantifier applies to one character (a literal, an escape such as `\d`, a class, `.`); a
 *   group may only be optional (`?`) or repeated an exact number of times (`{5}`);
 * - every variable quantifier (`?`, `*`, `+`, `{m,n}`, lazy or not) and every optional group
 *   takes characters that whatever may follow it cannot start with, as a possessive one would;
 * - the alternatives of a group start with different characters, or are plain words none of
 *   which begins another;
 * - a pattern with an unbounded quantifier is anchored (`^` without the `m` flag, or sticky), so
 *   it is tried from one position only; a pattern without one is bounded in length, so trying it
 *   at every position costs a constant each.
 * Lookarounds and backreferences are refused: this check cannot vouch for them.
 *
 * @module
 */

type CharSet = Uint8Array;

type Node =
  | { readonly kind: "char"; readonly source: string }
  | { readonly kind: "empty"; readonly source: string }
  | { readonly kind: "group"; readonly alternatives: readonly Node[][]; readonly source: string }
  | {
    readonly kind: "repeat";
    readonly node: Node;
    readonly min: number;
    readonly max: number;
    readonly source: string;
  };

const UNITS = 0x10000;
const NONE: CharSet = new Uint8Array(UNITS);

class Parser {
  pos = 0;
  readonly problems: string[] = [];
  constructor(readonly src: string) {}

  alternation(): Node[][] {
    const alternatives = [this.sequence()];
    while (this.src[this.pos] === "|") {
      this.pos++;
      alternatives.push(this.sequence());
    }
    return alternatives;
  }

  sequence(): Node[] {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== "|" && this.src[this.pos] !== ")") {
      const start = this.pos;
      items.push(this.quantified(this.atom(), start));
    }
    return items;
  }

  atom(): Node {
    const { src } = this;
    const start = this.pos;
    const char = src[this.pos]!;
    if (char === "(") {
      const head = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z]\w*>)?/.exec(src.slice(this.pos))?.[0] ?? "(";
      if (/^\(\?(?:[=!]|<[=!])$/.test(head)) this.problems.push(`uses a lookaround: ${head}`);
      this.pos += head.length;
      const alternatives = this.alternation();
      this.pos++; // the closing parenthesis
      return { kind: "group", alternatives, source: src.slice(start, this.pos) };
    }
    if (char === "[") {
      let end = this.pos + 1;
      if (src[end] === "^") end++;
      if (src[end] === "]") end++;
      while (end < src.length && src[end] !== "]") end += src[end] === "\\" ? 2 : 1;
      this.pos = end + 1;
      return { kind: "char", source: src.slice(start, this.pos) };
    }
    if (char === "\\") {
      const next = src[this.pos + 1] ?? "";
      if (next === "b" || next === "B") {
        this.pos += 2;
        return { kind: "empty", source: src.slice(start, this.pos) };
      }
      if (/[1-9k]/.test(next)) this.problems.push(`uses a backreference: \\${next}`);
      const escape = /^\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\}|c[A-Za-z]|[\s\S])/
        .exec(src.slice(this.pos))![0];
      this.pos += escape.length;
      return { kind: "char", source: escape };
    }
    this.pos++;
    if (char === "^" || char === "$") return { kind: "empty", source: char };
    return { kind: "char", source: char };
  }

  quantified(node: Node, start: number): Node {
    const rest = this.src.slice(this.pos);
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    let min: number, max: number, length: number;
    if (rest[0] === "*") [min, max, length] = [0, Infinity, 1];
    else if (rest[0] === "+") [min, max, length] = [1, Infinity, 1];
    else if (rest[0] === "?") [min, max, length] = [0, 1, 1];
    else if (braces !== null) {
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === "" ? Infinity : Number(braces[3]);
      length = braces[0].length;
    } else return node;
    this.pos += length;
    if (this.src[this.pos] === "?") this.pos++; // lazy: the same choices, tried in another order
    return { kind: "repeat", node, min, max, source: this.src.slice(start, this.pos) };
  }
}

function setOf(source: string, flags: string, memo: Map<string, CharSet>): CharSet {
  const known = memo.get(source);
  if (known !== undefined) return known;
  const single = new RegExp(`^(?:${source})$`, flags.replace(/[^isuv]/g, ""));
  const set = new Uint8Array(UNITS);
  for (let unit = 0; unit < UNITS; unit++) {
    set[unit] = single.test(String.fromCharCode(unit)) ? 1 : 0;
  }
  memo.set(source, set);
  return set;
}

function union(a: CharSet, b: CharSet): CharSet {
  const out = new Uint8Array(UNITS);
  for (let i = 0; i < UNITS; i++) out[i] = a[i]! | b[i]!;
  return out;
}

function overlap(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < UNITS; i++) if (a[i]! & b[i]!) return true;
  return false;
}

/** Why `pattern` might not run in linear time; empty when it is linear by construction. */
export function linearityProblems(pattern: RegExp): string[] {
  const parser = new Parser(pattern.source);
  const top = parser.alternation();
  const problems = [...parser.problems];
  const memo = new Map<string, CharSet>();
  const set = (node: Node & { kind: "char" }) => setOf(node.source, pattern.flags, memo);

  const nullable = (node: Node): boolean =>
    node.kind === "empty" ||
    (node.kind === "group" && node.alternatives.some((alt) => alt.every(nullable))) ||
    (node.kind === "repeat" && (node.min === 0 || nullable(node.node)));
  const first = (node: Node): CharSet => {
    if (node.kind === "char") return set(node);
    if (node.kind === "empty") return NONE;
    if (node.kind === "repeat") return first(node.node);
    return node.alternatives.map((alt) => firstOf(alt, 0, NONE)).reduce(union, NONE);
  };
  // What the items from `from` on can start with, and `follow` when they can all match nothing.
  const firstOf = (items: readonly Node[], from: number, follow: CharSet): CharSet => {
    let out = NONE;
    for (let i = from; i < items.length; i++) {
      out = union(out, first(items[i]!));
      if (!nullable(items[i]!)) return out;
    }
    return union(out, follow);
  };
  const literal = (alt: readonly Node[]): string | undefined => {
    let text = "";
    for (const node of alt) {
      if (node.kind !== "char") return undefined;
      const members = set(node).reduce((n, bit) => n + bit, 0);
      if (members !== 1) return undefined;
      text += String.fromCharCode(set(node).indexOf(1));
    }
    return text;
  };
  const alternatives = (alts: readonly Node[][], follow: CharSet, source: string) => {
    for (let i = 0; i < alts.length; i++) {
      for (let j = i + 1; j < alts.length; j++) {
        if (!overlap(firstOf(alts[i]!, 0, follow), firstOf(alts[j]!, 0, follow))) continue;
        const [a, b] = [literal(alts[i]!), literal(alts[j]!)];
        if (a !== undefined && b !== undefined && a !== "" && b !== "") {
          if (!a.startsWith(b) && !b.startsWith(a)) continue;
        }
        problems.push(`alternatives that start alike: "${source}"`);
        return;
      }
    }
  };
  const walk = (items: readonly Node[], follow: CharSet) => {
    items.forEach((node, i) => check(node, firstOf(items, i + 1, follow)));
  };
  const check = (node: Node, follow: CharSet): void => {
    if (node.kind === "group") {
      alternatives(node.alternatives, follow, node.source);
      for (const alt of node.alternatives) walk(alt, follow);
      return;
    }
    if (node.kind !== "repeat") return;
    const inner = node.node;
    const variable = node.min !== node.max;
    if (inner.kind === "char") {
      if (variable && overlap(set(inner), follow)) {
        problems.push(`"${node.source}" can run into what follows it`);
      }
    } else if (inner.kind === "group") {
      if (variable && !(node.min === 0 && node.max === 1)) {
        problems.push(`a quantifier over a group: "${node.source}"`);
      } else if (variable && overlap(first(inner), follow)) {
        problems.push(`an optional group can run into what follows it: "${node.source}"`);
      }
      check(inner, node.max > 1 ? union(first(inner), follow) : follow);
    } else problems.push(`a quantifier over a quantifier or an assertion: "${node.source}"`);
  };

  alternatives(top, NONE, pattern.source);
  for (const alt of top) walk(alt, NONE);
  const unbounded = (node: Node): boolean =>
    (node.kind === "repeat" && (node.max === Infinity || unbounded(node.node))) ||
    (node.kind === "group" && node.alternatives.some((alt) => alt.some(unbounded)));
  const anchored = pattern.sticky ||
    (!pattern.multiline && top.every((alt) => alt[0]?.kind === "empty" && alt[0].source === "^"));
  if (top.some((alt) => alt.some(unbounded)) && !anchored) {
    problems.push("an unbounded quantifier in a pattern that is not anchored (use ^ or sticky)");
  }
  return problems;
}
