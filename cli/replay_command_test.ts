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

Deno.test("on a terminal, replay's progress counts input lines and is cleared before output and at the end", async () => {
  const header =
    '{"trace":"netfsm","version":1,"config":{"sta":{"ssid":"home"}},"device":{"mac":"24:0a:c4:12:34:56"}}';
  const lines = [header, '{"at":0,"type":"start"}'];
  for (let i = 1; lines.length < 3000; i++) {
    lines.push(`{"at":${i},"type":"sta_rssi_measured","rssi":-50}`);
  }
  let t = 0;
  // Each look at the clock is 0.6 s later: the count shows at the second look, 2,048 lines in.
  const io = memoryIo({ "t.jsonl": lines.join("\n") + "\n" }, {
    interactive: true,
    now: () => (t += 600),
  });
  assert.equal(await main(["replay", "t.jsonl", "--json"], io), 0);
  const shown = io.stderr.filter((s) => s.startsWith("\rreplayed"));
  assert.deepEqual(shown, ["\rreplayed 2,048 lines..."]);
  assert.equal(io.stderr.at(-1), "\r\x1b[K", "the count is cleared at the end");
});
