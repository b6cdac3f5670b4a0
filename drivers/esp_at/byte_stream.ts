/**
 * A byte stream: what the ESP-AT driver and its emulator talk over. A serial port, one end of a
 * pseudo-terminal, or an in-memory pipe in a unit test; the protocol code never knows which.
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";

/** What a stream tells its reader. */
export interface StreamListener {
  /** Bytes arrived, in order. */
  data(bytes: Uint8Array): void;
  /** The stream ended: the far side hung up, the device went away, or a read failed. Once only. */
  closed(reason: string): void;
}

/** A duplex byte stream. */
export interface ByteStream {
  /** A short description for messages, such as the port's path. */
  readonly name: string;
  /** Writes every byte, in order; rejects (with a message that names the stream) when it cannot. */
  write(bytes: Uint8Array): Promise<void>;
  /** Starts delivering to `listener` (one at a time; a later call replaces it). */
  listen(listener: StreamListener): void;
  /**
   * Releases the stream. A listener not yet told of an end hears `closed` (a reason saying it was
   * closed here) before this resolves; nothing is delivered after. Closing twice is harmless.
   */
  close(): Promise<void>;
}

/** How to open a serial port by path. */
export interface SerialOptions {
  /** Bits per second; ESP-AT's factory setting is 115200. */
  readonly baud: number;
}

/** Opens a serial port: a stream, or an error message naming the port and what went wrong. */
export type OpenSerial = (
  path: string,
  options: SerialOptions,
) => Promise<Either<string, ByteStream>>;

/**
 * Two streams joined back to back in memory, for unit tests of the protocol: what one writes the
 * other receives, a macrotask later (as bytes from a port arrive). Closing either closes both.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memoryPipe } from "./byte_stream.ts";
 * const [host, device] = memoryPipe();
 * const got = new Promise<string>((resolve) =>
 *   device.listen({ data: (b) => resolve(new TextDecoder().decode(b)), closed: () => {} })
 * );
 * await host.write(new TextEncoder().encode("AT\r\n"));
 * assert.equal(await got, "AT\r\n");
 * ```
 */
export function memoryPipe(): [ByteStream, ByteStream] {
  const ends = [new MemoryEnd("host"), new MemoryEnd("device")] as const;
  ends[0].peer = ends[1];
  ends[1].peer = ends[0];
  return [ends[0], ends[1]];
}

class MemoryEnd implements ByteStream {
  peer: MemoryEnd | undefined;
  #listener: StreamListener | undefined;
  #backlog: Uint8Array[] = [];
  #closed: string | undefined;

  constructor(readonly name: string) {}

  write(bytes: Uint8Array): Promise<void> {
    if (this.#closed !== undefined) return Promise.reject(new Error(`${this.name}: closed`));
    const copy = bytes.slice();
    const peer = this.peer;
    setTimeout(() => peer && peer.#receive(copy), 0);
    return Promise.resolve();
  }

  listen(listener: StreamListener): void {
    this.#listener = listener;
    for (const bytes of this.#backlog.splice(0)) listener.data(bytes);
    if (this.#closed !== undefined) listener.closed(this.#closed);
  }

  close(): Promise<void> {
    this.#end("closed here");
    if (this.peer !== undefined) this.peer.#end("the far side closed");
    return Promise.resolve();
  }

  #receive(bytes: Uint8Array): void {
    if (this.#closed !== undefined) return;
    if (this.#listener === undefined) this.#backlog.push(bytes);
    else this.#listener.data(bytes);
  }

  #end(reason: string): void {
    if (this.#closed !== undefined) return;
    this.#closed = reason;
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.closed(reason);
  }
}
