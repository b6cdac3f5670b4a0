/**
 * The module-level API, after AtomVM's `network_fsm`: one network at a time, started with
 * `start`, stopped with `stop`, waited on with `waitForSta` and `waitForAp`.
 *
 * Unlike AtomVM: `start` reports an invalid configuration with every problem; `waitForSta` leaves
 * the application's own callbacks and reconnection alone; a wait's timeout is its total time.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { IpInfo } from "../core/input.ts";
import type { ApConfig, Config, NetworkError, StaConfig, StartOptions } from "./app_config.ts";
import { Network } from "./network.ts";

let current: Network | undefined;

/**
 * Starts the network, as `network_fsm:start/1` does. There is one at a time: while it runs,
 * another `start` resolves to `already_started`. It never throws: see `Network.start` for what
 * it resolves to instead.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VirtualClock } from "./clock.ts";
 * import { start, stop } from "./api.ts";
 * const clock = new VirtualClock();
 * const seen: (string | null)[] = [];
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

/**
 * Stops the network started by {@link start}; fine when none is running. It works from anywhere,
 * a callback included: no further callback starts, the driver is closed, and it does not wait for
 * the callback that called it.
 */
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
