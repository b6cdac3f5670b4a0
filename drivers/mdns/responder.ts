/**
 * netfsm's own mDNS responder over UDP (`node:dgram`, on Node and Deno), for drivers whose host
 * runs the network stack (ESP-Hosted): it answers as AtomVM's `mdns.erl` does (answers.ts). As
 * AtomVM's, its socket reuses the address, binds 0.0.0.0:5353 and joins 224.0.0.251 on the
 * station's address; beyond AtomVM, it sends its multicast from that address (a host has more
 * than one interface, an ESP32 one) and with IP TTL 255 (RFC 6762 §11, lwIP's default there).
 *
 * Everything is injectable so tests bind 127.0.0.1 on a port of the system's choosing, send
 * "multicast" answers to a socket of their own, and join no group. On Deno it needs
 * `--allow-net`.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { createSocket, type Socket } from "node:dgram";
import { describeThrown } from "../describe.ts";
import { netRefusal } from "../net_permission.ts";
import { checkIdentity, type MdnsIdentity, repliesTo } from "./answers.ts";

/** mDNS's port and IPv4 group (RFC 6762 §3). */
export const MDNS_PORT = 5353;
export const MDNS_GROUP = "224.0.0.251";

/** Where the responder listens and answers; each defaults to mDNS's own. */
export interface MdnsResponderOptions {
  /** The address bound ("0.0.0.0": AtomVM binds ANY; ESP-IDF 5.4 would not take the interface's). */
  readonly bindAddress?: string;
  /** The port bound (5353; 0: one of the system's choosing). */
  readonly port?: number;
  /** Where answers without QU go (224.0.0.251) and on which port (5353). */
  readonly group?: string;
  readonly groupPort?: number;
  /** Whether to join `group` on the station's address and send multicast from it (true). */
  readonly membership?: boolean;
  /** SO_REUSEADDR, so another responder on the host (avahi-daemon) can share the port (true). */
  readonly reuseAddr?: boolean;
  /** Told of what no caller waits for: an answer that could not be sent. */
  readonly notice?: (message: string) => void;
}

/** One socket answering for one identity. */
interface Running {
  readonly port: number;
  close(): Promise<void>;
}

function open(
  identity: MdnsIdentity,
  options: MdnsResponderOptions,
): Promise<Either<string, Running>> {
  const record = checkIdentity(identity);
  if (record._tag === "Left") return Promise.resolve(record);
  const bindAddress = options.bindAddress ?? "0.0.0.0";
  const port = options.port ?? MDNS_PORT;
  const groupPort = options.groupPort ?? MDNS_PORT;
  // Deno's node:dgram takes a port past 65535 modulo 65536 where Node refuses it: checked here.
  for (const [what, value] of [["port", port], ["group port", groupPort]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 65535) {
      return Promise.resolve(left(`mDNS ${what} ${value}: not 0 to 65535`));
    }
  }
  const where = `${bindAddress}:${port}`;
  const refused = netRefusal("mDNS", where);
  if (refused !== undefined) return Promise.resolve(left(refused));
  const group = options.group ?? MDNS_GROUP;
  const notice = options.notice ?? (() => {});
  const socket = createSocket({ type: "udp4", reuseAddr: options.reuseAddr ?? true });
  const closed = () => new Promise<void>((done) => socket.close(() => done()));
  return new Promise((resolve) => {
    let bound = false;
    socket.on("error", (error: Error) => {
      if (bound) return notice(`mDNS on ${identity.ip}: ${error.message}`);
      void closed().then(() => resolve(left(`mDNS: cannot bind ${where}: ${error.message}`)));
    });
    socket.bind({ port, address: bindAddress }, () => {
      bound = true;
      const joined = join(socket, group, identity.ip, options.membership ?? true);
      if (joined !== undefined) return void closed().then(() => resolve(left(joined)));
      const self = { address: identity.ip, port: socket.address().port };
      socket.on("message", (message: Uint8Array, from: { address: string; port: number }) => {
        const bytes = new Uint8Array(message.buffer, message.byteOffset, message.length);
        for (const reply of repliesTo(bytes, from, self, record.right)) {
          const [to, address] = reply.unicast ? [from.port, from.address] : [groupPort, group];
          socket.send(reply.bytes, to, address, (error: Error | null) => {
            if (error !== null) notice(`mDNS: cannot answer ${address}:${to}: ${error.message}`);
          });
        }
      });
      resolve(right({ port: self.port, close: closed }));
    });
  });
}

/** Joins the group on `ip` and sends multicast from there; why not, if it cannot. */
function join(socket: Socket, group: string, ip: string, membership: boolean): string | void {
  if (!membership) return;
  try {
    socket.addMembership(group, ip);
    socket.setMulticastInterface(ip);
    socket.setMulticastTTL(255);
  } catch (error) {
    return `mDNS: cannot join ${group} on ${ip}: ${describeThrown(error)}`;
  }
}

/**
 * The responder a driver keeps: at most one socket at a time, started and stopped in the order
 * asked (a stop while a start is binding closes what it bound).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MdnsResponder } from "./responder.ts";
 * const responder = new MdnsResponder({ bindAddress: "127.0.0.1", port: 0, membership: false });
 * const started = await responder.start({ hostname: "dev", ttl: 120, ip: "127.0.0.1" });
 * assert.equal(started._tag, "Right");
 * assert.ok((responder.port ?? 0) > 0);
 * await responder.stop();
 * assert.equal(responder.port, undefined);
 * ```
 */
export class MdnsResponder {
  readonly #options: MdnsResponderOptions;
  #running: Running | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: MdnsResponderOptions = {}) {
    this.#options = options;
  }

  /** The port the running responder is bound to; undefined when none runs. */
  get port(): number | undefined {
    return this.#running?.port;
  }

  /** Stops the running responder, if any, then answers for `identity`; a Left says why not. */
  start(identity: MdnsIdentity): Promise<Either<string, void>> {
    return this.#then(async (): Promise<Either<string, void>> => {
      await this.#close();
      try {
        const opened = await open(identity, this.#options);
        if (opened._tag === "Left") return opened;
        this.#running = opened.right;
        return right(undefined);
      } catch (error) {
        // node:dgram throws for what it checks at once (a bad port, say): a value all the same.
        return left(`mDNS on ${identity.ip}: ${describeThrown(error)}`);
      }
    });
  }

  /** Stops answering and closes the socket; resolves once it is closed. */
  stop(): Promise<void> {
    return this.#then(() => this.#close());
  }

  async #close(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    await running?.close().catch(() => {});
  }

  #then<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(step, step);
    this.#queue = next.catch(() => {});
    return next;
  }
}
