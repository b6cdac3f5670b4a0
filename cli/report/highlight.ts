/**
 * Marks the path a run took on the state diagram's SVG (Graphviz's, from cli/diagram.ts's dot):
 * the nodes it visited and the edges its transitions used get the classes `visited` and `taken`,
 * which the report's style draws bold. Graphviz names each node group by its dot id in a `<title>`
 * and each edge group `from->to`, so the SVG is matched by those, not redrawn.
 *
 * @module
 */
import type { ReportModel } from "./model.ts";

const dotId = (region: string, status: string) =>
  `${region}_${status}`.replace(/[^A-Za-z0-9_]/g, "_");

const unescape = (text: string) =>
  text.replaceAll("&#45;", "-").replaceAll("&gt;", ">").replaceAll("&lt;", "<")
    .replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");

const GROUP = /<g id="([^"]+)" class="(node|edge)">\s*<title>([^<]*)<\/title>([\s\S]*?)<\/g>/g;

/**
 * The diagram's SVG, ready to inline in HTML, with the run's path marked. The XML prolog and
 * DOCTYPE go (an HTML page takes neither), and the drawing scales to the page's width.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { highlightPath } from "./highlight.ts";
 * const svg = '<svg width="9pt" height="9pt"><g id="edge1" class="edge">\n' +
 *   '<title>sta_stopped&#45;&gt;sta_connecting</title><text>start / start_wifi</text></g></svg>';
 * const model = { taken: [{ region: "sta", from: "stopped", to: "connecting", on: "start",
 *   count: 1 }], visited: [] } as const;
 * assert.match(highlightPath(svg, model), /class="edge taken" data-count="1"/);
 * ```
 */
export function highlightPath(
  svg: string,
  model: Pick<ReportModel, "taken" | "visited">,
): string {
  const visited = new Set(model.visited.map((v) => dotId(v.region, v.status)));
  const taken = new Map<string, Map<string, number>>();
  for (const t of model.taken) {
    const pair = `${dotId(t.region, t.from)}->${dotId(t.region, t.to)}`;
    const byInput = taken.get(pair) ?? new Map<string, number>();
    byInput.set(t.on, (byInput.get(t.on) ?? 0) + t.count);
    taken.set(pair, byInput);
  }
  // An edge is taken when its label names the input that moved the run along it; a pair whose
  // input no label names (a row of another region moved it) marks every edge of the pair.
  const labelled = new Set<string>();
  const labelOf = (body: string) => unescape(/<text[^>]*>([^<]*)<\/text>/.exec(body)?.[1] ?? "");
  const inputOf = (pair: string, body: string) => {
    const label = labelOf(body);
    return [...(taken.get(pair)?.keys() ?? [])].find((on) => label.startsWith(`${on} /`));
  };
  for (const match of svg.matchAll(GROUP)) {
    const pair = unescape(match[3]!);
    if (match[2] === "edge" && inputOf(pair, match[4]!) !== undefined) labelled.add(pair);
  }
  const marked = svg.replace(GROUP, (whole, id: string, kind: string, title: string, body) => {
    const name = unescape(title);
    if (kind === "node") {
      return visited.has(name)
        ? whole.replace(`class="node"`, `class="node visited" data-node="${name}"`)
        : whole.replace(`class="node"`, `class="node" data-node="${name}"`);
    }
    const byInput = taken.get(name);
    const on = inputOf(name, body);
    const count = on !== undefined
      ? byInput!.get(on)!
      : byInput !== undefined && !labelled.has(name)
      ? [...byInput.values()].reduce((a, b) => a + b, 0)
      : 0;
    if (count === 0) return whole;
    return whole.replace(
      `<g id="${id}" class="edge">`,
      `<g id="${id}" class="edge taken" data-count="${count}">`,
    );
  });
  return marked
    .replace(/^[\s\S]*?(?=<svg)/, "")
    .replace(/<svg width="[^"]*" height="[^"]*"/, '<svg class="diagram" width="100%"');
}
