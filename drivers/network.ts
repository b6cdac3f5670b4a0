/**
 * A running network: the application's handle on the shell, after AtomVM's `network` module.
 * Requests answer at once with an fp-ts `Either`; the waits (`waitForSta`, `waitForAp`,
 * `staRssi`, `scan`) resolve after the callbacks of the event that ends them, or at their
 * timeout, and never throw.
 *
 * @module
 */
import { describeType, isRecord } from "../core/json.ts";
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { Applied } from "../core/advance.ts";
import { redactSecrets } from "../core/redact.ts";
import type { IpInfo } from "../core/input.ts";
import type { Disconnect } from "../core/reasons.ts";
import type { StaStatus, State } from "../core/state.ts";
import {
  type Config,
  type NetworkError,
  type ScanFound,
  splitCallbacks,
  type StaConfig,
  type StartOptions,
  worldFor,
} from "./app_config.ts";
import { type Clock, realClock } from "./clock.ts";
import { mockDriver } from "./mock/mock_driver.ts";
import { recordTrace } from "./recorder.ts";
import { Shell } from "./shell.ts";
import { type Built, refusedOption, release, startFailed } from "./start_guard.ts";

/** The station in full. */
export interface StaReport {
  readonly status: StaStatus;
  readonly disconnect: Disconnect | null;
  readonly ip: IpInfo | null;
  readonly ip6: readonly string[];
  readonly rssi: number | null;
}

/** Options of a scan, with AtomVM's names; each defaults to the `sta` section's. */
export interface ScanRequest {
  readonly results?: number;
  readonly dwell?: number;
  readonly passive?: boolean;
  readonly show_hidden?: boolean;
}

interface Waiter {
  readonly check: (applied: Applied | null) => boolean;
}

/** A running network. */
export class Network {
  readonly #shell: Shell;
  #stopping: Promise<void> | undefined;
  readonly #clock: Clock;
  readonly #waiters = new Set<Waiter>();
  readonly #watchers = new Set<(state: State) => void>();

  /** Builds the network; `built` learns the driver and the shell as soon as each exists. */
  private constructor(
    config: Config,
    options: StartOptions,
    built: Built,
  ) {
    this.#clock = options.clock ?? realClock();
    const { json, handlers } = splitCallbacks(config);
    const world = options.world ?? worldFor(config);
    const driver = options.driver ??
      mockDriver({ clock: this.#clock, world, seed: options.seed ?? 1 });
    built.driver = driver;
    let record: ((applied: Applied) => void) | undefined;
    const { onStep, record: write } = options;
    this.#shell = built.shell = new Shell({
      driver,
      clock: this.#clock,
      config: json,
      handlers,
      ...(options.onDiagnostic ? { onDiagnostic: options.onDiagnostic } : {}),
      ...(options.callbackTimeout === undefined
        ? {}
        : { callbackTimeout: options.callbackTimeout }),
      onStep: (applied) => {
        // A wait resolves after the callbacks of the event that ends it.
        if (this.#waiters.size > 0) this.#shell.afterCallbacks(() => this.#notify(applied));
        if (record !== undefined) this.#shell.guard("record", () => record?.(applied));
        for (const watcher of [...this.#watchers]) {
          this.#shell.guard("watch", () => watcher(applied.state));
        }
        // The application's hook may log the input: it gets no psk to log.
        if (onStep !== undefined) this.#shell.guard("onStep", () => onStep(redactStep(applied)));
      },
    });
    if (write !== undefined) {
      this.#shell.guard("record", () => {
        record = recordTrace(json, driver.capabilities.device, write);
      });
    }
  }

  /**
   * Starts a network; resolves to it, or to why it could not start: the configuration's problems,
   * `badarg` for a `callbackTimeout` it cannot keep, or `start_failed` when building it threw (a
   * driver's `subscribe`, say; what was built is closed again). Never throws.
   */
  static start(config: Config, options: StartOptions = {}): Either<NetworkError, Network> {
    const built: Built = {};
    try {
      const refused = refusedOption(options);
      if (refused !== undefined) return left(refused);
      if (!isRecord(config)) {
        // A start that fails closes the driver it was given, whatever made it fail.
        release({ ...(options.driver === undefined ? {} : { driver: options.driver }) });
        const message = `must be an object with a sta or an ap section, got ${
          describeType(config)
        }`;
        return left({ error: "invalid_config", problems: [{ path: "config", message }] });
      }
      const network = new Network(config, options, built);
      const reply = network.#shell.request({ type: "start" });
      if (reply === "ok") return right(network);
      void network.#shell.close();
      return left(reply);
    } catch (thrown) {
      release(built);
      return left(startFailed(config, thrown));
    }
  }

  /** The station status, in AtomVM's `sta_status()` vocabulary. */
  get status(): StaStatus {
    return this.#shell.state.sta;
  }

  /** The station's address, while it has one. */
  get ip(): IpInfo | null {
    return this.#shell.state.ip;
  }

  /** The clock the network runs on: its timers, and those of what follows it. */
  get clock(): Clock {
    return this.#clock;
  }

  /**
   * Calls `watcher` with the core's state after every step (timers included), until the returned
   * function is called: what connections that follow the network (drivers/connections/) watch.
   * A watcher that throws becomes a `hook_failed` diagnostic.
   */
  watch(watcher: (state: State) => void): () => void {
    const own = (state: State) => watcher(state);
    this.#watchers.add(own);
    return () => this.#watchers.delete(own);
  }

  /** The shell underneath, for drivers and tests. */
  get shell(): Shell {
    return this.#shell;
  }

  /**
   * Stops the radio and releases the driver. Stopping twice is fine, and so is stopping from
   * inside a callback: no callback starts after it, and it does not wait for the one running.
   */
  stop(): Promise<void> {
    // A hook that stops the network on every step would otherwise re-enter stop without end:
    // the stop under way is the answer, and it is known before the request goes in.
    if (this.#stopping !== undefined) return this.#stopping;
    const stopping = signal();
    this.#stopping = stopping.promise;
    this.#shell.request({ type: "stop" });
    void this.#shell.close().then(() => {
      this.#notify(null);
      stopping.resolve();
    });
    return this.#stopping;
  }

  /** The station in full: AtomVM's `sta_status()`, the last disconnect, addresses, signal. */
  staStatus(): StaReport {
    const state = this.#shell.state;
    return {
      status: state.sta,
      disconnect: state.disconnect,
      ip: state.ip,
      ip6: state.ip6,
      rssi: state.rssi,
    };
  }

  /**
   * Joins a network, as `network:sta_connect/0,1`: without a configuration, the configured one
   * again; with `{sta: {...}}`, those keys merged over the running station; with a flat
   * `{ssid, psk?, dhcp_hostname?}`, that network (without a psk, an open one). Functions in a
   * `sta` section become callbacks.
   */
  staConnect(config?: StaConfig | { readonly sta: StaConfig }): Either<NetworkError, void> {
    let json: unknown;
    if (config !== undefined && !isRecord(config)) {
      // An untyped caller's string or list: the same answer the core gives a bad section.
      const message = `must be an object, got ${describeType(config)}`;
      return left({ error: "invalid_config", problems: [{ path: "config", message }] });
    }
    if (config !== undefined) {
      const split = splitCallbacks("sta" in config ? config : { sta: config as StaConfig });
      this.#shell.setHandlers(split.handlers);
      json = "sta" in config ? split.json : (split.json as { sta: unknown }).sta;
    }
    const reply = this.#shell.request(
      json === undefined ? { type: "sta_connect" } : { type: "sta_connect", config: json as never },
    );
    return reply === "ok" ? right(undefined) : left(reply);
  }

  /** Leaves the network and stops retrying, as `network:sta_disconnect/0`. */
  staDisconnect(): Either<NetworkError, void> {
    const reply = this.#shell.request({ type: "sta_disconnect" });
    return reply === "ok" ? right(undefined) : left(reply);
  }

  /** Measures the signal of the joined AP, as `network:sta_rssi/0`. */
  staRssi(timeout = 5000): Promise<Either<NetworkError, number>> {
    const reply = this.#shell.request({ type: "sta_rssi" });
    if (reply !== "ok") return Promise.resolve(left(reply));
    return this.#wait(timeout, (applied, settle) => {
      if (applied?.input.type === "sta_rssi_measured") return settle(right(applied.input.rssi));
      if (applied?.input.type === "driver_failed" && applied.input.command === "read_rssi") {
        return settle(left({ error: applied.input.error }));
      }
      if (applied !== null && applied.state.active === null) {
        return settle(left({ error: "stopped" }));
      }
    }, false);
  }

  /**
   * Scans, as `network:wifi_scan/0,1`: options `{results, dwell, passive, show_hidden}` over the
   * `sta` section's defaults. Resolves with what was found (the `scan_done` callback, if any,
   * gets it too), or `busy`, `badarg` with the problems, `no_sta_mode`, or the driver's error.
   */
  scan(
    options?: ScanRequest,
    timeout = 30_000,
  ): Promise<Either<NetworkError, ScanFound>> {
    const reply = this.#shell.request(
      options === undefined ? { type: "scan" } : { type: "scan", options: { ...options } },
    );
    if (reply !== "ok") return Promise.resolve(left(reply));
    return this.#wait(timeout, (applied, settle) => {
      const input = applied?.input;
      if (input?.type === "scan_done") {
        if (input.error !== undefined) return settle(left({ error: input.error }));
        return settle(
          right({
            found: input.found ?? input.networks?.length ?? 0,
            networks: input.networks ?? [],
          }),
        );
      }
      if (input?.type === "driver_failed" && input.command === "scan") {
        return settle(left({ error: input.error }));
      }
      if (applied !== null && applied.state.active === null) {
        return settle(left({ error: "stopped" }));
      }
    }, false);
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
    checkNow = true,
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
      if (checkNow && waiter.check(null)) return;
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

/**
 * A step as the application's `onStep` sees it: every psk in the input (a `sta_connect`'s
 * configuration) redacted. The core never puts one in an effect. The state is the core's own,
 * shared with the steps before and after it (an invariant checker compares them), so it keeps
 * the configured psks, as `network.shell.state` does.
 */
function redactStep(applied: Applied): Applied {
  return { input: redactSecrets(applied.input), state: applied.state, effects: applied.effects };
}

/** A promise and the function that resolves it. */
function signal(): { readonly promise: Promise<void>; readonly resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
