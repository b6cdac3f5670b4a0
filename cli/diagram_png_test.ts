/**
 * The PNG diagram, decoded with pngjs and measured against the SVG it was rasterised from: its
 * size, that something is drawn, and that the text is drawn, where the SVG puts it, only because
 * the font shipped from npm was loaded (rendered again without it, the labels are empty).
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { execFile } from "node:child_process";
import process from "node:process";
import { PNG } from "pngjs";
import { TRANSITIONS } from "../core/step.ts";
import { dot } from "./diagram.ts";
import { diagramCommand, graphviz } from "./diagram_command.ts";
import { defaultFont, PNG_SCALE, rasterise } from "./diagram_png.ts";
import { memoryIo } from "./memory_io.ts";

interface Image {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

const decode = (png: Uint8Array): Image => PNG.sync.read(Buffer.from(png));

/** The pixel's luminance, 0 (black) to 255, over white where it is transparent. */
function luminance(image: Image, x: number, y: number): number {
  const i = (y * image.width + x) * 4;
  const [r, g, b, a] = [0, 1, 2, 3].map((k) => image.data[i + k]!);
  const over = (c: number) => (c * a! + 255 * (255 - a!)) / 255;
  return 0.299 * over(r!) + 0.587 * over(g!) + 0.114 * over(b!);
}

/** A rectangle of the image, in pixels, ends excluded. */
interface Box {
  readonly label: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * Where each `<text>` of Graphviz's SVG lands in the PNG: from its anchor, its baseline and its
 * font size, widened to any sans face's widths (0.7 em a character at most) and a pixel of
 * antialiasing.
 */
function textBoxes(svg: string, scale: number): Box[] {
  const translate = /class="graph" transform="[^"]*translate\(([-\d.]+) ([-\d.]+)\)"/.exec(svg);
  assert.ok(translate, "the graph's transform");
  const [tx, ty] = [Number(translate[1]), Number(translate[2])];
  const px = scale * 4 / 3; // pixels a point
  const boxes: Box[] = [];
  const text =
    /<text[^>]*text-anchor="(start|middle|end)" x="([-\d.]+)" y="([-\d.]+)"[^>]*font-size="([\d.]+)">([^<]*)<\/text>/g;
  for (const [, anchor, x, y, size, label] of svg.matchAll(text)) {
    const em = Number(size);
    const width = label!.length * em * 0.7;
    const left = anchor === "start"
      ? Number(x)
      : anchor === "end"
      ? Number(x) - width
      : Number(x) - width / 2;
    boxes.push({
      label: label!,
      x0: Math.floor((left + tx) * px) - 1,
      x1: Math.ceil((left + width + tx) * px) + 1,
      y0: Math.floor((Number(y) + ty - em) * px) - 1,
      y1: Math.ceil((Number(y) + ty + em * 0.3) * px) + 1,
    });
  }
  return boxes;
}

const DARK = 128;

function darkIn(image: Image, box: Box): number {
  let count = 0;
  for (let y = Math.max(0, box.y0); y < Math.min(image.height, box.y1); y++) {
    for (let x = Math.max(0, box.x0); x < Math.min(image.width, box.x1); x++) {
      if (luminance(image, x, y) < DARK) count++;
    }
  }
  return count;
}

/** The SVG's size in points, as Graphviz writes it. */
function sizeOf(svg: string): { width: number; height: number } {
  const match = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg);
  assert.ok(match, "the SVG's width and height");
  return { width: Number(match[1]), height: Number(match[2]) };
}

async function svgOfTheMachine(): Promise<string> {
  const drawn = await graphviz(dot(TRANSITIONS));
  assert.ok(drawn.ok, drawn.ok ? "" : drawn.message);
  return drawn.svg;
}

Deno.test("the PNG is the diagram: the SVG's size at the scale, drawn on white, every label's text set in the shipped font", async () => {
  const svg = await svgOfTheMachine();
  const withFont = await rasterise(svg);
  const withoutFont = await rasterise(svg, { fonts: [] });
  assert.ok(withFont.ok && withoutFont.ok);
  const [image, bare] = [decode(withFont.png), decode(withoutFont.png)];

  // 1 pt is 4/3 CSS pixels; resvg rounds a fractional size to the nearest pixel.
  const { width, height } = sizeOf(svg);
  assert.equal(image.width, Math.round(width * 4 / 3 * PNG_SCALE));
  assert.equal(image.height, Math.round(height * 4 / 3 * PNG_SCALE));
  assert.deepEqual([bare.width, bare.height], [image.width, image.height]);

  // Not blank: Graphviz's white background, with lines and text on it, yet mostly white.
  let dark = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) if (luminance(image, x, y) < DARK) dark++;
  }
  const share = dark / (image.width * image.height);
  assert.ok(share > 0.005 && share < 0.2, `dark share ${share}`);
  for (const [x, y] of [[0, 0], [image.width - 1, image.height - 1]] as const) {
    assert.equal(luminance(image, x, y), 255, `corner ${x},${y}`);
  }

  // Every label of the SVG (states, edges, regions) gets its glyphs: dark pixels inside its box
  // that the render without a font does not have, a few for each character at the least.
  const boxes = textBoxes(svg, PNG_SCALE);
  // Each of them: a label the pattern missed would go unchecked.
  assert.equal(boxes.length, svg.split("<text").length - 1);
  assert.ok(boxes.length > TRANSITIONS.length, `${boxes.length} labels`);
  for (const box of boxes) {
    const glyphs = darkIn(image, box) - darkIn(bare, box);
    assert.ok(
      glyphs >= 3 * box.label.replaceAll(" ", "").length,
      `"${box.label}": ${glyphs} dark pixels more with the font`,
    );
  }
  // And the font adds nothing but text, where the SVG puts it: every pixel the two renders
  // disagree on lies in a label's box.
  const inSomeBox = (x: number, y: number) =>
    boxes.some((b) => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1);
  let differing = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (Math.abs(luminance(image, x, y) - luminance(bare, x, y)) < 1) continue;
      differing++;
      assert.ok(inSomeBox(x, y), `pixel ${x},${y} differs outside every label`);
    }
  }
  assert.ok(differing > 0);
});

Deno.test("rasterise: the scale multiplies the size, and a broken SVG is a message", async () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="75pt" height="30pt"><text x="2" y="30" font-family="Helvetica" font-size="30">Wi</text></svg>';
  const font = await defaultFont();
  for (const scale of [1, 2, 3]) {
    const result = await rasterise(svg, { scale, fonts: [font] });
    assert.ok(result.ok);
    const image = decode(result.png);
    assert.deepEqual([image.width, image.height], [100 * scale, 40 * scale], `scale ${scale}`);
  }
  const broken = await rasterise("<svg");
  assert.equal(broken.ok, false);
  assert.match(broken.ok ? "" : broken.message, /^PNG rendering failed: /);
});

Deno.test("netfsm diagram --format png writes the PNG's bytes, unchanged, to standard output", async () => {
  const io = memoryIo({});
  assert.equal(await diagramCommand(io, "png"), 0);
  assert.deepEqual(io.stdout, [], "no text around the bytes");
  assert.equal(io.stdoutBytes.length, 1);
  const png = io.stdoutBytes[0]!;
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const { width } = sizeOf(await svgOfTheMachine());
  assert.equal(decode(png).width, Math.round(width * 4 / 3 * PNG_SCALE));

  // What Graphviz or resvg says when they fail reaches the user, and nothing goes to stdout.
  const failing = memoryIo({});
  assert.equal(
    await diagramCommand(failing, "png", {
      rasterise: () => Promise.resolve({ ok: false, message: "PNG rendering failed: no memory" }),
    }),
    1,
  );
  assert.deepEqual(failing.stdoutBytes, []);
  assert.equal(failing.stderr.join(""), "netfsm diagram: PNG rendering failed: no memory\n");
});

Deno.test("--out writes the diagram to a file instead, PNG as bytes, text as UTF-8; a bad path is a message", async () => {
  const io = memoryIo({});
  assert.equal(await diagramCommand(io, "png", { out: "netfsm.png" }), 0);
  assert.deepEqual(io.stdoutBytes, []);
  assert.equal(io.stdout.join(""), "wrote the diagram to netfsm.png\n");
  const { width } = sizeOf(await svgOfTheMachine());
  assert.equal(decode(io.writtenBytes["netfsm.png"]!).width, Math.round(width * 4 / 3 * PNG_SCALE));

  const printed = memoryIo({});
  const filed = memoryIo({});
  assert.equal(await diagramCommand(printed, "dot"), 0);
  assert.equal(await diagramCommand(filed, "dot", { out: "netfsm.dot" }), 0);
  assert.equal(new TextDecoder().decode(filed.writtenBytes["netfsm.dot"]), printed.stdout.join(""));

  const unwritable = memoryIo({});
  assert.equal(await diagramCommand(unwritable, "png", { out: "/nonexistent/d.png" }), 1);
  assert.deepEqual([unwritable.stdout, unwritable.stdoutBytes], [[], []]);
  assert.equal(
    unwritable.stderr.join(""),
    'netfsm diagram: cannot write "/nonexistent/d.png": no such directory\n',
  );
});

// This runtime's own launcher: Deno with nothing but --allow-read, or the npm package's bin on
// Node (the test runs from npm/test/cli/ there). Standard output is a pipe, which takes a PNG
// in many partial writes.
const onNode = !("deno" in process.versions);
const launcher = onNode
  ? [process.execPath, new URL("../../bin/netfsm.mjs", import.meta.url).pathname]
  : [Deno.execPath(), "run", "--allow-read", new URL("./netfsm.ts", import.meta.url).pathname];

Deno.test("the CLI pipes the PNG's bytes to standard output unchanged, with read permission alone", async () => {
  const [command, ...args] = launcher;
  const stdout = await new Promise<Buffer>((resolve, reject) =>
    execFile(
      command!,
      [...args, "diagram", "--format", "png"],
      { encoding: "buffer", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, out, err) => error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
    )
  );
  const io = memoryIo({});
  assert.equal(await diagramCommand(io, "png"), 0);
  assert.ok(stdout.length > 65536, `${stdout.length} bytes`);
  assert.ok(Buffer.from(io.stdoutBytes[0]!).equals(stdout), "the bytes the command made");
});
