import assert from "node:assert/strict";
import { main } from "./main.ts";
import { memoryIo } from "./memory_io.ts";

const HEADER = JSON.stringify({
  trace: "netfsm",
  version: 1,
  config: { sta: { ssid: "home", psk: "hunter22hunter" } },
  device: { mac: "24:0a:c4:12:34:56" },
});
const START = '{"at": 0, "type": "start"}';

Deno.test("replay: input nested thousands of levels deep exits 1 naming the line and the limit", async () => {
  const deep = '{"a": '.repeat(5000) + "1" + "}".repeat(5000);
  for (const type of ["scan", "sta_connect"]) {
    const field = type === "scan" ? "options" : "config";
    const io = memoryIo({
      "t.jsonl": [HEADER, START, `{"at": 5, "type": "${type}", "${field}": ${deep}}`].join("\n"),
    });
    assert.equal(await main(["replay", "t.jsonl", "--json"], io), 1, type);
    assert.equal(io.stdout.length, 1, "the record before it was printed");
    assert.match(
      io.stderr.join(""),
      /^netfsm replay: t\.jsonl:3: nested deeper than 64 levels \(netfsm's limit\) at column \d+\n$/,
    );
  }
});

Deno.test("replay: a JSON syntax error quotes nothing of the line", async () => {
  const io = memoryIo({
    "t.jsonl": [HEADER, '{"at": 5, "type": "sta_connect", "config": {"psk": PSKLEAK123"}}'].join(
      "\n",
    ),
  });
  assert.equal(await main(["replay", "t.jsonl"], io), 1);
  assert.equal(
    io.stderr.join(""),
    "netfsm replay: t.jsonl:2: not valid JSON at column 52: expected a value\n",
  );
});

Deno.test("replay: a line past the limit stops the replay with exit 1 and its number", async () => {
  const long = `{"at": 5, "type": "stop", "pad": "${"x".repeat(100_000)}"}`;
  const io = memoryIo({ "t.jsonl": [HEADER, START, long, '{"at": 9, "type": "stop"}'].join("\n") });
  assert.equal(await main(["replay", "t.jsonl", "--json"], io), 1);
  assert.equal(io.stdout.length, 1);
  assert.equal(
    io.stderr.join(""),
    "netfsm replay: t.jsonl:3: longer than 65,536 bytes (netfsm's limit for one line)\n",
  );
});
