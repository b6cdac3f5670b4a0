/**
 * Issue 12's "done when", as a test: `netfsm run CONFIG --driver esp-at --port PTY` against the
 * ESP-AT emulator on the far side of a real pseudo-terminal shows the join, the emulator's
 * address, the loss of the access point and the rejoin; the recorded trace replays to the same
 * records. (On Node too: the npm build runs this file over serialport.)
 */
import assert from "node:assert/strict";
import { startEmulator } from "../drivers/esp_at/emulator/emulator.ts";
import { socatPair } from "../drivers/esp_at/pty_pair.ts";
import { openSerial } from "../drivers/esp_at/serial.ts";
import { main } from "./main.ts";
import { memoryIo } from "./memory_io.ts";

const CONFIG = JSON.stringify({
  sta: { ssid: "home", psk: "secret12", connected: true, disconnected: true, got_ip: true },
});

Deno.test("netfsm run --driver esp-at over a pty: connected, got_ip, the disconnect and the rejoin", async () => {
  const pair = await socatPair();
  const module = await openSerial(pair.b, { baud: 115200 });
  if (module._tag === "Left") throw new Error(module.left);
  // Away for longer than the radio's 6 s beacon timeout, back before the run ends.
  const away = [{ from: 0, until: 3000 }, { from: 10_000 }];
  const emulator = startEmulator({
    stream: module.right,
    bootDelayMs: 100,
    world: { access_points: [{ ssid: "home", psk: "secret12", subnet: "10.9.8", present: away }] },
  });
  const io = memoryIo({ "config.json": CONFIG });
  try {
    const args = ["run", "config.json", "--driver", "esp-at", "--port", pair.a, "--duration", "16"];
    assert.equal(await main([...args, "--json", "--record", "run.jsonl"], io), 0);
  } finally {
    await emulator.close();
    await pair.close();
  }
  const records = io.stdout.join("").trimEnd().split("\n").map((line) => JSON.parse(line));
  const inputs = records.map((r) => r.input.type as string);
  const first = inputs.indexOf("sta_got_ip");
  const lost = inputs.indexOf("sta_disconnected", first);
  assert.ok(first > 0 && lost > first, inputs.join(" "));
  assert.ok(inputs.indexOf("sta_got_ip", lost) > lost, `rejoined: ${inputs.join(" ")}`);
  assert.match(
    JSON.stringify(records[first].input),
    /"ip":"10\.9\.8\.\d+"/,
    "the emulator's address",
  );
  assert.equal(inputs.at(-1), "stop");
  assert.match(
    io.stderr.join(""),
    /^netfsm run: ESP-AT on \/dev\/pts\/\d+ at 115200 baud: AT version:/,
  );
  assert.ok(!JSON.stringify(io.written).includes("secret12"), "no psk in the trace");

  const replay = memoryIo({ "run.jsonl": io.written["run.jsonl"] ?? "" });
  assert.equal(await main(["replay", "run.jsonl", "--json"], replay), 0);
  assert.equal(
    replay.stdout.join(""),
    io.stdout.join(""),
    "the trace replays to the run's records",
  );
});
