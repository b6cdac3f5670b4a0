/**
 * mDNS on ESP-Hosted, through the driver's apply on the stand-in (native/esp_hosted/): the
 * host answers, with netfsm's responder (drivers/mdns/) bound to 127.0.0.1 on a free port, no
 * multicast membership. Queries come from a socket on 127.0.0.1; nothing is sent elsewhere
 * (the answer's address is the fake lease's, only a value in the answer).
 */
import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import type { DriverEvent } from "../driver.ts";
import { query, readAnswer } from "../mdns/_dns_query.ts";
import { addAp, count, LEASE, openDriver, openSim, session } from "./_sim.ts";

const LEASED = LEASE.ip ?? "192.168.7.23";
const HOME = { ssid: "home", psk: "secret12", bssid: "a4:2b:b0:11:22:33", channel: 6, rssi: -52 };

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`no ${what} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Binds `port` (0: any) on 127.0.0.1 without sharing it; the port, or undefined if taken. */
function bindAlone(
  port: number,
): Promise<{ port: number; close: () => Promise<void> } | undefined> {
  const socket = createSocket({ type: "udp4", reuseAddr: false });
  return new Promise((resolve) => {
    socket.once("error", () => socket.close(() => resolve(undefined)));
    socket.bind(port, "127.0.0.1", () =>
      resolve({
        port: socket.address().port,
        close: () => new Promise<void>((done) => socket.close(() => done())),
      }));
  });
}

/** A port the system has just handed out and taken back. */
async function freePort(): Promise<number> {
  const probe = await bindAlone(0);
  assert.ok(probe !== undefined);
  await probe.close();
  return probe.port;
}

/** Sends a QU query for `name` to 127.0.0.1:`port`; the answer's bytes. */
async function ask(port: number, name: string[], waitMs = 5000): Promise<Uint8Array> {
  const client = createSocket("udp4");
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer = new Promise<Uint8Array>((resolve, reject) => {
      client.once("message", (bytes: Uint8Array) => resolve(new Uint8Array(bytes)));
      timer = setTimeout(() => reject(new Error(`no mDNS answer within ${waitMs} ms`)), waitMs);
    });
    await new Promise<void>((done) => client.bind(0, "127.0.0.1", () => done()));
    client.send(query([{ name, qu: true }], { id: 5 }), port, "127.0.0.1");
    return await answer;
  } finally {
    clearTimeout(timer);
    await new Promise<void>((done) => client.close(() => done()));
  }
}

const mdnsOn = (port: number) => ({ bindAddress: "127.0.0.1", port, membership: false });

Deno.test("esp-hosted mDNS: start_mdns after the join answers for the host; stop_wifi stops it", async () => {
  const { path, sim } = await openSim();
  addAp(sim, HOME);
  const port = await freePort();
  try {
    const { driver } = await openDriver(path, sim, { mdns: mdnsOn(port) });
    assert.deepEqual(driver.capabilities.mdns, { ttl: true });
    const events: DriverEvent[] = [];
    driver.events.subscribe((event) => events.push(event));
    await driver.apply({ command: "start_wifi", mode: "sta" });
    await driver.apply({ command: "connect_sta", ssid: "home", psk: "secret12", hostname: "x" });
    await until(() => events.some((e) => e.type === "sta_got_ip"), "sta_got_ip");
    const started = await driver.apply({
      command: "start_mdns",
      hostname: "atomvm-sensor",
      ttl: 300,
      ip: LEASED,
    });
    assert.deepEqual(started, { _tag: "Right", right: undefined });
    const answer = readAnswer(await ask(port, ["AtomVM-Sensor", "local"]));
    assert.deepEqual(answer.record, {
      name: ["atomvm-sensor", "local"],
      type: 1,
      rclass: 1,
      ttl: 300,
      address: LEASED,
    });
    assert.equal(await bindAlone(port), undefined, "the responder holds its port");
    await driver.apply({ command: "stop_wifi" });
    let probe: Awaited<ReturnType<typeof bindAlone>>;
    await until(async () => (probe = await bindAlone(port)) !== undefined, "the port released");
    await probe?.close();
    assert.ok(!events.some((e) => e.type === "driver_failed"), JSON.stringify(events));
    await driver.close();
  } finally {
    sim.close();
  }
});

Deno.test("esp-hosted mDNS: a restart answers with the new address; close stops the responder", async () => {
  const { path, sim } = await openSim();
  const port = await freePort();
  try {
    const { driver } = await openDriver(path, sim, { mdns: mdnsOn(port) });
    const start = (ip: string) =>
      driver.apply({ command: "start_mdns", hostname: "dev", ttl: 900, ip });
    assert.equal((await start("192.0.2.10"))._tag, "Right");
    assert.equal((await start("192.0.2.11"))._tag, "Right");
    assert.equal(readAnswer(await ask(port, ["dev", "local"])).record.address, "192.0.2.11");
    await driver.close();
    const probe = await bindAlone(port);
    assert.ok(probe !== undefined, "closed with the driver");
    await probe.close();
    const refused = await driver.apply({
      command: "start_mdns",
      hostname: "dev",
      ttl: 900,
      ip: "192.0.2.12",
    });
    assert.deepEqual(refused, { _tag: "Left", left: "the ESP-Hosted driver is closed" });
  } finally {
    sim.close();
  }
});

Deno.test("esp-hosted mDNS: a responder that cannot bind is apply's Left, naming the address", async () => {
  const { path, sim } = await openSim();
  const taken = await bindAlone(0);
  assert.ok(taken !== undefined);
  try {
    const { driver } = await openDriver(path, sim, { mdns: mdnsOn(taken.port) });
    const started = await driver.apply({
      command: "start_mdns",
      hostname: "dev",
      ttl: 900,
      ip: "192.0.2.10",
    });
    assert.ok(started._tag === "Left");
    assert.match(
      started.left,
      new RegExp(`^mDNS: cannot bind 127\\.0\\.0\\.1:${taken.port}: .*EADDRINUSE`),
    );
    await driver.close();
  } finally {
    await taken.close();
    sim.close();
  }
});

Deno.test("esp-hosted mDNS end to end: a config's mdns section is answered once the station has its address", async () => {
  const { path, sim } = await openSim();
  addAp(sim, HOME);
  const port = await freePort();
  const config = {
    sta: { ssid: "home", psk: "secret12", got_ip: true },
    mdns: { hostname: "atomvm-sensor", ttl: 300 },
  };
  const s = await session(path, sim, config, { mdns: mdnsOn(port) });
  try {
    await s.until((r) => count(r, "got_ip") === 1, "got_ip");
    // The core sends start_mdns with the address; the answer comes once the responder is bound.
    let answer: Uint8Array | undefined;
    await until(async () => {
      answer = await ask(port, ["atomvm-sensor", "local"], 200).catch(() => undefined);
      return answer !== undefined;
    }, "an mDNS answer");
    const { record } = readAnswer(answer ?? new Uint8Array());
    assert.deepEqual([record.address, record.ttl], [LEASED, 300]);
  } finally {
    await s.end();
    sim.close();
  }
  const probe = await bindAlone(port);
  assert.ok(probe !== undefined, "the responder stopped with the run");
  await probe.close();
});
