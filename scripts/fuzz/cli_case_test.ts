import assert from "node:assert/strict";
import { type CliCase, commandLine, runCli, textOf } from "./cli_case.ts";

const replay = (files: CliCase["files"], argv = ["replay", "t.jsonl", "--json"]): CliCase => ({
  command: "replay",
  argv,
  files,
  psk: "PSKLEAK12345678",
  family: "",
});

Deno.test("runCli runs the real command over memory and keeps every output", async () => {
  const trace = await Deno.readTextFile(
    new URL("../../examples/traces/sta.jsonl", import.meta.url),
  );
  const outcome = await runCli(replay({ "t.jsonl": trace }));
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.hung, undefined);
  assert.deepEqual(outcome.escaped, []);
  assert.match(outcome.texts.stdout!, /"status":"connected"/);
  const missing = await runCli(replay({}));
  assert.equal(missing.exitCode, 1);
  assert.match(missing.texts.stderr!, /t\.jsonl/);
});

Deno.test("files written by the command are outputs too", async () => {
  const scenario = await Deno.readTextFile(
    new URL("../../examples/scenarios/default.json", import.meta.url),
  );
  const outcome = await runCli({
    command: "simulate",
    argv: ["simulate", "s.json", "--record", "out.jsonl"],
    files: { "s.json": scenario },
    psk: "PSKLEAK12345678",
    family: "",
  });
  assert.equal(outcome.exitCode, 0);
  assert.match(outcome.texts["file out.jsonl"]!, /^\{"trace":"netfsm"/);
});

Deno.test("bytes that are not UTF-8 reach the CLI as the real runtime decodes them", () => {
  assert.equal(textOf(new Uint8Array([0x61, 0xff, 0x62])), "a\ufffdb");
  assert.equal(textOf("plain"), "plain");
});

Deno.test("the command line names the written files, quoted for a shell", () => {
  const input = replay({ "t.jsonl": "" }, ["replay", "t.jsonl", "--check"]);
  assert.equal(
    commandLine(input, ".fuzz/replay-001"),
    "node scripts/deno.mjs task netfsm replay .fuzz/replay-001/t.jsonl --check",
  );
  const imported: CliCase = {
    command: "import",
    argv: ["import", "-", "--mac", "a b'c", "--config", "c.erl"],
    files: { stdin: "", "c.erl": "" },
    psk: "",
    family: "",
  };
  assert.equal(
    commandLine(imported, "d"),
    "node scripts/deno.mjs task netfsm import - --mac 'a b'\\''c' --config d/c.erl < d/stdin",
  );
});
