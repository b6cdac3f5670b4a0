/**
 * `netfsm diagram --format png`: the SVG that Graphviz draws, rasterised in-process by resvg
 * compiled to WebAssembly (`@resvg/resvg-wasm`), with its text set in Arimo
 * (`@expo-google-fonts/arimo`). Both come from npm, so a PNG needs no system library, no system
 * font and no permission beyond reading, on Deno and Node alike.
 *
 * Graphviz's WebAssembly build has no cairo, so it cannot write PNG itself; and without a font
 * resvg draws no text at all (the WebAssembly build sees no system fonts). Arimo is metric-
 * compatible with Helvetica and Arial, whose widths Graphviz lays the labels out by, so the text
 * fills the boxes Graphviz sized for it instead of overflowing them as a wider face would.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import { clip } from "../core/limits.ts";

/** The family the diagram's text is set in: the font loaded as the default and sans-serif. */
export const FONT_FAMILY = "Arimo";

/**
 * Pixels per CSS pixel of the SVG (1 pt = 4/3 px, 96 dpi). At 1 the whole machine is about
 * 4100 by 2200 pixels and its 9 pt edge labels are 12 pixels high, readable; 2 would quadruple
 * the pixels and the time for no detail a reader needs.
 */
export const PNG_SCALE = 1;

/** How to rasterise: the zoom, and the fonts to set text in (none draws no text). */
export interface RasterOptions {
  readonly scale?: number;
  readonly fonts?: readonly Uint8Array[];
}

/** Turns SVG into PNG bytes, or says why it cannot. */
export type Rasteriser = (
  svg: string,
  options?: RasterOptions,
) => Promise<{ ok: true; png: Uint8Array } | { ok: false; message: string }>;

// The WebAssembly and the font are found as files by Node's resolution, which Deno follows too
// (into node_modules/): no import loads a .wasm as bytes, or a .ttf at all, on both runtimes.
// This module itself is imported only when PNG is asked for (diagram_command.ts), so no other
// command reads or compiles them.
const require = createRequire(import.meta.url);

let compiled: Promise<void> | undefined;

/** resvg's WebAssembly, compiled once: `initWasm` refuses a second call in the same process. */
function ready(): Promise<void> {
  compiled ??= readFile(require.resolve("@resvg/resvg-wasm/index_bg.wasm")).then(initWasm);
  // A failure to read is not kept: the next call tries again, and says why again.
  compiled.catch(() => compiled = undefined);
  return compiled;
}

let arimo: Promise<Uint8Array> | undefined;

/** The bytes of Arimo Regular, read once. */
export function defaultFont(): Promise<Uint8Array> {
  arimo ??= readFile(require.resolve("@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf"));
  arimo.catch(() => arimo = undefined);
  return arimo;
}

/**
 * Rasterises SVG to PNG with resvg, at {@link PNG_SCALE} and with Arimo unless told otherwise.
 * Text in any family (Graphviz names `Helvetica,sans-Serif` and `Times,serif`) is set in the
 * first font given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rasterise } from "./diagram_png.ts";
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="30pt" height="15pt"></svg>';
 * const result = await rasterise(svg, { scale: 2 });
 * assert.ok(result.ok);
 * // A PNG signature, then its header: 30 pt is 40 px wide, times 2.
 * assert.deepEqual([...result.png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
 * assert.equal(new DataView(result.png.buffer, result.png.byteOffset).getUint32(16), 80);
 * ```
 */
export const rasterise: Rasteriser = async (svg, options = {}) => {
  try {
    await ready();
    const fonts = options.fonts ?? [await defaultFont()];
    const renderer = new Resvg(svg, {
      fitTo: { mode: "zoom", value: options.scale ?? PNG_SCALE },
      font: {
        fontBuffers: [...fonts],
        defaultFontFamily: FONT_FAMILY,
        sansSerifFamily: FONT_FAMILY,
        // Graphviz titles clusters in its default face, `Times,serif`.
        serifFamily: FONT_FAMILY,
      },
    });
    try {
      const image = renderer.render();
      try {
        return { ok: true, png: image.asPng() };
      } finally {
        image.free();
      }
    } finally {
      renderer.free();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `PNG rendering failed: ${clip(message)}` };
  }
};
