import assert from "node:assert/strict";
import type { IpInfo } from "../core/input.ts";
import { apiTest } from "./_testing.ts";
import { VirtualClock } from "./clock.ts";
import { mockDriver } from "./mock/mock_driver.ts";
import type { AccessPoint, World } from "./mock/world.ts";
import { running, start, stop, waitForAp, waitForSta } from "./api.ts";
import { Network } from "./network.ts";

const HOME = { ssid: "home", psk: "secret12" };

const IP_PATTERN = /^192\.168\.1\.\d+$/;

function world(extra: Partial<AccessPoint> = {}): World {
  return { access_points: [{ ...HOME, ...extra }] };
}

apiTest("start() with function callbacks runs them with AtomVM's arguments", async () => {
  const clock = new VirtualClock();
  const calls: unknown[][] = [];
  const started = Network.start({
    sta: {
      ...HOME,
      connected: () => calls.push(["connected"]),
      got_ip: (ip) => calls.push(["got_ip", ip]),
    },
    sntp: { host: "pool.ntp.org", synchronized: (time) => calls.push(["synchronized", time]) },
  }, { clock });
  assert.equal(started._tag, "Right");
  await clock.advance(5000);
  assert.deepEqual(calls.map((c) => c[0]), ["connected", "got_ip", "synchronized"]);
  assert.match((calls[1]![1] as { ip: string }).ip, IP_PATTERN);
  if (started._tag === "Right") await started.right.stop();
});

apiTest(
  "start() reports an invalid configuration with every problem (AtomVM said ok)",
  async () => {
    const result = await start({ sta: { ssid: "x".repeat(40), psk: "p" }, ap: { psk: "short" } }, {
      clock: new VirtualClock(),
    });
    assert.deepEqual(result, {
      _tag: "Left",
      left: {
        error: "invalid_config",
        problems: [
          { path: "sta.ssid", message: "must be 1 to 32 bytes, got 40 bytes" },
          {
            path: "ap.psk",
            message:
              "must be 8 to 64 bytes for WPA2; leave psk out for an open network, got 5 bytes",
          },
        ],
      },
    });
    assert.equal(running(), undefined);
  },
);

apiTest("stop while connecting: the radio stops and no callback ever fires", async () => {
  const clock = new VirtualClock();
  const calls: string[] = [];
  const mock = mockDriver({ clock, world: world() });
  const started = Network.start({
    sta: {
      ...HOME,
      connected: () => calls.push("connected"),
      disconnected: () => calls.push("disconnected"),
    },
  }, { clock, driver: mock });
  if (started._tag === "Left") throw new Error("did not start");
  await clock.advance(300);
  assert.equal(started.right.status, "connecting");
  await started.right.stop();
  await clock.advance(60_000);
  assert.deepEqual(calls, []);
  assert.equal(started.right.status, "stopped");
  assert.deepEqual(mock.received.map((c) => c.command), ["start_wifi", "connect_sta", "stop_wifi"]);
});

apiTest("stop twice is fine, and start works again after stop", async () => {
  const clock = new VirtualClock();
  const addresses: (string | null)[] = [];
  const config = { sta: { ...HOME, got_ip: (ip: IpInfo) => addresses.push(ip.ip) } };
  assert.equal((await start(config, { clock }))._tag, "Right");
  await clock.advance(5000);
  await stop();
  await stop();
  const again = await start(config, { clock });
  assert.equal(again._tag, "Right");
  await clock.advance(5000);
  assert.equal(addresses.length, 2);
  if (again._tag === "Right") {
    await again.right.stop();
    await again.right.stop();
  }
  await stop();
});

apiTest("start() while running replies already_started", async () => {
  const clock = new VirtualClock();
  await start({ ap: {} }, { clock });
  assert.deepEqual(await start({ ap: {} }, { clock }), {
    _tag: "Left",
    left: { error: "already_started" },
  });
  await stop();
});

apiTest(
  "seed 26: waitForSta resolves with the address, and keeps the application's callbacks",
  async () => {
    const clock = new VirtualClock();
    let own = 0;
    const pending = waitForSta({ ...HOME, got_ip: () => own++ }, 10_000, { clock });
    await clock.advance(10_000);
    const result = await pending;
    assert.equal(result._tag, "Right");
    assert.match(result._tag === "Right" ? String(result.right.ip) : "", IP_PATTERN);
    assert.equal(own, 1, "AtomVM ignored the application's own got_ip; netfsm calls it");
    assert.equal(
      (await waitForSta())._tag,
      "Right",
      "without a config, it answers for the running network at once",
    );
    await stop();
  },
);

apiTest(
  "seed 27: waitForSta ends with disconnected on a failed attempt; reconnecting goes on",
  async () => {
    const clock = new VirtualClock();
    const mock = mockDriver({ clock, world: world() });
    const pending = waitForSta({ ssid: "home", psk: "wrong-password" }, 15_000, {
      clock,
      driver: mock,
    });
    await clock.advance(15_000);
    assert.deepEqual(await pending, { _tag: "Left", left: { error: "disconnected" } });
    const retry = running()?.shell.state.timers.reconnect;
    assert.ok(
      retry !== undefined,
      "AtomVM's wait_for_sta switched reconnection off; netfsm does not",
    );
    await clock.advance(120_000);
    // Wrong credentials are retried slowly: 30 s, then 60 s, ...
    assert.equal(mock.received.filter((c) => c.command === "connect_sta").length, 3);
  },
);

apiTest(
  "seed 28: waitForSta times out after exactly its timeout (AtomVM restarted it on connect)",
  async () => {
    const clock = new VirtualClock();
    let resolvedAt = -1;
    const pending = waitForSta(HOME, 15_000, { clock, world: world({ dhcp: "silent" }) }).then(
      (r) => {
        resolvedAt = clock.now();
        return r;
      },
    );
    await clock.advance(20_000);
    assert.deepEqual(await pending, { _tag: "Left", left: { error: "timeout" } });
    assert.equal(resolvedAt, 15_000);
    assert.equal(running()?.status, "associated");
    await stop();
  },
);

apiTest("waitForSta reports a configuration's problems at once (AtomVM timed out)", async () => {
  const result = await waitForSta({ psk: "secret12" }, 15_000, { clock: new VirtualClock() });
  assert.deepEqual(result, {
    _tag: "Left",
    left: {
      error: "invalid_config",
      problems: [{
        path: "sta.ssid",
        message: "is required: set it here or store sta_ssid in NVS",
      }],
    },
  });
});

apiTest("waitForSta without a configuration uses NVS", async () => {
  const clock = new VirtualClock();
  const driver = mockDriver({
    clock,
    world: world(),
    device: { mac: "24:0a:c4:12:34:56", nvs: { sta_ssid: "home", sta_psk: "secret12" } },
  });
  const pending = waitForSta(undefined, 15_000, { clock, driver });
  await clock.advance(15_000);
  assert.equal((await pending)._tag, "Right");
  await stop();
});

apiTest("seed 29: waitForAp resolves when the AP starts, or times out", async () => {
  const clock = new VirtualClock();
  const ok = waitForAp({ psk: "12345678" }, 15_000, { clock });
  await clock.advance(1000);
  assert.deepEqual(await ok, { _tag: "Right", right: undefined });
  await stop();
  // Sooner than deadlines.ap_start_ms (10 s), after which a silent AP is taken as started.
  const silent = waitForAp({}, 5_000, { clock, world: { faults: { drop: 1 } } });
  await clock.advance(6_000);
  assert.deepEqual(await silent, { _tag: "Left", left: { error: "timeout" } });
  await stop();
});

apiTest("a wait ends with stopped when the network stops under it", async () => {
  const clock = new VirtualClock();
  const started = Network.start({ sta: HOME }, { clock, world: world({ dhcp: "silent" }) });
  if (started._tag === "Left") throw new Error("did not start");
  const pending = started.right.waitForSta(60_000);
  await clock.advance(2000);
  await started.right.stop();
  assert.deepEqual(await pending, { _tag: "Left", left: { error: "stopped" } });
});

apiTest("any API run can be recorded, and the recording replays to the same steps", async () => {
  const { replayLines, toRecord } = await import("../core/mod.ts");
  const clock = new VirtualClock();
  const lines: string[] = [];
  const live: unknown[] = [];
  const started = Network.start({ sta: { ...HOME, got_ip: () => {} }, ap: { psk: "12345678" } }, {
    clock,
    world: {
      access_points: [{ ...HOME, flap: { every: 30_000, down_for: 12_000 } }],
      stations: [{ mac: "3c:22:fb:01:02:03", join: 3000 }],
    },
    record: (line) => lines.push(line),
    onStep: (applied) => live.push(toRecord(applied.input, applied.state, applied.effects)),
  });
  if (started._tag === "Left") throw new Error("did not start");
  await clock.advance(60_000);
  await started.right.stop();
  const replayed = [];
  for await (const event of replayLines(lines)) {
    replayed.push(event.kind === "record" ? event.record : event);
  }
  assert.deepEqual(replayed, live);
  assert.ok(lines.some((line) => line.includes('"reason":200')), "the outage was noticed");
  assert.ok(lines.length > 10);
  assert.ok(!lines.join("\n").includes("secret12") && !lines.join("\n").includes("12345678"));
});
