/**
 * `netfsm replay FILE [--json]`: drives the core from a trace and prints what it did.
 *
 * @module
 */
import { replayLines } from "../core/trace/replay.ts";
import { type Step, violation } from "../props/invariants.ts";
import { type CliIo, EXIT } from "./io.ts";
import { progress } from "./progress.ts";
import { formatRecord, TIMELINE_HEADER } from "./timeline.ts";

/** Options of the replay command. */
export interface ReplayOptions {
  readonly file: string;
  readonly json: boolean;
  /** Check every invariant at every step; stop at the first violation. */
  readonly check?: boolean;
}

/** Runs a replay; returns the exit code. Output streams: each record is written as it is made. */
export async function replayCommand(
  io: CliIo,
  options: ReplayOptions,
  check: (step: Step) => string | null = violation,
): Promise<number> {
  const lines = await io.readLines(options.file);
  if (lines._tag === "Left") {
    await io.writeError(`netfsm replay: ${lines.left}\n`);
    return EXIT.finding;
  }
  if (!options.json) await io.write(TIMELINE_HEADER);
  let checked = 0;
  const shown = progress(io, "replayed");
  for await (const event of replayLines(lines.right)) {
    if (event.kind === "error") {
      await shown.done();
      await io.writeError(`netfsm replay: ${options.file}:${event.line}: ${event.message}\n`);
      return EXIT.finding;
    }
    await io.write(
      options.json ? JSON.stringify(event.record) + "\n" : formatRecord(event.record, io.color),
    );
    shown.tick();
    if (options.check) {
      const { before, applied } = event;
      const broken = check({
        before,
        input: applied.input,
        after: applied.state,
        effects: applied.effects,
        secrets: [],
      });
      if (broken !== null) {
        await shown.done();
        await io.writeError(`netfsm replay: ${options.file}:${event.line}: invariant ${broken}\n`);
        return EXIT.finding;
      }
      checked++;
    }
  }
  if (options.check) {
    await io.writeError(`netfsm replay: every invariant held at all ${checked} steps\n`);
  }
  return EXIT.ok;
}
