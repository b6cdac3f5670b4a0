import assert from "node:assert/strict";
import { findImpurities } from "./check_purity.ts";

Deno.test("findImpurities() flags I/O, clocks, randomness and foreign imports", () => {
  const source = [
    `import { x } from "./x.ts";`,
    `import * as t from "io-ts";`,
    `import { pipe } from "fp-ts/lib/function.js";`,
    `import { readFile } from "node:fs";`,
    `const now = Date.now();`,
    `const r = Math.random();`,
    `setTimeout(() => {}, 1);`,
    `await Deno.readTextFile("x");`,
    `console.log("hi");`,
    `const d = new Date();`,
  ].join("\n");
  const found = findImpurities("x.ts", source).map((i) => `${i.line} ${i.what}`);
  assert.deepEqual(found, [
    `4 import of "node:fs"`,
    "5 clock read",
    "6 randomness",
    "7 timer",
    "8 Deno API",
    "9 console output",
    "10 clock read",
  ]);
});

Deno.test("findImpurities() ignores comments", () => {
  const source =
    "// Date.now() would be wrong here\n/* Math.random()\n Deno.exit() */ const a = 1;";
  assert.deepEqual(findImpurities("x.ts", source), []);
});

Deno.test("the core itself is pure", async () => {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "scripts/check_purity.ts", "core"],
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stdout, stderr } = await command.output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  assert.match(new TextDecoder().decode(stdout), /are pure/);
});
