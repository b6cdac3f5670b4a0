import assert from "node:assert/strict";
import process from "node:process";
import { bindUdp, connectTcp, listenTcp } from "./mod.ts";
import {
  activeResources,
  EchoServer,
  freePort,
  HOME,
  plainClient,
  startNetwork,
  tick,
  until,
} from "./_support_test.ts";

const KINDS = ["TCPWrap", "TCPServerWrap", "UDPWrap", "Timeout"];
const onNode = !("deno" in process.versions);

Deno.test("a storm of 50 flaps: a client and a server follow, and close() plus stop() leave nothing open", async () => {
  const before = activeResources();
  const echo = new EchoServer();
  await echo.start();
  const every = 20_000;
  // Down long enough (10 s) for the beacon timeout and the disconnect that follows it.
  const world = { access_points: [{ ...HOME, flap: { every, down_for: 10_000 } }] };
  const { clock, network } = startNetwork({ sta: HOME }, world);
  const seen: string[] = [];
  let live = 0;
  const track = (name: string) => ({
    opened: () => {
      live++;
      seen.push(`${name} opened`);
      assert.ok(live <= 2, "one socket each at most");
    },
    closed: ({ why }: { why: string }) => {
      live--;
      seen.push(`${name} closed ${why}`);
    },
  });
  const client = connectTcp(network, { host: "127.0.0.1", port: echo.port }, track("client"));
  const port = await freePort();
  const server = listenTcp(network, { host: "127.0.0.1", port }, {
    ...track("server"),
    connection: (socket) => socket.end("hi"),
  });
  assert.ok(client._tag === "Right" && server._tag === "Right");
  let heard = 0;
  for (let flap = 0; flap < 50; flap++) {
    // Through one flap in steps, letting the sockets work between them.
    for (let t = 0; t < every; t += 2000) {
      await clock.advance(2000);
      await tick();
      if (server.right.phase === "open" && t === 4000) {
        const visitor = plainClient(port);
        await visitor.closed;
        if (visitor.data.join("") === "hi") heard++;
      }
    }
  }
  const opened = seen.filter((s) => s === "client opened").length;
  assert.ok(opened >= 25, `the client reopened after most flaps: ${opened}`);
  assert.ok(seen.filter((s) => s === "client closed disconnected").length >= 25);
  assert.ok(heard >= 25, `the server answered through most flaps: ${heard}`);
  // Every open was followed by its close before the next open.
  for (const name of ["client", "server"]) {
    const mine = seen.filter((s) => s.startsWith(name)).map((s) => s.endsWith("opened"));
    mine.forEach((isOpen, i) => assert.equal(isOpen, i % 2 === 0, `${name} #${i}`));
  }
  await Promise.all([client.right.close(), server.right.close()]);
  await network.stop();
  await echo.stop();
  await until("the echo server's side to close", () => echo.live === 0);
  assert.equal(live, 0);
  assert.equal(clock.next(), undefined, "no timer of the network or its connections is left");
  if (onNode) {
    // On Deno the sanitizers prove it; on Node, the runtime's own list of handles must not grow.
    await tick(10);
    const after = activeResources();
    for (const kind of KINDS) {
      assert.ok((after.get(kind) ?? 0) <= (before.get(kind) ?? 0), `${kind} left open`);
    }
  }
});

Deno.test("bad specifications are values naming each problem's path, never a throw", async () => {
  const { network } = startNetwork({ sta: HOME }, { access_points: [HOME] });
  const handlers = {};
  const problems = (result: unknown) => {
    const r = result as { _tag: string; left?: { error: string; problems: { path: string }[] } };
    assert.equal(r._tag, "Left");
    assert.equal(r.left?.error, "invalid_connection");
    return r.left!.problems.map((p) => p.path);
  };
  assert.deepEqual(problems(connectTcp(network, { host: "127.0.0.1", port: 70_000 }, handlers)), [
    "connectTcp.port",
  ]);
  assert.deepEqual(problems(connectTcp(network, { host: "", port: 1883 }, handlers)), [
    "connectTcp.host",
  ]);
  const eth = { host: "127.0.0.1", port: 1883, interface: "eth" as never };
  assert.deepEqual(problems(connectTcp(network, eth, handlers)), ["connectTcp.interface"]);
  const backwards = { host: "127.0.0.1", port: 1883, policy: { initial_ms: 5000, max_ms: 1000 } };
  assert.deepEqual(problems(connectTcp(network, backwards, handlers)), [
    "connectTcp.policy.max_ms",
  ]);
  assert.deepEqual(problems(connectTcp(network, { port: 1883 } as never, handlers)), [
    "connectTcp.host",
  ]);
  assert.deepEqual(problems(connectTcp(network, null as never, handlers)), ["connectTcp"]);
  const several = problems(
    connectTcp(network, { host: "", port: 0, colour: 1 } as never, handlers),
  );
  assert.ok(
    several.includes("connectTcp.host") && several.includes("connectTcp.port"),
    `${several}`,
  );
  const server = { connection: () => {} };
  // A server needs a port of its own: 0 (any) would move it on every reopen.
  assert.deepEqual(problems(listenTcp(network, { port: 0 }, server)), ["listenTcp.port"]);
  assert.deepEqual(problems(listenTcp(network, { port: 80, interface: "eth" as never }, server)), [
    "listenTcp.interface",
  ]);
  assert.deepEqual(problems(bindUdp(network, { port: 70_000 }, {})), ["bindUdp.port"]);
  assert.deepEqual(problems(bindUdp(network, { type: "udp5" as never }, {})), ["bindUdp.type"]);
  const badSeed = { host: "127.0.0.1", port: 1, seed: -1 };
  assert.deepEqual(problems(connectTcp(network, badSeed, handlers)), ["connectTcp.seed"]);
  await network.stop();
});
