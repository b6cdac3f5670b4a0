/**
 * The HTML report of a run: one self-contained page (inline style, script and SVG; nothing to
 * fetch) with each region's status as bands along a time axis, the run's inputs, callbacks,
 * commands and diagnostics as marks whose details show on hover, the reconnect waits as spans,
 * and the state diagram with the path the run took. Pure: a string from a model.
 *
 * @module
 */
import { formatTime } from "../timeline.ts";
import { highlightPath } from "./highlight.ts";
import { type Band, type MarkKind, type ReportModel, shownRegions } from "./model.ts";

/** The colour of each status in the bands: green joined, amber on the way, red lost, grey idle. */
export const STATUS_COLOURS: Readonly<Record<string, string>> = {
  connected: "#2e9e44",
  associated: "#8bc34a",
  degraded: "#c9a227",
  connecting: "#f0b429",
  disconnecting: "#e07b39",
  disconnected: "#d64545",
  inactive: "#b0bec5",
  stopped: "#9e9e9e",
  running: "#4a90d9",
  started: "#2e9e44",
  starting: "#f0b429",
  stopping: "#e07b39",
  off: "#cfd8dc",
  idle: "#90caf9",
  queued: "#ffcc80",
};
const UNKNOWN_COLOUR = "#7e57c2";

/** The colour a band of `status` is drawn in. */
export const colourOf = (status: string): string => STATUS_COLOURS[status] ?? UNKNOWN_COLOUR;

const MARK_COLOURS: Readonly<Record<MarkKind, string>> = {
  input: "#263238",
  callback: "#0097a7",
  command: "#8e24aa",
  diagnostic: "#e65100",
};
const WAIT_COLOUR = "#ef9a9a";

/** What one escapes in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

const WIDTH = 1100;
const LEFT = 120;
const RIGHT = 20;
const BAND = 24;
const ROW = 22;
const GAP = 6;

/** Tick spacing of 1, 2 or 5 times a power of ten, for about eight ticks. */
function tickStep(span: number): number {
  const rough = Math.max(1, span / 8);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((f) => f * power).find((step) => step >= rough) ?? power * 10;
}

function timeline(model: ReportModel): string {
  const span = Math.max(1, model.end - model.start);
  const x = (at: number) => LEFT + ((at - model.start) / span) * (WIDTH - LEFT - RIGHT);
  const parts: string[] = [];
  let y = 28;
  const step = tickStep(span);
  for (let at = Math.ceil(model.start / step) * step; at <= model.end; at += step) {
    parts.push(
      `<line class="tick" x1="${x(at)}" x2="${x(at)}" y1="18" y2="100%" stroke="#eceff1"/>`,
      `<text x="${x(at)}" y="12" text-anchor="middle" class="axis">${formatTime(at).trim()}</text>`,
    );
  }
  const label = (text: string, height: number) =>
    `<text x="${LEFT - 8}" y="${y + height / 2 + 4}" text-anchor="end" class="row">${
      escapeHtml(text)
    }</text>`;
  for (const region of shownRegions(model.bands)) {
    parts.push(label(region, BAND));
    for (const band of model.bands.filter((b) => b.region === region)) {
      parts.push(bandRect(band, x, y));
    }
    y += BAND + GAP;
  }
  parts.push(label("reconnect wait", ROW));
  model.waits.forEach((wait, index) => {
    const width = Math.max(1, x(wait.to) - x(wait.from));
    const said = `${wait.to - wait.from} ms`;
    // Inside the span when it fits; else beside it, left and right in turn, so neighbours' do not
    // overlap.
    const [tx, anchor] = width > said.length * 6 + 4
      ? [x(wait.from) + width / 2, "middle"]
      : index % 2 === 0
      ? [x(wait.from) - 3, "end"]
      : [x(wait.to) + 3, "start"];
    const tip = `reconnect wait: ${wait.to - wait.from} ms (${formatTime(wait.from).trim()} to ${
      formatTime(wait.to).trim()
    })`;
    parts.push(
      `<g class="wait" data-tip="${escapeHtml(tip)}"><title>${escapeHtml(tip)}</title>` +
        `<rect x="${x(wait.from)}" y="${y + 4}" width="${width}" height="${ROW - 8}" ` +
        `fill="${WAIT_COLOUR}"/><text x="${tx}" y="${y + ROW - 7}" text-anchor="${anchor}" ` +
        `class="waitlabel">${said}</text></g>`,
    );
  });
  y += ROW + GAP;
  for (const kind of ["input", "callback", "command", "diagnostic"] as const) {
    const marks = model.marks.filter((m) => m.kind === kind);
    if (kind !== "input" && marks.length === 0) continue;
    parts.push(label(`${kind}s`, ROW));
    let lastX = -Infinity;
    let lane = 0;
    for (const mark of marks) {
      const at = x(mark.at);
      // Marks closer than their size alternate between two lanes, so each can be hovered.
      lane = at - lastX < 8 ? 1 - lane : 0;
      lastX = at;
      const cy = y + ROW / 2 + (lane === 0 ? -4 : 4);
      parts.push(
        `<g class="mark" data-kind="${kind}" data-step="${mark.step}" data-tip="${
          escapeHtml(mark.detail)
        }"><title>${escapeHtml(mark.detail)}</title><circle cx="${at}" cy="${cy}" r="4" fill="${
          MARK_COLOURS[kind]
        }"/></g>`,
      );
    }
    y += ROW + GAP;
  }
  return `<svg class="timeline" viewBox="0 0 ${WIDTH} ${y}" width="${WIDTH}" height="${y}" ` +
    `xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

function bandRect(band: Band, x: (at: number) => number, y: number): string {
  const width = Math.max(0.5, x(band.to) - x(band.from));
  const tip = `${band.region} ${band.status}: ${formatTime(band.from).trim()} to ${
    formatTime(band.to).trim()
  }`;
  // A label only where it fits; the hover tells the rest.
  const text = width > band.status.length * 7 + 8
    ? `<text x="${x(band.from) + 4}" y="${
      y + BAND / 2 + 4
    }" class="bandlabel">${band.status}</text>`
    : "";
  return `<g class="band" data-region="${band.region}" data-status="${
    escapeHtml(band.status)
  }" data-tip="${escapeHtml(tip)}"><title>${escapeHtml(tip)}</title><rect x="${
    x(band.from)
  }" y="${y}" width="${width}" height="${BAND}" fill="${colourOf(band.status)}"/>${text}</g>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:16px;color:#263238;background:#fff}
h1{font-size:18px;margin:0 0 4px}h2{font-size:15px;margin:20px 0 6px}
.meta{color:#607d8b;margin:0 0 12px}
.axis{font-size:10px;fill:#78909c}.row{font-size:12px;fill:#37474f}
.bandlabel{font-size:11px;fill:#fff;pointer-events:none}
.waitlabel{font-size:10px;fill:#b71c1c;pointer-events:none}
.mark circle{stroke:#fff;stroke-width:1;cursor:pointer}.mark:hover circle{r:6}
#tip{position:fixed;z-index:9;max-width:640px;padding:6px 8px;background:#263238;color:#fff;
font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;border-radius:4px;pointer-events:none}
.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px}
.diagram{max-width:100%;height:auto;border:1px solid #eceff1}
.diagram .edge path,.diagram .edge polygon{stroke:#b0bec5}.diagram .edge text{fill:#90a4ae}
.diagram .edge.taken path{stroke:#d81b60;stroke-width:3}.diagram .edge.taken polygon{stroke:#d81b60;fill:#d81b60}
.diagram .edge.taken text{fill:#ad1457;font-weight:bold}
.diagram .node.visited path,.diagram .node.visited polygon{stroke:#d81b60;stroke-width:3;fill:#fce4ec}
ul.path{margin:0;padding-left:20px}`;

// Shows a mark's details beside the pointer; the <title> inside each mark says the same without it.
const SCRIPT = `
const tip = document.getElementById("tip");
for (const el of document.querySelectorAll("[data-tip]")) {
  el.addEventListener("mouseenter", () => { tip.textContent = el.dataset.tip; tip.hidden = false; });
  el.addEventListener("mousemove", (e) => {
    tip.style.left = Math.min(e.clientX + 14, innerWidth - tip.offsetWidth - 4) + "px";
    tip.style.top = (e.clientY + 14) + "px";
  });
  el.addEventListener("mouseleave", () => { tip.hidden = true; });
}`;

/** What a report page is made of. */
export interface ReportPage {
  /** The heading: what ran, such as the trace's file name. */
  readonly title: string;
  readonly model: ReportModel;
  /** The state diagram as Graphviz drew it, or null when it could not be drawn. */
  readonly diagram: string | null;
}

/**
 * The report as one self-contained HTML page.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderReport } from "./html.ts";
 * import { reportModel } from "./model.ts";
 * const html = renderReport({ title: "empty", model: reportModel([]), diagram: null });
 * assert.match(html, /^<!DOCTYPE html>/);
 * assert.doesNotMatch(html, /src=|href=/);
 * ```
 */
export function renderReport(page: ReportPage): string {
  const { model } = page;
  const statuses = [...new Set(model.bands.map((b) => b.status))];
  const legend = statuses.map((s) =>
    `<span><i style="background:${colourOf(s)}"></i>${escapeHtml(s)}</span>`
  ).join("");
  const path = model.taken.map((t) =>
    `<li data-region="${t.region}">${t.region}: ${escapeHtml(t.from)} → ${escapeHtml(t.to)} on ${
      escapeHtml(t.on)
    }${t.count > 1 ? ` (×${t.count})` : ""}</li>`
  ).join("");
  const diagram = page.diagram === null
    ? `<p class="meta">The diagram could not be drawn.</p>`
    : highlightPath(page.diagram, model);
  const steps = new Set(model.marks.map((m) => m.step)).size;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>netfsm: ${escapeHtml(page.title)}</title><style>${STYLE}</style></head>
<body><h1>netfsm: ${escapeHtml(page.title)}</h1>
<p class="meta">${steps} steps from ${formatTime(model.start).trim()} to ${
    formatTime(model.end).trim()
  }; hover a band or a mark for its details.</p>
<div class="legend">${legend}</div>
${timeline(model)}
<h2>The path the run took</h2><ul class="path">${path}</ul>
<h2>State diagram</h2>${diagram}
<div id="tip" hidden></div><script>${SCRIPT}</script></body></html>
`;
}
