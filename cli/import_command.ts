/**
 * `netfsm import LOG [--config FILE] [--mac MAC] [--at CLOCK] [--strict]`: a device's serial log
 * as a trace, on standard output, in any dialect cli/import/recognize.ts reads.
 *
 * @module
 */
import { macCodec } from "../core/device.ts";
import { clip } from "../core/limits.ts";
import { loadConfigFile } from "./config_file.ts";
import { IMPORT_CLOCKS, type ImportClock, Importer } from "./import/importer.ts";
import { type CliIo, EXIT } from "./io.ts";
import { progress } from "./progress.ts";

/** Options of the import command. */
export interface ImportCommandOptions {
  readonly log: string;
  readonly config?: string;
  readonly mac?: string;
  /** What `at` means (importer.ts, ImportClock); checked here, as the user typed it. */
  readonly at?: string;
  readonly strict: boolean;
}

/** Imports a log; returns the exit code. */
export async function importCommand(io: CliIo, options: ImportCommandOptions): Promise<number> {
  if (options.mac !== undefined && macCodec.decode(options.mac)._tag === "Left") {
    await io.writeError(
      `netfsm import: --mac must be a MAC written aa:bb:cc:dd:ee:ff, got "${clip(options.mac)}"\n`,
    );
    return EXIT.usage;
  }
  if (options.at !== undefined && !(IMPORT_CLOCKS as readonly string[]).includes(options.at)) {
    await io.writeError(
      `netfsm import: --at must be ${IMPORT_CLOCKS.join(" or ")}, got "${clip(options.at)}"\n`,
    );
    return EXIT.usage;
  }
  let config: unknown;
  if (options.config !== undefined) {
    const read = await loadConfigFile(io, options.config);
    if (read._tag === "Left") {
      await io.writeError(`netfsm import: ${read.left}\n`);
      return EXIT.finding;
    }
    for (const note of read.right.notes) await io.writeError(`netfsm import: note: ${note}\n`);
    config = read.right.value;
  }
  const lines = await io.readLines(options.log);
  if (lines._tag === "Left") {
    await io.writeError(`netfsm import: ${lines.left}\n`);
    return EXIT.finding;
  }
  const importer = new Importer({
    strict: options.strict,
    ...(options.at !== undefined ? { at: options.at as ImportClock } : {}),
    ...(config !== undefined ? { config } : {}),
    ...(options.mac !== undefined ? { mac: options.mac.toLowerCase() } : {}),
  });
  const shown = progress(io, "imported");
  for await (const line of lines.right) {
    shown.tick();
    const out = importer.feed(line);
    if (out._tag === "Left") {
      await shown.done();
      await io.writeError(`netfsm import: ${options.log}: ${out.left}\n`);
      return EXIT.finding;
    }
    for (const traceLine of out.right) await io.write(traceLine + "\n");
  }
  for (const traceLine of importer.end()) await io.write(traceLine + "\n");
  await shown.done();
  const { events, lines: read, skipped, dialects, warnings } = importer.summary;
  const kinds = dialects.length === 0 ? "no known dialect" : dialects.join(", ");
  await io.writeError(
    `netfsm import: ${events} events from ${read} lines (${kinds}); ${skipped} lines skipped\n`,
  );
  for (const warning of warnings) await io.writeError(`netfsm import: note: ${warning}\n`);
  return events === 0 ? EXIT.finding : EXIT.ok;
}
