import assert from "node:assert/strict";
import type dgram from "node:dgram";
import { bindUdp, listenTcp } from "./mod.ts";
import { freePort, HOME, plainClient, startNetwork, udpEcho, until } from "./_support_test.ts";

Deno.test("a UDP socket bound on 127.0.0.1 port 0 exchanges a datagram with an echo", async () => {
  const echo = await udpEcho();
  const { clock, network } = startNetwork({ sta: HOME }, { access_points: [HOME] });
  const replies: string[] = [];
  let bound: dgram.Socket | undefined;
  const made = bindUdp(network, { host: "127.0.0.1", port: 0 }, {
    opened: (socket) => {
      bound = socket;
      socket.on("message", (message) => replies.push(message.toString()));
      socket.send("ping", echo.port, "127.0.0.1");
    },
  });
  assert.ok(made._tag === "Right");
  await until("the reply", () => replies.length > 0, { clock });
  assert.deepEqual(replies, ["ping"]);
  assert.notEqual(bound?.address().port, 0, "bound to a port of its own");
  assert.equal(made.right.socket, bound);
  await made.right.close();
  assert.equal(made.right.socket, null);
  await network.stop();
  await echo.close();
});

/** Logs a server's events; its clients hear `hello`. */
function helloServer(network: Parameters<typeof listenTcp>[0], port: number) {
  const events: string[] = [];
  const made = listenTcp(network, { interface: "ap", host: "127.0.0.1", port }, {
    connection: (socket) => socket.write("hello"),
    opened: () => events.push("opened"),
    closed: ({ why }) => events.push(`closed ${why}`),
    retrying: ({ error }) => events.push(`retrying ${error}`),
  });
  if (made._tag === "Left") throw new Error(JSON.stringify(made.left));
  return { server: made.right, events };
}

Deno.test("a server on the soft-AP listens while the fallback AP runs and closes when it stops", async () => {
  // The station's network appears at 20 s: until then the fallback AP runs.
  const config = {
    sta: HOME,
    ap: { ssid: "setup", psk: "setup-1234", fallback_after_ms: 2000 },
  };
  const world = { access_points: [{ ...HOME, present: [{ from: 20_000 }] }] };
  const { clock, network } = startNetwork(config, world);
  const port = await freePort();
  const { server, events } = helloServer(network, port);
  assert.equal(server.phase, "waiting");
  await until("the AP", () => server.phase === "open", { clock });
  assert.equal(network.shell.state.ap, "started");
  const client = plainClient(port);
  await until("the hello", () => client.data.join("") === "hello");
  await until("the station's address", () => network.ip !== null, { clock, stepMs: 500 });
  await until("the AP's stop", () => events.includes("closed ap_stopped"), { clock });
  await client.closed; // its client was reached through the AP that went
  assert.equal(server.phase, "waiting");
  assert.deepEqual(events, ["opened", "closed ap_stopped"]);
  // The port is free again: nothing listens on it.
  const refused = plainClient(port);
  await refused.closed;
  assert.deepEqual(refused.data, []);
  await server.close();
  assert.deepEqual(events, ["opened", "closed ap_stopped"], "not open: no closed application");
  await network.stop();
});

Deno.test("a server on the soft-AP closes for good when the network stops", async () => {
  const { clock, network } = startNetwork({ ap: { ssid: "setup", psk: "setup-1234" } }, {});
  const port = await freePort();
  const { server, events } = helloServer(network, port);
  await until("the AP", () => server.phase === "open", { clock });
  const client = plainClient(port);
  await until("the hello", () => client.data.join("") === "hello");
  await network.stop();
  await server.settled();
  await client.closed;
  assert.equal(server.phase, "closed");
  assert.deepEqual(events, ["opened", "closed stopped"]);
  await server.close();
  assert.deepEqual(events, ["opened", "closed stopped"]);
});

Deno.test("a server whose port is taken retries with backoff, and listens once it is free", async () => {
  const { clock, network } = startNetwork({ ap: { ssid: "setup", psk: "setup-1234" } }, {});
  const port = await freePort();
  const first = helloServer(network, port);
  await until("the first server", () => first.server.phase === "open", { clock });
  const second = helloServer(network, port);
  await until("a refusal", () => second.events.length > 0);
  assert.deepEqual(second.events, ["retrying EADDRINUSE"]);
  await first.server.close();
  await until("the second server", () => second.server.phase === "open", { clock });
  const client = plainClient(port);
  await until("the hello", () => client.data.join("") === "hello");
  await second.server.close();
  await client.closed;
  await network.stop();
});
