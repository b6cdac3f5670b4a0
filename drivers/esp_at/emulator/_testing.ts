/**
 * A test bench for the emulator: a module on one end of an in-memory pipe, a virtual clock, and
 * the host's end, whose every received byte is kept. Time moves only when a test advances it;
 * between the clock's tasks the pipe is given the macrotasks it needs to deliver, so that what a
 * test reads is exactly what the module has printed by then.
 *
 * @module
 */
import { VirtualClock } from "../../clock.ts";
import { type ByteStream, memoryPipe } from "../byte_stream.ts";
import { type Emulator, type EmulatorOptions, startEmulator } from "./emulator.ts";

/** A module under test, and the host's side of its port. */
export interface Bench {
  readonly clock: VirtualClock;
  readonly emulator: Emulator;
  /** The host's end of the port. */
  readonly host: ByteStream;
  /** Sends one command line with CR LF, and lets the module read it. */
  send(line: string): Promise<void>;
  /** Sends raw bytes, and lets the module read them. */
  sendBytes(bytes: Uint8Array): Promise<void>;
  /** Moves time on by `ms`. */
  advance(ms: number): Promise<void>;
  /** What the module printed since the last `take`. */
  take(): string;
  /** The lines (split on CR LF) printed since the last `take`. */
  takeLines(): string[];
}

/** Lets the in-memory pipe deliver what is in flight, both ways. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A booted module (`ready` already taken) with `options` over test defaults: boot delay 300 ms,
 * no boot noise, seed 1.
 */
export async function bench(
  options: Omit<EmulatorOptions, "stream" | "clock"> = {},
  keepReady = false,
): Promise<Bench> {
  const clock = new VirtualClock();
  clock.attach(settle);
  const [host, device] = memoryPipe();
  const emulator = startEmulator({ bootDelayMs: 300, ...options, stream: device, clock });
  const decoder = new TextDecoder();
  let heard = "";
  host.listen({
    data: (bytes) => (heard += decoder.decode(bytes, { stream: true })),
    closed: () => {},
  });
  const take = () => {
    const text = heard;
    heard = "";
    return text;
  };
  const sendBytes = async (bytes: Uint8Array) => {
    await host.write(bytes);
    await settle();
  };
  const result: Bench = {
    clock,
    emulator,
    host,
    send: (line) => sendBytes(new TextEncoder().encode(line + "\r\n")),
    sendBytes,
    advance: (ms) => clock.advance(ms),
    take,
    takeLines: () => {
      const text = take();
      return text === "" ? [] : text.replace(/\r\n$/, "").split("\r\n");
    },
  };
  await clock.advance(options.bootDelayMs ?? 300);
  if (!keepReady) take();
  return result;
}

/** The world most tests use: "home" (WPA2, psk secret12) on channel 6 in 192.168.1. */
export const HOME = {
  ssid: "home",
  psk: "secret12",
  bssid: "a4:2b:b0:11:22:33",
  channel: 6,
  rssi: -52,
  subnet: "192.168.1",
} as const;
