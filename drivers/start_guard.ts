/**
 * A start that goes wrong: an option the shell cannot keep is refused as a value, and when
 * building the network throws (a driver's `subscribe`, a configuration whose getters throw),
 * what was built is closed again and `start` answers `start_failed`. `start` never throws, and
 * never leaves a half-built network holding a driver.
 *
 * @module
 */
import { describeType } from "../core/json.ts";
import type { Config, NetworkError, StartOptions } from "./app_config.ts";
import { isCallbackTimeout } from "./callbacks.ts";
import type { Driver } from "./driver.ts";
import { Secrets } from "./secrets.ts";
import type { Shell } from "./shell.ts";

/** What a start had built by the time it threw. */
export interface Built {
  driver?: Driver;
  shell?: Shell;
}

/**
 * Start's answer to options it cannot keep, or undefined when they are fine.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { refusedOption } from "./start_guard.ts";
 * assert.equal(refusedOption({ callbackTimeout: 1000 }), undefined);
 * assert.deepEqual(refusedOption({ callbackTimeout: -1 }), {
 *   error: "badarg",
 *   problems: [{ path: "callbackTimeout", message: "must be a positive number of milliseconds up to 2^31 - 1, got -1" }],
 * });
 * ```
 */
export function refusedOption(options: StartOptions): NetworkError | undefined {
  const ms: unknown = options.callbackTimeout;
  if (ms === undefined || isCallbackTimeout(ms)) return undefined;
  const got = typeof ms === "number" ? String(ms) : describeType(ms);
  return {
    error: "badarg",
    problems: [{
      path: "callbackTimeout",
      message: `must be a positive number of milliseconds up to 2^31 - 1, got ${got}`,
    }],
  };
}

/**
 * Start's answer when building the network threw: what was thrown, described without throwing,
 * cut short, and without the configuration's psks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startFailed } from "./start_guard.ts";
 * assert.deepEqual(startFailed({ sta: { ssid: "home", psk: "secret12" } }, new Error("bad secret12")), {
 *   error: "start_failed",
 *   problems: [{ path: "start", message: "bad <redacted>" }],
 * });
 * ```
 */
export function startFailed(config: Config, thrown: unknown): NetworkError {
  const message = secretsOf(config).describe(thrown);
  return { error: "start_failed", problems: [{ path: "start", message }] };
}

/** Closes what a start that threw had built: the shell (and with it the driver), or the driver. */
export function release(built: Built): void {
  try {
    if (built.shell !== undefined) void built.shell.close();
    else if (built.driver !== undefined) void Promise.resolve(built.driver.close()).catch(() => {});
  } catch {
    // A driver whose close throws too has nothing more to release.
  }
}

/** The psks in an application's configuration, read without trusting it not to throw. */
function secretsOf(config: Config): Secrets {
  const secrets = new Secrets();
  try {
    secrets.add(config.sta?.psk);
    secrets.add(config.ap?.psk);
    for (const network of config.sta?.networks ?? []) secrets.add(network.psk);
  } catch {
    // A configuration that throws when read has given what it could.
  }
  return secrets;
}
