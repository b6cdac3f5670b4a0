/**
 * The HTML report in a real browser: examples/traces/sta.jsonl's report, opened in Debian's
 * Chromium, headless, driven by playwright-core. It checks the page's DOM, a hover's tooltip,
 * that the page requests nothing, and a full-page screenshot (.test-results/report_sta.png)
 * decoded with pngjs: its size, and the band colours where the bands are.
 *
 * @module
 */
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { CHROMIUM, CHROMIUM_MISSING, ensureChromium } from "../../scripts/ensure_chromium.ts";
import { colourOf } from "./html.ts";
import { reportModel } from "./model.ts";
import { traceSteps, writeReport } from "./report_command.ts";
import { memoryIo } from "../memory_io.ts";

const TRACE = new URL("../../examples/traces/sta.jsonl", import.meta.url);
const RESULTS = new URL("../../.test-results/", import.meta.url);

Deno.test("the report of sta.jsonl, in headless Chromium", async () => {
  assert.ok(await ensureChromium(), CHROMIUM_MISSING);
  const text = await Deno.readTextFile(TRACE);
  const steps = await traceSteps(text.split("\n"));
  assert.ok(Array.isArray(steps));
  const model = reportModel(steps);
  const io = memoryIo({});
  assert.equal(await writeReport(io, "sta.html", "examples/traces/sta.jsonl", steps), null);
  await Deno.mkdir(RESULTS, { recursive: true });
  const page_ = new URL("report_sta.html", RESULTS);
  await Deno.writeTextFile(page_, io.written["sta.html"]!);

  const profile = await Deno.makeTempDir({ prefix: "netfsm-chromium-" });
  // A fresh profile each run; playwright takes it as launchPersistentContext's userDataDir, which
  // it passes to Chromium as --user-data-dir.
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    await page.goto(page_.href);
    await page.waitForLoadState("load");
    // The page itself is the only thing loaded: no style, script, font or image from anywhere.
    assert.deepEqual(requested, [page_.href]);

    // A band for each status the station had, the initial one included.
    const statuses = [...new Set(["stopped", ...steps.map((s) => s.record.status)])].sort();
    const shown = await page.$$eval(
      'g.band[data-region="sta"]',
      (els) => [...new Set(els.map((e) => e.getAttribute("data-status")))].sort(),
    );
    assert.deepEqual(shown, statuses);
    // One mark per input (and per timer fired), each with the details of its step.
    const inputs = await page.$$eval('g.mark[data-kind="input"]', (els) =>
      els.map((e) => ({
        tip: e.getAttribute("data-tip"),
        title: e.querySelector("title")?.textContent,
      })));
    const expected = model.marks.filter((m) => m.kind === "input").map((m) => m.detail);
    assert.equal(inputs.length, steps.length);
    assert.deepEqual(inputs.map((i) => i.tip), expected);
    assert.deepEqual(inputs.map((i) => i.title), expected);
    assert.equal(await page.locator("g.wait").count(), 2);
    // The path on the diagram: the station's round trip, and no more than the run took.
    const taken = await page.$$eval(
      "svg.diagram g.edge.taken > title",
      (els) => els.map((e) => e.textContent),
    );
    for (
      const edge of [
        "sta_connecting->sta_associated",
        "sta_associated->sta_connected",
        "sta_connected->sta_disconnected",
        "sta_disconnected->sta_connecting",
        "lifecycle_stopped->lifecycle_running",
      ]
    ) assert.ok(taken.includes(edge), `${edge} is not highlighted: ${taken.join(", ")}`);
    assert.ok(taken.every((edge) => !edge?.startsWith("ap_")), taken.join(", "));
    const visited = await page.$$eval(
      "svg.diagram g.node.visited",
      (els) => els.map((e) => e.getAttribute("data-node")),
    );
    assert.ok(visited.includes("sta_connected") && !visited.includes("sta_degraded"));

    // Hovering the clock's sync shows its details beside the pointer.
    const sync = page.locator('g.mark[data-kind="input"]').nth(
      steps.findIndex((s) => (s.record.input as { type: string }).type === "sntp_sync"),
    );
    await sync.hover();
    const tip = page.locator("#tip");
    assert.ok(await tip.isVisible());
    assert.match(await tip.innerText(), /2\.310s\s+connected\s+sntp_sync sec=1795000000/);
    await page.mouse.move(0, 0);
    assert.ok(!await tip.isVisible());

    const screenshot = new URL("report_sta.png", RESULTS);
    const bytes = await page.screenshot({ fullPage: true, path: screenshot.pathname });
    const png = PNG.sync.read(bytes);
    // Expressions as text: they run in the page, whose globals Deno's types do not know.
    const size = await page.evaluate<{ width: number; height: number }>(
      "({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })",
    );
    const scroll = await page.evaluate<{ x: number; y: number }>("({ x: scrollX, y: scrollY })");
    assert.deepEqual({ width: png.width, height: png.height }, size);
    const bands = await page.$$eval("g.band rect", (els) =>
      els.map((e) => {
        const box = e.getBoundingClientRect();
        return {
          status: e.parentElement!.getAttribute("data-status")!,
          x: box.left,
          y: box.top,
          width: box.width,
        };
      }));
    let checked = 0;
    for (const band of bands.filter((b) => b.width >= 6)) {
      // Near the band's top left corner: inside it, above its label.
      const [x, y] = [Math.round(band.x + scroll.x + 2), Math.round(band.y + scroll.y + 2)];
      const at = (y * png.width + x) * 4;
      const pixel = [png.data[at]!, png.data[at + 1]!, png.data[at + 2]!];
      const colour = colourOf(band.status);
      const want = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      assert.ok(
        pixel.every((v, i) => Math.abs(v - want[i]!) <= 6),
        `the ${band.status} band at ${x},${y} is rgb(${pixel}) in the screenshot, not ${colour}`,
      );
      checked++;
    }
    assert.ok(checked >= statuses.length, `only ${checked} bands checked`);
  } finally {
    await browser.close();
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
});
