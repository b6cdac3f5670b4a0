/**
 * Issue 4's features end to end: the application API, the shell and the simulated ESP32 together,
 * under a virtual clock.
 */
import assert from "node:assert/strict";
import type { Disconnect } from "../core/reasons.ts";
import { VirtualClock } from "./clock.ts";
import { mockDriver } from "./mock/mock_driver.ts";
import type { World } from "./mock/world.ts";
import { Network } from "./network.ts";
import type { StartOptions } from "./app_config.ts";
import type { Config } from "./app_config.ts";
import { simulate } from "./simulate.ts";
import { MOCK_DEVICE } from "./mock/mock_driver.ts";

const HOME = { ssid: "home", psk: "secret12", rssi: -48, channel: 6 };

function started(config: Config, world: World, options: Partial<StartOptions> = {}) {
  const clock = new VirtualClock();
  const mock = mockDriver({ clock, world, seed: 3 });
  const result = Network.start(config, { clock, driver: mock, ...options });
  if (result._tag === "Left") throw new Error(JSON.stringify(result.left));
  return { clock, mock, network: result.right };
}

Deno.test("disconnected receives the reason, named and classified; staStatus reports it", async () => {
  const reasons: Disconnect[] = [];
  const { clock, network } = started(
    { sta: { ssid: "home", psk: "wrong-password", disconnected: (d) => reasons.push(d) } },
    { access_points: [HOME] },
  );
  await clock.advance(5000);
  assert.equal(reasons.length, 1);
  assert.ok(reasons[0]!.class === "handshake_timeout");
  assert.ok([15, 204].includes(reasons[0]!.reason!));
  assert.deepEqual(network.staStatus().disconnect, reasons[0]);
  await network.stop();
});

Deno.test("managed mode: nothing joins until staConnect; staDisconnect leaves and stays away", async () => {
  const { clock, mock, network } = started({ sta: { managed: true } }, { access_points: [HOME] });
  await clock.advance(10_000);
  assert.equal(network.status, "disconnected");
  assert.deepEqual(network.staConnect(), { _tag: "Left", left: { error: "no_ssid" } });
  assert.deepEqual(network.staConnect({ ssid: "home", psk: "secret12" }), {
    _tag: "Right",
    right: undefined,
  });
  const ip = network.waitForSta(10_000);
  await clock.advance(10_000);
  assert.equal((await ip)._tag, "Right");
  assert.deepEqual(network.staDisconnect(), { _tag: "Right", right: undefined });
  await clock.advance(60_000);
  assert.equal(network.status, "disconnected");
  assert.equal(network.staStatus().disconnect?.class, "requested");
  assert.deepEqual(mock.received.map((c) => c.command), [
    "start_wifi",
    "connect_sta",
    "disconnect_sta",
  ]);
  await network.stop();
});

Deno.test("staConnect to another network leaves the current one first, with the new callbacks", async () => {
  const joined: string[] = [];
  const { clock, mock, network } = started(
    { sta: { ssid: "home", psk: "secret12" } },
    { access_points: [HOME, { ssid: "cafe", subnet: "10.1.2", channel: 11 }] },
  );
  await clock.advance(5000);
  assert.equal(network.status, "connected");
  network.staConnect({ sta: { ssid: "cafe", got_ip: (ip) => joined.push(String(ip.ip)) } });
  await clock.advance(5000);
  assert.equal(network.status, "connected");
  assert.match(joined[0]!, /^10\.1\.2\./);
  const commands = mock.received.map((c) => c.command);
  assert.deepEqual(commands.slice(-2), ["disconnect_sta", "connect_sta"]);
  assert.equal(network.staStatus().disconnect, null);
  await network.stop();
});

Deno.test("staRssi measures the joined AP; before joining the network is down", async () => {
  const { clock, network } = started({ sta: { ssid: "home", psk: "secret12" } }, {
    access_points: [HOME],
  });
  assert.deepEqual(await network.staRssi(), { _tag: "Left", left: { error: "network_down" } });
  await clock.advance(5000);
  const pending = network.staRssi();
  await clock.advance(100);
  const rssi = await pending;
  assert.ok(rssi._tag === "Right" && rssi.right >= -51 && rssi.right <= -45, JSON.stringify(rssi));
  await network.stop();
});

Deno.test("scan: hidden networks only when asked, at most `results`, busy while one runs", async () => {
  const world: World = {
    access_points: [
      HOME,
      { ssid: "cafe", rssi: -70 },
      { ssid: "secret", rssi: -60, hidden: true },
      { ssid: "far", rssi: -90 },
    ],
  };
  const { clock, network } = started({ sta: { ssid: "home", psk: "secret12" } }, world);
  await clock.advance(5000);
  const first = network.scan({ results: 2 });
  assert.deepEqual(await network.scan(), { _tag: "Left", left: { error: "busy" } });
  await clock.advance(5000);
  const found = await first;
  assert.ok(found._tag === "Right");
  assert.equal(found.right.found, 3, "the hidden network is not counted without show_hidden");
  assert.deepEqual(found.right.networks.map((n) => n.ssid), ["home", "cafe"]);
  const hidden = network.scan({ show_hidden: true });
  await clock.advance(5000);
  const all = await hidden;
  assert.ok(all._tag === "Right");
  assert.deepEqual(all.right.networks.map((n) => [n.ssid, n.hidden]).slice(0, 3), [
    ["home", false],
    ["", true],
    ["cafe", false],
  ]);
  assert.deepEqual(await network.scan({ dwell: 0 }), {
    _tag: "Left",
    left: {
      error: "badarg",
      problems: [{
        path: "options.dwell",
        message: "must be from 1 to 1500 (milliseconds per channel), got 0",
      }],
    },
  });
  await network.stop();
});

Deno.test("a scan asked for while joining is queued, not failed, and reaches scan_done", async () => {
  const reports: unknown[] = [];
  const { clock, mock, network } = started(
    { sta: { ssid: "home", psk: "secret12", scan_done: (report) => reports.push(report) } },
    { access_points: [HOME] },
  );
  const pending = network.scan();
  await clock.advance(10_000);
  const result = await pending;
  assert.equal(result._tag, "Right");
  assert.equal(reports.length, 1);
  const scanAt = mock.received.findIndex((c) => c.command === "scan");
  assert.ok(scanAt > mock.received.findIndex((c) => c.command === "connect_sta"));
});

Deno.test("beacon loss: degraded, then disconnected with reason 200, then back", async () => {
  const seen: string[] = [];
  const { clock, network } = started(
    {
      sta: {
        ssid: "home",
        psk: "secret12",
        beacon_timeout: () => seen.push(`beacon_timeout ${network.status}`),
        disconnected: (d) => seen.push(d.name),
      },
    },
    { access_points: [{ ...HOME, present: [{ from: 0, until: 20_000 }, { from: 30_000 }] }] },
  );
  await clock.advance(60_000);
  assert.deepEqual(seen.slice(0, 2), ["beacon_timeout degraded", "BEACON_TIMEOUT"]);
  assert.equal(network.status, "connected");
  await network.stop();
});

Deno.test("IPv6: got_ip6 gets the link-local address the simulated AP offers", async () => {
  const addresses: string[] = [];
  const { clock, network } = started({
    sta: { ssid: "home", psk: "secret12", got_ip6: (ip6) => addresses.push(ip6) },
  }, { access_points: [{ ...HOME, ipv6: true }] });
  await clock.advance(5000);
  assert.deepEqual(addresses, ["fe80::260a:c4ff:fe12:3456"]);
  assert.deepEqual(network.staStatus().ip6, addresses);
  await network.stop();
});

Deno.test("fallback AP: starts on the simulated device when its network is gone, stops when it is back", async () => {
  const events: string[] = [];
  const { clock, network, mock } = started(
    {
      sta: { ssid: "home", psk: "secret12", got_ip: () => events.push("got_ip") },
      ap: {
        ssid: "setup",
        psk: "setup-1234",
        fallback_after_ms: 30_000,
        ap_started: () => events.push("ap_started"),
      },
    },
    { access_points: [{ ...HOME, present: [{ from: 100_000 }] }] },
  );
  await clock.advance(40_000);
  assert.equal(network.shell.state.ap, "started");
  assert.deepEqual(events, ["ap_started"]);
  await clock.advance(200_000);
  assert.deepEqual(events, ["ap_started", "got_ip"]);
  assert.equal(network.shell.state.ap, "off");
  const commands = mock.received.map((c) => c.command);
  assert.ok(commands.indexOf("start_ap") < commands.indexOf("stop_ap"));
  await network.stop();
});

Deno.test("against an absent AP, the default policy makes a few dozen attempts an hour, with growing gaps", async () => {
  const run = await simulate({
    name: "absent for an hour",
    description: "",
    config: { sta: { ssid: "nowhere", psk: "secret12" } },
    device: MOCK_DEVICE,
    world: { access_points: [] },
    duration: 3_600_000,
    requests: [{ at: 0, type: "start" }],
    seed: 1,
  });
  const attempts = run.records.filter((r) => r.commands.some((c) => c.command === "connect_sta"))
    .map((r) => r.at);
  assert.ok(attempts.length >= 10 && attempts.length <= 48, `${attempts.length} attempts`);
  const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
  for (let i = 1; i < 7; i++) assert.ok(gaps[i]! > gaps[i - 1]!, `gap ${i}: ${gaps}`);
  assert.ok(gaps.every((gap) => gap >= 2000), "never a tight loop");
  assert.ok(Math.max(...gaps) <= 120_000 + 3500, "capped at two minutes plus a scan");
});
