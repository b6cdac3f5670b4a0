/**
 * `--html FILE` of `netfsm replay`, `simulate` and `run`: collects a run's steps and writes its
 * HTML report (cli/report/html.ts) through the {@link CliIo}.
 *
 * @module
 */
import type { Line } from "../../core/limits.ts";
import { TRANSITIONS } from "../../core/step.ts";
import type { State } from "../../core/state.ts";
import { statusIn } from "../../core/table.ts";
import { replayLines, type ReplayRecord } from "../../core/trace/replay.ts";
import { dot } from "../diagram.ts";
import { graphviz, type Renderer } from "../diagram_command.ts";
import { type CliIo, EXIT } from "../io.ts";
import { renderReport } from "./html.ts";
import { REGIONS, reportModel, type ReportStep } from "./model.ts";

/**
 * A step of the report: the record, and each region's status in the state after it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "../../core/state.ts";
 * import { reportStep } from "./report_command.ts";
 * const state = createState({ config: {}, device: { mac: "24:0a:c4:12:34:56" } });
 * const record = { at: 0, input: { type: "stop" }, status: "stopped" as const, callbacks: [],
 *   commands: [], reply: "ok" as const };
 * assert.equal(reportStep(record, state).regions.ap, "off");
 * ```
 */
export function reportStep(record: ReplayRecord, state: State): ReportStep {
  const regions = Object.fromEntries(REGIONS.map((r) => [r, statusIn(state, r)]));
  return { record, regions: regions as ReportStep["regions"] };
}

/**
 * The steps of a trace, replayed; or the line and message of the error that stopped it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { traceSteps } from "./report_command.ts";
 * const steps = await traceSteps([
 *   '{"trace": "netfsm", "version": 1, "config": {}, "device": {"mac": "24:0a:c4:12:34:56"}}',
 *   '{"at": 0, "type": "start"}',
 * ]);
 * assert.ok(Array.isArray(steps) && steps.length === 1);
 * ```
 */
export async function traceSteps(
  lines: AsyncIterable<Line> | Iterable<Line>,
): Promise<ReportStep[] | { readonly line: number; readonly message: string }> {
  const steps: ReportStep[] = [];
  for await (const event of replayLines(lines)) {
    if (event.kind === "error") return { line: event.line, message: event.message };
    steps.push(reportStep(event.record, event.state));
  }
  return steps;
}

/**
 * Writes the report of `steps` to `path`; returns an error message, or null once written. The
 * diagram that cannot be drawn is left out with a note, not a failure: the timeline still helps.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memoryIo } from "../memory_io.ts";
 * import { writeReport } from "./report_command.ts";
 * const io = memoryIo({});
 * const fail = () => Promise.resolve({ ok: false as const, message: "no" });
 * assert.equal(await writeReport(io, "out.html", "run", [], fail), null);
 * assert.match(io.written["out.html"]!, /<!DOCTYPE html>/);
 * ```
 */
export async function writeReport(
  io: CliIo,
  path: string,
  title: string,
  steps: readonly ReportStep[],
  render: Renderer = graphviz,
): Promise<string | null> {
  const drawn = await render(dot(TRANSITIONS));
  const html = renderReport({
    title,
    model: reportModel(steps),
    diagram: drawn.ok ? drawn.svg : null,
  });
  const sink = await io.createFile(path);
  if (sink._tag === "Left") return sink.left;
  try {
    await sink.right.write(html);
    await sink.right.close();
  } catch (thrown) {
    return `cannot write "${path}": ${thrown instanceof Error ? thrown.message : String(thrown)}`;
  }
  return null;
}

/** Options of `netfsm replay FILE --html OUT`. */
export interface ReplayReportOptions {
  readonly file: string;
  readonly html: string;
}

/**
 * `netfsm replay FILE --html OUT`: replays the trace and writes its report instead of printing
 * the timeline; returns the exit code. A malformed line writes no report: the run is not whole.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memoryIo } from "../memory_io.ts";
 * import { replayReportCommand } from "./report_command.ts";
 * const io = memoryIo({ "t.jsonl": '{"trace": "netfsm", "version": 1, "config": {}, ' +
 *   '"device": {"mac": "24:0a:c4:12:34:56"}}\n{"at": 0, "type": "start"}\n' });
 * const fail = () => Promise.resolve({ ok: false as const, message: "no" });
 * assert.equal(await replayReportCommand(io, { file: "t.jsonl", html: "r.html" }, fail), 0);
 * assert.match(io.written["r.html"]!, /data-kind="input"/);
 * ```
 */
export async function replayReportCommand(
  io: CliIo,
  options: ReplayReportOptions,
  render: Renderer = graphviz,
): Promise<number> {
  const lines = await io.readLines(options.file);
  if (lines._tag === "Left") {
    await io.writeError(`netfsm replay: ${lines.left}\n`);
    return EXIT.finding;
  }
  const steps = await traceSteps(lines.right);
  if (!Array.isArray(steps)) {
    const where = steps.line > 0 ? `${options.file}:${steps.line}` : options.file;
    await io.writeError(`netfsm replay: ${where}: ${steps.message}\n`);
    return EXIT.finding;
  }
  const title = options.file === "-" ? "standard input" : options.file;
  const failed = await writeReport(io, options.html, title, steps, render);
  if (failed !== null) {
    await io.writeError(`netfsm replay: ${failed}\n`);
    return EXIT.finding;
  }
  await io.write(`wrote the report of ${steps.length} steps to ${options.html}\n`);
  return EXIT.ok;
}
