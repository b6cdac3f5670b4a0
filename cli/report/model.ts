/**
 * What the HTML report draws, worked out from a run's steps: each region's status as bands over
 * time, the marks (inputs, callbacks, commands, diagnostics), the reconnect waits, and the
 * transitions the run took. Pure: the same steps give the same picture.
 *
 * @module
 */
import type { Region } from "../../core/table.ts";
import type { ReplayRecord } from "../../core/trace/replay.ts";
import { formatRecord, formatTime } from "../timeline.ts";

/** Every region's status, as core/table.ts `statusIn` names them. */
export type Regions = Readonly<Record<Region, string>>;

/** One step of a run: its record and every region's status after it. */
export interface ReportStep {
  readonly record: ReplayRecord;
  readonly regions: Regions;
}

/** The regions in the order the report draws them, the station first. */
export const REGIONS: readonly Region[] = ["sta", "lifecycle", "ap", "sntp", "scan"];

/** Every region's status before a run's first input: what `createState` starts with. */
export const INITIAL: Regions = {
  lifecycle: "stopped",
  sta: "stopped",
  ap: "off",
  sntp: "off",
  scan: "stopped",
};

/** A stretch of time one region spent in one status; `to` is the run's end for the last. */
export interface Band {
  readonly region: Region;
  readonly status: string;
  readonly from: number;
  readonly to: number;
}

/** The kinds of mark, one row each. */
export type MarkKind = "input" | "callback" | "command" | "diagnostic";

/** A point in time with what happened there, as the hover shows it. */
export interface Mark {
  readonly kind: MarkKind;
  readonly at: number;
  /** The step it belongs to, counted from 0. */
  readonly step: number;
  readonly label: string;
  readonly detail: string;
}

/** A wait between a disconnect and the reconnect timer firing. */
export interface Wait {
  readonly from: number;
  readonly to: number;
}

/** A change of status the run made in a region, and how often. */
export interface Taken {
  readonly region: Region;
  readonly from: string;
  readonly to: string;
  /** The input that made it, as the diagram's edge labels begin: `sta_got_ip`, `timer reconnect`. */
  readonly on: string;
  readonly count: number;
}

/** Everything the report draws. */
export interface ReportModel {
  readonly start: number;
  readonly end: number;
  readonly bands: readonly Band[];
  readonly marks: readonly Mark[];
  readonly waits: readonly Wait[];
  readonly taken: readonly Taken[];
  /** Every status each region was in, the initial one included: the diagram's visited nodes. */
  readonly visited: readonly { readonly region: Region; readonly status: string }[];
}

const bare = (record: ReplayRecord): ReplayRecord => ({
  ...record,
  callbacks: [],
  commands: [],
  reply: null,
  diagnostics: [],
});

// The timeline's own words for each part, so the hover reads as `netfsm replay` does.
function details(record: ReplayRecord): Readonly<Record<MarkKind, string>> {
  const input = formatRecord(bare(record)).trim();
  const reply = formatRecord({ ...bare(record), reply: record.reply }).split("\n").slice(1);
  const part = (changed: Partial<ReplayRecord>) =>
    formatRecord({ ...bare(record), ...changed }).trimEnd().split("\n").slice(1)
      .map((line) => line.trim()).join("\n");
  return {
    input: [input, ...reply.map((line) => line.trim()).filter((line) => line !== "")].join("\n"),
    callback: part({ callbacks: record.callbacks }),
    command: part({ commands: record.commands }),
    diagnostic: part({ diagnostics: record.diagnostics ?? [] }),
  };
}

function inputLabel(input: unknown): string {
  const shown = input as { readonly type?: unknown; readonly timer?: unknown };
  return shown.type === "timer" ? `timer ${String(shown.timer)}` : String(shown.type);
}

/**
 * The report's model of a run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INITIAL, reportModel } from "./model.ts";
 * const record = { at: 5, input: { type: "start" }, status: "connecting" as const,
 *   callbacks: [], commands: [], reply: "ok" as const };
 * const model = reportModel([{ record, regions: { ...INITIAL, sta: "connecting" } }]);
 * assert.deepEqual(model.taken, [
 *   { region: "sta", from: "stopped", to: "connecting", on: "start", count: 1 },
 * ]);
 * assert.equal(model.marks.length, 1);
 * ```
 */
export function reportModel(steps: readonly ReportStep[], initial: Regions = INITIAL): ReportModel {
  const start = Math.min(0, steps[0]?.record.at ?? 0);
  const last = steps.at(-1)?.record.at ?? start;
  // A little room after the last input, so its status shows as a band and not a line.
  const end = last + Math.max(1, Math.round((last - start) * 0.02));
  const bands: Band[] = [];
  const taken = new Map<string, Taken>();
  const visited = new Map<string, { region: Region; status: string }>();
  const marks: Mark[] = [];
  const waits: Wait[] = [];
  const open = new Map<Region, { status: string; from: number }>();
  for (const region of REGIONS) {
    open.set(region, { status: initial[region], from: start });
    visited.set(`${region}/${initial[region]}`, { region, status: initial[region] });
  }
  let disconnectedAt: number | undefined;
  steps.forEach(({ record, regions }, step) => {
    for (const region of REGIONS) {
      const current = open.get(region)!;
      const status = regions[region];
      if (status === current.status) continue;
      bands.push({ region, status: current.status, from: current.from, to: record.at });
      const on = inputLabel(record.input);
      const key = `${region}/${current.status}/${status}/${on}`;
      const count = (taken.get(key)?.count ?? 0) + 1;
      taken.set(key, { region, from: current.status, to: status, on, count });
      visited.set(`${region}/${status}`, { region, status });
      open.set(region, { status, from: record.at });
    }
    const input = record.input as { readonly type?: unknown; readonly timer?: unknown };
    if (input.type === "timer" && input.timer === "reconnect" && disconnectedAt !== undefined) {
      waits.push({ from: disconnectedAt, to: record.at });
      disconnectedAt = undefined;
    } else if (input.type === "sta_disconnected" || record.status === "disconnected") {
      disconnectedAt ??= record.at;
    }
    const told = details(record);
    const time = formatTime(record.at).trim();
    marks.push({
      kind: "input",
      at: record.at,
      step,
      label: inputLabel(input),
      detail: told.input,
    });
    const parts: readonly [MarkKind, readonly unknown[], string][] = [
      ["callback", record.callbacks, record.callbacks.map((c) => c.name).join(", ")],
      ["command", record.commands, record.commands.map((c) => c.command).join(", ")],
      [
        "diagnostic",
        record.diagnostics ?? [],
        (record.diagnostics ?? []).map((d) => d.code).join(", "),
      ],
    ];
    for (const [kind, items, label] of parts) {
      if (items.length > 0) {
        marks.push({ kind, at: record.at, step, label, detail: `${time}\n${told[kind]}` });
      }
    }
  });
  for (const region of REGIONS) {
    const current = open.get(region)!;
    bands.push({ region, status: current.status, from: current.from, to: end });
  }
  return {
    start,
    end,
    bands,
    marks,
    waits,
    taken: [...taken.values()],
    visited: [...visited.values()],
  };
}

/**
 * The regions worth a row: the station always, any other only when the run moved it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shownRegions } from "./model.ts";
 * assert.deepEqual(shownRegions([]), ["sta"]);
 * ```
 */
export function shownRegions(bands: readonly Band[]): Region[] {
  return REGIONS.filter((region) =>
    region === "sta" || bands.filter((band) => band.region === region).length > 1
  );
}
