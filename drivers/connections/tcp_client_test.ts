import assert from "node:assert/strict";
import type net from "node:net";
import { connectTcp } from "./mod.ts";
import type { Following } from "./following.ts";
import { EchoServer, HOME, startNetwork, until } from "./_support_test.ts";

/** A client of `port` that logs its events and what it reads back. */
function echoClient(network: Parameters<typeof connectTcp>[0], port: number) {
  const events: string[] = [];
  const data: string[] = [];
  let opens = 0;
  const made = connectTcp(network, { host: "127.0.0.1", port, seed: 1 }, {
    opened: (socket) => {
      opens++;
      events.push("opened");
      socket.on("data", (chunk) => data.push(chunk.toString()));
      socket.write(`hello ${opens}`);
    },
    closed: ({ why }) => events.push(`closed ${why}`),
    retrying: ({ attempt, error }) => events.push(`retrying ${attempt} ${error}`),
  });
  if (made._tag === "Left") throw new Error(JSON.stringify(made.left));
  return { link: made.right as Following<net.Socket>, events, data };
}

Deno.test("a TCP client follows an echo server that goes away and comes back", async () => {
  const server = new EchoServer();
  await server.start();
  const { clock, network } = startNetwork({ sta: HOME }, { access_points: [HOME] });
  const { link, events, data } = echoClient(network, server.port);
  assert.equal(link.phase, "waiting", "no address yet");
  await until("the station's address", () => network.ip !== null, { clock });
  await until("the echo", () => data.join("") === "hello 1", { clock });
  assert.deepEqual(events, ["opened"]);

  await server.stop();
  await until("the close", () => events.length >= 3);
  assert.deepEqual(events.slice(1), ["closed peer", "retrying 1 closed by the peer"]);
  assert.equal(link.phase, "backing_off");
  // Still down: the next try is refused, and retried later.
  await until("a refused retry", () => events.includes("retrying 2 ECONNREFUSED"), { clock });

  await server.start();
  await until("the reopen", () => link.phase === "open", { clock });
  await until("the second echo", () => data.join("") === "hello 1hello 2");
  assert.equal(events.filter((e) => e === "opened").length, 2);
  await link.close();
  assert.equal(events.at(-1), "closed application");
  await network.stop();
  await server.stop();
});

Deno.test("the station losing and regaining its AP closes the client (disconnected) and reopens it", async () => {
  const server = new EchoServer();
  await server.start();
  const world = {
    access_points: [{ ...HOME, present: [{ from: 0, until: 20_000 }, { from: 40_000 }] }],
  };
  const { clock, network } = startNetwork({ sta: HOME }, world);
  const { link, events, data } = echoClient(network, server.port);
  await until("the first open", () => link.phase === "open", { clock });
  await until("the echo", () => data.join("") === "hello 1");
  await until("the disconnect", () => events.includes("closed disconnected"), {
    clock,
    stepMs: 500,
  });
  assert.equal(link.phase, "waiting");
  assert.ok(clock.now() >= 20_000);
  await until("the reopen", () => link.phase === "open", { clock, stepMs: 500 });
  assert.ok(clock.now() >= 40_000, "only once the AP is back");
  await until("the second echo", () => data.join("") === "hello 1hello 2");
  // No retry while there was no address: the socket simply waited.
  assert.deepEqual(events, ["opened", "closed disconnected", "opened"]);
  assert.equal(server.accepted, 2);
  await link.close();
  await network.stop();
  await server.stop();
});

Deno.test("the application closing a connection: closed application only if it was open, never reopened", async () => {
  const server = new EchoServer();
  await server.start();
  const { clock, network } = startNetwork({ sta: HOME }, { access_points: [HOME] });
  const waiting = echoClient(network, server.port);
  await waiting.link.close();
  assert.deepEqual(waiting.events, [], "never opened: nothing closed");
  assert.equal(waiting.link.phase, "closed");
  const open = echoClient(network, server.port);
  await until("the open", () => open.link.phase === "open", { clock });
  await open.link.close();
  await open.link.close(); // twice is fine
  assert.deepEqual(open.events, ["opened", "closed application"]);
  assert.equal(open.link.socket, null);
  await clock.advance(120_000);
  await until("a moment of real time", () => true);
  assert.deepEqual(open.events, ["opened", "closed application"]);
  assert.deepEqual(waiting.events, []);
  assert.equal(server.accepted, 1);
  await network.stop();
  await server.stop();
  // The retry the peer's close asked for was never armed, or was cancelled: nothing is due.
  assert.equal(clock.next(), undefined);
});

Deno.test("closing from inside the connection's own handlers leaves no retry or socket behind", async () => {
  const server = new EchoServer();
  await server.start();
  const { clock, network } = startNetwork({ sta: HOME }, { access_points: [HOME] });
  const events: string[] = [];
  let closing: Promise<void> | undefined;
  const made = connectTcp(network, { host: "127.0.0.1", port: server.port }, {
    opened: () => events.push("opened"),
    closed: ({ why }) => {
      events.push(`closed ${why}`);
      if (why === "peer") closing = link.close();
    },
    retrying: () => events.push("retrying"),
  });
  assert.ok(made._tag === "Right");
  const link = made.right;
  await until("the open", () => link.phase === "open", { clock });
  await server.stop();
  await until("the close", () => closing !== undefined);
  await closing;
  assert.equal(link.phase, "closed");
  // Closed for good from inside closed: no retry is announced (or armed) after that.
  assert.deepEqual(events, ["opened", "closed peer"]);
  const before = events.slice();
  await server.start();
  await clock.advance(60_000);
  await until("a moment of real time", () => true);
  assert.deepEqual(events, before);
  assert.equal(server.accepted, 1);
  await network.stop();
  await server.stop();
  // The retry the peer's close asked for was never armed, or was cancelled: nothing is due.
  assert.equal(clock.next(), undefined);
});
