/**
 * `netfsm diagram [--format mermaid|dot|svg]`: the state machine, drawn from the table the code
 * runs. SVG goes through Graphviz's `dot` when it is installed.
 *
 * @module
 */
import { TRANSITIONS } from "../core/step.ts";
import { dot, mermaid } from "./diagram.ts";
import { type CliIo, EXIT } from "./io.ts";

/** Turns dot source into SVG, or says why it cannot. */
export type Renderer = (
  source: string,
) => Promise<{ ok: true; svg: string } | { ok: false; message: string }>;

/** Renders with Graphviz's `dot -Tsvg`. */
export const graphviz: Renderer = async (source) => {
  try {
    const child = new Deno.Command("dot", {
      args: ["-Tsvg"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(source));
    await writer.close();
    const { code, stdout, stderr } = await child.output();
    return code === 0
      ? { ok: true, svg: new TextDecoder().decode(stdout) }
      : { ok: false, message: `Graphviz failed: ${new TextDecoder().decode(stderr).trim()}` };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return {
        ok: false,
        message:
          "SVG needs Graphviz's dot, which is not installed (apt-get install graphviz); --format mermaid and --format dot need nothing",
      };
    }
    return {
      ok: false,
      message: `cannot run Graphviz: ${error instanceof Error ? error.message : String(error)}`,
    };
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
        `netfsm diagram: --format must be mermaid, dot or svg, got "${format}"\n`,
      );
      return EXIT.usage;
  }
}
