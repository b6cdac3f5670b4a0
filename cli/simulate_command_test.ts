import assert from "node:assert/strict";
import { main } from "./main.ts";
import { memoryIo } from "./memory_io.ts";

Deno.test("simulate SCENARIO: a JSON syntax error names line and column and quotes nothing", async () => {
  const io = memoryIo({
    "leak.json":
      '{\n  "config": {"sta": {"ssid": "home", "psk": PSKLEAK123"}},\n  "duration": 1000\n}',
  });
  assert.equal(await main(["simulate", "leak.json"], io), 1);
  assert.equal(
    io.stderr.join(""),
    "netfsm simulate: leak.json: not valid JSON at line 2, column 45: expected a value\n",
  );
});

Deno.test("simulate SCENARIO: a scenario nested thousands of levels deep is refused, not a crash", async () => {
  const deep = '{"a": '.repeat(5000) + "1" + "}".repeat(5000);
  const io = memoryIo({
    "deep.json":
      `{"config": {"sta": {"ssid": "home"}}, "duration": 1000, "requests": [{"at": 0, "type": "scan", "options": ${deep}}]}`,
  });
  assert.equal(await main(["simulate", "deep.json"], io), 1);
  assert.match(
    io.stderr.join(""),
    /^netfsm simulate: deep\.json: nested deeper than 64 levels \(netfsm's limit\) at line 1, column \d+\n$/,
  );
});

Deno.test("simulate --seed echoes only a short prefix of what it was given", async () => {
  const io = memoryIo({});
  assert.equal(await main(["simulate", "--seed", "9".repeat(100_000)], io), 2);
  assert.ok(io.stderr.join("").length < 200, io.stderr.join("").slice(0, 300));
});
