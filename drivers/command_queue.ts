/**
 * Commands on their way to the driver: one at a time, in the order the core emitted them, each
 * within `deadlines.command_ms`. A command the driver refuses, throws on, answers with nonsense, or
 * does not answer in time is failed, and the next one goes ahead: a driver that hangs cannot hold
 * the network.
 *
 * @module
 */
import type { Clock } from "./clock.ts";
import type { Driver, DriverCommand } from "./driver.ts";
import { callDriver } from "./driver_call.ts";

/** What a queue is built from. */
export interface CommandQueueOptions {
  readonly driver: Driver;
  readonly clock: Clock;
  /** The deadline of a call, in milliseconds, read as each call begins. */
  readonly ms: () => number;
  /** A driver's error message made safe to show (scrubbed, cut short). It must not throw. */
  readonly text: (message: string) => string;
  /** Text for a thrown value. It must not throw, and must hold no secret. */
  readonly describe: (thrown: unknown) => string;
  /** Told when a command has not been answered by the next microtask: it waits on the device. */
  readonly onWaiting?: () => void;
  /** Told of each command that failed, and why, before the next one goes. */
  readonly failed: (command: DriverCommand, error: string) => void;
}

/**
 * The driver's commands, in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VirtualClock } from "./clock.ts";
 * import { FakeDriver } from "./_fake_driver.ts";
 * import { CommandQueue } from "./command_queue.ts";
 * const driver = new FakeDriver();
 * driver.refuse.set("scan", "ESP_ERR_WIFI_STATE");
 * const failed: string[] = [];
 * const queue = new CommandQueue({
 *   driver, clock: new VirtualClock(), ms: () => 2000, text: (m) => m, describe: String,
 *   failed: (command, error) => failed.push(`${command.command}: ${error}`),
 * });
 * queue.apply({ command: "scan", results: 6, dwell_ms: 120, show_hidden: false, passive: false });
 * queue.apply({ command: "stop_wifi" });
 * await queue.tail;
 * assert.deepEqual(driver.received.map((c) => c.command), ["scan", "stop_wifi"]);
 * assert.deepEqual(failed, ["scan: ESP_ERR_WIFI_STATE"]);
 * ```
 */
export class CommandQueue {
  readonly #options: CommandQueueOptions;
  #tail: Promise<void> = Promise.resolve();
  #waiting = false;

  constructor(options: CommandQueueOptions) {
    this.#options = options;
  }

  /** Settles once every command queued so far has been answered or failed. */
  get tail(): Promise<void> {
    return this.#tail;
  }

  /** True while the command under way waits on its device. */
  get waiting(): boolean {
    return this.#waiting;
  }

  /** Queues `command` after every one queued before it. */
  apply(command: DriverCommand): void {
    const { driver, failed } = this.#options;
    this.#tail = this.#tail.then(async () => {
      const error = await callDriver({
        ...this.#call(),
        call: () => driver.apply(command),
        refusal: (answer) => this.#refusal(answer),
        onWaiting: () => {
          this.#waiting = true;
          this.#options.onWaiting?.();
        },
      });
      this.#waiting = false;
      if (error !== undefined) failed(command, error);
    });
  }

  /** Releases the driver, within the deadline; resolves to why that failed, if it did. */
  closeDriver(): Promise<string | undefined> {
    const { driver } = this.#options;
    return callDriver({ ...this.#call(), call: () => driver.close(), refusal: () => undefined });
  }

  #call() {
    const { clock, ms, describe } = this.#options;
    return { clock, ms: ms(), describe };
  }

  /** What a driver's answer says went wrong, if anything; an answer that is no `Either` is wrong. */
  #refusal(answer: unknown): string | undefined {
    const { text, describe } = this.#options;
    if (typeof answer !== "object" || answer === null) {
      return "the driver's answer is not an Either";
    }
    try {
      const either = answer as { readonly _tag?: unknown; readonly left?: unknown };
      if (either._tag === "Right") return undefined;
      if (either._tag !== "Left") return "the driver's answer is not an Either";
      return typeof either.left === "string" ? text(either.left) : describe(either.left);
    } catch {
      return "the driver's answer cannot be read";
    }
  }
}
