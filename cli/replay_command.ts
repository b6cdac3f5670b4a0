/**
 * `netfsm replay FILE [--json]`: drives the core from a trace and prints what it did.
 *
 * @module
 */
import { replayLines } from "../core/trace/replay.ts";
import { type CliIo, EXIT } from "./io.ts";
import { formatRecord, TIMELINE_HEADER } from "./timeline.ts";

/** Options of the replay command. */
export interface ReplayOptions {
  readonly file: string;
  readonly json: boolean;
}

/** Runs a replay; returns the exit code. Output streams: each record is written as it is made. */
export async function replayCommand(io: CliIo, options: ReplayOptions): Promise<number> {
  const lines = await io.readLines(options.file);
  if (lines._tag === "Left") {
    await io.writeError(`netfsm replay: ${lines.left}\n`);
    return EXIT.finding;
  }
  if (!options.json) await io.write(TIMELINE_HEADER);
  for await (const event of replayLines(lines.right)) {
    if (event.kind === "error") {
      await io.writeError(`netfsm replay: ${options.file}:${event.line}: ${event.message}\n`);
      return EXIT.finding;
    }
    await io.write(options.json ? JSON.stringify(event.record) + "\n" : formatRecord(event.record));
  }
  return EXIT.ok;
}
