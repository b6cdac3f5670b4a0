/**
 * An ESP-AT module on a byte stream: the firmware (firmware.ts) reading command lines from the
 * stream and writing its answers back, with the simulated ESP32 (drivers/mock) as its radio. The
 * stream may be one end of a pseudo-terminal (main.ts) or of an in-memory pipe (the tests); the
 * emulator never knows which.
 *
 * @module
 */
import { apMacOf, type Device } from "../../../core/device.ts";
import { type Clock, realClock } from "../../clock.ts";
import { MOCK_DEVICE, MockDriver } from "../../mock/mock_driver.ts";
import type { World } from "../../mock/world.ts";
import type { ByteStream } from "../byte_stream.ts";
import { Firmware } from "./firmware.ts";
import { LineAssembler } from "./line_assembler.ts";
import type { MdnsView } from "./mdns_control.ts";
import { DEFAULT_VERSIONS } from "./reports.ts";
import { type Saved, storedFrom } from "./settings.ts";

/** How long a module takes from power-up or reset to `ready`, unless told otherwise. */
export const DEFAULT_BOOT_DELAY_MS = 300;

/** What an emulated module is made of; everything but the stream has a default. */
export interface EmulatorOptions {
  /** The host side talks to the other end of this. */
  readonly stream: ByteStream;
  /** The runtime's timers by default; the radio runs on the same clock. */
  readonly clock?: Clock;
  /** The simulated world: access points, soft-AP visitors, SNTP, faults. */
  readonly world?: World;
  /** Seeds the radio's timings (default 1). */
  readonly seed?: number;
  /** The station MAC (and NVS, unused here); the soft-AP MAC is the station's plus one. */
  readonly device?: Device;
  /** `AT+GMR`'s lines. */
  readonly firmware?: readonly string[];
  readonly bootDelayMs?: number;
  /** Whether the ROM bootloader's lines (and some line noise) come before `ready`; default false. */
  readonly bootNoise?: boolean;
  /** What NVS holds at power-up: an AP to join, auto-connect, the mode, ... */
  readonly saved?: Saved;
  /** Told of every command line received, as received (secrets included). */
  readonly onCommand?: (line: string) => void;
}

/** A running emulated module, with the hooks a test or a demo pulls. */
export interface Emulator {
  /** The radio under the firmware: what it was told, what it holds. */
  readonly radio: MockDriver;
  /** Settles with why, once the stream ended (the far side closed, or `close()`). */
  readonly closed: Promise<string>;
  /** The module's mDNS responder (`AT+MDNS`) as it stands now: what it answers. */
  readonly mdns: MdnsView;
  /** The module resets itself: unstored settings are lost, the radio stops, `ready` unasked. */
  reset(): void;
  /** The module crashes: it answers nothing until `reset()`. */
  hang(): void;
  /** Stops the module and closes the stream. */
  close(): Promise<void>;
}

/**
 * Powers up an emulated module on `options.stream`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memoryPipe } from "../byte_stream.ts";
 * import { startEmulator } from "./emulator.ts";
 * const [host, device] = memoryPipe();
 * const emulator = startEmulator({ stream: device, bootDelayMs: 10 });
 * let heard = "";
 * const ready = new Promise<void>((resolve) =>
 *   host.listen({ data: (b) => (heard += new TextDecoder().decode(b)).includes("OK") && resolve(), closed: () => {} })
 * );
 * await new Promise((resolve) => setTimeout(resolve, 50));
 * await host.write(new TextEncoder().encode("AT\r\n"));
 * await ready;
 * assert.equal(heard, "ready\r\nAT\r\n\r\nOK\r\n");
 * await emulator.close();
 * ```
 */
export function startEmulator(options: EmulatorOptions): Emulator {
  const clock = options.clock ?? realClock();
  const device = options.device ?? MOCK_DEVICE;
  const apMac = apMacOf(device);
  const radio = new MockDriver({
    clock,
    world: options.world ?? {},
    seed: options.seed ?? 1,
    device,
  });
  const stream = options.stream;
  const encoder = new TextEncoder();
  let writing = Promise.resolve();
  let ended: ((reason: string) => void) | undefined;
  const closed = new Promise<string>((resolve) => (ended = resolve));
  const output = (chunk: string | Uint8Array) => {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    // In order, one after another; a stream that fails has closed, and says so through listen.
    writing = writing.then(() => stream.write(bytes)).catch(() => {});
  };
  const firmware = new Firmware({
    clock,
    radio,
    device: { mac: device.mac, apMac },
    versions: options.firmware ?? DEFAULT_VERSIONS,
    bootDelayMs: options.bootDelayMs ?? DEFAULT_BOOT_DELAY_MS,
    bootNoise: options.bootNoise ?? false,
    stored: storedFrom(options.saved ?? {}, apMac),
    output,
  });
  const lines = new LineAssembler();
  let shutDown = false;
  const shut = async (reason: string) => {
    if (shutDown) return;
    shutDown = true;
    firmware.close();
    await radio.close();
    await stream.close();
    ended?.(reason);
  };
  stream.listen({
    data: (bytes) => {
      // A module that is not running (booting, hung) loses what it is sent.
      if (!firmware.running) return lines.clear();
      for (const line of lines.push(bytes)) {
        if (!line.overlong && line.text !== "") options.onCommand?.(line.text);
        firmware.receive(line.text, line.overlong);
      }
    },
    closed: (reason) => void shut(reason),
  });
  return {
    radio,
    closed,
    get mdns() {
      return firmware.mdns;
    },
    reset: () => firmware.reset(),
    hang: () => firmware.hang(),
    close: () => shut("closed by the emulator"),
  };
}
