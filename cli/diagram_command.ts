/**
 * `netfsm diagram [--format mermaid|dot|svg]`: the state machine, drawn from the table the code
 * runs. SVG is rendered in-process by Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`),
 * so it needs no system Graphviz and no permission beyond reading, on Deno and Node alike.
 *
 * @module
 */
import { clip } from "../core/limits.ts";
import { TRANSITIONS } from "../core/step.ts";
import { dot, mermaid } from "./diagram.ts";
import { type CliIo, EXIT } from "./io.ts";

/** Turns dot source into SVG, or says why it cannot. */
export type Renderer = (
  source: string,
) => Promise<{ ok: true; svg: string } | { ok: false; message: string }>;

/** Renders with Graphviz's `dot` layout, compiled to WebAssembly. */
export const graphviz: Renderer = async (source) => {
  try {
    // Imported when SVG is asked for: the module carries its WebAssembly, over a megabyte that
    // every other command's start-up would otherwise parse.
    const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
    const engine = await Graphviz.load();
    return { ok: true, svg: engine.dot(source, "svg") };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Graphviz failed: ${clip(message)}` };
  }
};

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
