import assert from "node:assert/strict";
import { createState } from "../../core/state.ts";
import { main } from "../main.ts";
import { memoryIo } from "../memory_io.ts";
import { scenarioPath } from "../simulate_command.ts";
import { highlightPath } from "./highlight.ts";
import { escapeHtml, renderReport } from "./html.ts";
import { INITIAL, reportModel } from "./model.ts";
import { replayReportCommand, traceSteps } from "./report_command.ts";

const STA = await Deno.readTextFile(new URL("../../examples/traces/sta.jsonl", import.meta.url));
const AP = await Deno.readTextFile(new URL("../../examples/traces/ap.jsonl", import.meta.url));
const noDiagram = () => Promise.resolve({ ok: false as const, message: "not drawn" });

async function stepsOf(text: string) {
  const steps = await traceSteps(text.split("\n"));
  assert.ok(Array.isArray(steps));
  return steps;
}

Deno.test("the initial regions are those createState starts with", async () => {
  const { reportStep } = await import("./report_command.ts");
  const state = createState({ config: {}, device: { mac: "24:0a:c4:12:34:56" } });
  const record = { at: 0, input: {}, status: state.sta, callbacks: [], commands: [], reply: null };
  assert.deepEqual(reportStep(record, state).regions, INITIAL);
});

Deno.test("sta.jsonl's model: station bands end to end, two reconnect waits, the round trip", async () => {
  const model = reportModel(await stepsOf(STA));
  const sta = model.bands.filter((b) => b.region === "sta");
  assert.equal(sta[0]!.from, 0);
  assert.equal(sta.at(-1)!.to, model.end);
  sta.slice(1).forEach((band, i) => assert.equal(band.from, sta[i]!.to, "bands touch"));
  assert.deepEqual(sta.map((b) => b.status).slice(0, 4), [
    "stopped",
    "connecting",
    "associated",
    "connected",
  ]);
  // Disconnected at 60 s and 63.1 s; the reconnect timer fired 883 ms and 1631 ms later.
  assert.deepEqual(model.waits, [{ from: 60000, to: 60883 }, { from: 63100, to: 64731 }]);
  const round = model.taken.find((t) => t.from === "disconnected" && t.to === "connecting");
  assert.deepEqual(round, {
    region: "sta",
    from: "disconnected",
    to: "connecting",
    on: "timer reconnect",
    count: 2,
  });
  const inputs = model.marks.filter((m) => m.kind === "input");
  assert.equal(inputs.length, 11);
  assert.match(inputs[0]!.detail, /^0\.000s\s+connecting\s+start\nreply\s+ok$/);
  const commands = model.marks.find((m) => m.kind === "command")!;
  assert.match(commands.detail, /connect_sta ssid=home psk=<redacted>/);
});

Deno.test("ap.jsonl's model draws the soft-AP's region, which the station's status does not show", async () => {
  const model = reportModel(await stepsOf(AP));
  assert.ok(model.bands.some((b) => b.region === "ap" && b.status === "started"));
  assert.ok(model.taken.some((t) => t.region === "ap" && t.to === "started"));
});

Deno.test("highlightPath marks taken edges by their input, visited nodes, and fits the page", () => {
  const svg = `<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg width="90pt" height="9pt">` +
    `<g id="node1" class="node">\n<title>sta_stopped</title><path/></g>` +
    `<g id="edge1" class="edge">\n<title>sta_stopped&#45;&gt;sta_connecting</title>` +
    `<text>start / start_wifi</text></g>` +
    `<g id="edge2" class="edge">\n<title>sta_stopped&#45;&gt;sta_connecting</title>` +
    `<text>sta_connect / connect</text></g></svg>`;
  const marked = highlightPath(svg, {
    taken: [{ region: "sta", from: "stopped", to: "connecting", on: "start", count: 1 }],
    visited: [{ region: "sta", status: "stopped" }],
  });
  assert.match(marked, /^<svg class="diagram" width="100%">/);
  assert.match(marked, /id="node1" class="node visited" data-node="sta_stopped"/);
  assert.match(marked, /id="edge1" class="edge taken" data-count="1"/);
  assert.match(marked, /id="edge2" class="edge">/);
});

Deno.test("the page is self-contained, escapes what it shows, and says so when there is no diagram", () => {
  const record = {
    at: 3,
    input: { type: "sta_connect", config: { ssid: "<b>&'\"", psk: "<redacted>" } },
    status: "connecting" as const,
    callbacks: [],
    commands: [],
    reply: null,
  };
  const html = renderReport({
    title: "a<b>",
    model: reportModel([{ record, regions: { ...INITIAL, sta: "connecting" } }]),
    diagram: null,
  });
  assert.equal(escapeHtml(`<&>"'`), "&lt;&amp;&gt;&quot;&#39;");
  assert.ok(!html.includes("<b>"));
  assert.match(html, /config\.ssid=&lt;b&gt;&amp;&#39;&quot;/);
  assert.doesNotMatch(html, /\b(src|href)=|@import|url\(/);
  assert.match(html, /The diagram could not be drawn/);
});

Deno.test("replay --html writes the report instead of the timeline; an error writes none", async () => {
  const io = memoryIo({ "sta.jsonl": STA });
  assert.equal(await main(["replay", "sta.jsonl", "--html", "out.html"], io), 0);
  assert.equal(io.stdout.join(""), "wrote the report of 11 steps to out.html\n");
  const html = io.written["out.html"]!;
  assert.match(html, /<svg class="diagram"/);
  assert.match(html, /class="edge taken"/);
  assert.equal(html.match(/data-kind="input"/g)?.length, 11);
  const bad = memoryIo({ "bad.jsonl": STA + "{\n" });
  assert.equal(await replayReportCommand(bad, { file: "bad.jsonl", html: "b.html" }, noDiagram), 1);
  assert.match(bad.stderr.join(""), /^netfsm replay: bad\.jsonl:12: /);
  assert.equal(bad.written["b.html"], undefined);
  const nowhere = memoryIo({ "sta.jsonl": STA });
  assert.equal(await main(["replay", "sta.jsonl", "--html", "/nonexistent/r.html"], nowhere), 1);
  assert.match(nowhere.stderr.join(""), /no such directory/);
});

Deno.test("simulate --html writes the report as well; its output is otherwise the same", async () => {
  // memoryIo reads only the files it is given: the built-in scenario's too.
  const path = scenarioPath("default");
  const files = { [path]: await Deno.readTextFile(path) };
  const plain = memoryIo(files);
  assert.equal(await main(["simulate", "--json"], plain), 0);
  const io = memoryIo(files);
  assert.equal(await main(["simulate", "--json", "--html", "sim.html"], io), 0);
  assert.deepEqual(io.stdout, plain.stdout);
  const records = plain.stdout.join("").trimEnd().split("\n").length;
  assert.equal(io.written["sim.html"]!.match(/data-kind="input"/g)?.length, records);
  const timeline = memoryIo(files);
  assert.equal(await main(["simulate", "--html", "sim.html"], timeline), 0);
  assert.match(timeline.stdout.join(""), /\nwrote the report to sim\.html\n$/);
});

Deno.test("run --html writes the report when the run ends, and no psk", async () => {
  const psk = "hunter22hunter";
  const config = JSON.stringify({ sta: { ssid: "home", psk, connected: true, got_ip: true } });
  const io = memoryIo({ "c.json": config });
  const write = io.write;
  io.write = async (chunk) => {
    await write(chunk);
    if (io.stdout.join("").includes("sta_got_ip")) io.interrupt();
  };
  assert.equal(await main(["run", "c.json", "--duration", "60", "--html", "run.html"], io), 0);
  const html = io.written["run.html"]!;
  assert.match(html, /data-region="sta" data-status="connected"/);
  assert.ok(!html.includes(psk));
  assert.match(io.stdout.join(""), /wrote the report to run\.html\n$/);
});
