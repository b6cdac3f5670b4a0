import assert from "node:assert/strict";
import { VirtualClock } from "../clock.ts";
import { Network } from "../network.ts";
import { mockDriver } from "./mock_driver.ts";

const HOME = { ssid: "home", psk: "secret12" };

Deno.test("mock mDNS: the responder answers for <hostname>.local on the station's address", async () => {
  const clock = new VirtualClock();
  const mock = mockDriver({ clock, world: { access_points: [HOME] }, seed: 3 });
  const started = Network.start({ sta: HOME, mdns: { hostname: "Dev-1", ttl: 120 } }, {
    clock,
    driver: mock,
  });
  assert.equal(started._tag, "Right");
  assert.equal(mock.resolve("dev-1.local"), undefined, "nothing answers before an address");
  await clock.advance(5000);
  const address = mock.address;
  assert.ok(address !== undefined);
  assert.deepEqual(mock.resolve("DEV-1.Local"), { ip: address, ttl: 120 });
  assert.equal(mock.resolve("dev-2.local"), undefined);
  assert.equal(mock.resolve("dev-1.local.example"), undefined);
  assert.equal(mock.mdns.starts, 1);
  if (started._tag === "Right") await started.right.stop();
  assert.equal(mock.mdns.hostname, undefined, "stop() stops the responder (AtomVM's did not)");
  assert.equal(mock.resolve("dev-1.local"), undefined);
});

Deno.test("mock mDNS: without mdns no responder starts; the default TTL is AtomVM's 900 s", async () => {
  for (const [mdns, expected] of [[undefined, undefined], [{ hostname: "dev" }, 900]] as const) {
    const clock = new VirtualClock();
    const mock = mockDriver({ clock, world: { access_points: [HOME] }, seed: 3 });
    const started = Network.start({ sta: HOME, ...(mdns === undefined ? {} : { mdns }) }, {
      clock,
      driver: mock,
    });
    await clock.advance(5000);
    assert.equal(mock.resolve("dev.local")?.ttl, expected);
    if (started._tag === "Right") await started.right.stop();
  }
});

Deno.test("mock mDNS: start_mdns without a station address is refused", async () => {
  const mock = mockDriver({ clock: new VirtualClock(), world: { access_points: [HOME] } });
  await mock.apply({ command: "start_wifi", mode: "sta" });
  const result = await mock.apply({
    command: "start_mdns",
    hostname: "dev",
    ttl: 9,
    ip: "1.2.3.4",
  });
  assert.deepEqual(result, { _tag: "Left", left: "ESP_ERR_INVALID_STATE" });
});
