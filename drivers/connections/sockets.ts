/**
 * The openers for real sockets: a TCP client, a TCP server and a UDP socket, over `node:net` and
 * `node:dgram`. Node and Deno both implement these natively, so one code serves both runtimes;
 * and unlike `Deno.connect`'s connections, their sockets say when they close without being read,
 * which a connection that follows the network must know.
 *
 * @module
 */
import dgram from "node:dgram";
import net from "node:net";
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { Opener } from "./following.ts";

/** The message of what a socket threw or emitted: its code (`ECONNREFUSED`) when it has one. */
function describe(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === "string") return code;
    if (typeof message === "string") return message;
  }
  return "failed";
}

/** What a socket, a server and a datagram socket share: an error, then a close. */
interface Closes {
  on(event: "error", listener: (error: unknown) => void): unknown;
  once(event: "close", listener: () => void): unknown;
}

/**
 * Calls `ended` once `emitter` closes, with the last error it emitted. An error is followed by
 * close; without a listener it would be thrown.
 */
function onClose(emitter: Closes, ended: (error?: string) => void): void {
  let error: string | undefined;
  emitter.on("error", (e) => (error = describe(e)));
  emitter.once("close", () => ended(error));
}

/** Where a TCP client connects, and how long a connect may take (real time). */
export interface TcpTarget {
  readonly host: string;
  readonly port: number;
  readonly connectTimeoutMs: number;
}

/** A TCP client: each open connects once; the socket is a `net.Socket`. */
export function tcpClient(target: TcpTarget): Opener<net.Socket> {
  return {
    what: `tcp ${target.host}:${target.port}`,
    open: () =>
      new Promise<Either<string, net.Socket>>((resolve) => {
        const socket = net.connect({ host: target.host, port: target.port });
        const fail = (error: unknown) => {
          // Resolves once the handle is released, so that settled() and close() wait for it.
          const failed = () => resolve(left(describe(error)));
          if (socket.closed) return failed();
          socket.once("close", failed);
          socket.destroy();
        };
        socket.setTimeout(target.connectTimeoutMs, () => fail({ code: "ETIMEDOUT" }));
        socket.once("error", fail);
        socket.once("connect", () => {
          socket.setTimeout(0);
          socket.off("error", fail);
          resolve(right(socket));
        });
      }),
    onEnd: (socket, ended) => onClose(socket, ended),
    close: (socket) =>
      new Promise<void>((resolve) => {
        if (socket.closed) return resolve();
        socket.once("close", () => resolve());
        socket.destroy();
      }),
  };
}

/** Where a server listens: `host` null is the interface's own address. */
export interface ListenAt {
  readonly host: string | null;
  readonly port: number;
}

/**
 * A TCP server: each open listens; `connection` hears every client. Closing it closes the
 * clients too: they were reached through the interface that went.
 */
export function tcpServer(
  at: ListenAt,
  connection: (socket: net.Socket) => void,
): Opener<net.Server> {
  const clients = new Map<net.Server, Set<net.Socket>>();
  return {
    what: `tcp server ${at.host ?? "(interface address)"}:${at.port}`,
    open: (address) =>
      new Promise<Either<string, net.Server>>((resolve) => {
        const host = at.host ?? address;
        if (host === null) return resolve(left("the interface's address is not known"));
        const mine = new Set<net.Socket>();
        const server = net.createServer((socket) => {
          mine.add(socket);
          socket.on("error", () => {}); // its close follows; the application hears that
          socket.once("close", () => mine.delete(socket));
          connection(socket);
        });
        clients.set(server, mine);
        const fail = (error: unknown) => {
          clients.delete(server);
          if (server.listening) server.close();
          resolve(left(describe(error)));
        };
        server.once("error", fail);
        server.listen({ host, port: at.port }, () => {
          server.off("error", fail);
          resolve(right(server));
        });
      }),
    onEnd: (server, ended) => onClose(server, ended),
    close: (server) =>
      new Promise<void>((resolve) => {
        for (const socket of clients.get(server) ?? []) socket.destroy();
        clients.delete(server);
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}

/** Where a UDP socket binds: `host` null is the interface's address, `port` 0 any free port. */
export interface BindAt extends ListenAt {
  readonly type: "udp4" | "udp6";
}

/** A UDP socket: each open binds; the socket is a `dgram.Socket`. */
export function udpSocket(at: BindAt): Opener<dgram.Socket> {
  return {
    what: `${at.type} ${at.host ?? "(interface address)"}:${at.port}`,
    open: (address) =>
      new Promise<Either<string, dgram.Socket>>((resolve) => {
        const host = at.host ?? address;
        if (host === null) return resolve(left("the interface's address is not known"));
        const socket = dgram.createSocket(at.type);
        const fail = (error: unknown) => {
          try {
            socket.close();
          } catch {
            // never bound: nothing to release
          }
          resolve(left(describe(error)));
        };
        socket.once("error", fail);
        socket.bind({ address: host, port: at.port }, () => {
          socket.off("error", fail);
          resolve(right(socket));
        });
      }),
    onEnd: (socket, ended) => onClose(socket, ended),
    close: (socket) =>
      new Promise<void>((resolve) => {
        try {
          socket.close(() => resolve());
        } catch {
          resolve(); // closed already
        }
      }),
  };
}
