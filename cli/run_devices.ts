/**
 * The devices `netfsm run` runs on: the simulated ESP32 on the real clock, or a module running
 * ESP-AT on a serial port. The ESP-AT modules are imported only when one is asked for, so that the
 * other commands never load FFI or a serial library. Tests pass their own {@link OpenDevice}, or
 * their own {@link EspAtModules} to {@link deviceOpener}.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { formatProblems, toProblems } from "../core/config/problem.ts";
import type { NetworkConfig } from "../core/config/schema.ts";
import { describeJsonProblem, parseJson } from "../core/json_parse.ts";
import { type Clock, realClock } from "../drivers/clock.ts";
import { describeThrown } from "../drivers/describe.ts";
import type { Driver } from "../drivers/driver.ts";
import type { ByteStream, OpenSerial } from "../drivers/esp_at/byte_stream.ts";
import type { openEspAt } from "../drivers/esp_at/esp_at_driver.ts";
import type { IdfVersion } from "../drivers/esp_idf/layouts.ts";
import { mockDriver } from "../drivers/mock/mock_driver.ts";
import { openNativeDevice } from "./run_native.ts";
import { type AccessPoint, type World, worldCodec } from "../drivers/mock/world.ts";
import { readDocument } from "./document.ts";
import type { CliIo } from "./io.ts";
import { scenarioPath } from "./simulate_command.ts";

/** The drivers `netfsm run` knows, as `--driver` names them. */
export const DRIVER_NAMES = ["esp-at", "esp-hosted", "esp-idf", "mock"] as const;
/** One of {@link DRIVER_NAMES}. */
export type DriverName = typeof DRIVER_NAMES[number];

/** Which device to open, and how. */
export type DeviceChoice =
  | { readonly driver: "mock"; readonly world: World }
  | { readonly driver: "esp-at"; readonly port: string; readonly baud: number }
  | { readonly driver: "esp-idf"; readonly lib: string; readonly idf: IdfVersion }
  | { readonly driver: "esp-hosted"; readonly lib: string };

/** An opened device, ready for a shell. */
export interface RunDevice {
  readonly driver: Driver;
  /** The run's time, counting from when the device was ready: the trace starts near 0. */
  readonly clock: Clock;
  /** What the device is, for standard error: the driver, the firmware, the MAC. */
  readonly description: string;
  /** Settles with why, once the device is gone (its port closed, it stopped answering). */
  readonly lost?: Promise<string>;
}

/**
 * Opens a device; an error is a message naming it (the port, for ESP-AT). `onNotice` hears what
 * the device did that no event carries.
 */
export type OpenDevice = (
  choice: DeviceChoice,
  onNotice: (message: string) => void,
) => Promise<Either<string, RunDevice>>;

/** What opening an ESP-AT module takes: a serial port, and the driver over it. */
export interface EspAtModules {
  readonly openSerial: OpenSerial;
  readonly openEspAt: typeof openEspAt;
}

/**
 * Imports the ESP-AT modules: only when asked for, as a serial port needs FFI (Deno) or the
 * serialport package (Node).
 */
export async function loadEspAt(): Promise<EspAtModules> {
  const [serial, driver] = await Promise.all([
    import("../drivers/esp_at/serial.ts"),
    import("../drivers/esp_at/esp_at_driver.ts"),
  ]);
  return { openSerial: serial.openSerial, openEspAt: driver.openEspAt };
}

/** `message`, saying which device (a port, a library) it is about if it does not already. */
export function about(device: string, message: string): string {
  return message.includes(device) ? message : `${device}: ${message}`;
}

async function openEspAtDevice(
  port: string,
  baud: number,
  onNotice: (message: string) => void,
  load: () => Promise<EspAtModules>,
): Promise<Either<string, RunDevice>> {
  let modules: EspAtModules;
  try {
    modules = await load();
  } catch (error) {
    return left(`cannot load the ESP-AT driver for ${port}: ${describeThrown(error)}`);
  }
  let stream: ByteStream | undefined;
  try {
    const serial = await modules.openSerial(port, { baud });
    if (serial._tag === "Left") return left(about(port, serial.left));
    stream = serial.right;
    const opened = await modules.openEspAt(stream, { onNotice });
    if (opened._tag === "Left") {
      // The port is ours to release, whatever the driver did with it: closing twice is harmless.
      // Its message says why the device does not answer as ESP-AT does.
      await stream.close();
      return left(about(port, opened.left));
    }
    const driver = opened.right;
    const firmware = driver.firmware[0] ?? "no version line";
    return right({
      driver,
      clock: realClock(),
      description:
        `ESP-AT on ${port} at ${baud} baud: ${firmware}, MAC ${driver.capabilities.device.mac}`,
      lost: driver.lost,
    });
  } catch (error) {
    // Neither should throw, but a serial library may: the message must still name the port.
    await stream?.close().catch(() => {});
    return left(about(port, `cannot open: ${describeThrown(error)}`));
  }
}

/**
 * An {@link OpenDevice} that opens the simulated ESP32, or an ESP-AT module with `espAt`'s
 * functions (imported on first use by default).
 */
export function deviceOpener(espAt: () => Promise<EspAtModules> = loadEspAt): OpenDevice {
  return (choice, onNotice) => {
    if (choice.driver === "esp-at") {
      return openEspAtDevice(choice.port, choice.baud, onNotice, espAt);
    }
    if (choice.driver === "esp-idf" || choice.driver === "esp-hosted") {
      return openNativeDevice(choice, onNotice);
    }
    const clock = realClock();
    const driver = mockDriver({ clock, world: choice.world });
    const description = `the simulated ESP32 (mock driver), MAC ${driver.capabilities.device.mac}`;
    return Promise.resolve(right({ driver, clock, description }));
  };
}

/** Opens the simulated ESP32 or an ESP-AT module, as the command line asks. */
export const openDevice: OpenDevice = deviceOpener();

/**
 * The mock's world when no `--world` is given: one access point for each network the
 * configuration names, with its psk, so that the run joins.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultWorld } from "./run_devices.ts";
 * assert.deepEqual(defaultWorld({ sta: { ssid: "home", psk: "secret12" } }), { access_points: [{ ssid: "home", psk: "secret12" }] });
 * ```
 */
export function defaultWorld(config: NetworkConfig): World {
  const named = [
    ...(config.sta?.ssid === undefined ? [] : [{ ssid: config.sta.ssid, psk: config.sta.psk }]),
    ...(config.sta?.networks ?? []),
  ];
  const access_points: AccessPoint[] = [];
  for (const { ssid, psk } of named) {
    if (access_points.some((ap) => ap.ssid === ssid)) continue;
    access_points.push(psk === undefined ? { ssid } : { ssid, psk });
  }
  return { access_points };
}

/**
 * The world in `argument`: a scenario file (or the name of one in examples/scenarios/), whose
 * `world` is taken, or a file holding just a world. An error names the file.
 */
export async function loadWorld(io: CliIo, argument: string): Promise<Either<string, World>> {
  const path = scenarioPath(argument);
  const text = await readDocument(io, path);
  if (text._tag === "Left") {
    return left(
      text.left.unreadable
        ? `${text.left.message} (--world takes a scenario file, or one of examples/scenarios/)`
        : `${path}: ${text.left.message}`,
    );
  }
  const json = parseJson(text.right);
  if (json._tag === "Left") return left(`${path}: ${describeJsonProblem(json.left)}`);
  const value = json.right;
  const isScenario = typeof value === "object" && value !== null && Object.hasOwn(value, "world");
  const world = worldCodec.decode(isScenario ? (value as { world: unknown }).world : value);
  if (world._tag === "Left") {
    // Paths as the file has them: under "world" in a scenario.
    const problems = toProblems(world.left, "world").map((problem) =>
      isScenario && problem.path !== "world"
        ? { ...problem, path: `world.${problem.path}` }
        : problem
    );
    return left(`${path} holds no valid world:\n${formatProblems(problems)}`);
  }
  return right(world.right);
}
