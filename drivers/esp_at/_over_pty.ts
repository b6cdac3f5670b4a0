/**
 * For the end-to-end tests: netfsm's shell and the ESP-AT driver on one end of a real
 * pseudo-terminal pair (socat's), the emulator on the other, so that every byte crosses a real
 * serial device. The same file runs on Deno (libc transport) and on Node (serialport).
 *
 * @module
 */
import type { Applied } from "../../core/advance.ts";
import type { Device } from "../../core/device.ts";
import { type ReplayRecord, toRecord } from "../../core/trace/replay.ts";
import { realClock } from "../clock.ts";
import type { World } from "../mock/world.ts";
import { Shell } from "../shell.ts";
import { type EspAtDriver, openEspAt } from "./esp_at_driver.ts";
import { type Emulator, startEmulator } from "./emulator/emulator.ts";
import type { Saved } from "./emulator/settings.ts";
import { socatPair } from "./pty_pair.ts";
import { openSerial } from "./serial.ts";

/** A run in progress. */
export interface PtySession {
  readonly emulator: Emulator;
  readonly driver: EspAtDriver;
  readonly shell: Shell;
  readonly records: ReplayRecord[];
  readonly notices: string[];
  /** Every line the emulator received, secrets included: the wire. */
  readonly wire: string[];
  /** Resolves once `check` holds of the records, or throws after `ms` naming `what`. */
  until(
    check: (records: readonly ReplayRecord[]) => boolean,
    what: string,
    ms?: number,
  ): Promise<void>;
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
  const records: ReplayRecord[] = [];
  const shell = new Shell({
    driver,
    clock: realClock(),
    config: options.config,
    onStep: (applied: Applied) =>
      records.push(toRecord(applied.input, applied.state, applied.effects)),
  });
  const reply = shell.request({ type: "start" });
  if (reply !== "ok") throw new Error(`start: ${JSON.stringify(reply)}`);
  return {
    emulator,
    driver,
    shell,
    records,
    notices,
    wire,
    async until(check, what, ms = 20_000) {
      const end = Date.now() + ms;
      while (!check(records)) {
        if (Date.now() > end) {
          throw new Error(
            `no ${what} within ${ms} ms; records: ${JSON.stringify(records.map(brief))}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async end() {
      if (shell.state.active !== null) shell.request({ type: "stop" });
      await shell.close();
      await emulator.close();
      await pair.close();
    },
  };
}

/** A record in a few words, for failure messages. */
export function brief(record: ReplayRecord): string {
  const input = record.input as { type?: string; timer?: string };
  return `${record.at} ${input.type}${
    input.timer === undefined ? "" : ":" + input.timer
  } ${record.status}`;
}

/** The callbacks of the records, `name args` each, in order. */
export function callbacksOf(records: readonly ReplayRecord[]): string[] {
  return records.flatMap((r) => r.callbacks.map((c) => `${c.name} ${JSON.stringify(c.args)}`));
}

/** The input types of the records, in order. */
export function inputsOf(records: readonly ReplayRecord[]): string[] {
  return records.map((r) => (r.input as { type: string }).type);
}
