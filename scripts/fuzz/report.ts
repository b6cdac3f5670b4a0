/**
 * The fuzzer's report: per target, the inputs tried and how many crashed, leaked and hung; a
 * total line; and each distinct failure once, with how often it happened.
 *
 * @module
 */
import type { Tally } from "./fuzz.ts";
import type { FailureKind } from "./verdict.ts";

/** A distinct failure across a target's inputs: its signature, kind, count, first input. */
export interface Distinct {
  readonly target: string;
  readonly kind: FailureKind;
  readonly signature: string;
  readonly count: number;
  /** The indices of the inputs that showed it, in run order. */
  readonly indices: readonly number[];
}

/**
 * The distinct failures of a tally, most frequent first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { distinct } from "./report.ts";
 * const f = { kind: "leak" as const, signature: "leak in stderr: x", detail: "" };
 * const tally = { name: "check", inputs: 3, counts: { crash: 0, leak: 2, hang: 0 }, found: [{ index: 0, failures: [f] }, { index: 2, failures: [f] }], slowest: { index: 0, ms: 1 }, seed: 1 };
 * assert.deepEqual(distinct(tally), [{ target: "check", kind: "leak", signature: "leak in stderr: x", count: 2, indices: [0, 2] }]);
 * ```
 */
export function distinct(tally: Tally): Distinct[] {
  const bySignature = new Map<string, { kind: FailureKind; indices: number[] }>();
  for (const { index, failures } of tally.found) {
    for (const failure of failures) {
      const entry = bySignature.get(failure.signature) ??
        { kind: failure.kind, indices: [] };
      if (entry.indices.at(-1) !== index) entry.indices.push(index);
      bySignature.set(failure.signature, entry);
    }
  }
  return [...bySignature].map(([signature, { kind, indices }]) => ({
    target: tally.name,
    kind,
    signature,
    count: indices.length,
    indices,
  })).sort((a, b) => b.count - a.count || a.signature.localeCompare(b.signature));
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/**
 * One line per target and the total line, `fuzz: N inputs, N crashes, N leaks (N hangs)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summaryLines } from "./report.ts";
 * const tally = { name: "check", inputs: 3000, counts: { crash: 0, leak: 2, hang: 0 }, found: [], slowest: { index: 0, ms: 12 }, seed: 1 };
 * const lines = summaryLines([tally]);
 * assert.equal(lines.at(-1), "fuzz: 3000 inputs, 0 crashes, 2 leaks (0 hangs)");
 * ```
 */
export function summaryLines(tallies: readonly Tally[]): string[] {
  const width = Math.max(...tallies.map((t) => t.name.length));
  const lines = tallies.map((t) =>
    `  ${t.name.padEnd(width)}  ${plural(t.inputs, "input").padStart(13)}  ${
      plural(t.counts.crash, "crash", "crashes").padStart(12)
    }  ${plural(t.counts.leak, "leak").padStart(11)}  ${
      plural(t.counts.hang, "hang").padStart(10)
    }` +
    `   (slowest input ${(t.slowest.ms / 1000).toFixed(2)} s)`
  );
  const sum = (kind: "crash" | "leak" | "hang") => tallies.reduce((n, t) => n + t.counts[kind], 0);
  const inputs = tallies.reduce((n, t) => n + t.inputs, 0);
  lines.push(
    `fuzz: ${plural(inputs, "input")}, ${plural(sum("crash"), "crash", "crashes")}, ${
      plural(sum("leak"), "leak")
    } (${plural(sum("hang"), "hang")})`,
  );
  return lines;
}
