import assert from "node:assert/strict";
import { main } from "./main.ts";
import { memoryIo } from "./memory_io.ts";
import { VERSION } from "./version.ts";
import { STA_STATUSES } from "../core/state.ts";

const HEADER = JSON.stringify({
  trace: "netfsm",
  version: 1,
  config: { sta: { ssid: "home", psk: "hunter22hunter", got_ip: true } },
  device: { mac: "24:0a:c4:12:34:56" },
});
const TRACE = [
  HEADER,
  '{"at": 0, "type": "start"}',
  '{"at": 800, "type": "sta_connected"}',
  '{"at": 1500, "type": "sta_got_ip", "ip": "192.168.1.20", "netmask": "255.255.255.0", "gw": "192.168.1.1"}',
].join("\n");

Deno.test("replay --json prints one documented object per input", async () => {
  const io = memoryIo({ "t.jsonl": TRACE });
  assert.equal(await main(["replay", "t.jsonl", "--json"], io), 0);
  const lines = io.stdout.join("").trimEnd().split("\n").map((line) => JSON.parse(line));
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[2], {
    at: 1500,
    input: { type: "sta_got_ip", ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" },
    status: "connected",
    callbacks: [{
      name: "got_ip",
      args: [{ ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" }],
    }],
    commands: [],
    reply: null,
  });
  assert.deepEqual(io.stderr, []);
});

Deno.test("replay prints a readable timeline by default", async () => {
  const io = memoryIo({ "t.jsonl": TRACE });
  assert.equal(await main(["replay", "t.jsonl"], io), 0);
  const text = io.stdout.join("");
  assert.match(text, /^ +time {2}station {8}input\n/);
  assert.match(
    text,
    /0\.000s {2}connecting {5}start\n +command +start_wifi mode=sta\n +command +connect_sta ssid=home psk=<redacted> hostname=atomvm-240ac4123456\n +reply +ok\n/,
  );
  assert.match(
    text,
    /1\.500s {2}connected {6}sta_got_ip ip=192\.168\.1\.20 netmask=255\.255\.255\.0 gw=192\.168\.1\.1\n +callback +got_ip\(/,
  );
});

Deno.test("the psk appears in neither output form", async () => {
  for (const args of [["replay", "t.jsonl"], ["replay", "t.jsonl", "--json"]]) {
    const io = memoryIo({ "t.jsonl": TRACE });
    await main(args, io);
    assert.ok(!io.stdout.join("").includes("hunter22"));
  }
});

Deno.test("a malformed line: exit 1, the line named on stderr, earlier lines already printed", async () => {
  const io = memoryIo({
    "t.jsonl": `${TRACE}\n{"at": 2000, "type": "sta_got_ip"}\n{"at": 3000, "type": "stop"}`,
  });
  assert.equal(await main(["replay", "t.jsonl", "--json"], io), 1);
  assert.equal(io.stdout.join("").trimEnd().split("\n").length, 3);
  assert.deepEqual(io.stderr, [
    "netfsm replay: t.jsonl:5: sta_got_ip: ip must be a dotted IPv4 address, got nothing; netmask must be a dotted IPv4 address, got nothing; gw must be a dotted IPv4 address, got nothing\n",
  ]);
});

Deno.test("replay reads standard input from -", async () => {
  const io = memoryIo({ stdin: TRACE });
  assert.equal(await main(["replay", "-", "--json"], io), 0);
  assert.equal(io.stdout.join("").trimEnd().split("\n").length, 3);
});

Deno.test("exit codes: 2 for misuse, 1 for a file that cannot be read", async () => {
  const cases: [string[], number, RegExp][] = [
    [[], 2, /Usage: netfsm COMMAND/],
    [["teleport"], 2, /unknown command "teleport"/],
    [["replay"], 2, /netfsm replay: missing FILE\nUsage: netfsm replay FILE \[--json\]/],
    [["replay", "t.jsonl", "--jsno"], 2, /unknown option --jsno; did you mean --json\?/],
    [["replay", "a", "b"], 2, /unexpected argument "b"/],
    [["replay", "missing.jsonl"], 1, /netfsm replay: cannot read "missing.jsonl": no such file/],
  ];
  for (const [args, code, message] of cases) {
    const io = memoryIo({ "t.jsonl": TRACE });
    assert.equal(await main(args, io), code, args.join(" "));
    assert.match(io.stderr.join("") + io.stdout.join(""), message, args.join(" "));
  }
});

Deno.test("--help shows each command's usage and an example; --version the version", async () => {
  const help = memoryIo({});
  assert.equal(await main(["replay", "--help"], help), 0);
  assert.match(
    help.stdout.join(""),
    /Usage: netfsm replay FILE \[--json\][\s\S]*Example:\n {2}netfsm replay /,
  );
  const version = memoryIo({});
  assert.equal(await main(["--version"], version), 0);
  assert.equal(version.stdout.join(""), `netfsm ${VERSION}\n`);
});

Deno.test("the CLI's version is deno.json's", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  assert.equal(VERSION, config.version);
});

Deno.test("every example trace replays with --json exactly in trace-format.md's shape", async () => {
  const dir = new URL("../examples/traces/", import.meta.url);
  let traces = 0;
  for await (const entry of Deno.readDir(dir.pathname)) {
    if (!entry.name.endsWith(".jsonl")) continue;
    traces++;
    const text = await Deno.readTextFile(new URL(entry.name, dir));
    const io = memoryIo({ [entry.name]: text });
    assert.equal(await main(["replay", entry.name, "--json"], io), 0, entry.name);
    const inputs = text.split("\n").filter((line) =>
      line.trim() !== "" && !line.trim().startsWith("#")
    ).length - 1;
    const records = io.stdout.join("").trimEnd().split("\n").map((line) => JSON.parse(line));
    // One record per input line, and one per timer that fired between them.
    const timers = records.filter((r) => r.input.type === "timer");
    assert.equal(records.length - timers.length, inputs, entry.name);
    for (const timer of timers) assert.deepEqual(Object.keys(timer.input), ["type", "timer"]);
    for (const record of records) {
      const keys = Object.keys(record);
      assert.deepEqual(keys.slice(0, 6), [
        "at",
        "input",
        "status",
        "callbacks",
        "commands",
        "reply",
      ], entry.name);
      assert.ok(keys.length === 6 || (keys.length === 7 && keys[6] === "diagnostics"), keys.join());
      assert.ok(Number.isSafeInteger(record.at));
      assert.equal("at" in record.input, false);
      assert.ok((STA_STATUSES as readonly string[]).includes(record.status), record.status);
      for (const callback of record.callbacks) {
        assert.deepEqual(Object.keys(callback), ["name", "args"]);
      }
      assert.ok(
        record.reply === null || record.reply === "ok" || typeof record.reply.error === "string",
      );
    }
  }
  assert.equal(traces, 10, "three written by hand, seven recorded");
});

Deno.test("replay --check: every invariant at every step; the first broken one stops the replay with its line", async () => {
  const { replayCommand } = await import("./replay_command.ts");
  const ok = memoryIo({ "t.jsonl": TRACE });
  assert.equal(await main(["replay", "t.jsonl", "--check"], ok), 0);
  assert.equal(ok.stderr.join(""), "netfsm replay: every invariant held at all 3 steps\n");
  const broken = memoryIo({ "t.jsonl": TRACE });
  const objectToGotIp = (step: { input: { type: string } }) =>
    step.input.type === "sta_got_ip" ? "test_only: no address allowed" : null;
  assert.equal(
    await replayCommand(broken, { file: "t.jsonl", json: true, check: true }, objectToGotIp),
    1,
  );
  assert.equal(
    broken.stderr.join(""),
    "netfsm replay: t.jsonl:4: invariant test_only: no address allowed\n",
  );
  assert.equal(
    broken.stdout.join("").trimEnd().split("\n").length,
    3,
    "the records up to the broken step are printed",
  );
});

Deno.test("a command line's mistakes echo only a short prefix of what was typed", async () => {
  const long = "z".repeat(100_000);
  for (
    const args of [
      [long],
      ["replay", `--${long}`],
      ["replay", "t.jsonl", long],
      ["diagram", "--format", long],
    ]
  ) {
    const io = memoryIo({ "t.jsonl": TRACE });
    assert.equal(await main(args, io), 2, args[0]!.slice(0, 10));
    const said = io.stderr.join("");
    assert.ok(said.includes("z".repeat(40) + "…"), said.slice(0, 200));
    assert.ok(!said.includes("z".repeat(41)), said.slice(0, 200));
  }
});
