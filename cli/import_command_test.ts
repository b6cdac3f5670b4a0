import assert from "node:assert/strict";
import { main } from "./main.ts";
import { memoryIo } from "./memory_io.ts";
import { MAX_LINE_BYTES } from "../core/limits.ts";

const JOIN =
  "I (1108) wifi:connected with home, aid = 1, channel 1, BW20, bssid = b2:08:43:4c:40:bf";
const GOT_IP =
  "I (2138) esp_netif_handlers: sta ip: 192.168.1.20, mask: 255.255.255.0, gw: 192.168.1.1";

Deno.test("import --strict names the line it does not know by its number, counting blank lines, and never shows it", async () => {
  const logs = {
    "idf.log": `${JOIN}\n\n\nI (1200) example: connected to ap SSID:home password:PSKLEAK123\n`,
    // The echoed join is ESP-AT's (known); the line after it is not a line netfsm knows.
    "at.log": `\nAT+CWJAP="home","PSKLEAK123"\nthe app printed PSKLEAK123\n`,
  };
  const idf = memoryIo(logs);
  assert.equal(await main(["import", "idf.log", "--strict"], idf), 1);
  assert.equal(
    idf.stderr.join(""),
    "netfsm import: idf.log: line 4: not a line netfsm knows (not shown: a log line may carry a password)\n",
  );
  const at = memoryIo(logs);
  assert.equal(await main(["import", "at.log", "--strict"], at), 1);
  assert.match(at.stderr.join(""), /^netfsm import: at\.log: line 3: not a line netfsm knows/);
  for (const io of [idf, at]) {
    assert.ok(!(io.stdout.join("") + io.stderr.join("")).includes("PSKLEAK"));
  }
});

Deno.test("import --config: a JSON syntax error names line and column, and quotes nothing", async () => {
  const io = memoryIo({
    "a.log": JOIN,
    "config.json": '{"sta": {"ssid": "home", "psk": PSKLEAK123"}}',
  });
  assert.equal(await main(["import", "a.log", "--config", "config.json"], io), 1);
  assert.equal(
    io.stderr.join(""),
    "netfsm import: config.json: not valid JSON at line 1, column 33: expected a value\n",
  );
});

Deno.test("import --config: an Erlang term is read as check reads it, in Erlang's words, with its notes", async () => {
  const bad = memoryIo({ "a.log": JOIN, "c.erl": '[{sta, [{ssid, home}, {psk, "PSKLEAK123"}]}].' });
  assert.equal(await main(["import", "a.log", "--config", "c.erl"], bad), 1);
  assert.equal(
    bad.stderr.join(""),
    "netfsm import: c.erl is not a valid configuration:\n" +
      "sta.ssid: must be a string or binary (AtomVM needs one), got the atom home\n",
  );
  const noted = memoryIo({ "a.log": JOIN, "c.erl": '{sta, [{ssid, "home"}]}.' });
  assert.equal(await main(["import", "a.log", "--config", "c.erl"], noted), 0);
  assert.match(
    noted.stderr.join(""),
    /^netfsm import: note: .*\nnetfsm import: note: sta\.psk is absent/,
  );
});

Deno.test("import: a line past the limit is skipped and noted; with --strict it stops the import", async () => {
  const long = "I (1500) app: " + "x".repeat(MAX_LINE_BYTES);
  const files = { "a.log": `${JOIN}\n${long}\n${GOT_IP}\n` };
  const lenient = memoryIo(files);
  assert.equal(await main(["import", "a.log"], lenient), 0);
  const types = lenient.stdout.join("").trimEnd().split("\n").slice(1).map((l) =>
    JSON.parse(l).type
  );
  assert.deepEqual(types, ["start", "sta_connected", "sta_got_ip"]);
  assert.match(lenient.stderr.join(""), /2 events from 3 lines \(esp-idf\); 1 lines skipped/);
  assert.match(
    lenient.stderr.join(""),
    /note: 1 line longer than 65,536 bytes \(netfsm's limit for one line\) was skipped; the first is line 2/,
  );
  const strict = memoryIo(files);
  assert.equal(await main(["import", "a.log", "--strict"], strict), 1);
  assert.match(
    strict.stderr.join(""),
    /netfsm import: a\.log: line 2: longer than 65,536 bytes \(netfsm's limit for one line\)\n$/,
  );
});

Deno.test("import --mac echoes only a short prefix of what it was given", async () => {
  const io = memoryIo({ "a.log": JOIN });
  assert.equal(await main(["import", "a.log", "--mac", "m".repeat(100_000)], io), 2);
  assert.ok(io.stderr.join("").length < 200, io.stderr.join("").slice(0, 300));
});

Deno.test("import | replay: a value the log does not show is null in the trace and unknown in the timeline", async () => {
  const imported = memoryIo({ "at.log": "WIFI CONNECTED\nWIFI GOT IP\nOK\n" });
  assert.equal(await main(["import", "at.log"], imported), 0);
  const trace = imported.stdout.join("");
  assert.match(trace, /"type":"sta_got_ip","ip":null,"netmask":null,"gw":null/);
  const replayed = memoryIo({ stdin: trace });
  assert.equal(await main(["replay", "-"], replayed), 0);
  assert.match(
    replayed.stdout.join(""),
    /connected +sta_got_ip ip=unknown netmask=unknown gw=unknown\n/,
  );
});

Deno.test("import --at: since-first by default, log-clock on request, anything else a usage error", async () => {
  const files = { "idf.log": `${JOIN}\n${GOT_IP}\n` };
  const ats = async (args: string[]) => {
    const io = memoryIo(files);
    assert.equal(await main(["import", "idf.log", ...args], io), 0);
    return io.stdout.join("").trimEnd().split("\n").slice(1).map((line) => JSON.parse(line).at);
  };
  assert.deepEqual(await ats([]), [0, 0, 1030]);
  assert.deepEqual(await ats(["--at", "log-clock"]), [1108, 1108, 2138]);
  const wrong = memoryIo(files);
  assert.equal(await main(["import", "idf.log", "--at", "boot"], wrong), 2);
  assert.equal(
    wrong.stderr.join(""),
    'netfsm import: --at must be since-first or log-clock, got "boot"\n',
  );
});
