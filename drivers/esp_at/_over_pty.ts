/**
 * For the end-to-end tests: netfsm's shell and the ESP-AT driver on one end of a real
 * pseudo-terminal pair (socat's), the emulator on the other, so that every byte crosses a real
 * serial device. The same file runs on Deno (libc transport) and on Node (serialport).
 *
 * @module
 */
import type { Device } from "../../core/device.ts";
import type { World } from "../mock/world.ts";
import { type RecordedRun, recordedRun } from "../_session.ts";
import { type EspAtDriver, openEspAt } from "./esp_at_driver.ts";
import { type Emulator, startEmulator } from "./emulator/emulator.ts";
import type { Saved } from "./emulator/settings.ts";
import { socatPair } from "./pty_pair.ts";
import { openSerial } from "./serial.ts";

/** A run in progress over the pty. */
export interface PtySession extends RecordedRun {
  readonly emulator: Emulator;
  readonly driver: EspAtDriver;
  readonly notices: string[];
  /** Every line the emulator received, secrets included: the wire. */
  readonly wire: string[];
  /** Stops the network, lets the driver go, and takes the pty pair down. */
  end(): Promise<void>;
}

/** What a session is built from. */
export interface SessionOptions {
  readonly world: World;
  readonly config: unknown;
  readonly saved?: Saved;
  readonly device?: Device;
}

/** Opens a session: the emulator powered up, the driver opened on it, the network started. */
export async function overPty(options: SessionOptions): Promise<PtySession> {
  const pair = await socatPair();
  const deviceEnd = await openSerial(pair.b, { baud: 115200 });
  if (deviceEnd._tag === "Left") throw new Error(deviceEnd.left);
  const wire: string[] = [];
  const emulator = startEmulator({
    stream: deviceEnd.right,
    world: options.world,
    bootDelayMs: 100,
    bootNoise: true,
    onCommand: (line) => wire.push(line),
    ...(options.saved === undefined ? {} : { saved: options.saved }),
    ...(options.device === undefined ? {} : { device: options.device }),
  });
  const hostEnd = await openSerial(pair.a, { baud: 115200 });
  if (hostEnd._tag === "Left") throw new Error(hostEnd.left);
  const notices: string[] = [];
  const opened = await openEspAt(hostEnd.right, { onNotice: (n) => notices.push(n) });
  if (opened._tag === "Left") throw new Error(opened.left);
  const driver = opened.right;
  const run = recordedRun(driver, options.config);
  return {
    ...run,
    emulator,
    driver,
    notices,
    wire,
    async end() {
      await run.end();
      await emulator.close();
      await pair.close();
    },
  };
}

export { brief, callbacksOf, inputsOf } from "../_session.ts";
