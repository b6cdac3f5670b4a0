import assert from "node:assert/strict";
import { VirtualClock } from "../clock.ts";
import { startModdable } from "./mod.ts";
import { standIns } from "./stand_ins/services.ts";
import { ModdableWorld } from "./stand_ins/world.ts";
import { runScenarios, SCENARIOS } from "./_scenarios.ts";

for (const scenario of SCENARIOS) {
  Deno.test(`moddable: ${scenario.name}`, async () => {
    const [result] = await runScenarios([scenario.name]);
    assert.deepEqual(result?.failures, []);
  });
}

Deno.test("moddable: startModdable runs the network on the stand-ins' Timer", async () => {
  const clock = new VirtualClock();
  const world = new ModdableWorld({
    clock,
    accessPoints: [{ ssid: "home", bssid: "aa:bb:cc:00:00:01", rssi: -50, channel: 1 }],
  });
  const seen: string[] = [];
  // Timer's clock reads the virtual time, and wakes through the stand-in Timer on it.
  const started = startModdable(standIns(world), {
    sta: { ssid: "home", got_ip: (ip) => seen.push(String(ip.ip)) },
  }, { now: () => clock.now() });
  if (started._tag === "Left") throw new Error(started.left.error);
  // This clock has no `attach`, as on a device: the shell's work is let finish by hand.
  for (let ms = 0; ms < 10_000; ms += 100) {
    await started.right.shell.idle();
    await clock.advance(100);
  }
  assert.deepEqual(seen, ["192.168.1.42"]);
  await started.right.stop();
});

Deno.test("moddable: no station MAC from Net is start_failed", () => {
  const clock = new VirtualClock();
  const modules = { ...standIns(new ModdableWorld({ clock })), Net: { get: () => undefined } };
  const started = startModdable(modules, { sta: { ssid: "home" } });
  assert.deepEqual(started, {
    _tag: "Left",
    left: {
      error: "start_failed",
      problems: [{ path: "driver", message: 'Net.get("MAC", "station") gave no MAC' }],
    },
  });
});
