import assert from "node:assert/strict";
import { TRANSITIONS } from "../core/step.ts";
import { dot, edgesOf, mermaid } from "./diagram.ts";
import { diagramCommand, graphviz } from "./diagram_command.ts";
import { memoryIo } from "./memory_io.ts";

Deno.test("every row of the transition table is an edge of the diagram", () => {
  const edges = edgesOf(TRANSITIONS);
  for (const row of TRANSITIONS) {
    for (const from of row.from) {
      assert.ok(
        edges.some((e) =>
          e.region === row.region && e.from === from &&
          e.label.startsWith(`${row.on}${row.timer === undefined ? "" : ` ${row.timer}`} /`)
        ),
        `${row.region}/${from}/${row.on}`,
      );
    }
  }
  const text = mermaid(TRANSITIONS);
  assert.equal(text.split("\n").filter((line) => line.includes("-->")).length, edges.length);
  assert.equal(
    dot(TRANSITIONS).split("\n").filter((line) => line.includes("->")).length,
    edges.length,
  );
});

Deno.test("diagram formats: mermaid, dot, svg through a renderer, and a clear message without one", async () => {
  const mermaidIo = memoryIo({});
  assert.equal(await diagramCommand(mermaidIo, "mermaid"), 0);
  assert.match(mermaidIo.stdout.join(""), /^stateDiagram-v2\n {2}state lifecycle \{/);
  const dotIo = memoryIo({});
  assert.equal(await diagramCommand(dotIo, "dot"), 0);
  assert.match(
    dotIo.stdout.join(""),
    /^digraph netfsm \{[\s\S]*subgraph cluster_sta \{[\s\S]*\}\n$/,
  );
  const svgIo = memoryIo({});
  assert.equal(
    await diagramCommand(
      svgIo,
      "svg",
      (source) => Promise.resolve({ ok: true, svg: `<svg>${source.length}</svg>` }),
    ),
    0,
  );
  assert.match(svgIo.stdout.join(""), /^<svg>\d+<\/svg>$/);
  const missing = memoryIo({});
  assert.equal(
    await diagramCommand(
      missing,
      "svg",
      () =>
        Promise.resolve({ ok: false, message: "SVG needs Graphviz's dot, which is not installed" }),
    ),
    1,
  );
  assert.match(missing.stderr.join(""), /not installed/);
  const bad = memoryIo({});
  assert.equal(await diagramCommand(bad, "png"), 2);
  assert.match(bad.stderr.join(""), /--format must be mermaid, dot or svg, got "png"/);
});

Deno.test("the README embeds the Mermaid diagram the code draws today", async () => {
  const readme = await Deno.readTextFile(new URL("../README.md", import.meta.url));
  const embedded = /```mermaid\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.equal(embedded, mermaid(TRANSITIONS), "regenerate with: deno task netfsm diagram");
});

Deno.test("the Graphviz renderer draws SVG where dot is installed, and says how to get it where not", async () => {
  const drawn = await graphviz("digraph g { a -> b }");
  if (drawn.ok) assert.match(drawn.svg, /<svg[\s\S]*<\/svg>/);
  else assert.match(drawn.message, /^SVG needs Graphviz's dot, which is not installed \(apt-get/);
});
