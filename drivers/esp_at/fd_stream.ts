/**
 * A {@link ByteStream} over a non-blocking file descriptor, through libc: a serial port, or the
 * master side of a pseudo-terminal. Deno only (see libc.ts).
 *
 * Reading is a loop of `poll` (on a worker thread, ~100 ms at a time, so that close is never kept
 * waiting long) and non-blocking `read`s until EAGAIN. Writing is synchronous `write`s, polling for
 * POLLOUT whenever the device's buffer is full. An fd is closed only once no poll can still be
 * using it: a thread polling a closed (and perhaps reused) fd would watch the wrong file.
 *
 * @module
 */
import type { ByteStream, StreamListener } from "./byte_stream.ts";
import { type Libc, POLL_ENDED, POLLIN, POLLOUT } from "./libc.ts";

/** How long one poll waits, in milliseconds: the most a close waits for a poll to return. */
const POLL_MS = 100;
/** A poll that fails this many times in a row (its errno is lost on its thread) ends the stream. */
const POLL_FAILURES = 20;
const READ_CHUNK = 64 * 1024;

/**
 * Wraps `fd` (open, non-blocking) as a stream called `name`; `alsoClose` are fds closed with it
 * (a pseudo-terminal's slave, held open so that its master does not read EIO).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FdStream } from "./fd_stream.ts";
 * import { loadLibc } from "./libc.ts";
 * const libc = loadLibc();
 * if (libc._tag === "Left") throw new Error(libc.left);
 * const { O_RDWR, O_NOCTTY, O_NONBLOCK } = libc.right.platform;
 * const fd = libc.right.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK);
 * const stream = new FdStream(libc.right, fd, "a pty master");
 * await stream.close();
 * await stream.close();
 * await assert.rejects(stream.write(new Uint8Array([1])), /a pty master is closed/);
 * ```
 */
export class FdStream implements ByteStream {
  readonly #libc: Libc;
  readonly #fd: number;
  readonly #alsoClose: readonly number[];
  #listener: StreamListener | undefined;
  /** Why the stream ended (hung up, failed, closed here); undefined while it is open. */
  #ended: string | undefined;
  #closing = false;
  #closed: Promise<void> | undefined;
  #reading: Promise<void> | undefined;
  /** Polls under way (the read loop's, a writer's): close waits for them before closing the fd. */
  readonly #polls = new Set<Promise<number>>();
  /** Writes run one after another, so a write that waits never lets another interleave. */
  #writes: Promise<void> = Promise.resolve();

  constructor(libc: Libc, fd: number, readonly name: string, alsoClose: readonly number[] = []) {
    this.#libc = libc;
    this.#fd = fd;
    this.#alsoClose = alsoClose;
  }

  write(bytes: Uint8Array): Promise<void> {
    const done = this.#writes.then(() => this.#writeAll(bytes));
    this.#writes = done.catch(() => {});
    return done;
  }

  listen(listener: StreamListener): void {
    this.#listener = listener;
    if (this.#closing) return;
    if (this.#ended !== undefined) listener.closed(this.#ended);
    // Reading starts with the first listener; until then bytes wait in the kernel's buffer.
    else this.#reading ??= this.#readLoop();
  }

  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    this.#end(`${this.name} closed here`);
    this.#closing = true;
    this.#listener = undefined;
    await this.#reading;
    await this.#writes;
    await Promise.allSettled([...this.#polls]);
    for (const fd of [this.#fd, ...this.#alsoClose]) this.#libc.close(fd);
  }

  /** Ends the stream for `reason`, telling the listener once. */
  #end(reason: string): void {
    if (this.#ended !== undefined) return;
    this.#ended = reason;
    this.#listener?.closed(reason);
  }

  async #poll(events: number): Promise<number> {
    const pollfd = new Uint8Array(8); // struct pollfd { int fd; short events; short revents; }
    const view = new DataView(pollfd.buffer);
    view.setInt32(0, this.#fd, true);
    view.setInt16(4, events, true);
    const pending = this.#libc.poll(pollfd, POLL_MS);
    this.#polls.add(pending);
    try {
      const ready = await pending;
      return ready < 0 ? -1 : view.getInt16(6, true);
    } finally {
      this.#polls.delete(pending);
    }
  }

  async #readLoop(): Promise<void> {
    const buffer = new Uint8Array(READ_CHUNK);
    let failures = 0;
    while (!this.#closing && this.#ended === undefined) {
      const revents = await this.#poll(POLLIN);
      if (this.#closing) return;
      if (revents < 0) {
        if (++failures >= POLL_FAILURES) this.#end(`${this.name}: poll keeps failing`);
        continue;
      }
      failures = 0;
      // Bytes that arrived before a hang-up are delivered first.
      if ((revents & (POLLIN | POLL_ENDED)) !== 0) this.#drain(buffer);
      if ((revents & POLL_ENDED) !== 0) this.#end(`${this.name} hung up`);
    }
  }

  /** Reads until the fd has nothing more (EAGAIN), or it ends. */
  #drain(buffer: Uint8Array): void {
    while (this.#ended === undefined) {
      const count = this.#libc.read(this.#fd, buffer);
      if (count > 0) {
        this.#listener?.data(buffer.slice(0, count));
        continue;
      }
      if (count === 0) return this.#end(`${this.name} hung up`);
      const errno = this.#libc.errno();
      const name = this.#libc.errnoName(errno);
      if (name === "EAGAIN") return;
      if (name === "EINTR") continue;
      // A tty whose other side went away reads EIO: that is a hang-up, not a fault.
      if (name === "EIO") return this.#end(`${this.name} hung up`);
      return this.#end(`cannot read ${this.name}: ${this.#libc.describe(errno)}`);
    }
  }

  async #writeAll(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.byteLength) {
      if (this.#closing) throw new Error(`${this.name} is closed`);
      if (this.#ended !== undefined) {
        throw new Error(`cannot write to ${this.name}: ${this.#ended}`);
      }
      const count = this.#libc.write(this.#fd, bytes.subarray(offset));
      if (count > 0) {
        offset += count;
        continue;
      }
      if (count === 0) {
        await this.#waitWritable();
        continue;
      }
      const errno = this.#libc.errno();
      const name = this.#libc.errnoName(errno);
      if (name === "EINTR") continue;
      if (name === "EAGAIN") {
        await this.#waitWritable();
        continue;
      }
      const why = name === "EIO" ? `${this.name} hung up` : this.#libc.describe(errno);
      this.#end(name === "EIO" ? why : `cannot write to ${this.name}: ${why}`);
      throw new Error(`cannot write to ${this.name}: ${why}`);
    }
  }

  /** Waits until the device takes bytes again (or the stream ends, which the caller sees). */
  async #waitWritable(): Promise<void> {
    while (!this.#closing && this.#ended === undefined) {
      const revents = await this.#poll(POLLOUT);
      if (revents > 0 && (revents & POLLOUT) !== 0) return;
      if (revents > 0 && (revents & POLL_ENDED) !== 0) this.#end(`${this.name} hung up`);
    }
  }
}
