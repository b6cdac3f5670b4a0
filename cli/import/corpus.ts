/**
 * The corpus of real logs (corpus/): each `NAME.log` an excerpt of a device's serial output as
 * posted in a public thread, each `NAME.json` where it comes from and which inputs importing it
 * must give. corpus_test.ts runs every case; {@link corpusTable} is the README's summary of it.
 *
 * @module
 */
import type { Dialect } from "./dialect.ts";

/** What a corpus case says of its log. */
export interface CorpusCase {
  readonly dialect: Dialect;
  /** The SDK's or firmware's version, as the thread shows it (`5.1.2`, `2.x`). */
  readonly version: string;
  readonly chip?: string;
  /** The thread's address, and its repository and number. */
  readonly source: string;
  readonly repo: string;
  readonly thread: number;
  /** What was taken from the post, and anything changed. */
  readonly excerpt: string;
  /** The inputs after `start`, without `at`. */
  readonly expected: readonly Record<string, unknown>[];
}

/** A case: its name, what its JSON says, and its log's text. */
export type NamedCase = readonly [name: string, meta: CorpusCase, log: string];

// A path, not a URL: Node's Deno shim reads directories by path only.
const DIR = decodeURIComponent(new URL("./corpus/", import.meta.url).pathname);

/** Every case of the corpus (in `dir`, a path ending in `/`), by name. */
export async function readCorpus(dir: string = DIR): Promise<NamedCase[]> {
  const cases: NamedCase[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".json")) continue;
    const name = entry.name.slice(0, -".json".length);
    const meta = JSON.parse(await Deno.readTextFile(`${dir}${entry.name}`)) as CorpusCase;
    cases.push([name, meta, await Deno.readTextFile(`${dir}${name}.log`)]);
  }
  return cases.sort(([a], [b]) => a.localeCompare(b));
}

/** Each dialect as the README names it, in the README's order. */
export const DIALECT_NAMES: Readonly<Record<Dialect, string>> = {
  "esp-idf": "ESP-IDF",
  "arduino": "Arduino-ESP32",
  "micropython": "MicroPython",
  "esphome": "ESPHome",
  "tasmota": "Tasmota",
  "atomvm": "AtomVM (`network_driver`)",
  "esp-at": "ESP-AT",
  "esp-hosted": "ESP-Hosted",
};

/** A version's series: `5.1.2` is 5.x, `0.6.5` is 0.6.x (before 1.0 the minor counts), `FG 0.x` stays. */
function series(version: string): string {
  const parts = version.split(".");
  const kept = parts[0] === "0" && parts.length > 2 ? 2 : 1;
  return parts.length <= kept ? version : `${parts.slice(0, kept).join(".")}.x`;
}

/**
 * The README's table of the corpus: per dialect, the version series and chips its real logs come
 * from, and how many there are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { corpusTable } from "./corpus.ts";
 * const meta = { dialect: "esp-idf", version: "5.1.2", chip: "esp32c3", source: "", repo: "", thread: 1, excerpt: "", expected: [] } as const;
 * assert.match(corpusTable([["a", meta, ""]]), /\| ESP-IDF +\| 5\.x \(1\) +\| esp32c3 +\| +1 \|/);
 * ```
 */
export function corpusTable(cases: readonly NamedCase[]): string {
  const rows: string[][] = [["dialect", "versions (logs)", "chips", "logs"]];
  for (const [dialect, name] of Object.entries(DIALECT_NAMES)) {
    const mine = cases.filter(([, meta]) => meta.dialect === dialect).map(([, meta]) => meta);
    const counts = new Map<string, number>();
    for (const meta of mine) {
      counts.set(series(meta.version), (counts.get(series(meta.version)) ?? 0) + 1);
    }
    const versions = [...counts].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
      .map(([v, n]) => `${v} (${n})`).join(", ");
    const chips = [...new Set(mine.flatMap((meta) => meta.chip ?? []))].sort().join(", ");
    rows.push([name, versions || "none", chips || "not stated", String(mine.length)]);
  }
  rows.push(["all", "", "", String(cases.length)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length), 3));
  const line = (row: readonly string[]) =>
    `| ${
      row.map((cell, i) => i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)).join(
        " | ",
      )
    } |`;
  const rule = `| ${
    widths.map((w, i) => i === 3 ? "-".repeat(w - 1) + ":" : "-".repeat(w)).join(" | ")
  } |`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join("\n") + "\n";
}

if (import.meta.main) {
  // deno-lint-ignore no-console -- the table is this script's output
  console.log(corpusTable(await readCorpus()).trimEnd());
}
