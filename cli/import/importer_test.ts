import assert from "node:assert/strict";
import { replayLines } from "../../core/trace/replay.ts";
import { main } from "../main.ts";
import { memoryIo } from "../memory_io.ts";
import { importText } from "./_testing.ts";

/** A log of fixtures/ (SOURCES.md), or of corpus/ as `corpus/NAME`. */
async function fixture(name: string): Promise<string> {
  const path = name.startsWith("corpus/") ? `./${name}.log` : `./fixtures/${name}.log`;
  return await Deno.readTextFile(new URL(path, import.meta.url));
}

const inputs = (trace: readonly string[]) => trace.slice(1).map((line) => JSON.parse(line));

async function callbacksOf(trace: readonly string[]): Promise<string[]> {
  const names: string[] = [];
  for await (const event of replayLines(trace)) {
    if (event.kind === "error") throw new Error(event.message);
    names.push(
      ...event.record.callbacks.map((c) =>
        `${c.name}(${c.args.map((a) => typeof a === "string" ? a : JSON.stringify(a)).join()})`
      ),
    );
  }
  return names;
}

Deno.test("import: ESP-IDF with AtomVM's driver lines: one event per happening, reasons from wifi:state, and the callbacks the application saw", async () => {
  const { trace, importer } = importText(await fixture("atomvm_network_driver"));
  assert.deepEqual(inputs(trace).map((i) => [i.at, i.type, i.reason ?? ""]), [
    [0, "start", ""],
    [1108, "sta_connected", ""],
    [2138, "sta_got_ip", ""],
    [63958, "sta_beacon_timeout", ""],
    [65458, "sta_disconnected", 200],
  ]);
  assert.equal(JSON.parse(trace[0]!).device.mac, "24:0a:c4:12:34:56", "the MAC from wifi:mode");
  assert.deepEqual(importer.summary.dialects, ["esp-idf", "atomvm"]);
  assert.deepEqual(await callbacksOf(trace), [
    "connected()",
    'got_ip({"ip":"192.168.1.20","netmask":"255.255.255.0","gw":"192.168.1.1"})',
    "beacon_timeout()",
    "disconnected()",
  ]);
});

Deno.test("import: ESP-IDF 3.x and 4.x softAP lines, with the AP start the excerpt implies", async () => {
  const old = importText(await fixture("esp_idf_2375"));
  assert.deepEqual(inputs(old.trace).map((i) => i.type), [
    "start",
    "ap_started",
    "ap_sta_connected",
    "ap_sta_ip_assigned",
  ]);
  assert.deepEqual(await callbacksOf(old.trace), [
    "ap_started()",
    "sta_connected(f4:31:c3:c3:41:f9)",
    "sta_ip_assigned(192.168.4.2)",
  ]);
  assert.ok(old.importer.summary.warnings.some((w) => w.includes("ap_started is assumed")));
  const newer = importText(await fixture("esp_idf_6108"));
  assert.deepEqual(inputs(newer.trace).slice(1).map((i) => [i.type, i.ip ?? ""]), [[
    "ap_started",
    "",
  ], ["ap_sta_ip_assigned", "192.168.4.3"]]);
});

Deno.test("import: ESP-Hosted's slave with ESP-IDF's lines: the app's own lines are skipped and counted, and the header names the network joined", async () => {
  const { trace, importer } = importText(await fixture("esp_hosted_278"));
  assert.deepEqual(inputs(trace).map((i) => [i.type, i.reason ?? i.ssid]), [
    ["start", undefined],
    ["sta_disconnected", 201],
    ["sta_connected", "Ym2"],
  ]);
  assert.equal(
    JSON.parse(trace[0]!).config.sta.ssid,
    "Ym2",
    "from the first join, not the first event",
  );
  assert.deepEqual(importer.summary.dialects, ["esp-idf", "esp-hosted"]);
  assert.equal(importer.summary.skipped, 3);
});

Deno.test("import: Arduino-ESP32, new and old forms: one disconnect per happening, with its reason", async () => {
  const newer = importText(await fixture("corpus/arduino_2x_106"));
  assert.deepEqual(inputs(newer.trace).map((i) => [i.at, i.type, i.reason ?? ""]), [
    [0, "start", ""],
    [0, "sta_disconnected", 201],
    [2451, "sta_disconnected", 201],
    [4902, "sta_disconnected", 201],
  ]);
  assert.deepEqual(await callbacksOf(newer.trace), [
    "disconnected()",
    "disconnected()",
    "disconnected()",
  ]);
  const older = importText(await fixture("corpus/arduino_1x_1675"));
  assert.deepEqual(inputs(older.trace).map((i) => [i.type, i.reason ?? ""]), [["start", ""], [
    "sta_disconnected",
    204,
  ]]);
});

Deno.test("import: ESP-AT station and softAP output, quoted and documented URC forms, terminal timestamps", async () => {
  const station = importText(await fixture("esp_at_station"));
  assert.deepEqual(inputs(station.trace).map((i) => [i.type, i.ip ?? ""]), [["start", ""], [
    "sta_connected",
    "",
  ], ["sta_got_ip", "192.168.3.112"]]);
  const softap = importText(await fixture("esp_at_softap"));
  assert.deepEqual(await callbacksOf(softap.trace), [
    "ap_started()",
    "sta_connected(3c:22:fb:01:02:03)",
    "sta_ip_assigned(192.168.4.2)",
    "sta_connected(f0:18:98:aa:bb:cc)",
    "sta_ip_assigned(192.168.4.3)",
    // The log does not say the station was off, so the trace has one: its joins time out.
    "disconnected()",
    "disconnected()",
    "sta_disconnected(3c:22:fb:01:02:03)",
  ]);
  assert.equal(inputs(softap.trace).at(-1).at, 78_899, "times from the terminal's stamps");
});

Deno.test("import: ESP-AT reasons from +CWJAP, an address completed by +CIPSTA, and null for what the log does not show", async () => {
  const failed = importText("WIFI DISCONNECT\n+CWJAP:3\n\nFAIL");
  assert.deepEqual(inputs(failed.trace)[1], { at: 0, type: "sta_disconnected", reason: 201 });
  const completed = importText(
    'WIFI CONNECTED\nWIFI GOT IP\nAT+CIPSTA?\n+CIPSTA:ip:"192.168.3.5"\n+CIPSTA:gateway:"192.168.3.1"\nOK',
  );
  assert.deepEqual(inputs(completed.trace)[2], {
    at: 0,
    type: "sta_got_ip",
    ip: "192.168.3.5",
    netmask: null,
    gw: "192.168.3.1",
  });
  const bare = importText("WIFI CONNECTED\nWIFI GOT IP\nOK");
  assert.deepEqual(inputs(bare.trace)[2], {
    at: 0,
    type: "sta_got_ip",
    ip: null,
    netmask: null,
    gw: null,
  });
  assert.ok(bare.importer.summary.warnings.some((w) => w.includes("is null")));
  assert.ok(!bare.trace.join("\n").includes("0.0.0.0"), "no address is invented");
  assert.deepEqual(await callbacksOf(bare.trace), [
    "connected()",
    'got_ip({"ip":null,"netmask":null,"gw":null})',
  ]);
});

Deno.test("import: lines close together are one disconnect when they agree, two when they state different reasons or repeat one form", () => {
  const reasons = (log: string) => inputs(importText(log).trace).slice(1).map((i) => i.reason);
  // ESP-IDF's state line and AtomVM's driver line, 1 ms apart: one happening.
  assert.deepEqual(
    reasons(
      "I (100) wifi:state: run -> init (0xc800)\nI (101) network_driver: WIFI_EVENT_STA_DISCONNECTED received.",
    ),
    [200],
  );
  // Two lines stating different reasons are two disconnects however close.
  assert.deepEqual(
    reasons(
      "I (100) wifi:Send disconnect event, reason=2, AP number=0\nI (150) wifi: STA_DISCONNECTED, reason:203",
    ),
    [2, 203],
  );
  // The state line's code only suggests a reason: the disconnect event's stated one wins.
  assert.deepEqual(
    reasons("I (100) wifi:state: auth -> init (8a0)\nI (100) wifi: STA_DISCONNECTED, reason:202"),
    [202],
  );
  // A log without stamps that says the same thing twice saw it twice.
  assert.deepEqual(reasons("WIFI DISCONNECT\nready\nWIFI DISCONNECT"), [undefined, undefined]);
  // ...and one thing in two forms once: ESP-AT's report and its +CWJAP: code.
  assert.deepEqual(reasons("WIFI DISCONNECT\n+CWJAP:3\nFAIL"), [201]);
});

Deno.test("import: at counts from the log's first stamp, or with --at log-clock is the log's own clock", () => {
  const log = "boot\nI (2500) wifi:state: run -> init (0xc800)\nI (4000) wifi:bcn_timeout";
  assert.deepEqual(inputs(importText(log).trace).map((i) => i.at), [0, 0, 1500]);
  assert.deepEqual(
    inputs(importText(log, { at: "log-clock" }).trace).map((i) => i.at),
    [2500, 2500, 4000],
  );
});

Deno.test("netfsm import: --strict, --config (an Erlang term), --mac, exit codes, and import | replay", async () => {
  const files = {
    "a.log": await fixture("atomvm_network_driver"),
    "config.erl": '[{sta, [{ssid, "home"}, {psk, "secret12"}, {got_ip, fun(_) -> ok end}]}].',
    "bad.erl": '[{sta, [{ssid, ""}]}].',
    "empty.log": "nothing here\n",
  };
  const strict = memoryIo(files);
  assert.equal(await main(["import", "empty.log", "--strict"], strict), 1);
  assert.equal(
    strict.stderr.join(""),
    "netfsm import: empty.log: line 1: not a line netfsm knows (not shown: a log line may carry a password)\n",
  );
  assert.equal(await main(["import", "empty.log"], memoryIo(files)), 1, "no events is a finding");
  assert.equal(await main(["import", "a.log", "--mac", "nope"], memoryIo(files)), 2);
  assert.equal(await main(["import", "a.log", "--config", "bad.erl"], memoryIo(files)), 1);
  const configured = memoryIo(files);
  assert.equal(
    await main(
      ["import", "a.log", "--config", "config.erl", "--mac", "AA:BB:CC:DD:EE:FF"],
      configured,
    ),
    0,
  );
  const trace = configured.stdout.join("");
  const header = JSON.parse(trace.split("\n")[0]!);
  assert.deepEqual(header.config, { sta: { ssid: "home", psk: "<redacted>", got_ip: true } });
  assert.equal(header.device.mac, "aa:bb:cc:dd:ee:ff");
  assert.ok(!trace.includes("secret12"));
  assert.match(
    configured.stderr.join(""),
    /4 events from 13 lines \(esp-idf, atomvm\); 0 lines skipped/,
  );
  const replayed = memoryIo({ stdin: trace });
  assert.equal(await main(["replay", "-", "--json", "--check"], replayed), 0);
  const callbacks = replayed.stdout.join("").trimEnd().split("\n").flatMap((line) =>
    JSON.parse(line).callbacks.map((c: { name: string }) => c.name)
  );
  assert.deepEqual(callbacks, ["got_ip"], "only the callbacks the configuration registered");
});

Deno.test("import: ESP-IDF's coloured lines are read through their ANSI escapes", () => {
  const { trace } = importText(
    "\x1b[0;32mI (3180) esp_netif_handlers: sta ip: 10.0.0.2, mask: 255.255.255.0, gw: 10.0.0.1\x1b[0m",
  );
  assert.deepEqual(inputs(trace).map((i) => [i.at, i.type]), [[0, "start"], [0, "sta_connected"], [
    0,
    "sta_got_ip",
  ]]);
});
