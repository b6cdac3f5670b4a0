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
    await diagramCommand(svgIo, "svg", {
      render: (source) => Promise.resolve({ ok: true, svg: `<svg>${source.length}</svg>` }),
    }),
    0,
  );
  assert.match(svgIo.stdout.join(""), /^<svg>\d+<\/svg>$/);
  const missing = memoryIo({});
  assert.equal(
    await diagramCommand(missing, "svg", {
      render: () =>
        Promise.resolve({ ok: false, message: "SVG needs Graphviz's dot, which is not installed" }),
    }),
    1,
  );
  assert.match(missing.stderr.join(""), /not installed/);
  const bad = memoryIo({});
  assert.equal(await diagramCommand(bad, "gif"), 2);
  assert.match(bad.stderr.join(""), /--format must be mermaid, dot, svg or png, got "gif"/);
});

Deno.test("docs/behaviour.md embeds the Mermaid diagram the code draws today", async () => {
  const readme = await Deno.readTextFile(new URL("../docs/behaviour.md", import.meta.url));
  const embedded = /```mermaid\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.equal(embedded, mermaid(TRANSITIONS), "regenerate with: deno task netfsm diagram");
});

Deno.test("the WebAssembly Graphviz draws the state machine as SVG in-process, and a bad source is a message", async () => {
  const io = memoryIo({});
  assert.equal(await diagramCommand(io, "svg"), 0);
  const svg = io.stdout.join("");
  assert.match(svg, /^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\n?$/);
  // One cluster per region, titled as the dot source names them.
  for (const region of ["lifecycle", "sta", "ap", "sntp", "scan"]) {
    assert.match(svg, new RegExp(`<title>cluster_${region}</title>`), region);
  }
  const bad = await graphviz("digraph { a -> }");
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? "" : bad.message, /^Graphviz failed: /);
});
