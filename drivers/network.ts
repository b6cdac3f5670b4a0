/**
 * The application API, after AtomVM's `network_fsm`: `start`, `stop`, `waitForSta`, `waitForAp`.
 * Callbacks are functions here (in JSON they are `true`). Every outcome is a value: `start` and the
 * waits resolve to an fp-ts `Either`, never throw.
 *
 * Unlike AtomVM: `start` reports an invalid configuration with every problem; `waitForSta` leaves
 * the application's own callbacks and reconnection alone; a wait's timeout is its total time.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { Applied } from "../core/advance.ts";
import type { ApSection, StaSection } from "../core/config/schema.ts";
import type { Reply } from "../core/effect.ts";
import type { IpInfo } from "../core/input.ts";
import type { StaStatus } from "../core/state.ts";
import { type Clock, realClock } from "./clock.ts";
import type { Driver } from "./driver.ts";
import { mockDriver } from "./mock/mock_driver.ts";
import { recordTrace } from "./recorder.ts";
import type { World } from "./mock/world.ts";
import { type Diagnostic, type Handlers, Shell } from "./shell.ts";

type Callback<A extends unknown[]> = (...args: A) => unknown;

/** The station, with its callbacks as functions. */
export interface StaConfig extends Omit<StaSection, "connected" | "disconnected" | "got_ip"> {
  readonly connected?: Callback<[]>;
  readonly disconnected?: Callback<[]>;
  readonly got_ip?: Callback<[IpInfo]>;
}

/** The soft-AP, with its callbacks as functions. */
export interface ApConfig
  extends Omit<ApSection, "ap_started" | "sta_connected" | "sta_disconnected" | "sta_ip_assigned"> {
  readonly ap_started?: Callback<[]>;
  readonly sta_connected?: Callback<[string]>;
  readonly sta_disconnected?: Callback<[string]>;
  readonly sta_ip_assigned?: Callback<[string]>;
}

/** SNTP: a host, or a host and a `synchronized` callback. */
export type SntpConfig = string | {
  readonly host: string;
  readonly synchronized?: Callback<[{ sec: number; usec: number }]>;
};

/** A network configuration for {@link start}. */
export interface Config {
  readonly sta?: StaConfig;
  readonly ap?: ApConfig;
  readonly sntp?: SntpConfig;
}

/** How to run: which driver and clock (a simulated ESP32 on the real clock by default). */
export interface StartOptions {
  readonly driver?: Driver;
  readonly clock?: Clock;
  /** For the default simulated ESP32: its world (default: an AP matching `sta`) and seed. */
  readonly world?: World;
  readonly seed?: number;
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  readonly onStep?: (applied: Applied) => void;
  /** Receives the run as trace lines (psks redacted), header first: `netfsm replay` reproduces it. */
  readonly record?: (line: string) => void;
}

/** Why something did not work: AtomVM's reason, and for configuration errors every problem. */
export type NetworkError = Exclude<Reply, "ok">;

/**
 * Splits a configuration into its JSON form (callbacks `true`) and the callback functions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitCallbacks } from "./network.ts";
 * const gotIp = () => {};
 * const { json, handlers } = splitCallbacks({ sta: { ssid: "home", got_ip: gotIp } });
 * assert.deepEqual(json, { sta: { ssid: "home", got_ip: true } });
 * assert.equal(handlers.got_ip, gotIp);
 * ```
 */
export function splitCallbacks(
  config: Config,
): { readonly json: unknown; readonly handlers: Handlers } {
  const handlers: Record<string, unknown> = {};
  const section = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        if (typeof inner !== "function") return [key, inner];
        handlers[key] = inner;
        return [key, true];
      }),
    );
  };
  const json = typeof config === "object" && config !== null
    ? Object.fromEntries(Object.entries(config).map(([key, value]) => [key, section(value)]))
    : config;
  return { json, handlers: handlers as Handlers };
}

/** A simulated world in which the configured station's network exists, for the default driver. */
export function worldFor(config: Config): World {
  const sta = config.sta;
  if (sta?.ssid === undefined) return {};
  return { access_points: [{ ssid: sta.ssid, ...(sta.psk ? { psk: sta.psk } : {}) }] };
}

interface Waiter {
  readonly check: (applied: Applied | null) => boolean;
}

/** A running network. */
export class Network {
  readonly #shell: Shell;
  readonly #clock: Clock;
  readonly #waiters = new Set<Waiter>();

  private constructor(config: Config, options: StartOptions) {
    this.#clock = options.clock ?? realClock();
    const { json, handlers } = splitCallbacks(config);
    const world = options.world ?? worldFor(config);
    const driver = options.driver ??
      mockDriver({ clock: this.#clock, world, seed: options.seed ?? 1 });
    const record = options.record && recordTrace(json, driver.capabilities.device, options.record);
    this.#shell = new Shell({
      driver,
      clock: this.#clock,
      config: json,
      handlers,
      ...(options.onDiagnostic ? { onDiagnostic: options.onDiagnostic } : {}),
      onStep: (applied) => {
        record?.(applied);
        options.onStep?.(applied);
        // A wait resolves after the callbacks of the event that ends it.
        if (this.#waiters.size > 0) this.#shell.afterCallbacks(() => this.#notify(applied));
      },
    });
  }

  /** Starts a network; resolves to it, or to why it could not start. */
  static start(config: Config, options: StartOptions = {}): Either<NetworkError, Network> {
    const network = new Network(config, options);
    const reply = network.#shell.request({ type: "start" });
    if (reply === "ok") return right(network);
    void network.#shell.close();
    return left(reply);
  }

  /** The station status, in AtomVM's `sta_status()` vocabulary. */
  get status(): StaStatus {
    return this.#shell.state.sta;
  }

  /** The station's address, while it has one. */
  get ip(): IpInfo | null {
    return this.#shell.state.ip;
  }

  /** The shell underneath, for drivers and tests. */
  get shell(): Shell {
    return this.#shell;
  }

  /** Stops the radio and releases the driver. Stopping twice is fine. */
  async stop(): Promise<void> {
    this.#shell.request({ type: "stop" });
    await this.#shell.close();
    this.#notify(null);
  }

  /** Resolves with the station's address, or `disconnected`, `stopped` or `timeout`. */
  waitForSta(timeout = 15000): Promise<Either<NetworkError, IpInfo>> {
    return this.#wait(timeout, (applied, settle) => {
      const state = applied?.state ?? this.#shell.state;
      if (state.sta === "connected" && state.ip !== null) return settle(right(state.ip));
      if (state.active === null) return settle(left({ error: "stopped" }));
      if (state.active.sta === null) return settle(left({ error: "no_sta" }));
      if (applied?.input.type === "sta_disconnected") {
        return settle(left({ error: "disconnected" }));
      }
    });
  }

  /** Resolves once the soft-AP has started, or with `stopped` or `timeout`. */
  waitForAp(timeout = 15000): Promise<Either<NetworkError, void>> {
    return this.#wait(timeout, (applied, settle) => {
      const state = applied?.state ?? this.#shell.state;
      if (state.ap === "started") return settle(right(undefined));
      if (state.active === null) return settle(left({ error: "stopped" }));
      if (state.active.ap === null) return settle(left({ error: "no_ap" }));
    });
  }

  #wait<T>(
    timeout: number,
    decide: (
      applied: Applied | null,
      settle: (result: Either<NetworkError, T>) => true,
    ) => true | void,
  ): Promise<Either<NetworkError, T>> {
    return new Promise((resolve) => {
      let cancel = () => {};
      const waiter: Waiter = {
        check: (applied) =>
          decide(applied, (result) => {
            this.#waiters.delete(waiter);
            cancel();
            resolve(result);
            return true;
          }) === true,
      };
      if (waiter.check(null)) return;
      this.#waiters.add(waiter);
      cancel = this.#clock.schedule(this.#clock.now() + timeout, () => {
        if (this.#waiters.delete(waiter)) resolve(left({ error: "timeout" }));
      });
    });
  }

  #notify(applied: Applied | null): void {
    for (const waiter of [...this.#waiters]) waiter.check(applied);
  }
}

let current: Network | undefined;

/**
 * Starts the network, as `network_fsm:start/1` does. There is one at a time: while it runs,
 * another `start` resolves to `already_started`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VirtualClock } from "./clock.ts";
 * import { start, stop } from "./network.ts";
 * const clock = new VirtualClock();
 * const seen: string[] = [];
 * const started = await start({ sta: { ssid: "home", psk: "secret12", got_ip: (ip) => seen.push(ip.ip) } }, { clock });
 * assert.equal(started._tag, "Right");
 * await clock.advance(5000);
 * assert.equal(seen.length, 1);
 * assert.deepEqual(await start({ ap: {} }, { clock }), { _tag: "Left", left: { error: "already_started" } });
 * await stop();
 * ```
 */
export function start(
  config: Config,
  options: StartOptions = {},
): Promise<Either<NetworkError, Network>> {
  if (current !== undefined) return Promise.resolve(left({ error: "already_started" }));
  const started = Network.start(config, options);
  if (started._tag === "Right") current = started.right;
  return Promise.resolve(started);
}

/** Stops the network started by {@link start}; fine when none is running. */
export async function stop(): Promise<void> {
  const network = current;
  current = undefined;
  await network?.stop();
}

/** The network started by {@link start}, if one is running. */
export function running(): Network | undefined {
  return current;
}

/** The running network when the caller gave no configuration, otherwise a new one from `config`. */
function runningOrStart(
  config: Config,
  given: boolean,
  options: StartOptions,
): Promise<Either<NetworkError, Network>> {
  return !given && current !== undefined ? Promise.resolve(right(current)) : start(config, options);
}

/**
 * Waits for the station's address, as `network_fsm:wait_for_sta/2` does. With a station
 * configuration, starts the network with it first; without one, waits on the running network, or
 * starts one whose station comes from NVS.
 */
export async function waitForSta(
  config?: StaConfig,
  timeout = 15000,
  options: StartOptions = {},
): Promise<Either<NetworkError, IpInfo>> {
  const network = await runningOrStart({ sta: config ?? {} }, config !== undefined, options);
  if (network._tag === "Left") return network;
  return network.right.waitForSta(timeout);
}

/**
 * Waits for the soft-AP to start, as `network_fsm:wait_for_ap/2` does, starting the network with
 * `config` first when one is given.
 */
export async function waitForAp(
  config?: ApConfig,
  timeout = 15000,
  options: StartOptions = {},
): Promise<Either<NetworkError, void>> {
  const network = await runningOrStart({ ap: config ?? {} }, config !== undefined, options);
  if (network._tag === "Left") return network;
  return network.right.waitForAp(timeout);
}
