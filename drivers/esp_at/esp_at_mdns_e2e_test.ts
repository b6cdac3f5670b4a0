/**
 * mDNS end to end: AtomVM's newest `mdns` config, netfsm's core and the ESP-AT driver on one side
 * of a real pseudo-terminal pair, the emulator's AT+MDNS on the other. What the module would
 * answer is read from the emulator; no datagram is sent anywhere.
 */
import assert from "node:assert/strict";
import type { ReplayRecord } from "../../core/trace/replay.ts";
import { callbacksOf, overPty, type PtySession } from "./_over_pty.ts";

const HOME = { ssid: "home", psk: "secret12", subnet: "192.168.7", channel: 6, rssi: -50 };
const STATION = { ssid: "home", psk: "secret12", got_ip: true };
const MDNS = { hostname: "atomvm-dev" };
const START = ["AT+MDNS=0", 'AT+MDNS=1,"atomvm-dev","_iot",8080'];

/** The addresses got_ip reported, in order. */
function addresses(records: readonly ReplayRecord[]): string[] {
  return callbacksOf(records).flatMap((c) => {
    const match = /^got_ip \[\{"ip":"([0-9.]+)"/.exec(c);
    return match === null ? [] : [match[1]!];
  });
}

/** How many times the wire holds AT+MDNS=0 followed at once by the AT+MDNS=1 of ours. */
function starts(wire: readonly string[]): number {
  return wire.filter((line, i) => line === START[0] && wire[i + 1] === START[1]).length;
}

async function untilWire(session: PtySession, check: (wire: string[]) => boolean, what: string) {
  const end = Date.now() + 10_000;
  while (!check(session.wire)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${session.wire}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test("esp-at over a pty: mdns starts on the address, answers <hostname>.local with it, and stops with the network", async () => {
  const session = await overPty({
    world: { access_points: [HOME] },
    config: { sta: STATION, mdns: MDNS },
  });
  try {
    await session.until((r) => callbacksOf(r).some((c) => c.startsWith("got_ip ")), "got_ip");
    await untilWire(session, (wire) => starts(wire) === 1, "AT+MDNS=1");
    const [ip] = addresses(session.records);
    const commands = session.records.flatMap((r) => r.commands);
    assert.deepEqual(
      commands.filter((c) => c.command === "start_mdns"),
      [{ command: "start_mdns", hostname: "atomvm-dev", ttl: 900, ip }],
      "the core asked for AtomVM's default TTL; the module will answer with its own",
    );
    assert.deepEqual(session.emulator.mdns.resolve("ATOMVM-DEV.local"), { ip, ttl: 120 });
    assert.equal(session.emulator.mdns.resolve("other.local"), undefined);
  } finally {
    await session.end();
  }
  assert.deepEqual(session.wire.slice(-4), [
    "AT+MDNS=0",
    "AT+CIPSNTPCFG=0",
    "AT+CWQAP",
    "AT+CWMODE=0,0",
  ]);
  assert.equal(session.emulator.mdns.running, false, "stop_wifi stopped the responder");
});

Deno.test("esp-at over a pty: mdns is restarted on every new station address", async () => {
  // Off the air long enough for the radio to give up, then back: a second got_ip.
  const gone = { ...HOME, present: [{ from: 0, until: 3000 }, { from: 11_000 }] };
  const session = await overPty({
    world: { access_points: [gone] },
    config: { sta: { ...STATION, disconnected: true }, mdns: MDNS },
  });
  try {
    await session.until((r) => addresses(r).length === 2, "2 got_ip", 30_000);
    await untilWire(session, (wire) => starts(wire) === 2, "the second AT+MDNS=1");
    const last = addresses(session.records).at(-1);
    assert.deepEqual(session.emulator.mdns.resolve("atomvm-dev.local"), { ip: last, ttl: 120 });
    // Each start is exactly the pair, and AT+MDNS=1 never went over a running responder.
    const mdnsLines = session.wire.filter((line) => line.startsWith("AT+MDNS"));
    assert.deepEqual(mdnsLines, [...START, ...START]);
  } finally {
    await session.end();
  }
});
