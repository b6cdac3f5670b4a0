/**
 * The responder over real UDP, on 127.0.0.1 only: it binds a port of the system's choosing,
 * joins no group, and its "group" is a test socket on 127.0.0.1. Nothing is sent anywhere else.
 */
import assert from "node:assert/strict";
import { createSocket, type Socket } from "node:dgram";
import { MdnsResponder } from "./responder.ts";
import { query, readAnswer } from "./_dns_query.ts";

const LOOPBACK = { bindAddress: "127.0.0.1", port: 0, membership: false } as const;

/** A socket on 127.0.0.1 that keeps what it receives. */
async function listener(options: { reuseAddr?: boolean; port?: number } = {}) {
  const socket = createSocket({ type: "udp4", reuseAddr: options.reuseAddr ?? false });
  const received: { bytes: Uint8Array; port: number }[] = [];
  socket.on("message", (bytes: Uint8Array, from: { port: number }) => {
    received.push({ bytes: new Uint8Array(bytes), port: from.port });
  });
  const bound = await new Promise<Socket | Error>((resolve) => {
    socket.once("error", (error: Error) => socket.close(() => resolve(error)));
    socket.bind(options.port ?? 0, "127.0.0.1", () => resolve(socket));
  });
  if (bound instanceof Error) return bound;
  return {
    socket,
    port: socket.address().port,
    received,
    send: (bytes: Uint8Array, port: number) => socket.send(bytes, port, "127.0.0.1"),
    close: () => new Promise<void>((done) => socket.close(() => done())),
  };
}

async function open() {
  const made = await listener();
  if (made instanceof Error) throw made;
  return made;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`no ${what} within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Whether `port` on 127.0.0.1 can be bound by a socket that shares it with no one. */
async function free(port: number): Promise<boolean> {
  const probe = await listener({ port });
  if (probe instanceof Error) return false;
  await probe.close();
  return true;
}

const IDENTITY = { hostname: "dev", ttl: 120, ip: "192.0.2.7" };

Deno.test("responder: a QU query over UDP gets the A record, with the TTL, back to the asker", async () => {
  const responder = new MdnsResponder(LOOPBACK);
  const client = await open();
  try {
    assert.deepEqual(await responder.start(IDENTITY), { _tag: "Right", right: undefined });
    const port = responder.port ?? 0;
    client.send(query([{ name: ["Dev", "LOCAL"], qu: true }], { id: 99 }), port);
    await until(() => client.received.length > 0, "answer");
    const answer = readAnswer(client.received[0]?.bytes ?? new Uint8Array());
    assert.equal(client.received[0]?.port, port, "from the responder's port");
    assert.equal(answer.id, 99);
    assert.equal(answer.flags, 0x8400);
    assert.deepEqual(answer.record, {
      name: ["dev", "local"],
      type: 1,
      rclass: 1,
      ttl: 120,
      address: "192.0.2.7",
    });
  } finally {
    await responder.stop();
    await client.close();
  }
});

Deno.test("responder: without QU the answer goes to the group (here a socket on 127.0.0.1)", async () => {
  const group = await open();
  const responder = new MdnsResponder({ ...LOOPBACK, group: "127.0.0.1", groupPort: group.port });
  const client = await open();
  try {
    assert.equal((await responder.start(IDENTITY))._tag, "Right");
    client.send(query([{ name: ["dev", "local"] }]), responder.port ?? 0);
    client.send(query([{ name: ["dev", "local"], type: 28 }]), responder.port ?? 0);
    await until(() => group.received.length > 0, "answer to the group");
    assert.equal(readAnswer(group.received[0]?.bytes ?? new Uint8Array()).record.ttl, 120);
    // The AAAA query (sent after) gets nothing, and the asker nothing at all: a query sent
    // after both, with QU, is the first thing the asker receives.
    client.send(query([{ name: ["dev", "local"], qu: true }], { id: 3 }), responder.port ?? 0);
    await until(() => client.received.length > 0, "the QU answer");
    assert.equal(readAnswer(client.received[0]?.bytes ?? new Uint8Array()).id, 3);
    assert.equal(group.received.length, 1);
  } finally {
    await responder.stop();
    await Promise.all([client.close(), group.close()]);
  }
});

Deno.test("responder: a restart on a new address answers with it; the old socket is closed", async () => {
  const responder = new MdnsResponder(LOOPBACK);
  const client = await open();
  try {
    assert.equal((await responder.start(IDENTITY))._tag, "Right");
    const first = responder.port ?? 0;
    assert.equal(await free(first), false, "the first socket holds its port");
    const again = await responder.start({ ...IDENTITY, ip: "198.51.100.20", ttl: 60 });
    assert.equal(again._tag, "Right");
    assert.notEqual(responder.port, undefined);
    assert.equal(await free(first), true, "the first socket is closed");
    client.send(query([{ name: ["dev", "local"], qu: true }]), responder.port ?? 0);
    await until(() => client.received.length > 0, "answer");
    const { record } = readAnswer(client.received[0]?.bytes ?? new Uint8Array());
    assert.deepEqual([record.address, record.ttl], ["198.51.100.20", 60]);
  } finally {
    await responder.stop();
    await client.close();
  }
  assert.equal(responder.port, undefined);
});

Deno.test("responder: stop closes the socket; a stop right after a start closes what it bound", async () => {
  const responder = new MdnsResponder(LOOPBACK);
  assert.equal((await responder.start(IDENTITY))._tag, "Right");
  const port = responder.port ?? 0;
  await responder.stop();
  assert.equal(responder.port, undefined);
  assert.equal(await free(port), true);
  const starting = responder.start(IDENTITY);
  const stopping = responder.stop();
  assert.equal((await starting)._tag, "Right");
  await stopping;
  assert.equal(responder.port, undefined, "nothing left running (the sanitizers check it too)");
});

Deno.test("responder: a port taken, a group that cannot be joined, a bad identity: Lefts, nothing open", async () => {
  const taken = await open(); // bound without SO_REUSEADDR: the port cannot be shared
  try {
    const responder = new MdnsResponder({ ...LOOPBACK, port: taken.port });
    const busy = await responder.start(IDENTITY);
    assert.deepEqual(busy, {
      _tag: "Left",
      left: `mDNS: cannot bind 127.0.0.1:${taken.port}: bind EADDRINUSE 127.0.0.1:${taken.port}`,
    });
    assert.equal(responder.port, undefined);
  } finally {
    await taken.close();
  }
  // 127.0.0.1 is no multicast group: the kernel refuses to join it, and nothing is sent.
  const unjoinable = new MdnsResponder({ ...LOOPBACK, membership: true, group: "127.0.0.1" });
  const joined = await unjoinable.start({ ...IDENTITY, ip: "127.0.0.1" });
  assert.ok(joined._tag === "Left");
  assert.match(joined.left, /^mDNS: cannot join 127\.0\.0\.1 on 127\.0\.0\.1: .*EINVAL/);
  const refused = await new MdnsResponder(LOOPBACK).start({ ...IDENTITY, hostname: "a.b" });
  assert.ok(refused._tag === "Left");
  assert.match(refused.left, /^mDNS hostname "a\.b"/);
  const badPort = await new MdnsResponder({ ...LOOPBACK, port: 70_000 }).start(IDENTITY);
  assert.deepEqual(badPort, { _tag: "Left", left: "mDNS port 70000: not 0 to 65535" });
});
