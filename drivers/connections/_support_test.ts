/**
 * Helpers for the connection tests (no tests of its own): a network on a virtual clock over the
 * mock driver, echo servers on 127.0.0.1, and a wait that lets real sockets work while virtual
 * time moves.
 *
 * @module
 */
import dgram from "node:dgram";
import process from "node:process";
import net from "node:net";
import { VirtualClock } from "../clock.ts";
import type { World } from "../mock/world.ts";
import { mockDriver } from "../mock/mock_driver.ts";
import { Network } from "../network.ts";
import type { Config } from "../app_config.ts";

export const HOME = { ssid: "home", psk: "secret12" };

/** A network on a virtual clock over the mock driver. */
export function startNetwork(
  config: Config,
  world: World,
): { clock: VirtualClock; network: Network } {
  const clock = new VirtualClock();
  const driver = mockDriver({ clock, world, seed: 3 });
  const started = Network.start(config, { clock, driver });
  if (started._tag === "Left") throw new Error(JSON.stringify(started.left));
  return { clock, network: started.right };
}

/** Lets real I/O run for a moment (a macrotask turn, then a few ms). */
export function tick(ms = 2): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until `done()` holds, letting real sockets work and, with `clock`, moving virtual time
 * on by `stepMs` between looks. Throws with `what` after `rounds` looks: a bound, not a timing.
 */
export async function until(
  what: string,
  done: () => boolean,
  { clock, stepMs = 100, rounds = 1000 }: {
    clock?: VirtualClock;
    stepMs?: number;
    rounds?: number;
  } = {},
): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (done()) return;
    await tick();
    if (clock !== undefined) await clock.advance(stepMs);
  }
  if (!done()) throw new Error(`gave up waiting for ${what}`);
}

/** A TCP echo server on 127.0.0.1 that can go away and come back on the same port. */
export class EchoServer {
  #server: net.Server | undefined;
  readonly #sockets = new Set<net.Socket>();
  port = 0;
  accepted = 0;

  /** How many of its connections are still open. */
  get live(): number {
    return this.#sockets.size;
  }

  async start(): Promise<void> {
    const server = net.createServer((socket) => {
      this.accepted++;
      this.#sockets.add(socket);
      socket.on("error", () => {});
      socket.once("close", () => this.#sockets.delete(socket));
      socket.on("data", (chunk) => socket.write(chunk));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: "127.0.0.1", port: this.port }, () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.#server = server;
  }

  /** Ends every client gracefully (the peer closes) and stops listening. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    const closing = [...this.#sockets].map((s) =>
      new Promise<void>((resolve) => {
        if (s.closed) return resolve();
        s.once("close", () => resolve());
        s.end();
      })
    );
    await Promise.all(closing);
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A free TCP port on 127.0.0.1: bound to port 0 by a probe, which then lets it go. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A UDP echo socket on 127.0.0.1. */
export async function udpEcho(): Promise<{ port: number; close: () => Promise<void> }> {
  const socket = dgram.createSocket("udp4");
  socket.on("message", (message, from) => socket.send(message, from.port, from.address));
  await new Promise<void>((resolve) => socket.bind({ address: "127.0.0.1", port: 0 }, resolve));
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** A plain client: connects, collects what it reads, and says when it closed. */
export function plainClient(
  port: number,
): { data: string[]; closed: Promise<void>; socket: net.Socket } {
  const data: string[] = [];
  const socket = net.connect({ host: "127.0.0.1", port });
  socket.on("data", (chunk) => data.push(chunk.toString()));
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return { data, closed, socket };
}

/** Whether the handles Node reports (sockets, timers) are back to `before`'s count, by kind. */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  const info = (process as { getActiveResourcesInfo?: () => string[] }).getActiveResourcesInfo;
  for (const kind of info?.() ?? []) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}
