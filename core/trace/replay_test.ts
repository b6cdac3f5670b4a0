import assert from "node:assert/strict";
import type { Line } from "../limits.ts";
import { createState } from "../state.ts";
import { type ReplayEvent, replayInput, replayLines, type ReplayRecord } from "./replay.ts";

const HEADER = JSON.stringify({
  trace: "netfsm",
  version: 1,
  config: { sta: { ssid: "home", psk: "hunter22hunter", connected: true, got_ip: true } },
  device: { mac: "24:0a:c4:12:34:56" },
});

async function replay(lines: readonly Line[]): Promise<ReplayEvent[]> {
  const events: ReplayEvent[] = [];
  for await (const event of replayLines(lines)) events.push(event);
  return events;
}

function records(events: readonly ReplayEvent[]): ReplayRecord[] {
  return events.flatMap((event) => event.kind === "record" ? [event.record] : []);
}

async function readExample(name: string): Promise<string[]> {
  return (await Deno.readTextFile(new URL(`../../examples/traces/${name}`, import.meta.url))).split(
    "\n",
  );
}

Deno.test("replayLines() skips blank and comment lines and keeps the documented field order", async () => {
  const events = await replay([
    HEADER,
    "",
    "  # a comment",
    '{"at": 0, "type": "start"}',
    '{"at": 900, "type": "sta_connected"}',
  ]);
  const [start, connected] = records(events);
  assert.deepEqual(Object.keys(start!), [
    "at",
    "input",
    "status",
    "callbacks",
    "commands",
    "reply",
  ]);
  assert.deepEqual(connected, {
    at: 900,
    input: { type: "sta_connected" },
    status: "associated",
    callbacks: [{ name: "connected", args: [] }],
    commands: [],
    reply: null,
  });
});

Deno.test("a malformed line stops the replay with its line number, after the earlier records", async () => {
  const cases: [string, string][] = [
    ["{not json", "not valid JSON at column 2: expected a property name in double quotes"],
    ['{"at": 10, "type": "sta_teleported"}', 'unknown input type "sta_teleported"'],
    [
      '{"at": "10", "type": "start"}',
      '"at" must be a whole number of milliseconds, 0 or more, got a string',
    ],
    [
      '{"at": 10, "type": "sta_got_ip", "ip": "192.168.1.300", "netmask": "255.255.255.0", "gw": "192.168.1.1"}',
      "sta_got_ip: ip must be a dotted IPv4 address, got a string",
    ],
    [
      '{"at": 10, "type": "ap_sta_connected"}',
      "ap_sta_connected: mac must be a MAC address string, got nothing",
    ],
    ['{"at": 1, "type": "stop"}', '"at" runs backwards: 1 comes after 5'],
    ["[1, 2]", "an input line must be a JSON object, got an array"],
  ];
  for (const [bad, message] of cases) {
    const events = await replay([
      HEADER,
      '{"at": 5, "type": "start"}',
      bad,
      '{"at": 20, "type": "stop"}',
    ]);
    assert.equal(events.length, 2, bad);
    assert.equal(events[0]!.kind, "record");
    const error = events[1]!;
    assert.equal(error.kind, "error");
    assert.equal(error.kind === "error" && error.line, 3);
    assert.ok(
      error.kind === "error" && error.message.startsWith(message),
      `${bad}: ${error.kind === "error" && error.message}`,
    );
  }
});

Deno.test("a header of another format or version, or none at all, is refused clearly", async () => {
  const version2 = await replay([
    JSON.stringify({
      trace: "netfsm",
      version: 2,
      config: {},
      device: { mac: "24:0a:c4:12:34:56" },
    }),
  ]);
  assert.deepEqual(version2, [{
    kind: "error",
    line: 1,
    message: "trace version 2 is not supported: this reader knows version 1",
  }]);
  const other = await replay(['{"at": 0, "type": "start"}']);
  assert.equal(
    other[0]?.kind === "error" && other[0].message,
    'the header must have "trace": "netfsm" (is this a netfsm trace?)',
  );
  const badMac = await replay([
    JSON.stringify({ trace: "netfsm", version: 1, config: {}, device: { mac: "nope" } }),
  ]);
  assert.equal(
    badMac[0]?.kind === "error" && badMac[0].message,
    "device.mac: must be a MAC address written aa:bb:cc:dd:ee:ff",
  );
  assert.deepEqual(await replay(["", "# nothing"]), [{
    kind: "error",
    line: 2,
    message: "the trace is empty: it needs a header line",
  }]);
});

Deno.test("an invalid configuration in the header is replayed, and start replies with its problems", async () => {
  const header = JSON.stringify({
    trace: "netfsm",
    version: 1,
    config: { ap: { psk: "short" } },
    device: { mac: "24:0a:c4:12:34:56" },
  });
  const [start] = records(await replay([header, '{"at": 0, "type": "start"}']));
  assert.deepEqual(start!.reply, {
    error: "invalid_config",
    problems: [{
      path: "ap.psk",
      message: "must be 8 to 64 bytes for WPA2; leave psk out for an open network, got 5 bytes",
    }],
  });
});

Deno.test("a redacted psk replays as if it were present and valid", async () => {
  const header = JSON.stringify({
    trace: "netfsm",
    version: 1,
    config: { sta: { ssid: "home", psk: "<redacted>" }, ap: { psk: "<redacted>" } },
    device: { mac: "24:0a:c4:12:34:56", nvs: { ap_psk: "<redacted>" } },
  });
  const [start] = records(await replay([header, '{"at": 0, "type": "start"}']));
  assert.equal(start!.reply, "ok");
  assert.equal(start!.diagnostics, undefined, "no open-network warning");
});

Deno.test("no psk reaches the output: not from the header, not from an echoed input", async () => {
  const lines = [
    HEADER,
    '{"at": 0, "type": "start"}',
    '{"at": 5, "type": "sta_connect", "config": {"ssid": "b", "psk": "hunter22hunter"}}',
  ];
  const output = JSON.stringify(records(await replay(lines)));
  assert.ok(!output.includes("hunter22"), output);
  assert.ok(output.includes("<redacted>"));
});

Deno.test("replayInput() fires due timers first, in deadline order, stamped with their deadline", () => {
  const state = {
    ...createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } }),
    timers: { reconnect: 400 },
  };
  const [next, produced] = replayInput(state, { type: "start", at: 1000 });
  assert.deepEqual(produced.map((r) => [r.at, (r.input as { type: string }).type]), [
    [400, "timer"],
    [1000, "start"],
  ]);
  assert.deepEqual(produced[0]!.input, { type: "timer", timer: "reconnect" });
  assert.deepEqual(next.timers, { join: 21_000 }, "only the new join's deadline is armed");
  const [, notYet] = replayInput(state, { type: "start", at: 399 });
  assert.equal(notYet.length, 1);
});

Deno.test("the example traces replay without error and end where their comments say", async () => {
  const sta = records(await replay(await readExample("sta.jsonl")));
  assert.deepEqual(sta.map((r) => [(r.input as { type: string }).type, r.status]), [
    ["start", "connecting"],
    ["sta_connected", "associated"],
    ["sta_got_ip", "connected"],
    ["sntp_sync", "connected"],
    ["sta_disconnected", "disconnected"],
    ["timer", "connecting"],
    ["sta_disconnected", "disconnected"],
    ["timer", "connecting"],
    ["sta_connected", "associated"],
    ["sta_got_ip", "connected"],
    ["stop", "stopped"],
  ]);
  // Backoff: about 1 s after the first loss, about 2 s after the failed retry (±20% jitter).
  const [firstRetry, secondRetry] = sta.filter((r) =>
    (r.input as { type: string }).type === "timer"
  );
  assert.ok(firstRetry!.at - 60_000 >= 800 && firstRetry!.at - 60_000 <= 1200, `${firstRetry!.at}`);
  assert.ok(
    secondRetry!.at - 63_100 >= 1600 && secondRetry!.at - 63_100 <= 2400,
    `${secondRetry!.at}`,
  );
  assert.deepEqual(sta[3]!.callbacks, [{
    name: "synchronized",
    args: [{ sec: 1795000000, usec: 250000 }],
  }]);
  const ap = records(await replay(await readExample("ap.jsonl")));
  assert.deepEqual(
    ap.map((r) => r.callbacks.map((c) => c.name).join() || r.diagnostics?.[0]?.code || ""),
    [
      "",
      "ap_started",
      "sta_connected",
      "sta_ip_assigned",
      "sta_connected",
      "sta_ip_assigned",
      "sta_connected",
      "sta_disconnected",
      "",
    ],
  );
  assert.deepEqual(ap[6]!.diagnostics?.map((d) => d.code), ["too_many_stations"]);
  const both = records(await replay(await readExample("sta_ap.jsonl")));
  assert.equal(both.length, 11, "10 inputs and the reconnect timer");
  assert.deepEqual(both.flatMap((r) => r.callbacks.map((c) => c.name)), [
    "ap_started",
    "connected",
    "got_ip",
    "sta_connected",
    "sta_ip_assigned",
    "disconnected",
    "sta_disconnected",
    "connected",
    "got_ip",
  ]);
});

Deno.test("an empty psk (an open network) is not redacted, so it replays as open", async () => {
  const { headerLine } = await import("./writer.ts");
  const line = headerLine({ sta: { ssid: "cafe", psk: "" } }, { mac: "24:0a:c4:12:34:56" });
  assert.ok(line.includes('"psk":""'));
  const [start] = records(await replay([line, '{"at": 0, "type": "start"}']));
  assert.deepEqual(start!.diagnostics?.map((d) => d.code), ["open_network"]);
});

Deno.test("an input nested thousands of levels deep is refused with its line and the limit, never a crash", async () => {
  const deep = "[".repeat(5000) + "]".repeat(5000);
  const deepObject = '{"a": '.repeat(5000) + "1" + "}".repeat(5000);
  for (
    const bad of [
      `{"at": 10, "type": "scan", "options": ${deepObject}}`,
      `{"at": 10, "type": "sta_connect", "config": ${deepObject}}`,
      `{"at": 10, "type": "scan_done", "networks": ${deep}}`,
      `{"at": 10, "type": "driver_failed", "error": ${deepObject}}`,
    ]
  ) {
    const events = await replay([HEADER, '{"at": 5, "type": "start"}', bad]);
    const last = events[events.length - 1]!;
    assert.equal(last.kind, "error", bad.slice(0, 50));
    assert.equal(last.kind === "error" && last.line, 3);
    assert.match(
      last.kind === "error" ? last.message : "",
      /^nested deeper than 64 levels \(netfsm's limit\) at column \d+$/,
    );
  }
  const header =
    `{"trace": "netfsm", "version": 1, "config": ${deepObject}, "device": {"mac": "24:0a:c4:12:34:56"}}`;
  const [refused] = await replay([header]);
  assert.equal(refused?.kind === "error" && refused.line, 1);
});

Deno.test("a syntax error names its column and quotes nothing of the line", async () => {
  const events = await replay([
    HEADER,
    '{"at": 5, "type": "sta_connect", "config": {"ssid": "x", "psk": PSKLEAK123"}}',
  ]);
  assert.deepEqual(events, [{
    kind: "error",
    line: 2,
    message: "not valid JSON at column 65: expected a value",
  }]);
});

Deno.test("a line longer than the limit stops the replay with its number, whether held or not", async () => {
  const { MAX_LINE_BYTES, OVERLONG } = await import("../limits.ts");
  const long = `{"at": 10, "type": "stop", "pad": "${"x".repeat(MAX_LINE_BYTES)}"}`;
  for (const line of [long, OVERLONG]) {
    const events = await replay([HEADER, '{"at": 5, "type": "start"}', line]);
    assert.equal(events.length, 2);
    assert.deepEqual(events[1], {
      kind: "error",
      line: 3,
      message: "longer than 65,536 bytes (netfsm's limit for one line)",
    });
  }
});

Deno.test("a gap no device could live (at = 2^53 - 1) ends the replay with an error, streaming", async () => {
  const lines = [
    '{"trace":"netfsm","version":1,"config":{"sta":{"ssid":"home","psk":"secret12"}},"device":{"mac":"24:0a:c4:12:34:56"}}',
    '{"at":0,"type":"start"}',
    '{"at":9007199254740991,"type":"stop"}',
  ];
  let records = 0;
  let error: string | undefined;
  for await (const event of replayLines(lines)) {
    if (event.kind === "record") records++;
    else error = `${event.line}: ${event.message}`;
  }
  assert.match(error ?? "", /^3: more than 1,000,000 timers fire before this input/);
  assert.ok(records > 1_000_000, `${records}`);
});
