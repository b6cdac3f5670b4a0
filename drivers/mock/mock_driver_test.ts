import assert from "node:assert/strict";
import { VirtualClock } from "../clock.ts";
import type { DriverCommand, DriverEvent } from "../driver.ts";
import { mockDriver } from "./mock_driver.ts";
import type { World } from "./world.ts";

type Seen = { at: number } & DriverEvent;

const HOME = { ssid: "home", psk: "secret12", bssid: "a4:2b:b0:11:22:33", channel: 6 } as const;
const CONNECT: DriverCommand = {
  command: "connect_sta",
  ssid: "home",
  psk: "secret12",
  hostname: "atomvm-240ac4123456",
};

async function drive(world: World, commands: DriverCommand[], until: number, seed = 1) {
  const clock = new VirtualClock();
  const mock = mockDriver({ clock, world, seed });
  const seen: Seen[] = [];
  mock.events.subscribe((event) => seen.push({ at: clock.now(), ...event }));
  for (const command of commands) await mock.apply(command);
  await clock.runUntil(until);
  return { seen, mock, clock, types: seen.map((e) => e.type) };
}

const STA: DriverCommand = { command: "start_wifi", mode: "sta" };

Deno.test("mock: the right psk joins and gets an address; the hostname is asked for", async () => {
  const { seen, mock } = await drive({ access_points: [HOME] }, [STA, CONNECT], 10_000);
  assert.deepEqual(seen.map((e) => e.type), ["sta_connected", "sta_got_ip"]);
  assert.deepEqual(seen[0], {
    at: seen[0]!.at,
    type: "sta_connected",
    ssid: "home",
    bssid: HOME.bssid,
    channel: 6,
    aid: 1,
  });
  assert.ok(seen[0]!.at >= 800 && seen[0]!.at <= 1500, `associated at ${seen[0]!.at}`);
  assert.equal(mock.hostname, "atomvm-240ac4123456");
});

Deno.test("mock: a wrong psk fails the handshake with reason 15 or 204", async () => {
  const reasons = new Set<number>();
  for (let seed = 1; seed <= 12; seed++) {
    const { seen } = await drive(
      { access_points: [HOME] },
      [STA, { ...CONNECT, psk: "wrong-one" }],
      10_000,
      seed,
    );
    assert.equal(seen.length, 1);
    const event = seen[0]!;
    assert.equal(event.type, "sta_disconnected");
    reasons.add(event.type === "sta_disconnected" ? event.reason ?? 0 : 0);
  }
  assert.deepEqual([...reasons].sort(), [15, 204]);
});

Deno.test("mock: an absent AP ends the scan with reason 201", async () => {
  const { seen } = await drive({ access_points: [{ ...HOME, present: [{ from: 60_000 }] }] }, [
    STA,
    CONNECT,
  ], 10_000);
  assert.deepEqual(seen.map((e) => [e.type, e.type === "sta_disconnected" && e.reason]), [[
    "sta_disconnected",
    201,
  ]]);
  assert.ok(seen[0]!.at >= 1800 && seen[0]!.at <= 3500);
});

Deno.test("mock: an AP that vanishes is noticed after 6 s of lost beacons, then reason 200", async () => {
  const { seen } = await drive(
    { access_points: [{ ...HOME, present: [{ from: 0, until: 20_000 }] }] },
    [STA, CONNECT],
    40_000,
  );
  assert.deepEqual(seen.map((e) => e.type), [
    "sta_connected",
    "sta_got_ip",
    "sta_beacon_timeout",
    "sta_disconnected",
  ]);
  assert.equal(seen[2]!.at, 26_000);
  assert.equal(seen[3]!.at, 27_500);
  assert.equal(seen[3]!.type === "sta_disconnected" && seen[3]!.reason, 200);
});

Deno.test("mock: the DHCP lease stays the same across reconnects", async () => {
  const clock = new VirtualClock();
  const mock = mockDriver({ clock, world: { access_points: [HOME] }, seed: 3 });
  const ips: string[] = [];
  mock.events.subscribe((event) => event.type === "sta_got_ip" && ips.push(event.ip));
  await mock.apply(STA);
  for (let i = 0; i < 3; i++) {
    await mock.apply(CONNECT);
    await clock.advance(5000);
  }
  assert.equal(ips.length, 3);
  assert.equal(new Set(ips).size, 1);
  assert.match(ips[0]!, /^192\.168\.1\.\d+$/);
});

Deno.test("mock: silent DHCP associates but never hands out an address", async () => {
  const { types } = await drive(
    { access_points: [{ ...HOME, dhcp: "silent" }] },
    [STA, CONNECT],
    60_000,
  );
  assert.deepEqual(types, ["sta_connected"]);
});

Deno.test("mock: a flapping AP drops the station each time it goes off the air", async () => {
  const world: World = { access_points: [{ ...HOME, flap: { every: 30_000, down_for: 10_000 } }] };
  const { types } = await drive(world, [STA, CONNECT], 60_000);
  assert.deepEqual(types, [
    "sta_connected",
    "sta_got_ip",
    "sta_beacon_timeout",
    "sta_disconnected",
  ]);
});

Deno.test("mock: SNTP synchronises after the address, with the world's epoch", async () => {
  const { seen } = await drive({ access_points: [HOME], sntp: { epoch: 1_000_000 } }, [STA, {
    command: "start_sntp",
    host: "pool.ntp.org",
  }, CONNECT], 10_000);
  const sync = seen.find((e) => e.type === "sntp_sync");
  assert.ok(sync !== undefined && sync.type === "sntp_sync");
  assert.equal(sync.sec, 1_000_000 + Math.floor(sync.at / 1000));
  const unreachable = await drive({ access_points: [HOME], sntp: { reachable: false } }, [STA, {
    command: "start_sntp",
    host: "h",
  }, CONNECT], 10_000);
  assert.ok(!unreachable.types.includes("sntp_sync"));
});

Deno.test("mock: the soft-AP serves stations .2, .3, turns one away when full, and sees them leave", async () => {
  const world: World = {
    stations: [
      { mac: "3c:22:fb:01:02:03", join: 1000, leave: 9000 },
      { mac: "f0:18:98:aa:bb:cc", join: 2000 },
      { mac: "00:11:22:33:44:55", join: 3000 },
    ],
  };
  const ap = {
    ssid: "setup",
    authmode: "open" as const,
    ssid_hidden: false,
    max_connections: 2,
    hostname: "h",
  };
  const { seen, mock } = await drive(world, [{ command: "start_wifi", mode: "ap", ap }], 10_000);
  assert.deepEqual(seen.map((e) => [e.type, "mac" in e ? e.mac : "", "ip" in e ? e.ip : ""]), [
    ["ap_started", "", ""],
    ["ap_sta_connected", "3c:22:fb:01:02:03", ""],
    ["ap_sta_ip_assigned", "3c:22:fb:01:02:03", "192.168.4.2"],
    ["ap_sta_connected", "f0:18:98:aa:bb:cc", ""],
    ["ap_sta_ip_assigned", "f0:18:98:aa:bb:cc", "192.168.4.3"],
    ["ap_sta_disconnected", "3c:22:fb:01:02:03", ""],
  ]);
  assert.deepEqual(mock.refused, ["00:11:22:33:44:55"]);
});

Deno.test("mock: after stop_wifi nothing more happens; commands without a radio are refused", async () => {
  const clock = new VirtualClock();
  const mock = mockDriver({ clock, world: { access_points: [HOME] } });
  const seen: string[] = [];
  mock.events.subscribe((event) => seen.push(event.type));
  await mock.apply(STA);
  await mock.apply(CONNECT);
  await clock.advance(500);
  await mock.apply({ command: "stop_wifi" });
  await clock.advance(30_000);
  assert.deepEqual(seen, []);
  assert.deepEqual(await mock.apply(CONNECT), { _tag: "Left", left: "ESP_ERR_WIFI_MODE" });
  await mock.apply(STA);
  assert.deepEqual(await mock.apply(STA), { _tag: "Left", left: "ESP_ERR_WIFI_STATE" });
});

Deno.test("faults: every event dropped", async () => {
  const { types, mock } = await drive({ access_points: [HOME], faults: { drop: 1 } }, [
    STA,
    CONNECT,
  ], 10_000);
  assert.deepEqual(types, []);
  assert.deepEqual(mock.dropped.map((e) => e.type), ["sta_connected", "sta_got_ip"]);
});

Deno.test("faults: every event duplicated", async () => {
  const { types } = await drive(
    { access_points: [HOME], faults: { duplicate: 1 } },
    [STA, CONNECT],
    10_000,
  );
  assert.deepEqual(types, ["sta_connected", "sta_connected", "sta_got_ip", "sta_got_ip"]);
});

Deno.test("faults: every event delayed, within max_delay", async () => {
  const plain = await drive({ access_points: [HOME] }, [STA, CONNECT], 10_000);
  const late = await drive({ access_points: [HOME], faults: { delay: 1, max_delay: 300 } }, [
    STA,
    CONNECT,
  ], 10_000);
  assert.deepEqual(late.types, plain.types);
  // The same seed draws the same radio timings, then one extra draw per event for its delay.
  assert.ok(
    late.seen[0]!.at > plain.seen[0]!.at && late.seen[0]!.at <= plain.seen[0]!.at + 300,
    `${late.seen[0]!.at}`,
  );
});

Deno.test("faults: reordering swaps an event with the next one", async () => {
  const { types } = await drive(
    { access_points: [HOME], faults: { reorder: 1 } },
    [STA, CONNECT],
    10_000,
  );
  assert.deepEqual(types, ["sta_got_ip", "sta_connected"]);
});

Deno.test("faults: a held event with nothing after it is still delivered", async () => {
  const world: World = {
    stations: [{ mac: "3c:22:fb:01:02:03", join: 100_000 }],
    faults: { reorder: 1, max_delay: 500 },
  };
  const ap = {
    ssid: "s",
    authmode: "open" as const,
    ssid_hidden: false,
    max_connections: 4,
    hostname: "h",
  };
  const { seen } = await drive(world, [{ command: "start_wifi", mode: "ap", ap }], 10_000);
  assert.deepEqual(seen.map((e) => e.type), ["ap_started"]);
});

Deno.test("mock: the same seed gives the same run; another seed, other timings", async () => {
  const world: World = { access_points: [HOME], faults: { delay: 0.5, duplicate: 0.2 } };
  const a = await drive(world, [STA, CONNECT], 10_000, 5);
  const b = await drive(world, [STA, CONNECT], 10_000, 5);
  const c = await drive(world, [STA, CONNECT], 10_000, 6);
  assert.deepEqual(a.seen, b.seen);
  assert.notDeepEqual(a.seen.map((e) => e.at), c.seen.map((e) => e.at));
});
