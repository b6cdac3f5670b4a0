/**
 * `netfsm run --driver esp-idf` end to end: the command opens the ESP-IDF stand-in through real
 * FFI (the test sets its world through the same library, which the process loads once), runs the
 * configuration in real time, and its recorded trace replays to the same records.
 */
import assert from "node:assert/strict";
import process from "node:process";
import { openSim } from "../drivers/esp_hosted/_sim.ts";
import { addAp, simFor } from "../drivers/esp_idf/_sim.ts";
import { main } from "./main.ts";
import { memoryIo } from "./memory_io.ts";

const CONFIG = JSON.stringify({
  sta: { ssid: "home", psk: "secret12", connected: true, got_ip: true },
});

Deno.test("netfsm run --driver esp-idf --lib PATH --idf 5.4: joins, gets its address, stops, replays", async () => {
  const { path, sim } = await simFor("5.4");
  addAp(sim, {
    ssid: "home",
    psk: "secret12",
    bssid: "a4:2b:b0:11:22:33",
    channel: 6,
    rssi: -52,
    subnet: 9,
  });
  const io = memoryIo({ "config.json": CONFIG });
  const args = ["run", "config.json", "--driver", "esp-idf", "--lib", path, "--idf", "5.4"];
  assert.equal(await main([...args, "--duration", "1", "--json", "--record", "run.jsonl"], io), 0);
  sim.close();
  const records = io.stdout.join("").trimEnd().split("\n").map((line) => JSON.parse(line));
  const gotIp = records.find((r) => r.input.type === "sta_got_ip");
  assert.equal(gotIp?.input.ip, "192.168.9.100");
  assert.equal(records.at(-1)?.input.type, "stop");
  assert.match(
    io.stderr.join(""),
    /^netfsm run: ESP-IDF 5\.4 WiFi API in .*libesp_idf_sim_5\.4\.so, MAC /,
  );
  assert.ok(!JSON.stringify(io.written).includes("secret12"));
  const replay = memoryIo({ "run.jsonl": io.written["run.jsonl"] ?? "" });
  assert.equal(await main(["replay", "run.jsonl", "--json"], replay), 0);
  assert.equal(replay.stdout.join(""), io.stdout.join(""));
});

Deno.test("netfsm run --driver esp-idf: a library that is not there, and a version netfsm does not know", async () => {
  const missing = memoryIo({ "config.json": CONFIG });
  assert.equal(await main(["run", "config.json", "--lib", "/nonexistent/libwifi.so"], missing), 1);
  assert.match(missing.stderr.join(""), /^netfsm run: cannot open \/nonexistent\/libwifi\.so: /);
  const old = memoryIo({ "config.json": CONFIG });
  assert.equal(await main(["run", "config.json", "--lib", "x.so", "--idf", "4.4"], old), 2);
  assert.match(
    old.stderr.join(""),
    /^netfsm run: --idf must be one of 5\.1, 5\.2, 5\.3, 5\.4, 5\.5, 6\.0, got "4\.4"/,
  );
});

Deno.test("netfsm run --driver esp-hosted: no /dev/esps0 is exit 1, saying what to check", async () => {
  const { path, sim } = await openSim();
  const before = process.env.NETFSM_HOSTED_DEVICE;
  process.env.NETFSM_HOSTED_DEVICE = "/nonexistent/esps0";
  try {
    const io = memoryIo({ "config.json": CONFIG });
    const args = ["run", "config.json", "--driver", "esp-hosted", "--lib", path, "--duration", "1"];
    assert.equal(await main(args, io), 1);
    assert.match(io.stderr.join(""), /^netfsm run: .*\/dev\/esps0.*kernel module/s);
  } finally {
    if (before === undefined) delete process.env.NETFSM_HOSTED_DEVICE;
    else process.env.NETFSM_HOSTED_DEVICE = before;
    sim.close();
  }
});
