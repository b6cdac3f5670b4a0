/**
 * The shell of a connection that follows the network: it watches the network's state, feeds what
 * happens to the pure decision (core/connection.ts) and carries out what it decides, on the
 * network's clock, with an {@link Opener} that knows one kind of socket. The application sees
 * plain events and the socket; it never writes a timer.
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";
import {
  type ConnectionAction,
  type ConnectionEvent,
  type ConnectionInput,
  type ConnectionPhase,
  type ConnectionPolicy,
  type ConnectionState,
  createConnection,
  decideConnection,
} from "../../core/connection.ts";
import { type Link, linkInputs, linkOf, type NetworkInterface } from "../../core/link.ts";
import type { Network } from "../network.ts";

/** One kind of socket: how to open it, hear it end, and close it. */
export interface Opener<S> {
  /** What it opens, for messages: `tcp 127.0.0.1:1883`. */
  readonly what: string;
  /** Opens a socket; `address` is the interface's (null when unknown). Never throws. */
  open(address: string | null): Promise<Either<string, S>>;
  /** Calls `ended` once when `socket` ends by itself, with an error message if it failed. */
  onEnd(socket: S, ended: (error?: string) => void): void;
  /** Closes `socket`; resolves once its handle is released. Never throws. */
  close(socket: S): Promise<void>;
}

/** The closed event. */
export type Closed = Extract<ConnectionEvent, { type: "closed" }>;
/** The retrying event. */
export type Retrying = Extract<ConnectionEvent, { type: "retrying" }>;

/** What the application hears; each is optional. A handler that throws becomes a diagnostic. */
export interface FollowHandlers<S> {
  /** The socket is open: use it until `closed`. */
  readonly opened?: (socket: S) => void;
  /** The open socket is gone, and why; the connection opens again when it can. */
  readonly closed?: (event: Closed) => void;
  /** An open failed, or the socket ended: the next try is in `in_ms`. */
  readonly retrying?: (event: Retrying) => void;
}

/**
 * A connection that follows the network (made by `connectTcp`, `listenTcp` or `bindUdp`).
 *
 * @example
 * ```ts ignore
 * const sensor = connectTcp(network, { host: "127.0.0.1", port: 1883 }, {
 *   opened: (socket) => socket.write("hello\n"),
 *   closed: ({ why }) => console.log(`closed: ${why}`),
 * });
 * ```
 */
export class Following<S> {
  #state: ConnectionState;
  #link: Link = { up: false, address: null, why: "disconnected" };
  readonly #sockets = new Map<number, S>();
  readonly #pending = new Set<Promise<void>>();
  #cancelRetry: (() => void) | undefined;
  readonly #unwatch: () => void;
  /** Inputs that arrived while a decision's actions were being carried out. */
  readonly #queue: ConnectionInput[] = [];
  #applying = false;
  /** The application asked to close: it hears nothing more but that close. */
  #closing = false;

  constructor(
    private readonly network: Network,
    private readonly iface: NetworkInterface,
    private readonly opener: Opener<S>,
    private readonly handlers: FollowHandlers<S>,
    private readonly policy: ConnectionPolicy,
    seed: number,
  ) {
    this.#state = createConnection(seed);
    this.#unwatch = network.watch((state) => this.#follow(linkOf(state, iface)));
    this.#follow(linkOf(network.shell.state, iface));
  }

  /** Where the connection is. */
  get phase(): ConnectionPhase {
    return this.#state.phase;
  }

  /** The open socket, while there is one. */
  get socket(): S | null {
    return this.#state.phase === "open" ? this.#sockets.get(this.#state.generation) ?? null : null;
  }

  /** The interface it follows, and what it opens. */
  get what(): string {
    return `${this.opener.what} on ${this.iface}`;
  }

  /**
   * Closes the connection for good; resolves once every socket it opened is closed and nothing
   * of it is left running (no timer, no handle). Closing twice is fine.
   */
  async close(): Promise<void> {
    this.#closing = true;
    this.#apply({ type: "close" });
    return await this.settled();
  }

  /** Resolves once every open and close under way has finished. */
  async settled(): Promise<void> {
    // At least one turn: a close asked for from inside a handler is carried out after it returns.
    do await Promise.all([...this.#pending]); while (this.#pending.size > 0);
  }

  #follow(link: Link): void {
    const inputs = linkInputs(this.#link, link);
    this.#link = link;
    for (const input of inputs) this.#apply(input);
  }

  #apply(input: ConnectionInput): void {
    this.#queue.push(input);
    // A handler that closes the connection (or stops the network) re-enters here: its input
    // waits until the decision under way is carried out in full, or the rest of that decision
    // (a retry armed, a retrying event) would be carried out after the close.
    if (this.#applying) return;
    this.#applying = true;
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
        this.#decide(next);
      }
    } finally {
      this.#applying = false;
    }
  }

  #decide(input: ConnectionInput): void {
    const [next, actions] = decideConnection(this.#state, input, this.policy);
    this.#state = next;
    for (const action of actions) this.#do(action);
    if (next.phase === "closed") this.#unwatch();
  }

  #do(action: ConnectionAction): void {
    switch (action.action) {
      case "open":
        return this.#open(action.generation);
      case "close_socket": {
        const socket = this.#sockets.get(action.generation);
        if (socket === undefined) return; // still opening: it is closed when it opens, as stale
        this.#sockets.delete(action.generation);
        return this.#track(this.opener.close(socket));
      }
      case "arm_retry": {
        this.#cancelRetry?.();
        const { generation } = action;
        const clock = this.network.clock;
        this.#cancelRetry = clock.schedule(clock.now() + action.delay_ms, () => {
          this.#cancelRetry = undefined;
          this.#apply({ type: "retry_due", generation });
        });
        return;
      }
      case "disarm_retry":
        this.#cancelRetry?.();
        this.#cancelRetry = undefined;
        return;
      case "emit":
        return this.#emit(action.event);
    }
  }

  #open(generation: number): void {
    this.#track(
      this.opener.open(this.#link.address).then((opened) => {
        if (opened._tag === "Left") {
          this.#apply({ type: "socket_failed", generation, error: opened.left });
          return;
        }
        const socket = opened.right;
        this.#sockets.set(generation, socket);
        this.opener.onEnd(socket, (error) => {
          // Ended by itself: its handle is gone, and the decision hears of it.
          this.#sockets.delete(generation);
          this.#apply({
            type: "socket_closed",
            generation,
            ...(error === undefined ? {} : { error }),
          });
        });
        this.#apply({ type: "socket_opened", generation });
      }),
    );
  }

  #emit(event: ConnectionEvent): void {
    // Asked from inside a handler, the close waits for the decision under way (see #apply);
    // what that decision still had to say (a retry it will not make) is not said.
    if (this.#closing && event.type !== "closed") return;
    const guard = (name: string, run: () => void) => this.network.shell.guard(name, run);
    if (event.type === "opened") {
      const socket = this.socket;
      if (socket !== null && this.handlers.opened) {
        const opened = this.handlers.opened;
        guard("connection opened", () => opened(socket));
      }
    } else if (event.type === "closed") {
      const closed = this.handlers.closed;
      if (closed) guard("connection closed", () => closed(event));
    } else {
      const retrying = this.handlers.retrying;
      if (retrying) guard("connection retrying", () => retrying(event));
    }
  }

  #track(work: Promise<void>): void {
    const tracked = work.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }
}
