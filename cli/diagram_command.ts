/**
 * `netfsm diagram [--format mermaid|dot|svg]`: the state machine, drawn from the table the code
 * runs. SVG goes through Graphviz's `dot` when it is installed.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { Buffer } from "node:buffer";
import { clip } from "../core/limits.ts";
import { TRANSITIONS } from "../core/step.ts";
import { dot, mermaid } from "./diagram.ts";
import { type CliIo, EXIT } from "./io.ts";

/** Turns dot source into SVG, or says why it cannot. */
export type Renderer = (
  source: string,
) => Promise<{ ok: true; svg: string } | { ok: false; message: string }>;

const NO_GRAPHVIZ =
  "SVG needs Graphviz's dot, which is not installed (apt-get install graphviz); --format mermaid and --format dot need nothing";

/** Renders with Graphviz's `dot -Tsvg` (through node:child_process, so on Deno and Node alike). */
export const graphviz: Renderer = (source) =>
  new Promise((resolve) => {
    const child = spawn("dot", ["-Tsvg"], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Uint8Array[] = [];
    const err: Uint8Array[] = [];
    child.stdout.on("data", (chunk: Uint8Array) => out.push(chunk));
    child.stderr.on("data", (chunk: Uint8Array) => err.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        message: error.code === "ENOENT" ? NO_GRAPHVIZ : `cannot run Graphviz: ${error.message}`,
      }));
    child.on("close", (code: number | null) => {
      const text = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));
      if (code === 0) resolve({ ok: true, svg: text(out) });
      else if (code !== null) {
        resolve({ ok: false, message: `Graphviz failed: ${text(err).trim()}` });
      }
    });
    // A missing dot closes stdin at once; the error event says why, not this write.
    child.stdin.on("error", () => {});
    child.stdin.end(source);
  });

/** Prints the diagram; returns the exit code. */
export async function diagramCommand(
  io: CliIo,
  format: string,
  render: Renderer = graphviz,
): Promise<number> {
  switch (format) {
    case "mermaid":
      await io.write(mermaid(TRANSITIONS));
      return EXIT.ok;
    case "dot":
      await io.write(dot(TRANSITIONS));
      return EXIT.ok;
    case "svg": {
      const result = await render(dot(TRANSITIONS));
      if (!result.ok) {
        await io.writeError(`netfsm diagram: ${result.message}\n`);
        return EXIT.finding;
      }
      await io.write(result.svg);
      return EXIT.ok;
    }
    default:
      await io.writeError(
        `netfsm diagram: --format must be mermaid, dot or svg, got "${clip(format)}"\n`,
      );
      return EXIT.usage;
  }
}
