/**
 * `netfsm replay FILE [--json]`: drives the core from a trace and prints what it did.
 *
 * @module
 */
import { toRecord } from "../core/trace/replay.ts";
import { recordJson, replayer } from "../core/trace/replayer.ts";
import { type Step, violation } from "../props/invariants.ts";
import { type CliIo, EXIT } from "./io.ts";
import { batchesOf } from "./lines.ts";
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
  const replay = replayer();
  // Records are gathered here and written a batch at a time: before reading on (which may
  // wait, and the output must stream) and whenever 64 KiB are held.
  let held = "";
  const release = async () => {
    if (held === "") return;
    const text = held;
    held = "";
    await shown.clear();
    await io.write(text);
    await io.flush();
  };
  const stop = async (line: number, message: string) => {
    await release();
    await shown.done();
    // Line 0 is the file as a whole (an empty trace): no line to name.
    const where = line > 0 ? `${options.file}:${line}` : options.file;
    await io.writeError(`netfsm replay: ${where}: ${message}\n`);
    return EXIT.finding;
  };
  for await (const batch of batchesOf(lines.right)) {
    for (const line of batch) {
      // The count is of input lines, as the message says, not of the records they make.
      shown.tick();
      for (const event of replay.feed(line)) {
        if (event.kind === "error") return await stop(event.line, event.message);
        const { before, applied } = event;
        held += options.json
          ? recordJson(applied.input, applied.state, applied.effects) + "\n"
          : formatRecord(toRecord(applied.input, applied.state, applied.effects), io.color);
        if (options.check) {
          const broken = check({
            before,
            input: applied.input,
            after: applied.state,
            effects: applied.effects,
            secrets: [],
          });
          if (broken !== null) return await stop(event.line, `invariant ${broken}`);
          checked++;
        }
        if (held.length >= 65536) await release();
      }
    }
    await release();
  }
  const error = replay.end();
  if (error !== undefined) return await stop(error.line, error.message);
  await shown.done();
  if (options.check) {
    await io.writeError(`netfsm replay: every invariant held at all ${checked} steps\n`);
  }
  return EXIT.ok;
}
