import assert from "node:assert/strict";
import { main } from "./main.ts";
import { memoryIo } from "./memory_io.ts";

const FILES = {
  "good.erl":
    '[{sta, [{ssid, "home"}, {psk, "secret12"}, {got_ip, fun(Ip) -> ok end}]}, {ap, [{psk, "12345678"}]}].',
  "nvs.erl": "[{sta, [{got_ip, self()}]}].",
  "bad.erl": '[{ap, [{psk, "short"}, {ap_ssid_hidden, true}]}].',
  "bad.json": '{"sta": {"ssid": "x", "pskk": "hunter22"}}',
  "broken.erl": '[{sta, [{ssid "x"}]}].',
  "broken.json": '{"sta": ',
};

Deno.test("check: a valid configuration, in either form, exits 0; notes say what NVS must supply", async () => {
  const io = memoryIo(FILES);
  assert.equal(await main(["check", "good.erl"], io), 0);
  assert.equal(io.stdout.join(""), "good.erl: a valid configuration (Erlang term)\n");
  const nvs = memoryIo(FILES);
  assert.equal(await main(["check", "nvs.erl"], nvs), 0);
  assert.match(nvs.stdout.join(""), /note: sta\.ssid is absent: start will read it from NVS/);
});

Deno.test("check: every problem with its path, exit 1, and never a psk", async () => {
  const io = memoryIo(FILES);
  assert.equal(await main(["check", "bad.erl"], io), 1);
  assert.deepEqual(io.stdout.join("").trimEnd().split("\n"), [
    "bad.erl: ap.psk: must be 8 to 64 bytes for WPA2; leave psk out for an open network, got 5 bytes",
    "bad.erl: ap.ap_ssid_hidden: is not a known key; did you mean ssid_hidden?",
  ]);
  const json = memoryIo(FILES);
  assert.equal(await main(["check", "bad.json", "--json"], json), 1);
  const report = JSON.parse(json.stdout.join(""));
  assert.deepEqual(report, {
    file: "bad.json",
    format: "json",
    valid: false,
    problems: [{ path: "sta.pskk", message: "is not a known key; did you mean psk?" }],
    notes: [],
  });
  assert.ok(!json.stdout.join("").includes("hunter22"));
});

Deno.test("check: unreadable input is a finding (1), a missing argument misuse (2)", async () => {
  const broken = memoryIo(FILES);
  assert.equal(await main(["check", "broken.erl"], broken), 1);
  assert.equal(
    broken.stderr.join(""),
    'broken.erl: line 1, column 15: expected "," or "}", found a double quote\n',
  );
  const json = memoryIo(FILES);
  assert.equal(await main(["check", "broken.json"], json), 1);
  assert.match(json.stderr.join(""), /^broken\.json: not valid JSON/);
  assert.equal(await main(["check", "missing.erl"], memoryIo(FILES)), 1);
  assert.equal(await main(["check"], memoryIo(FILES)), 2);
});

Deno.test("check: a JSON syntax error names line and column and quotes nothing", async () => {
  const io = memoryIo({ "leak.json": '{\n  "sta": {"ssid": "x", "psk": PSKLEAK123"}\n}' });
  assert.equal(await main(["check", "leak.json"], io), 1);
  assert.equal(
    io.stderr.join(""),
    "leak.json: not valid JSON at line 2, column 31: expected a value\n",
  );
  const json = memoryIo({ "leak.json": '{"sta": {"psk": "PSKLEAK123' });
  assert.equal(await main(["check", "leak.json", "--json"], json), 1);
  assert.ok(!json.stdout.join("").includes("PSKLEAK"), json.stdout.join(""));
});

Deno.test("check: a configuration nested thousands of levels deep is refused, in either form", async () => {
  const io = memoryIo({
    "deep.erl": "[{sta, " + "[".repeat(5000) + "]".repeat(5000) + "}].",
    "deep.json": '{"sta": ' + '{"a": '.repeat(5000) + "1" + "}".repeat(5001),
  });
  assert.equal(await main(["check", "deep.erl"], io), 1);
  assert.equal(await main(["check", "deep.json"], io), 1);
  assert.deepEqual(io.stderr, [
    "deep.erl: line 1, column 70: nested deeper than 64 levels (netfsm's limit)\n",
    "deep.json: nested deeper than 64 levels (netfsm's limit) at line 1, column 387\n",
  ]);
});

Deno.test("check: keys named after the object prototype's members are just unknown keys", async () => {
  const io = memoryIo({
    "proto.json": '{"sta": {"ssid": "x", "constructor": true, "toString": 1}}',
  });
  assert.equal(await main(["check", "proto.json"], io), 1);
  const out = io.stdout.join("");
  assert.doesNotMatch(out, /native code|belongs in/);
  assert.match(out, /sta\.constructor: is not a known key/);
  assert.match(out, /sta\.toString: is not a known key/);
});

Deno.test("check: a line or a file past the limits is refused by its number, not read whole", async () => {
  const io = memoryIo({
    "long.json": '{"sta": {"ssid": "x"},\n "pad": "' + "x".repeat(70_000) + '"}',
    "big.erl": '[{sta, [{ssid, "x"}]}].\n' + "% padding\n".repeat(120_000),
  });
  assert.equal(await main(["check", "long.json"], io), 1);
  assert.equal(await main(["check", "big.erl"], io), 1);
  assert.deepEqual(io.stderr, [
    "long.json: line 2 is longer than 65,536 bytes (netfsm's limit for one line)\n",
    "big.erl: is larger than 1,048,576 bytes (netfsm's limit for a configuration or scenario file)\n",
  ]);
});
