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
  const ips: (string | null)[] = [];
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

/** Runs `commands` on the mock, each at its time; returns what the radio reported, and when. */
async function script(world: World, commands: [number, DriverCommand][], until: number, seed = 1) {
  const clock = new VirtualClock();
  const mock = mockDriver({ clock, world, seed });
  const seen: Seen[] = [];
  const refused: [number, string, string][] = [];
  mock.events.subscribe((event) => seen.push({ at: clock.now(), ...event }));
  for (const [at, command] of commands) {
    clock.schedule(at, async () => {
      const result = await mock.apply(command);
      if (result._tag === "Left") refused.push([at, command.command, result.left]);
    });
  }
  await clock.runUntil(until);
  const types = seen.map((e) => e.type === "sta_disconnected" ? `${e.type} ${e.reason}` : e.type);
  return { seen, mock, clock, types, refused };
}

const LEASED = { ...HOME, lease: 60_000 } as const;

Deno.test("mock: a lease that cannot be renewed runs out; 120 s later sta_lost_ip, still associated", async () => {
  const world: World = { access_points: [{ ...LEASED, dhcp_outage: [{ from: 20_000 }] }] };
  const { seen, mock, types } = await script(world, [[0, STA], [0, CONNECT]], 400_000);
  assert.deepEqual(types, ["sta_connected", "sta_got_ip", "sta_lost_ip"]);
  const bound = seen[1]!.at;
  // Renewal at T1 and rebinding at T2 go unanswered; the lease ends at T0, the timer 120 s later.
  assert.equal(seen[2]!.at, bound + 60_000 + 120_000);
  assert.equal(mock.link, "associated");
  assert.equal(mock.address, undefined);
  const expired = mock.history.find((c) => c.cause === "lease_expired");
  assert.deepEqual(expired, {
    at: bound + 60_000,
    link: "associated",
    address: undefined,
    cause: "lease_expired",
  });
  assert.equal(
    (await mock.apply({ command: "read_rssi" }))._tag,
    "Right",
    "a link without an address is still a link",
  );
});

Deno.test("mock: when DHCP answers again the client's next DISCOVER gets the same address back", async () => {
  const world: World = {
    access_points: [{ ...LEASED, dhcp_outage: [{ from: 20_000, until: 300_000 }] }],
  };
  const { seen, mock, types } = await script(world, [[0, STA], [0, CONNECT]], 600_000);
  assert.deepEqual(types, ["sta_connected", "sta_got_ip", "sta_lost_ip", "sta_got_ip"]);
  const [first, again] = [seen[1]!, seen[3]!];
  assert.ok(first.type === "sta_got_ip" && again.type === "sta_got_ip");
  assert.equal(again.ip, first.ip);
  // DISCOVERs go out 2, 4, 8, 16, 32 s apart, then every minute: the first after the outage wins.
  assert.ok(again.at >= 300_000 && again.at < 360_000, `${again.at}`);
  assert.equal(mock.address, first.ip);
  assert.equal(mock.link, "associated");
});

Deno.test("mock: an outage the lease outlasts changes nothing; one the lost-IP timer outlasts, only got_ip", async () => {
  // Renewal at T1 fails, rebinding at T2 (52.5 s after binding) is answered: nothing to report.
  const short = await script(
    { access_points: [{ ...LEASED, dhcp_outage: [{ from: 20_000, until: 40_000 }] }] },
    [[0, STA], [0, CONNECT]],
    400_000,
  );
  assert.deepEqual(short.types, ["sta_connected", "sta_got_ip"]);
  assert.ok(short.mock.address !== undefined);
  // The lease runs out at about 62 s, DHCP is back at 100 s: the address returns before the
  // lost-IP timer ends, which cancels sta_lost_ip; esp_netif reports the address again.
  const medium = await script(
    { access_points: [{ ...LEASED, dhcp_outage: [{ from: 20_000, until: 100_000 }] }] },
    [[0, STA], [0, CONNECT]],
    400_000,
  );
  assert.deepEqual(medium.types, ["sta_connected", "sta_got_ip", "sta_got_ip"]);
  assert.ok(medium.seen[2]!.at >= 100_000 && medium.seen[2]!.at < 160_000);
});

Deno.test("mock: silent DHCP never answers, whatever its lease; the station stays associated", async () => {
  const world: World = { access_points: [{ ...LEASED, dhcp: "silent" }] };
  const { types, mock } = await script(world, [[0, STA], [0, CONNECT]], 600_000);
  assert.deepEqual(types, ["sta_connected"]);
  assert.equal(mock.link, "associated");
  assert.equal(mock.address, undefined);
});

Deno.test("mock: an address lost with the link is reported lost 120 s later unless one comes back", async () => {
  const gone: World = { access_points: [{ ...HOME, present: [{ from: 0, until: 20_000 }] }] };
  const lost = await script(gone, [[0, STA], [0, CONNECT]], 300_000);
  assert.deepEqual(lost.types, [
    "sta_connected",
    "sta_got_ip",
    "sta_beacon_timeout",
    "sta_disconnected 200",
    "sta_lost_ip",
  ]);
  assert.equal(lost.seen[4]!.at, 27_500 + 120_000);
  // Only once: the timer guards the address it had, and clears it when it fires.
  const back: World = {
    access_points: [{ ...HOME, present: [{ from: 0, until: 20_000 }, { from: 40_000 }] }],
  };
  const regained = await script(back, [[0, STA], [0, CONNECT], [50_000, CONNECT]], 300_000);
  assert.deepEqual(regained.types, [
    "sta_connected",
    "sta_got_ip",
    "sta_beacon_timeout",
    "sta_disconnected 200",
    "sta_connected",
    "sta_got_ip",
  ]);
  // A requested leave loses the address too.
  const left = await script({ access_points: [HOME] }, [
    [0, STA],
    [0, CONNECT],
    [10_000, { command: "disconnect_sta" }],
  ], 300_000);
  assert.deepEqual(left.types, [
    "sta_connected",
    "sta_got_ip",
    "sta_disconnected 8",
    "sta_lost_ip",
  ]);
  assert.equal(left.seen[3]!.at, 10_000 + 120_000, "the timer starts as the radio leaves");
});

Deno.test("mock: a leave followed at once by a connect still reports reason 8, before the new link's events", async () => {
  const { seen, types } = await script({ access_points: [HOME] }, [
    [0, STA],
    [0, CONNECT],
    [5_000, { command: "disconnect_sta" }],
    [5_000, CONNECT],
  ], 20_000);
  assert.deepEqual(types, [
    "sta_connected",
    "sta_got_ip",
    "sta_disconnected 8",
    "sta_connected",
    "sta_got_ip",
  ]);
  assert.ok(seen[2]!.at >= 5_030 && seen[2]!.at <= 5_080, `${seen[2]!.at}`);
});

Deno.test("mock: a leave while joining cancels the old attempt's events; stop_wifi cancels the leave's", async () => {
  const joining = await script({ access_points: [HOME] }, [
    [0, STA],
    [0, CONNECT],
    [300, { command: "disconnect_sta" }],
    [300, CONNECT],
  ], 20_000);
  // One association only: the first attempt's, due at 0.8-1.5 s, never happens.
  assert.deepEqual(joining.types, ["sta_disconnected 8", "sta_connected", "sta_got_ip"]);
  assert.ok(joining.seen[1]!.at >= 300 + 800);
  const stopped = await script({ access_points: [HOME] }, [
    [0, STA],
    [0, CONNECT],
    [5_000, { command: "disconnect_sta" }],
    [5_000, { command: "stop_wifi" }],
  ], 300_000);
  assert.deepEqual(stopped.types, ["sta_connected", "sta_got_ip"]);
});

Deno.test("mock: read_rssi is refused unless associated; a scan is refused while joining", async () => {
  const rssi: DriverCommand = { command: "read_rssi" };
  const scan: DriverCommand = {
    command: "scan",
    results: 5,
    dwell_ms: 100,
    show_hidden: false,
    passive: false,
  };
  const { refused, types } = await script({ access_points: [HOME] }, [
    [0, STA],
    [0, rssi],
    [0, CONNECT],
    [100, rssi],
    [100, scan],
    [5_000, rssi],
    [6_000, { command: "disconnect_sta" }],
    [6_000, rssi],
    [7_000, scan],
  ], 20_000);
  assert.deepEqual(refused, [
    [0, "read_rssi", "ESP_ERR_WIFI_NOT_CONNECT"],
    [100, "read_rssi", "ESP_ERR_WIFI_NOT_CONNECT"],
    [100, "scan", "ESP_ERR_WIFI_STATE"],
    [6_000, "read_rssi", "ESP_ERR_WIFI_NOT_CONNECT"],
  ]);
  assert.deepEqual(types, [
    "sta_connected",
    "sta_got_ip",
    "sta_rssi_measured",
    "sta_disconnected 8",
    "scan_done",
  ]);
});

Deno.test("mock: link, address and history tell what the radio really has, lost events or not", async () => {
  const clock = new VirtualClock();
  const mock = mockDriver({ clock, world: { access_points: [HOME], faults: { drop: 1 } } });
  assert.deepEqual([mock.link, mock.address], ["idle", undefined]);
  await mock.apply(STA);
  await mock.apply(CONNECT);
  assert.equal(mock.link, "joining");
  await clock.advance(5_000);
  assert.equal(mock.link, "associated");
  assert.match(mock.address ?? "", /^192\.168\.1\.\d+$/);
  await mock.apply({ command: "stop_wifi" });
  assert.deepEqual([mock.link, mock.address], ["idle", undefined]);
  await mock.close();
  assert.deepEqual(mock.history.map((c) => [c.link, c.address !== undefined, c.cause]), [
    ["joining", false, "connect_sta"],
    ["associated", false, "sta_connected"],
    ["associated", true, "sta_got_ip"],
    ["idle", false, "stop_wifi"],
  ]);
  assert.deepEqual(mock.dropped.map((e) => e.type), ["sta_connected", "sta_got_ip"]);
});

// A record, so that the compiler insists on every event a driver may report (but driver_failed:
// the mock refuses through apply's result, as its commands are answered at once).
const EVERY_EVENT: Readonly<Record<Exclude<DriverEvent["type"], "driver_failed">, true>> = {
  sta_connected: true,
  sta_disconnected: true,
  sta_beacon_timeout: true,
  sta_got_ip: true,
  sta_lost_ip: true,
  sta_got_ip6: true,
  ap_started: true,
  ap_stopped: true,
  ap_sta_connected: true,
  ap_sta_disconnected: true,
  ap_sta_ip_assigned: true,
  sntp_sync: true,
  scan_done: true,
  sta_rssi_measured: true,
};

Deno.test("mock: the simulated ESP32 reports every event the core handles, and every disconnect reason", async () => {
  const ap = {
    ssid: "setup",
    authmode: "open" as const,
    ssid_hidden: false,
    max_connections: 4,
    hostname: "h",
  };
  const world: World = {
    access_points: [{
      ...LEASED,
      ipv6: true,
      present: [{ from: 0, until: 400_000 }, { from: 420_000 }],
      dhcp_outage: [{ from: 20_000, until: 300_000 }],
    }],
    stations: [{ mac: "3c:22:fb:01:02:03", join: 1000, leave: 3000 }],
  };
  const reasons = new Set<string>();
  const seen = new Set<string>();
  for (let seed = 1; seed <= 4; seed++) {
    const { types } = await script(
      world,
      [
        [0, { command: "start_wifi", mode: "apsta", ap }],
        [0, { command: "start_sntp", host: "pool.ntp.org" }],
        [0, CONNECT],
        [10_000, { command: "read_rssi" }],
        [
          10_000,
          { command: "scan", results: 5, dwell_ms: 100, show_hidden: false, passive: false },
        ],
        [360_000, { command: "disconnect_sta" }],
        [370_000, CONNECT],
        [409_000, CONNECT], // the AP is off the air (beacon loss at 406 s, then 200): 201
        [430_000, { ...CONNECT, psk: "wrong-one" }], // 15 or 204
        [440_000, { command: "stop_ap" }],
      ],
      450_000,
      seed,
    );
    for (const type of types) (type.startsWith("sta_disconnected") ? reasons : seen).add(type);
  }
  seen.add("sta_disconnected");
  assert.deepEqual([...seen].sort(), Object.keys(EVERY_EVENT).sort());
  assert.deepEqual([...reasons].sort(), [
    "sta_disconnected 15",
    "sta_disconnected 200",
    "sta_disconnected 201",
    "sta_disconnected 204",
    "sta_disconnected 8",
  ]);
});
