/**
 * `netfsm run`'s command line, checked before anything is read or opened: which device, with
 * which of its options, for how long. Each option belongs to some drivers; given to another, it
 * is a misuse (exit 2), named.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { clip } from "../core/limits.ts";
import { standardBauds } from "../drivers/esp_at/serial.ts";
import { DEFAULT_IDF, IDF_VERSIONS, isIdfVersion } from "../drivers/esp_idf/layouts.ts";
import { type DeviceChoice, DRIVER_NAMES, type DriverName } from "./run_devices.ts";

/** Options of the run command, as the command line gave them. */
export interface RunOptions {
  readonly config: string;
  readonly driver?: string;
  readonly port?: string;
  readonly baud?: string;
  readonly world?: string;
  readonly lib?: string;
  readonly idf?: string;
  readonly duration?: string;
  readonly record?: string;
  readonly json: boolean;
}

/** ESP-AT's factory setting. */
export const DEFAULT_BAUD = 115_200;
/** Where ESP-Hosted's control library is looked for without `--lib`: the loader's own path. */
export const DEFAULT_HOSTED_LIB = "libesp_hosted_rpc.so";
// A timer further off than 2^31 - 1 ms fires at once; a week is far enough for any run.
const MAX_DURATION_S = 7 * 24 * 3600;

/** What to run on, checked: a device, and how long (undefined: until interrupted). */
export interface Plan {
  readonly device:
    | { readonly driver: "mock"; readonly world?: string }
    | Exclude<DeviceChoice, { driver: "mock" }>;
  readonly durationMs: number | undefined;
}

type DeviceOption = "port" | "baud" | "world" | "lib" | "idf";
const BELONGS: Readonly<Record<DeviceOption, readonly DriverName[]>> = {
  port: ["esp-at"],
  baud: ["esp-at"],
  world: ["mock"],
  lib: ["esp-idf", "esp-hosted"],
  idf: ["esp-idf"],
};

/**
 * Checks the options that need no file: a message for misuse of the command line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planRun } from "./run_plan.ts";
 * assert.deepEqual(planRun({ config: "c.json", json: false, port: "/dev/ttyUSB0" }), { _tag: "Right", right: { device: { driver: "esp-at", port: "/dev/ttyUSB0", baud: 115200 }, durationMs: undefined } });
 * assert.equal(planRun({ config: "c.json", json: false, driver: "esp-at" })._tag, "Left");
 * assert.equal(planRun({ config: "c.json", json: false, driver: "esp-idf", lib: "x.so", idf: "4.4" })._tag, "Left");
 * ```
 */
export function planRun(options: RunOptions): Either<string, Plan> {
  // With a port the device is on it; with a library, ESP-IDF's API; else only the simulation.
  const driver = options.driver ??
    (options.port !== undefined ? "esp-at" : options.lib !== undefined ? "esp-idf" : "mock");
  if (!(DRIVER_NAMES as readonly string[]).includes(driver)) {
    return left(`--driver must be one of ${DRIVER_NAMES.join(", ")}, got "${clip(driver)}"`);
  }
  const name = driver as DriverName;
  const durationMs = checkDuration(options.duration);
  if (durationMs._tag === "Left") return durationMs;
  for (const [option, drivers] of Object.entries(BELONGS) as [DeviceOption, DriverName[]][]) {
    if (options[option] === undefined || drivers.includes(name)) continue;
    const owners = drivers.map((d) => `--driver ${d}`).join(" or ");
    return left(
      `--${option} is for ${owners}${name === "mock" ? "; the mock has none" : ""}`,
    );
  }
  const plan = (device: Plan["device"]) => right({ device, durationMs: durationMs.right });
  switch (name) {
    case "mock":
      return plan({
        driver: name,
        ...(options.world === undefined ? {} : { world: options.world }),
      });
    case "esp-idf": {
      if (options.lib === undefined) {
        return left(
          "--driver esp-idf needs --lib PATH, the shared library with ESP-IDF's WiFi API",
        );
      }
      const idf = options.idf ?? DEFAULT_IDF;
      if (!isIdfVersion(idf)) {
        return left(`--idf must be one of ${IDF_VERSIONS.join(", ")}, got "${clip(idf)}"`);
      }
      return plan({ driver: name, lib: options.lib, idf });
    }
    case "esp-hosted":
      return plan({ driver: name, lib: options.lib ?? DEFAULT_HOSTED_LIB });
    case "esp-at": {
      if (options.port === undefined) {
        return left(
          "--driver esp-at needs --port PATH, the module's serial port (/dev/ttyUSB0, COM3)",
        );
      }
      const baud = options.baud === undefined ? DEFAULT_BAUD : Number(options.baud);
      if (
        options.baud !== undefined && !(/^\d+$/.test(options.baud) && standardBauds.includes(baud))
      ) {
        return left(
          `--baud must be one of ${
            standardBauds.join(", ")
          } (ESP-AT's factory rate is ${DEFAULT_BAUD}), got "${clip(options.baud)}"`,
        );
      }
      return plan({ driver: name, port: options.port, baud });
    }
  }
}

function checkDuration(duration: string | undefined): Either<string, number | undefined> {
  if (duration === undefined) return right(undefined);
  const seconds = /^\d+(\.\d+)?$/.test(duration) ? Number(duration) : NaN;
  const ms = Math.round(seconds * 1000);
  if (ms >= 1 && seconds <= MAX_DURATION_S) return right(ms);
  return left(
    `--duration must be a number of seconds from 0.001 to ${MAX_DURATION_S} (a week), got "${
      clip(duration)
    }"`,
  );
}
