/**
 * netfsm's Moddable driver: netfsm on an ESP32 running Moddable's XS. The application imports
 * Moddable's modules and hands them over; netfsm runs on `Timer`.
 *
 * @example
 * ```ts ignore
 * // main.js of a Moddable app (examples/moddable/station/)
 * import WiFi from "wifi";
 * import Net from "net";
 * import Preference from "preference";
 * import SNTP from "sntp";
 * import Timer from "timer";
 * import { startModdable } from "netfsm";
 * startModdable({ WiFi, Net, Preference, SNTP, Timer }, {
 *   sta: { ssid: "home", psk: "secret12", got_ip: (ip) => trace(`got IP ${ip.ip}\n`) },
 * });
 * ```
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";
import type { Config, NetworkError, StartOptions } from "../app_config.ts";
import { Network } from "../network.ts";
import type { ModdableModules } from "./modules.ts";
import { type ModdableOptions, openModdable } from "./moddable_driver.ts";
import { timerClock } from "./timer_clock.ts";
import { ensureSetTimeout } from "./set_timeout.ts";

export { type ModdableOptions, openModdable } from "./moddable_driver.ts";
export type * from "./modules.ts";
export { NVS_DOMAIN, readDevice, readNvs } from "./facts.ts";
export { PASSWORD_REJECTED_REASON, reasonForDisconnect } from "./reasons.ts";
export { timerClock } from "./timer_clock.ts";
export { ensureSetTimeout } from "./set_timeout.ts";

/** What `startModdable` takes besides the modules: the driver's notices and `Network`'s options. */
export type StartModdableOptions =
  & ModdableOptions
  & Omit<StartOptions, "driver" | "clock" | "world" | "seed">
  & {
    /** The clock's time source in milliseconds: `Date.now` by default (see timer_clock.ts). */
    readonly now?: () => number;
  };

/**
 * Opens the driver on `modules` and starts the network on a `Timer` clock (defining
 * `setTimeout` over `Timer` where the host has none, for the shell: set_timeout.ts). Returns as
 * `Network.start` does, or `start_failed` (problem path `driver`) when the driver cannot open
 * (no MAC from `Net`).
 */
export function startModdable(
  modules: ModdableModules,
  config: Config,
  options: StartModdableOptions = {},
): Either<NetworkError, Network> {
  const { onNotice, now, ...start } = options;
  ensureSetTimeout(modules.Timer);
  const opened = openModdable(modules, onNotice === undefined ? {} : { onNotice });
  if ("error" in opened) {
    const problems = [{ path: "driver", message: opened.error }];
    return { _tag: "Left", left: { error: "start_failed", problems } };
  }
  return Network.start(config, {
    ...start,
    driver: opened.driver,
    clock: timerClock(modules.Timer, now),
  });
}
