/**
 * What the importer's tests share: a log's text imported as `netfsm import` would, a line at a
 * time.
 *
 * @module
 */
import { Importer, type ImportOptions } from "./importer.ts";

/** The trace `text` imports to (header first), and the importer, for its summary. */
export function importText(
  text: string,
  options: ImportOptions = {},
): { trace: string[]; importer: Importer } {
  const importer = new Importer(options);
  const trace: string[] = [];
  for (const line of text.split("\n")) {
    const out = importer.feed(line);
    if (out._tag === "Left") throw new Error(out.left);
    trace.push(...out.right);
  }
  trace.push(...importer.end());
  return { trace, importer };
}
