/**
 * The state diagram, drawn from the transition table that `step` runs (core/step.ts
 * `TRANSITIONS`): nothing here is kept in step by hand. Each region is drawn as its own cluster;
 * an edge is a row, labelled with its input and what it does.
 *
 * @module
 */
import type { Transition } from "../core/table.ts";

/** One edge of the diagram. */
export interface Edge {
  readonly region: string;
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/** The edges of a table: one per row, source and target status (`same` drawn as a loop). */
export function edgesOf(rows: readonly Transition[]): Edge[] {
  const edges: Edge[] = [];
  for (const row of rows) {
    for (const from of row.from) {
      const targets = row.to === "same" ? [from] : row.to.map((to) => to === "same" ? from : to);
      for (const to of new Set(targets)) {
        edges.push({
          region: row.region,
          from,
          to,
          label: `${row.on}${row.timer === undefined ? "" : ` ${row.timer}`} / ${row.does}`,
        });
      }
    }
  }
  return edges;
}

const id = (region: string, status: string) => `${region}_${status}`.replace(/[^A-Za-z0-9_]/g, "_");

/**
 * The diagram as Mermaid (`stateDiagram-v2`), a region per composite state.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TRANSITIONS } from "../core/step.ts";
 * import { mermaid } from "./diagram.ts";
 * assert.match(mermaid(TRANSITIONS), /sta_associated --> sta_connected : sta_got_ip \/ got_ip\(ip_info\), start_sntp/);
 * ```
 */
export function mermaid(rows: readonly Transition[]): string {
  const edges = edgesOf(rows);
  const lines = ["stateDiagram-v2"];
  for (const region of [...new Set(edges.map((e) => e.region))]) {
    lines.push(`  state ${region} {`);
    const statuses = [
      ...new Set(edges.filter((e) => e.region === region).flatMap((e) => [e.from, e.to])),
    ];
    for (const status of statuses) lines.push(`    ${id(region, status)} : ${status}`);
    for (const e of edges.filter((e) => e.region === region)) {
      lines.push(
        `    ${id(region, e.from)} --> ${id(region, e.to)} : ${e.label.replaceAll(":", "")}`,
      );
    }
    lines.push("  }");
  }
  return lines.join("\n") + "\n";
}

/** The diagram as Graphviz dot, a region per cluster. */
export function dot(rows: readonly Transition[]): string {
  const edges = edgesOf(rows);
  const quote = (s: string) => `"${s.replaceAll('"', '\\"')}"`;
  const lines = [
    "digraph netfsm {",
    "  rankdir=LR;",
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const region of [...new Set(edges.map((e) => e.region))]) {
    lines.push(`  subgraph cluster_${region} {`, `    label=${quote(region)};`);
    const statuses = [
      ...new Set(edges.filter((e) => e.region === region).flatMap((e) => [e.from, e.to])),
    ];
    for (const status of statuses) {
      lines.push(`    ${id(region, status)} [label=${quote(status)}];`);
    }
    for (const e of edges.filter((e) => e.region === region)) {
      lines.push(`    ${id(region, e.from)} -> ${id(region, e.to)} [label=${quote(e.label)}];`);
    }
    lines.push("  }");
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}
