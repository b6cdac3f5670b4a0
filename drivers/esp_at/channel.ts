/**
 * One AT command at a time over a byte stream: each waits for the one before it, ends at `OK` or
 * `ERROR` (or its time limit), and is sent again when the firmware drops it with `busy p...`.
 * Reports the firmware makes unasked go to their own listener whenever they arrive, in the
 * middle of an answer too.
 *
 * The command's own echo (echo is on at power-up) is recognised and skipped. No line from the
 * port is ever put in a message: an echoed `AT+CWJAP` carries the psk.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { Clock } from "../clock.ts";
import { commandName, encodeCommand } from "./at_text.ts";
import type { ByteStream } from "./byte_stream.ts";
import { LineReader } from "./line_reader.ts";
import { classifyLine, type Unsolicited } from "./reports.ts";

/** Why a command did not end in `OK`. */
export type AtFailure =
  /** The firmware answered `ERROR`; `lines` are what it printed before (`+CWJAP:2`, say). */
  | { readonly kind: "error"; readonly lines: readonly string[]; readonly code?: number }
  | { readonly kind: "timeout"; readonly message: string }
  /** The module reset itself while the command ran. */
  | { readonly kind: "reset"; readonly message: string }
  /** The port closed, or the module stopped answering: nothing more will be answered. */
  | { readonly kind: "lost"; readonly message: string }
  | { readonly kind: "refused"; readonly message: string };

/** How a command is run. */
export interface RunOptions {
  /** Milliseconds the firmware may take to end its answer. */
  readonly timeout: number;
  /** Goes before every command still waiting (a query a report asked for). */
  readonly urgent?: boolean;
  /** Told when the command's bytes have been written. */
  readonly onSent?: () => void;
  /** A probe: going unanswered does not count towards the module being gone. */
  readonly probe?: boolean;
}

/** What a channel is built from. */
export interface ChannelOptions {
  readonly stream: ByteStream;
  readonly clock: Clock;
  /** A report the firmware made unasked. */
  readonly onReport: (report: Unsolicited) => void;
  /** A `ready` nobody waited for: the module reset itself. */
  readonly onReset: () => void;
  /** The channel is lost for good; told once. */
  readonly onLost: (reason: string) => void;
}

/** How long to wait before sending a command the firmware dropped as busy. */
export const BUSY_RETRY_MS = 250;
/** Commands that go unanswered in a row before the module counts as gone. */
export const SILENCES_BEFORE_LOST = 2;

interface Pending {
  readonly line: string;
  readonly options: RunOptions;
  readonly resolve: (result: Either<AtFailure, readonly string[]>) => void;
}

interface Running extends Pending {
  readonly lines: string[];
  code?: number;
  cancelTimer: () => void;
  cancelRetry?: () => void;
}

/**
 * A command channel to an ESP-AT module.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realClock } from "../clock.ts";
 * import { memoryPipe } from "./byte_stream.ts";
 * import { AtChannel } from "./channel.ts";
 * const [host, module] = memoryPipe();
 * module.listen({
 *   data: () => void module.write(new TextEncoder().encode("AT\r\n\r\nOK\r\n")),
 *   closed: () => {},
 * });
 * const channel = new AtChannel({
 *   stream: host, clock: realClock(), onReport: () => {}, onReset: () => {}, onLost: () => {},
 * });
 * const answer = await channel.run("AT", { timeout: 1000 });
 * assert.deepEqual(answer, { _tag: "Right", right: [] });
 * await channel.close();
 * ```
 */
export class AtChannel {
  readonly #options: ChannelOptions;
  readonly #reader: LineReader;
  readonly #queue: Pending[] = [];
  #running: Running | undefined;
  #readyWaiters: Array<(ready: boolean) => void> = [];
  #silences = 0;
  #lost: string | undefined;

  constructor(options: ChannelOptions) {
    this.#options = options;
    this.#reader = new LineReader((line) => this.#line(line));
    options.stream.listen({
      data: (bytes) => this.#reader.push(bytes),
      closed: (reason) => this.#lose(`${options.stream.name}: ${reason}`),
    });
  }

  /** The stream's name, for messages: the port's path. */
  get name(): string {
    return this.#options.stream.name;
  }

  /** Why the channel is lost, once it is. */
  get lost(): string | undefined {
    return this.#lost;
  }

  /** Runs `line` after the commands before it: the lines of its answer, or why it failed. */
  run(line: string, options: RunOptions): Promise<Either<AtFailure, readonly string[]>> {
    if (this.#lost !== undefined) {
      return Promise.resolve(left({ kind: "lost", message: this.#lost }));
    }
    return new Promise((resolve) => {
      const pending = { line, options, resolve };
      if (options.urgent === true) this.#queue.unshift(pending);
      else this.#queue.push(pending);
      this.#next();
    });
  }

  /** Resolves true at the next `ready`, false after `ms` without one. */
  awaitReady(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = this.#options.clock.schedule(this.#options.clock.now() + ms, () => {
        this.#readyWaiters = this.#readyWaiters.filter((w) => w !== done);
        resolve(false);
      });
      const done = (ready: boolean) => {
        cancel();
        resolve(ready);
      };
      this.#readyWaiters.push(done);
    });
  }

  /** Fails what is left and closes the stream. */
  async close(): Promise<void> {
    this.#lose("closed", false);
    await this.#options.stream.close();
  }

  #next(): void {
    if (this.#running !== undefined || this.#lost !== undefined) return;
    const pending = this.#queue.shift();
    if (pending === undefined) return;
    const encoded = encodeCommand(pending.line);
    if (encoded._tag === "Left") {
      pending.resolve(left({ kind: "refused", message: encoded.left }));
      this.#next();
      return;
    }
    const { clock } = this.#options;
    const running: Running = {
      ...pending,
      lines: [],
      cancelTimer: clock.schedule(clock.now() + pending.options.timeout, () => this.#timeout()),
    };
    this.#running = running;
    this.#send(running, encoded.right);
  }

  #send(running: Running, bytes: Uint8Array): void {
    this.#options.stream.write(bytes).then(
      () => running.options.onSent?.(),
      (error) => this.#lose(`${this.#options.stream.name}: ${describeWriteError(error)}`),
    );
  }

  #line(text: string): void {
    const line = classifyLine(text);
    const running = this.#running;
    switch (line.kind) {
      case "unsolicited":
        this.#options.onReport(line.report);
        return;
      case "ready":
        this.#ready();
        return;
      case "blank":
        return;
    }
    if (running === undefined) return;
    switch (line.kind) {
      case "ok":
        this.#finish(right(running.lines));
        return;
      case "error":
        this.#finish(left({
          kind: "error",
          lines: running.lines,
          ...(running.code === undefined ? {} : { code: running.code }),
        }));
        return;
      case "error_code":
        running.code = line.code;
        return;
      case "busy":
        this.#retry(running);
        return;
      case "text":
        // The echo of the command itself, while echo is on.
        if (line.text !== running.line) running.lines.push(line.text);
        return;
    }
  }

  #retry(running: Running): void {
    running.cancelRetry?.();
    const { clock } = this.#options;
    running.cancelRetry = clock.schedule(clock.now() + BUSY_RETRY_MS, () => {
      if (this.#running !== running) return;
      running.lines.length = 0;
      const encoded = encodeCommand(running.line);
      if (encoded._tag === "Right") this.#send(running, encoded.right);
    });
  }

  #ready(): void {
    const waiters = this.#readyWaiters.splice(0);
    for (const waiter of waiters) waiter(true);
    if (waiters.length > 0) return;
    const running = this.#running;
    if (running !== undefined) {
      this.#finish(left({
        kind: "reset",
        message: `the module reset itself during ${commandName(running.line)}`,
      }));
    }
    this.#options.onReset();
  }

  #timeout(): void {
    const running = this.#running;
    if (running === undefined) return;
    if (running.options.probe !== true) this.#silences++;
    const message = `no answer to ${
      commandName(running.line)
    } within ${running.options.timeout} ms`;
    this.#finish(left({ kind: "timeout", message }), false);
    if (this.#silences >= SILENCES_BEFORE_LOST) {
      this.#lose(`the module stopped answering (${message})`);
    } else {
      this.#next();
    }
  }

  #finish(result: Either<AtFailure, readonly string[]>, answered = true): void {
    const running = this.#running;
    if (running === undefined) return;
    if (answered) this.#silences = 0;
    running.cancelTimer();
    running.cancelRetry?.();
    this.#running = undefined;
    running.resolve(result);
    this.#next();
  }

  #lose(reason: string, report = true): void {
    if (this.#lost !== undefined) return;
    this.#lost = reason;
    const failure = left<AtFailure>({ kind: "lost", message: reason });
    const running = this.#running;
    this.#running = undefined;
    if (running !== undefined) {
      running.cancelTimer();
      running.cancelRetry?.();
      running.resolve(failure);
    }
    for (const pending of this.#queue.splice(0)) pending.resolve(failure);
    for (const waiter of this.#readyWaiters.splice(0)) waiter(false);
    if (report) this.#options.onLost(reason);
  }
}

function describeWriteError(error: unknown): string {
  return error instanceof Error ? error.message : "a write failed";
}
