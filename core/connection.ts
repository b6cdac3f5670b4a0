/**
 * Rule: this file alone decides what a connection that follows the network does next. A
 * connection (a TCP client, a UDP socket, a server) needs an interface with an address: it opens
 * when the interface gets one, closes when it goes (a disconnect, a lost address, a stop), opens
 * again when it comes back, and while the link is up retries a failing open with backoff and
 * jitter, starting over when the network returns or an open succeeds. The application may close
 * it for good.
 *
 * Pure, like `step`: the shell (drivers/connections/) feeds it what happened and carries out what
 * it decides. Each socket attempt has a generation; what an older attempt reports is stale, and
 * an older socket that opens late is closed at once, so no socket is ever left behind.
 *
 * @module
 */
import { type Backoff, backoffDelay } from "./backoff.ts";

/** Where a connection is. */
export type ConnectionPhase =
  /** The interface has no address: nothing to do until it does. */
  | "waiting"
  /** A socket is being opened (connecting, binding, listening). */
  | "opening"
  | "open"
  /** The last open failed or the socket ended; a retry is armed. */
  | "backing_off"
  /** Closed by the application, or the network stopped: for good. */
  | "closed";

/** A connection's state; `random` is the jitter generator's. */
export interface ConnectionState {
  readonly phase: ConnectionPhase;
  /** Consecutive failures since the link came up or a socket last opened. */
  readonly attempt: number;
  /** The current socket attempt's number: what older ones report is stale. */
  readonly generation: number;
  readonly random: number;
}

/** Why the interface's address went. */
export type LinkDown = "disconnected" | "lost_ip" | "ap_stopped" | "stopped";

/** What happened, as the shell reports it. */
export type ConnectionInput =
  /** The interface has an address. */
  | { readonly type: "link_up" }
  | { readonly type: "link_down"; readonly why: LinkDown }
  | { readonly type: "socket_opened"; readonly generation: number }
  | { readonly type: "socket_failed"; readonly generation: number; readonly error: string }
  /** An open socket ended: the peer closed it (no error), or it failed. */
  | { readonly type: "socket_closed"; readonly generation: number; readonly error?: string }
  | { readonly type: "retry_due"; readonly generation: number }
  /** The application closes the connection for good. */
  | { readonly type: "close" };

/** Why an open connection closed, as the application sees it. */
export type ClosedWhy = LinkDown | "peer" | "error" | "application";

/** What the application sees. */
export type ConnectionEvent =
  | { readonly type: "opened" }
  | { readonly type: "closed"; readonly why: ClosedWhy; readonly error?: string }
  | {
    readonly type: "retrying";
    readonly in_ms: number;
    /** Which retry this is: 1 for the first. */
    readonly attempt: number;
    readonly error: string;
  };

/** What the shell must do. */
export type ConnectionAction =
  | { readonly action: "open"; readonly generation: number }
  | { readonly action: "close_socket"; readonly generation: number }
  | { readonly action: "arm_retry"; readonly generation: number; readonly delay_ms: number }
  | { readonly action: "disarm_retry" }
  | { readonly action: "emit"; readonly event: ConnectionEvent };

/** A connection's retry policy: `sta.reconnect`'s shape, less what only a station needs. */
export type ConnectionPolicy = Backoff;

/**
 * The defaults: a first retry after half a second catches a server restarting; doubling to a
 * 30-second cap keeps a dead server to a few attempts a minute; ±20% jitter keeps a room full of
 * sensors from reconnecting in step when the access point comes back.
 */
export const CONNECTION_DEFAULTS: ConnectionPolicy = {
  initial_ms: 500,
  max_ms: 30_000,
  multiplier: 2,
  jitter: 0.2,
};

/** A new connection, waiting for its interface; `seed` seeds its jitter. */
export function createConnection(seed: number): ConnectionState {
  return { phase: "waiting", attempt: 0, generation: 0, random: seed >>> 0 };
}

type Decision = readonly [ConnectionState, readonly ConnectionAction[]];

const emit = (event: ConnectionEvent): ConnectionAction => ({ action: "emit", event });

/** Opens the next generation's socket. */
function open(state: ConnectionState, attempt: number): Decision {
  const generation = state.generation + 1;
  return [{ ...state, phase: "opening", attempt, generation }, [{ action: "open", generation }]];
}

/** Arms the next retry after `error`. */
function backOff(state: ConnectionState, policy: ConnectionPolicy, error: string): Decision {
  const { delay, random } = backoffDelay(policy, policy.initial_ms, state.attempt, state.random);
  const attempt = state.attempt + 1;
  return [{ ...state, phase: "backing_off", attempt, random }, [
    { action: "arm_retry", generation: state.generation, delay_ms: delay },
    emit({ type: "retrying", in_ms: delay, attempt, error }),
  ]];
}

/** Lets go of whatever the connection holds: its socket or its retry. */
function release(state: ConnectionState): ConnectionAction[] {
  if (state.phase === "opening" || state.phase === "open") {
    return [{ action: "close_socket", generation: state.generation }];
  }
  return state.phase === "backing_off" ? [{ action: "disarm_retry" }] : [];
}

/** Leaves `state` for `phase`, releasing what it holds; an open socket's close is reported. */
function leave(state: ConnectionState, phase: "waiting" | "closed", why: ClosedWhy): Decision {
  const actions = release(state);
  if (state.phase === "open") actions.push(emit({ type: "closed", why }));
  // A new generation: whatever the released attempt still reports is stale.
  return [{ ...state, phase, attempt: 0, generation: state.generation + 1 }, actions];
}

/**
 * What a connection does next. Total: an input that does not apply (a stale generation, a second
 * `link_up`, anything after `closed`) changes nothing, except that a stale socket that opened is
 * closed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CONNECTION_DEFAULTS, createConnection, decideConnection } from "./connection.ts";
 * const policy = { ...CONNECTION_DEFAULTS, jitter: 0 };
 * let [state, actions] = decideConnection(createConnection(1), { type: "link_up" }, policy);
 * assert.deepEqual(actions, [{ action: "open", generation: 1 }]);
 * [state, actions] = decideConnection(state, { type: "socket_failed", generation: 1, error: "ECONNREFUSED" }, policy);
 * assert.deepEqual(actions[0], { action: "arm_retry", generation: 1, delay_ms: 500 });
 * [state, actions] = decideConnection(state, { type: "link_down", why: "disconnected" }, policy);
 * assert.deepEqual([state.phase, actions], ["waiting", [{ action: "disarm_retry" }]]);
 * ```
 */
export function decideConnection(
  state: ConnectionState,
  input: ConnectionInput,
  policy: ConnectionPolicy,
): Decision {
  if (state.phase === "closed") {
    // Closed for good; a socket that opens after that is not kept.
    return input.type === "socket_opened"
      ? [state, [{ action: "close_socket", generation: input.generation }]]
      : [state, []];
  }
  switch (input.type) {
    case "link_up":
      return state.phase === "waiting" ? open(state, 0) : [state, []];
    case "link_down":
      if (input.why === "stopped") return leave(state, "closed", "stopped");
      return state.phase === "waiting" ? [state, []] : leave(state, "waiting", input.why);
    case "close":
      return leave(state, "closed", "application");
    case "retry_due":
      return state.phase === "backing_off" && input.generation === state.generation
        ? open(state, state.attempt)
        : [state, []];
  }
  if (input.generation !== state.generation) {
    return input.type === "socket_opened"
      ? [state, [{ action: "close_socket", generation: input.generation }]]
      : [state, []];
  }
  switch (input.type) {
    case "socket_opened":
      if (state.phase !== "opening") return [state, []];
      return [{ ...state, phase: "open", attempt: 0 }, [emit({ type: "opened" })]];
    case "socket_failed":
      return state.phase === "opening" ? backOff(state, policy, input.error) : [state, []];
    case "socket_closed": {
      if (state.phase !== "open") return [state, []];
      const error = input.error;
      const closed = error === undefined
        ? emit({ type: "closed", why: "peer" })
        : emit({ type: "closed", why: "error", error });
      const [next, actions] = backOff(state, policy, error ?? "closed by the peer");
      return [next, [closed, ...actions]];
    }
  }
}
