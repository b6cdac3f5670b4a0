/**
 * `netfsm import LOG [--config FILE] [--mac MAC] [--strict]`: a device's serial log as a trace, on
 * standard output. Reads ESP-IDF (with AtomVM's driver lines), Arduino-ESP32 and ESP-AT output.
 *
 * @module
 */
import { macCodec } from "../core/device.ts";
import { decodeConfig } from "../core/config/schema.ts";
import { formatProblems } from "../core/config/problem.ts";
import { checkText } from "./check_command.ts";
import { parseTerm, toJson } from "./erlang_term.ts";
import { Importer } from "./import/importer.ts";
import { type CliIo, EXIT } from "./io.ts";
import { progress } from "./progress.ts";

/** Options of the import command. */
export interface ImportCommandOptions {
  readonly log: string;
  readonly config?: string;
  readonly mac?: string;
  readonly strict: boolean;
}

async function readConfig(io: CliIo, path: string): Promise<unknown | string> {
  const lines = await io.readLines(path);
  if (lines._tag === "Left") return lines.left;
  const parts: string[] = [];
  for await (const line of lines.right) parts.push(line);
  const text = parts.join("\n");
  const report = checkText(text);
  if (report._tag === "Left") return `${path}: ${report.left}`;
  if (report.right.problems.length > 0) {
    return `${path} is not a valid configuration:\n${formatProblems(report.right.problems)}`;
  }
  if (text.trimStart().startsWith("{")) return JSON.parse(text);
  const term = parseTerm(text);
  return term._tag === "Right" ? toJson(term.right) : term.left;
}

/** Imports a log; returns the exit code. */
export async function importCommand(io: CliIo, options: ImportCommandOptions): Promise<number> {
  if (options.mac !== undefined && macCodec.decode(options.mac)._tag === "Left") {
    await io.writeError(
      `netfsm import: --mac must be a MAC written aa:bb:cc:dd:ee:ff, got "${options.mac}"\n`,
    );
    return EXIT.usage;
  }
  let config: unknown;
  if (options.config !== undefined) {
    config = await readConfig(io, options.config);
    if (typeof config === "string" || decodeConfig(config)._tag === "Left") {
      await io.writeError(
        `netfsm import: ${typeof config === "string" ? config : "invalid configuration"}\n`,
      );
      return EXIT.finding;
    }
  }
  const lines = await io.readLines(options.log);
  if (lines._tag === "Left") {
    await io.writeError(`netfsm import: ${lines.left}\n`);
    return EXIT.finding;
  }
  const importer = new Importer({
    strict: options.strict,
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
