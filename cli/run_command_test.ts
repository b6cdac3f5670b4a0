import assert from "node:assert/strict";
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { realClock } from "../drivers/clock.ts";
import { type ByteStream, memoryPipe, type OpenSerial } from "../drivers/esp_at/byte_stream.ts";
import type { EspAtDriver, EspAtOptions } from "../drivers/esp_at/esp_at_driver.ts";
import { mockDriver } from "../drivers/mock/mock_driver.ts";
import { main } from "./main.ts";
import { type MemoryIo, memoryIo } from "./memory_io.ts";
import { runCommand, type RunOptions } from "./run_command.ts";
import { deviceOpener, type EspAtModules, type OpenDevice } from "./run_devices.ts";

const PSK = "hunter22hunter";
const CONFIG = JSON.stringify({
  sta: { ssid: "home", psk: PSK, connected: true, got_ip: true, disconnected: true },
});
// A run that outlives every test: each ends it by interrupting, never by waiting it out.
const LONG = "60";

/** Interrupts the run (once) as soon as standard output has shown `text`. */
function interruptOnceShown(io: MemoryIo, text: string): void {
  const write = io.write;
  let done = false;
  io.write = async (chunk) => {
    await write(chunk);
    if (!done && io.stdout.join("").includes(text)) done = io.interrupt();
  };
}

/** Asserts that the psk is nowhere: not on either stream, not in any file written. */
function assertNoPsk(io: MemoryIo): void {
  for (const [where, text] of Object.entries({ ...io.written, stdout: io.stdout.join("") })) {
    assert.ok(!text.includes(PSK), `the psk is in ${where}`);
  }
  assert.ok(!io.stderr.join("").includes(PSK), `the psk is on stderr: ${io.stderr.join("")}`);
}

const jsonLines = (io: MemoryIo) =>
  io.stdout.join("").trimEnd().split("\n").map((line) => JSON.parse(line));

Deno.test("run on the mock in real time: the timeline streams the join, then stops on an interrupt", async () => {
  const io = memoryIo({ "c.json": CONFIG });
  interruptOnceShown(io, "sta_got_ip");
  assert.equal(await main(["run", "c.json", "--duration", LONG], io), 0);
  const text = io.stdout.join("");
  assert.match(text, /^ +time {2}station {8}input\n/);
  assert.match(text, /s {2}connecting {5}start\n/);
  assert.match(text, /s {2}associated {5}sta_connected ssid=home .*\n +callback {2}connected\(\)/);
  assert.match(text, /s {2}connected {6}sta_got_ip ip=192\.168\.1\.\d+ .*\n +callback {2}got_ip\(/);
  assert.match(text, /s {2}stopped {8}stop\n +command {3}stop_wifi\n +reply {5}ok\n/);
  assert.match(text, /\nran \d+\.\d{3}s in real time: \d+ steps\n$/);
  // Streamed: a chunk per record as it happened, not one chunk at the end.
  assert.ok(io.stdout.length >= 5, `${io.stdout.length} chunks`);
  const said = io.stderr.join("");
  assert.match(said, /^netfsm run: the simulated ESP32 \(mock driver\), MAC 24:0a:c4:12:34:56\n/);
  assert.match(said, /netfsm run: SIGINT: stopping the network\n$/);
  assert.equal(io.interrupt(), false, "nothing listens once the run is over");
  assertNoPsk(io);
});

Deno.test("run --json --record: replaying the trace gives exactly the records the run printed", async () => {
  const io = memoryIo({ "c.json": CONFIG });
  interruptOnceShown(io, '"type":"sta_got_ip"');
  const args = ["run", "c.json", "--json", "--record", "r.jsonl", "--duration", LONG];
  assert.equal(await main(args, io), 0);
  const records = jsonLines(io);
  assert.deepEqual(records.map((r) => r.input.type), [
    "start",
    "sta_connected",
    "sta_got_ip",
    "stop",
  ]);
  assert.equal(records.at(-1).status, "stopped");
  const trace = io.written["r.jsonl"]!;
  const header = JSON.parse(trace.split("\n")[0]!);
  assert.deepEqual(header.device, { mac: "24:0a:c4:12:34:56" }, "the device the driver reports");
  assert.equal(header.config.sta.psk, "<redacted>");
  const replayed = memoryIo({ "r.jsonl": trace });
  assert.equal(await main(["replay", "r.jsonl", "--json"], replayed), 0);
  assert.deepEqual(replayed.stdout.join("").split("\n"), io.stdout.join("").split("\n"));
  assert.doesNotMatch(io.stdout.join(""), /netfsm run|recorded/, "only records on stdout");
  assertNoPsk(io);
});

Deno.test("run: --duration ends the run by itself, with a stop; SIGTERM stops it too", async () => {
  const timed = memoryIo({ "c.json": CONFIG });
  assert.equal(await main(["run", "c.json", "--json", "--duration", "0.2"], timed), 0);
  assert.equal(jsonLines(timed).at(-1).input.type, "stop");
  assert.equal(jsonLines(timed).at(-1).status, "stopped");
  assert.doesNotMatch(timed.stderr.join(""), /SIG/);

  const erlang = memoryIo({ "c.erl": `[{sta, [{ssid, "home"}, {psk, "${PSK}"}]}].` });
  const run = main(["run", "c.erl", "--json"], erlang);
  // Once started, the run waits on real time: a turn of the event loop lets it get there.
  while (!erlang.interrupt("SIGTERM")) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(await run, 0);
  assert.equal(jsonLines(erlang).at(-1).status, "stopped");
  assert.match(erlang.stderr.join(""), /netfsm run: SIGTERM: stopping the network\n$/);
  assertNoPsk(erlang);
});

Deno.test("run: a configuration or world that is wrong exits 1 before any device is opened", async () => {
  const unopened: OpenDevice = () => assert.fail("no device should be opened");
  const cases: [Record<string, string>, Partial<RunOptions>, RegExp][] = [
    [{}, {}, /^netfsm run: cannot read "c\.json": no such file\n$/],
    [
      { "c.json": `{"sta": {"ssid": "home", "psk": ${PSK}}}` },
      {},
      /^netfsm run: c\.json: not valid JSON at line 1/,
    ],
    [
      { "c.json": `{"sta": {"ssid": "home", "pskk": "${PSK}"}}` },
      {},
      /^netfsm run: c\.json is not a valid configuration:\nsta\.pskk: /,
    ],
    [
      { "c.json": CONFIG, "w.json": '{"world": {"faults": {"drop": 2}}}' },
      { world: "w.json" },
      /^netfsm run: w\.json holds no valid world:\nworld\.faults\.drop: /,
    ],
    [
      { "c.json": CONFIG },
      { world: "./nope.json" },
      /^netfsm run: cannot read "\.\/nope\.json": no such file \(--world takes/,
    ],
    [
      // An Erlang term's problems are told in Erlang's words, as netfsm check tells them.
      {
        "c.json": `[{sta, [{ssid, home}, {psk, <<"${
          PSK.slice(1, -1)
        }">>}]}, {mdns, [{host, "d"}]}].`,
      },
      {},
      /^netfsm run: c\.json is not a valid configuration:\nsta\.ssid: must be a string or binary \(AtomVM needs one\), got the atom home\nmdns\.host: is not a known key; write hostname/,
    ],
    [
      { "c.json": CONFIG },
      { record: "/nonexistent/r.jsonl" },
      /^netfsm run: cannot write "\/nonexistent\/r\.jsonl"/,
    ],
  ];
  for (const [files, options, message] of cases) {
    const io = memoryIo(files);
    assert.equal(await runCommand(io, { config: "c.json", json: false, ...options }, unopened), 1);
    assert.match(io.stderr.join(""), message);
    assertNoPsk(io);
  }
});

Deno.test("run: misuse of the command line exits 2 and opens nothing", async () => {
  const unopened: OpenDevice = () => assert.fail("no device should be opened");
  const cases: [Partial<RunOptions>, RegExp][] = [
    [
      { driver: "esp32" },
      /^netfsm run: --driver must be one of esp-at, esp-hosted, esp-idf, mock, got "esp32"\n$/,
    ],
    [{ driver: "esp-at" }, /^netfsm run: --driver esp-at needs --port PATH/],
    [{ driver: "mock", port: "/dev/ttyUSB0" }, /^netfsm run: --port is for --driver esp-at/],
    [{ baud: "115200" }, /^netfsm run: --baud is for --driver esp-at/],
    [{ port: "/dev/ttyUSB0", world: "flaky" }, /^netfsm run: --world is for --driver mock\n$/],
    [
      { port: "/dev/ttyUSB0", baud: "12345" },
      /^netfsm run: --baud must be one of 9600, .*115200.*, got "12345"\n$/,
    ],
    [{ port: "/dev/ttyUSB0", baud: "fast" }, /^netfsm run: --baud must be one of /],
    ...["0", "-1", "abc", "1e3", "", "0.0001", "604801"].map((
      duration,
    ): [Partial<RunOptions>, RegExp] => [
      { duration },
      /^netfsm run: --duration must be a number of seconds from 0\.001 to 604800 \(a week\), got "/,
    ]),
  ];
  for (const [options, message] of cases) {
    const io = memoryIo({ "c.json": CONFIG });
    assert.equal(await runCommand(io, { config: "c.json", json: false, ...options }, unopened), 2);
    assert.match(io.stderr.join(""), message, JSON.stringify(options));
  }
  const parsed = memoryIo({ "c.json": CONFIG });
  assert.equal(await main(["run", "c.json", "--port"], parsed), 2);
  assert.match(
    parsed.stderr.join(""),
    /^netfsm run: option --port needs a value\nUsage: netfsm run CONFIG/,
  );
});

/** An ESP-AT module that is the simulated ESP32 underneath, losing itself when told. */
function fakeModule(): { driver: EspAtDriver; lose: (reason: string) => void } {
  const mock = mockDriver({
    clock: realClock(),
    world: { access_points: [{ ssid: "home", psk: PSK }] },
  });
  let lose = (_reason: string) => {};
  const lost = new Promise<string>((resolve) => (lose = resolve));
  const driver: EspAtDriver = {
    capabilities: { ...mock.capabilities, name: "esp-at", reasons: false },
    apply: (command) => mock.apply(command),
    events: mock.events,
    close: () => mock.close(),
    firmware: ["AT version:2.4.0.0(4c6eb5e - ESP32 - May 20 2022 03:12:58)", "SDK version:v4.2"],
    lost,
  };
  return { driver, lose };
}

/** ESP-AT's two steps, faked: what opening the port and the module give, and what was closed. */
function fakeEspAt(
  serial: Either<string, true> | "throws",
  module: Either<string, EspAtDriver>,
  beforeAnswer: (options: EspAtOptions) => void = () => {},
): { modules: () => Promise<EspAtModules>; closed: string[] } {
  const closed: string[] = [];
  const openSerial: OpenSerial = (path) => {
    if (serial === "throws") throw new Error("the serial library is missing");
    if (serial._tag === "Left") return Promise.resolve(serial);
    const [host] = memoryPipe();
    const stream: ByteStream = {
      ...host,
      name: path,
      close: () => (closed.push(path), host.close()),
    };
    return Promise.resolve(right(stream));
  };
  const openEspAt = (_stream: ByteStream, options: EspAtOptions = {}) => {
    beforeAnswer(options);
    return Promise.resolve(module);
  };
  return { modules: () => Promise.resolve({ openSerial, openEspAt }), closed };
}

Deno.test("run --port: a port that cannot be opened or does not answer exits 1 naming the port", async () => {
  const port = "/dev/ttyNOPE";
  const cases: [ReturnType<typeof fakeEspAt>, RegExp][] = [
    [
      fakeEspAt(left(`cannot open ${port}: no such file`), left("unused")),
      /^netfsm run: cannot open \/dev\/ttyNOPE: no such file\n$/,
    ],
    [
      fakeEspAt(left("permission denied"), left("unused")),
      /^netfsm run: \/dev\/ttyNOPE: permission denied\n$/,
    ],
    [
      fakeEspAt("throws", left("unused")),
      /^netfsm run: \/dev\/ttyNOPE: cannot open: .*the serial library is missing\n$/,
    ],
    [
      fakeEspAt(right(true), left(`${port}: no answer to AT within 300 ms (joining ${PSK})`)),
      /^netfsm run: \/dev\/ttyNOPE: no answer to AT within 300 ms \(joining <redacted>\)\n$/,
    ],
  ];
  cases.push([
    fakeEspAt(right(true), left("no OK to AT")),
    /^netfsm run: \/dev\/ttyNOPE: no OK to AT\n$/,
  ]);
  for (const [fake, message] of cases) {
    const io = memoryIo({ "c.json": CONFIG });
    const options = { config: "c.json", json: true, port };
    assert.equal(await runCommand(io, options, deviceOpener(fake.modules)), 1);
    assert.match(io.stderr.join(""), message);
    assert.deepEqual(io.stdout, []);
    assertNoPsk(io);
  }
  const silent = fakeEspAt(right(true), left("no answer"));
  await runCommand(
    memoryIo({ "c.json": CONFIG }),
    { config: "c.json", json: true, port },
    deviceOpener(silent.modules),
  );
  assert.deepEqual(silent.closed, [port], "the port is let go of");
  const unloadable = memoryIo({ "c.json": CONFIG });
  const missing = deviceOpener(() => Promise.reject(new Error("Requires ffi access")));
  assert.equal(await runCommand(unloadable, { config: "c.json", json: false, port }, missing), 1);
  assert.match(
    unloadable.stderr.join(""),
    /^netfsm run: cannot load the ESP-AT driver for \/dev\/ttyNOPE: .*Requires ffi access\n$/,
  );
});

Deno.test("run --port: firmware, MAC and notices on stderr; a module lost mid-run stops the run, exit 1", async () => {
  const { driver, lose } = fakeModule();
  const fake = fakeEspAt(right(true), right(driver), ({ onNotice }) => {
    onNotice?.(`the module echoed AT+CWJAP="home","${PSK}"`);
  });
  const io = memoryIo({ "c.json": CONFIG });
  const write = io.write;
  io.write = async (chunk) => {
    await write(chunk);
    if (chunk.includes('"type":"sta_got_ip"')) lose(`/dev/ttyUSB0 closed (it said ${PSK})`);
  };
  const options = { config: "c.json", json: true, port: "/dev/ttyUSB0", record: "r.jsonl" };
  assert.equal(await runCommand(io, options, deviceOpener(fake.modules)), 1);
  const said = io.stderr.join("");
  assert.match(said, /^netfsm run: notice: the module echoed AT\+CWJAP="home","<redacted>"\n/);
  assert.match(
    said,
    /\nnetfsm run: ESP-AT on \/dev\/ttyUSB0 at 115200 baud: AT version:2\.4\.0\.0\(4c6eb5e - ESP32 - May 20 2022 03:12:58\), MAC 24:0a:c4:12:34:56\n/,
  );
  assert.match(
    said,
    /\nnetfsm run: lost the device: \/dev\/ttyUSB0 closed \(it said <redacted>\); stopping\n$/,
  );
  const records = jsonLines(io);
  assert.equal(records.at(-1).input.type, "stop");
  assert.doesNotMatch(io.stdout.join(""), /AT version|24:0a:c4/, "--json keeps stdout to records");
  const replayed = memoryIo({ "r.jsonl": io.written["r.jsonl"]! });
  assert.equal(await main(["replay", "r.jsonl", "--json"], replayed), 0);
  assert.deepEqual(replayed.stdout.join(""), io.stdout.join(""));
  assertNoPsk(io);
});

Deno.test("run: a start the core refuses exits 1 with its error, and stops nothing", async () => {
  const io = memoryIo({ "c.json": '{"sta": {"got_ip": true}}' });
  assert.equal(await main(["run", "c.json", "--json", "--duration", LONG], io), 1);
  assert.deepEqual(jsonLines(io).map((r) => r.input.type), ["start"]);
  assert.match(
    io.stderr.join(""),
    /\nnetfsm run: the network did not start: invalid_config\nsta\.ssid: is required: /,
  );
});
