import assert from "node:assert/strict";
import { main } from "./main.ts";

Deno.test("a short run reports every target and the total, and exits 1 exactly when an input failed", async () => {
  const out = await Deno.makeTempDir();
  const printed: string[] = [];
  const code = await main(
    ["--runs", "40", "--out", out, "--jobs", "2"],
    (line) => printed.push(line),
  );
  const total = printed.find((line) => line.startsWith("fuzz: 40 inputs,"));
  assert.ok(total !== undefined, printed.join("\n"));
  const [, crashes, leaks, hangs] = /(\d+) crash(?:es)?, (\d+) leaks? \((\d+) hangs?\)/.exec(
    total,
  )!;
  for (const name of ["replay", "check", "import", "simulate", "api"]) {
    assert.ok(printed.some((line) => line.trimStart().startsWith(name)), name);
  }
  const failed = Number(crashes) + Number(leaks) + Number(hangs) > 0;
  assert.equal(code, failed ? 1 : 0);
  let written = 0;
  for await (const _ of Deno.readDir(out)) written++;
  assert.equal(written > 0, failed);
  await Deno.remove(out, { recursive: true });
});
