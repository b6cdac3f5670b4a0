/**
 * Connections that follow the network: a TCP client, a TCP server or a UDP socket that opens when
 * its interface has an address, closes when the address goes (a disconnect, a lost address, a
 * stop), opens again when it comes back, and while the link is up retries a failing open with
 * backoff and jitter. The application hears `opened` (with the socket), `closed` (with why) and
 * `retrying` (in how many ms); it never writes a timer. The decision is core/connection.ts.
 *
 * The sockets are `node:net` and `node:dgram`, native on Node and on Deno alike. What the network
 * runs on decides where they go: on the simulated ESP32 the interfaces are this machine's, so an
 * application says where to connect (and a server where to listen: `host`), as a test does with
 * 127.0.0.1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VirtualClock } from "../clock.ts";
 * import { Network } from "../network.ts";
 * import { connectTcp } from "./mod.ts";
 * const clock = new VirtualClock();
 * const network = Network.start({ sta: { ssid: "home", psk: "secret12" } }, { clock });
 * if (network._tag === "Left") throw new Error(network.left.error);
 * const link = connectTcp(network.right, { host: "127.0.0.1", port: 1883 }, {
 *   opened: (socket) => socket.write("hello\n"),
 *   closed: ({ why }) => console.log(`closed: ${why}`),
 *   retrying: ({ in_ms, error }) => console.log(`${error}: again in ${in_ms} ms`),
 * });
 * assert.equal(link._tag === "Right" && link.right.phase, "waiting"); // no address yet
 * if (link._tag === "Right") await link.right.close();
 * await network.right.stop();
 * ```
 *
 * @module
 */
import type dgram from "node:dgram";
import type net from "node:net";
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { integerIn } from "../../core/config/codecs.ts";
import { seedFrom } from "../../core/random.ts";
import type { Network } from "../network.ts";
import { type FollowHandlers, Following, type Opener } from "./following.ts";
import { tcpClient, tcpServer, udpSocket } from "./sockets.ts";
import {
  type ConnectionError,
  decodeSpec,
  FOLLOW_FIELDS,
  type FollowSpec,
  hostCodec,
  localPortCodec,
  oneOf,
  portCodec,
  resolvePolicy,
} from "./spec.ts";

export type { Closed, FollowHandlers, Opener, Retrying } from "./following.ts";
export { Following } from "./following.ts";
export type { ConnectionError, FollowSpec } from "./spec.ts";

/** A TCP client's target. */
export interface TcpClientSpec extends FollowSpec {
  readonly host: string;
  readonly port: number;
  /** How long one connect may take, in real ms (default 10 000). */
  readonly connectTimeoutMs?: number;
}

/** Where a TCP server or a UDP socket listens. */
export interface ListenSpec extends FollowSpec {
  /** The port; 0 is any free one (UDP). */
  readonly port: number;
  /** The address to listen on (default: the interface's own). */
  readonly host?: string;
}

/** A UDP socket's binding. */
export interface UdpSpec extends Partial<ListenSpec> {
  readonly type?: "udp4" | "udp6";
}

function follow<S>(
  network: Network,
  spec: FollowSpec,
  opener: Opener<S>,
  handlers: FollowHandlers<S>,
): Following<S> {
  const seed = spec.seed ?? seedFrom(`${network.shell.state.device.mac} ${opener.what}`);
  return new Following(
    network,
    spec.interface ?? "sta",
    opener,
    handlers,
    resolvePolicy(spec.policy),
    seed,
  );
}

/**
 * A TCP client that follows the network: connected while the interface has an address.
 * See the module's example.
 */
export function connectTcp(
  network: Network,
  spec: TcpClientSpec,
  handlers: FollowHandlers<net.Socket>,
): Either<ConnectionError, Following<net.Socket>> {
  const fields = {
    ...FOLLOW_FIELDS,
    host: hostCodec,
    port: portCodec,
    connectTimeoutMs: integerIn(100, 600_000, "milliseconds"),
  };
  const decoded = decodeSpec("connectTcp", spec, fields, ["host", "port"]);
  if (decoded._tag === "Left") return left(decoded.left);
  const target = {
    host: spec.host,
    port: spec.port,
    connectTimeoutMs: spec.connectTimeoutMs ?? 10_000,
  };
  return right(follow(network, spec, tcpClient(target), handlers));
}

/**
 * A TCP server that follows the network: listening while the interface has an address;
 * `connection` hears each client. Closing it, or losing the interface, closes its clients.
 *
 * @example
 * ```ts ignore
 * const server = listenTcp(network, { interface: "ap", host: "127.0.0.1", port: 8080 }, {
 *   connection: (socket) => socket.end("hello from the soft-AP\n"),
 * });
 * ```
 */
export function listenTcp(
  network: Network,
  spec: ListenSpec,
  handlers: FollowHandlers<net.Server> & { readonly connection: (socket: net.Socket) => void },
): Either<ConnectionError, Following<net.Server>> {
  const fields = { ...FOLLOW_FIELDS, host: hostCodec, port: portCodec };
  const decoded = decodeSpec("listenTcp", spec, fields, ["port"]);
  if (decoded._tag === "Left") return left(decoded.left);
  const opener = tcpServer({ host: spec.host ?? null, port: spec.port }, handlers.connection);
  return right(follow(network, spec, opener, handlers));
}

/**
 * A UDP socket that follows the network: bound while the interface has an address.
 *
 * @example
 * ```ts ignore
 * const udp = bindUdp(network, { host: "127.0.0.1", port: 0 }, {
 *   opened: (socket) => socket.send("ping", 9999, "127.0.0.1"),
 * });
 * ```
 */
export function bindUdp(
  network: Network,
  spec: UdpSpec,
  handlers: FollowHandlers<dgram.Socket>,
): Either<ConnectionError, Following<dgram.Socket>> {
  const fields = {
    ...FOLLOW_FIELDS,
    host: hostCodec,
    port: localPortCodec,
    type: oneOf<"udp4" | "udp6">(["udp4", "udp6"]),
  };
  const decoded = decodeSpec("bindUdp", spec, fields, []);
  if (decoded._tag === "Left") return left(decoded.left);
  const at = { host: spec.host ?? null, port: spec.port ?? 0, type: spec.type ?? "udp4" } as const;
  return right(follow(network, spec, udpSocket(at), handlers));
}
