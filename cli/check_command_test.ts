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
