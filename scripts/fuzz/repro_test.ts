import assert from "node:assert/strict";
import { clearOut, readApiRepro, writeApiRepro, writeCliRepro } from "./repro.ts";
import type { ApiCase } from "./api_case.ts";

Deno.test("a CLI failure is written as its files and the command that reproduces it", async () => {
  const out = await Deno.makeTempDir();
  const command = await writeCliRepro(`${out}/check-001`, {
    command: "check",
    argv: ["check", "c.erl"],
    files: { "c.erl": "[{sta, []}].", "b.bin": new Uint8Array([0xff]) },
    psk: "PSKLEAK12345678",
    family: "erlang",
  }, [{ kind: "leak", signature: "leak in stderr: x", detail: "x" }]);
  assert.equal(command, `node scripts/deno.mjs task netfsm check ${out}/check-001/c.erl`);
  assert.equal(await Deno.readTextFile(`${out}/check-001/c.erl`), "[{sta, []}].");
  assert.deepEqual([...await Deno.readFile(`${out}/check-001/b.bin`)], [0xff]);
  assert.match(await Deno.readTextFile(`${out}/check-001/command.txt`), /leak in stderr: x/);
  await Deno.remove(out, { recursive: true });
});

Deno.test("an API failure is written as a case the fuzzer reads back", async () => {
  const out = await Deno.makeTempDir();
  const input = { psk: "P", entry: "network", script: [] } as unknown as ApiCase;
  const command = await writeApiRepro(`${out}/api-001.json`, input, []);
  assert.equal(command, `node scripts/deno.mjs task fuzz --repro ${out}/api-001.json`);
  assert.deepEqual(await readApiRepro(`${out}/api-001.json`), input);
  await Deno.remove(out, { recursive: true });
});

Deno.test("clearing the output folder removes what the fuzzer wrote, and nothing else", async () => {
  const out = await Deno.makeTempDir();
  await Deno.mkdir(`${out}/replay-001`);
  await Deno.writeTextFile(`${out}/api-002.json`, "{}");
  await Deno.writeTextFile(`${out}/notes.txt`, "mine");
  await clearOut(out);
  const left = [];
  for await (const entry of Deno.readDir(out)) left.push(entry.name);
  assert.deepEqual(left, ["notes.txt"]);
  await Deno.remove(out, { recursive: true });
});
