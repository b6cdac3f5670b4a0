/**
 * Issue 12, end to end: netfsm's shell and the ESP-AT driver on one side of a real
 * pseudo-terminal pair, the emulator on the other. Every byte crosses a real serial device: on
 * Deno through libc, on Node (the npm build runs this same file) through serialport.
 */
import assert from "node:assert/strict";
import type { ReplayRecord } from "../../core/trace/replay.ts";
import { callbacksOf, inputsOf, overPty } from "./_over_pty.ts";

const HOME = { ssid: "home", psk: "secret12", subnet: "192.168.7", channel: 6, rssi: -50 };
const STATION = {
  ssid: "home",
  psk: "secret12",
  connected: true,
  disconnected: true,
  got_ip: true,
};

const count = (records: readonly ReplayRecord[], name: string) =>
  callbacksOf(records).filter((c) => c.startsWith(name + " ")).length;

Deno.test("esp-at over a pty: a station joins and gets the emulator's address", async () => {
  const session = await overPty({ world: { access_points: [HOME] }, config: { sta: STATION } });
  try {
    await session.until((r) => count(r, "got_ip") === 1, "got_ip");
    const gotIp = callbacksOf(session.records).find((c) => c.startsWith("got_ip "));
    assert.match(
      gotIp ?? "",
      /^got_ip \[\{"ip":"192\.168\.7\.\d+","netmask":"255\.255\.255\.0","gw":"192\.168\.7\.1"\}\]$/,
    );
    assert.deepEqual(session.wire.slice(0, 4), ["AT", "AT+RST", "AT", "ATE0"]);
    assert.ok(
      session.wire.includes('AT+CWJAP="home","secret12",,,0'),
      "joined without firmware reconnection",
    );
    assert.equal(session.driver.capabilities.device.mac, "24:0a:c4:12:34:56");
  } finally {
    await session.end();
  }
  assert.ok(
    session.wire.includes("AT+CWQAP") && session.wire.at(-1) === "AT+CWMODE=0,0",
    "stopped cleanly",
  );
});

Deno.test("esp-at over a pty: a lost access point is rejoined with netfsm's backoff, not the firmware's", async () => {
  // Off the air for longer than the 6 s the radio waits for beacons before it gives up.
  const gone = { ...HOME, present: [{ from: 0, until: 3000 }, { from: 11_000 }] };
  const session = await overPty({ world: { access_points: [gone] }, config: { sta: STATION } });
  try {
    await session.until((r) => count(r, "got_ip") === 2, "the second got_ip", 30_000);
    const inputs = inputsOf(session.records);
    const lost = inputs.indexOf("sta_disconnected");
    assert.ok(lost > 0, "the loss was reported");
    const after = session.records.slice(lost);
    assert.ok(
      after.some((r) => (r.input as { timer?: string }).timer === "reconnect"),
      "netfsm's reconnect timer brought it back",
    );
    const joins = session.wire.filter((line) => line.startsWith("AT+CWJAP="));
    const connects = session.records.flatMap((r) => r.commands).filter((c) =>
      c.command === "connect_sta"
    );
    assert.equal(joins.length, connects.length, "every join on the wire was netfsm's");
  } finally {
    await session.end();
  }
});

Deno.test("esp-at over a pty: a wrong password is +CWJAP:2, classified wrong_credentials", async () => {
  const session = await overPty({
    world: { access_points: [HOME] },
    config: { sta: { ...STATION, psk: "not-the-key" } },
  });
  try {
    await session.until((r) => inputsOf(r).includes("sta_disconnected"), "the failed join");
    const failure = session.records.find((r) =>
      (r.input as { type: string }).type === "sta_disconnected"
    );
    assert.deepEqual(failure?.input, { type: "sta_disconnected", reason: 202 });
    assert.equal(session.shell.state.disconnect?.class, "wrong_credentials");
    assert.ok(session.shell.state.timers.reconnect !== undefined, "retried after a backoff");
  } finally {
    await session.end();
  }
});

Deno.test("esp-at over a pty: a soft-AP with a visitor who joins, gets an address and leaves", async () => {
  const session = await overPty({
    world: { stations: [{ mac: "3c:22:fb:01:02:03", join: 1500, leave: 3500 }] },
    config: {
      ap: {
        ssid: "netfsm-setup",
        psk: "apsecret1",
        ap_started: true,
        sta_connected: true,
        sta_ip_assigned: true,
        sta_disconnected: true,
      },
    },
  });
  try {
    await session.until((r) => count(r, "sta_disconnected") === 1, "the visitor leaving");
    assert.deepEqual(callbacksOf(session.records), [
      "ap_started []",
      'sta_connected ["3c:22:fb:01:02:03"]',
      'sta_ip_assigned ["192.168.4.2"]',
      'sta_disconnected ["3c:22:fb:01:02:03"]',
    ]);
    assert.ok(session.wire.some((l) => l.startsWith('AT+CWSAP="netfsm-setup","apsecret1",')));
  } finally {
    await session.end();
  }
});

Deno.test("esp-at over a pty: SNTP synchronises and the time is read from the module", async () => {
  const epoch = 1_795_000_000;
  const session = await overPty({
    world: { access_points: [HOME], sntp: { reachable: true, epoch } },
    config: { sta: STATION, sntp: { host: "pool.ntp.org", synchronized: true } },
  });
  try {
    await session.until((r) => count(r, "synchronized") === 1, "synchronized");
    const sync = session.records.find((r) => (r.input as { type: string }).type === "sntp_sync");
    const sec = (sync?.input as { sec?: number }).sec ?? 0;
    assert.ok(sec >= epoch && sec < epoch + 60, `the world's time, read back: ${sec}`);
    assert.ok(session.wire.includes('AT+CIPSNTPCFG=1,0,"pool.ntp.org"'));
    assert.ok(session.wire.includes("AT+CIPSNTPTIME?"));
  } finally {
    await session.end();
  }
});

Deno.test("esp-at over a pty: an IPv6 link-local address is read from the module", async () => {
  const session = await overPty({
    world: { access_points: [{ ...HOME, ipv6: true }] },
    config: { sta: { ...STATION, got_ip6: true } },
  });
  try {
    await session.until((r) => count(r, "got_ip6") === 1, "got_ip6");
    const gotIp6 = callbacksOf(session.records).find((c) => c.startsWith("got_ip6 "));
    assert.match(gotIp6 ?? "", /^got_ip6 \["fe80::[0-9a-f:]+"\]$/);
    assert.ok(session.wire.includes("AT+CIPV6=1"), "IPv6 was turned on at open");
  } finally {
    await session.end();
  }
});

Deno.test("esp-at over a pty: a scan asked for while joining runs once the join is done", async () => {
  const cafe = { ssid: "cafe", channel: 11, rssi: -70 };
  const session = await overPty({
    world: { access_points: [HOME, cafe] },
    config: { sta: { ...STATION, scan_done: true } },
  });
  try {
    assert.equal(session.shell.request({ type: "scan" }), "ok");
    await session.until((r) => count(r, "scan_done") === 1, "scan_done", 30_000);
    const done = callbacksOf(session.records).find((c) => c.startsWith("scan_done "));
    assert.match(done ?? "", /"ssid":"home".*"ssid":"cafe"/, "both networks, strongest first");
    assert.ok(count(session.records, "got_ip") === 1, "the join was not disturbed");
  } finally {
    await session.end();
  }
});

Deno.test("esp-at over a pty: a module that resets itself mid-run is re-initialised and rejoins", async () => {
  const session = await overPty({ world: { access_points: [HOME] }, config: { sta: STATION } });
  try {
    await session.until((r) => count(r, "got_ip") === 1, "got_ip");
    const before = session.wire.length;
    session.emulator.reset();
    await session.until((r) => count(r, "got_ip") === 2, "got_ip after the reset", 30_000);
    assert.match(session.notices.join("\n"), /the module reset itself/);
    assert.ok(count(session.records, "disconnected") >= 1, "the reset was a disconnect");
    const again = session.wire.slice(before);
    assert.deepEqual(again.slice(0, 4), [
      "ATE0",
      "AT+SYSSTORE=0",
      "AT+CWRECONNCFG=0,0",
      "AT+CWAUTOCONN=0",
    ]);
  } finally {
    await session.end();
  }
});

Deno.test("esp-at over a pty: a module that joins a saved AP by itself at power-up is taken in hand first", async () => {
  const session = await overPty({
    world: { access_points: [HOME] },
    config: { sta: STATION },
    saved: { station: { ssid: "home", psk: "secret12" }, auto_connect: true, mode: 1 },
  });
  try {
    await session.until((r) => count(r, "got_ip") === 1, "got_ip");
    assert.deepEqual(
      inputsOf(session.records).slice(0, 3),
      ["start", "sta_connected", "sta_got_ip"],
      "no report from before netfsm took charge reached the core",
    );
  } finally {
    await session.end();
  }
});
