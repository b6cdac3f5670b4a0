/**
 * The benchmark's figures: samples summarised as a median with their spread, the JSON they are
 * written as, and the comparison of two runs (`--compare`).
 *
 * @module
 */

/** One figure: its repetitions, their median and spread (min, max, quartiles). */
export interface Figure {
  readonly unit: string;
  /** Whether a bigger value is better (a rate) or worse (a time, a size). */
  readonly higherIsBetter: boolean;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly q1: number;
  readonly q3: number;
  readonly samples: readonly number[];
}

/** A ratio of two medians of one run, e.g. netfsm's rate over XState's. */
export interface Ratio {
  readonly value: number;
  readonly higherIsBetter: boolean;
}

/** What a run writes with `--json`: figures by key, ratios by key, and what was skipped. */
export interface BenchJson {
  readonly bench: "netfsm";
  readonly version: 1;
  readonly date: string;
  readonly machine: Readonly<Record<string, string | number>>;
  readonly options: Readonly<Record<string, number | boolean>>;
  readonly mix: unknown;
  readonly figures: Readonly<Record<string, Figure>>;
  readonly ratios: Readonly<Record<string, Ratio>>;
  readonly skipped: Readonly<Record<string, string>>;
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/**
 * Summarises samples.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summarize } from "./stats.ts";
 * const f = summarize([3, 1, 2], "steps/s", true);
 * assert.deepEqual([f.median, f.min, f.max, f.q1, f.q3], [2, 1, 3, 1.5, 2.5]);
 * ```
 */
export function summarize(
  samples: readonly number[],
  unit: string,
  higherIsBetter: boolean,
): Figure {
  if (samples.length === 0) throw new Error("a figure needs at least one sample");
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    unit,
    higherIsBetter,
    median: quantile(sorted, 0.5),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    samples,
  };
}

/**
 * A number for the table: 1.87M, 350k, 4.61, 0.012.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { human } from "./stats.ts";
 * assert.equal(human(1_870_000), "1.87M");
 * assert.equal(human(4.612), "4.61");
 * ```
 */
export function human(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)}G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(0)}k`;
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/**
 * A figure as a table cell: the median and its range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cell, summarize } from "./stats.ts";
 * assert.equal(cell(summarize([1e6, 2e6, 3e6], "steps/s", true)), "2.00M (1.00M–3.00M)");
 * ```
 */
export function cell(figure: Figure): string {
  if (figure.samples.length === 1) return human(figure.median);
  return `${human(figure.median)} (${human(figure.min)}–${human(figure.max)})`;
}

/**
 * Each figure's and ratio's change from an earlier run to a later one, as table rows; figures in
 * only one of them are listed as such.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareRuns, summarize } from "./stats.ts";
 * const run = (m: number) => ({ figures: { "step.deno.netfsm": summarize([m], "steps/s", true) }, ratios: {} });
 * const [row] = compareRuns(run(1e6), run(2e6));
 * assert.equal(row, "| step.deno.netfsm | 1.00M | 2.00M | +100.0% (better) |");
 * ```
 */
export function compareRuns(
  before: Pick<BenchJson, "figures" | "ratios">,
  after: Pick<BenchJson, "figures" | "ratios">,
): string[] {
  const rows: string[] = [];
  const change = (old: number, now: number, higherIsBetter: boolean) => {
    if (old === 0) return now === 0 ? "±0%" : "new";
    const pct = (now / old - 1) * 100;
    const better = higherIsBetter ? pct > 0 : pct < 0;
    const sign = pct >= 0 ? "+" : "";
    return Math.abs(pct) < 0.05
      ? "±0%"
      : `${sign}${pct.toFixed(1)}% (${better ? "better" : "worse"})`;
  };
  const keys = new Set([...Object.keys(before.figures), ...Object.keys(after.figures)]);
  for (const key of [...keys].sort()) {
    const old = before.figures[key];
    const now = after.figures[key];
    if (old === undefined || now === undefined) {
      rows.push(
        `| ${key} | ${old ? human(old.median) : "—"} | ${now ? human(now.median) : "—"} | |`,
      );
      continue;
    }
    rows.push(
      `| ${key} | ${human(old.median)} | ${human(now.median)} | ${
        change(old.median, now.median, now.higherIsBetter)
      } |`,
    );
  }
  const ratioKeys = new Set([...Object.keys(before.ratios), ...Object.keys(after.ratios)]);
  for (const key of [...ratioKeys].sort()) {
    const old = before.ratios[key];
    const now = after.ratios[key];
    const shown = (v: Ratio | undefined) => v === undefined ? "—" : `${human(v.value)}×`;
    const delta = old !== undefined && now !== undefined
      ? change(old.value, now.value, now.higherIsBetter)
      : "";
    rows.push(`| ${key} | ${shown(old)} | ${shown(now)} | ${delta} |`);
  }
  return rows;
}
