/**
 * `netfsm diagram [--format mermaid|dot|svg|png]`: the state machine, drawn from the table the
 * code runs. SVG is rendered in-process by Graphviz compiled to WebAssembly
 * (`@hpcc-js/wasm-graphviz`), and PNG is that SVG rasterised by resvg compiled to WebAssembly
 * with a font from npm (cli/diagram_png.ts), so neither needs a system Graphviz, library or font,
 * nor any permission beyond reading, on Deno and Node alike.
 *
 * @module
 */
import { clip } from "../core/limits.ts";
import { TRANSITIONS } from "../core/step.ts";
import { dot, mermaid } from "./diagram.ts";
import type { Rasteriser } from "./diagram_png.ts";
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

/** Rasterises with resvg; its module and its WebAssembly load only when PNG is asked for. */
export const resvg: Rasteriser = async (svg, options) => {
  const { rasterise } = await import("./diagram_png.ts");
  return await rasterise(svg, options);
};

/** Where the diagram goes, and what draws it: by default the WebAssembly Graphviz and resvg. */
export interface DiagramOptions {
  /**
   * A file to write the diagram to instead of standard output: where `> file` would not keep
   * bytes as they are (Windows PowerShell 5 re-encodes a program's output as text).
   */
  readonly out?: string;
  readonly render?: Renderer;
  readonly rasterise?: Rasteriser;
}

/** The diagram in one format: text, or a PNG's bytes; or why it could not be drawn. */
async function draw(
  format: "mermaid" | "dot" | "svg" | "png",
  render: Renderer,
  rasterise: Rasteriser,
): Promise<{ ok: true; output: string | Uint8Array } | { ok: false; message: string }> {
  if (format === "mermaid") return { ok: true, output: mermaid(TRANSITIONS) };
  if (format === "dot") return { ok: true, output: dot(TRANSITIONS) };
  const drawn = await render(dot(TRANSITIONS));
  if (!drawn.ok || format === "svg") return drawn.ok ? { ok: true, output: drawn.svg } : drawn;
  const raster = await rasterise(drawn.svg);
  return raster.ok ? { ok: true, output: raster.png } : raster;
}

const FORMATS = ["mermaid", "dot", "svg", "png"] as const;

/**
 * Prints the diagram in `format`, PNG as bytes, or writes it to `options.out`; returns the exit
 * code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diagramCommand } from "./diagram_command.ts";
 * import { memoryIo } from "./memory_io.ts";
 * const io = memoryIo({});
 * assert.equal(await diagramCommand(io, "png", { out: "netfsm.png" }), 0);
 * assert.equal(io.stdout.join(""), "wrote the diagram to netfsm.png\n");
 * assert.equal(new TextDecoder().decode(io.writtenBytes["netfsm.png"]!.subarray(1, 4)), "PNG");
 * ```
 */
export async function diagramCommand(
  io: CliIo,
  format: string,
  { out, render = graphviz, rasterise = resvg }: DiagramOptions = {},
): Promise<number> {
  const known = FORMATS.find((f) => f === format);
  if (known === undefined) {
    await io.writeError(
      `netfsm diagram: --format must be mermaid, dot, svg or png, got "${clip(format)}"\n`,
    );
    return EXIT.usage;
  }
  const result = await draw(known, render, rasterise);
  if (!result.ok) {
    await io.writeError(`netfsm diagram: ${result.message}\n`);
    return EXIT.finding;
  }
  const { output } = result;
  if (out === undefined) {
    await (typeof output === "string" ? io.write(output) : io.writeBytes(output));
    return EXIT.ok;
  }
  const bytes = typeof output === "string" ? new TextEncoder().encode(output) : output;
  const written = await io.writeFile(out, bytes);
  if (written._tag === "Left") {
    await io.writeError(`netfsm diagram: ${written.left}\n`);
    return EXIT.finding;
  }
  await io.write(`wrote the diagram to ${out}\n`);
  return EXIT.ok;
}
