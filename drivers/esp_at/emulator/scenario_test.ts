import assert from "node:assert/strict";
import { checkText } from "../../../cli/check_command.ts";
import { parseJson } from "../../../core/json_parse.ts";
import { bench } from "./_testing.ts";
import { decodeEmulatorScenario, describeWorld, type EmulatorScenario } from "./scenario.ts";

const EXAMPLES = new URL("../../../examples/esp_at/", import.meta.url);

async function example(name: string): Promise<EmulatorScenario> {
  const json = parseJson(await Deno.readTextFile(new URL(name, EXAMPLES)));
  if (json._tag === "Left") throw new Error(`${name}: not JSON`);
  const scenario = decodeEmulatorScenario(json.right);
  if (scenario._tag === "Left") throw new Error(`${name}: ${JSON.stringify(scenario.left)}`);
  return scenario.right;
}

Deno.test("scenario: examples/esp_at/emulator.json: home away from 20 s to 30 s, a visitor, SNTP", async () => {
  const scenario = await example("emulator.json");
  const home = scenario.world.access_points?.[0];
  assert.equal(home?.ssid, "home");
  assert.equal(home?.psk, "secret12");
  assert.equal(home?.subnet, "192.168.1");
  assert.deepEqual(home?.present, [{ from: 0, until: 20_000 }, { from: 30_000 }]);
  assert.equal(scenario.world.stations?.length, 1);
  assert.equal(scenario.world.sntp?.reachable, true);
  assert.equal(scenario.bootNoise, true);
  assert.equal(
    describeWorld(scenario.world),
    'access point "home", 1 soft-AP visitor, SNTP reachable',
  );
});

Deno.test("scenario: examples/esp_at/config.json is a valid netfsm configuration joining home with SNTP", async () => {
  const report = checkText(await Deno.readTextFile(new URL("config.json", EXAMPLES)));
  assert.equal(report._tag, "Right");
  if (report._tag === "Right") assert.deepEqual(report.right.problems, []);
});

Deno.test("scenario: examples/esp_at/saved_ap.json makes a module that joins home by itself", async () => {
  const scenario = await example("saved_ap.json");
  const b = await bench({ world: scenario.world, saved: scenario.saved }, true);
  await b.advance(10_000);
  assert.equal(b.take(), "ready\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n");
  // Home goes away at 20 s; the firmware notices 7.5 s later and rejoins on its own after 30 s.
  await b.advance(40_000);
  assert.equal(b.take(), "WIFI DISCONNECT\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n");
  await b.emulator.close();
});

Deno.test("scenario: every problem is named with its path; defaults fill the rest", () => {
  const bad = decodeEmulatorScenario({
    seed: -1,
    boot_delay_ms: 1e9,
    saved: { station: { ssid: "" }, soft_ap: { ssid: "esp", psk: "short" }, bogus: 1 },
  });
  assert.equal(bad._tag, "Left");
  if (bad._tag === "Left") {
    assert.deepEqual(bad.left.map((p) => p.path), [
      "seed",
      "saved.station.ssid",
      "saved.soft_ap.psk",
      "boot_delay_ms",
    ]);
  }
  const empty = decodeEmulatorScenario({});
  assert.equal(empty._tag === "Right" && empty.right.bootDelayMs, 300);
  assert.equal(empty._tag === "Right" && empty.right.bootNoise, false);
});
