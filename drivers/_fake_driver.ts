/**
 * A driver for tests that does exactly what it is told: events are emitted by hand, and commands
 * can be made to fail, throw, or take time.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { Capabilities, Driver, DriverCommand, DriverEvent } from "./driver.ts";
import { ALL_MODES } from "./driver.ts";

/** A hand-driven driver. */
export class FakeDriver implements Driver {
  readonly capabilities: Capabilities = {
    name: "fake",
    device: { mac: "24:0a:c4:12:34:56" },
    modes: ALL_MODES,
    reasons: true,
  };
  readonly received: DriverCommand[] = [];
  /** Commands (by name) to refuse with this message. */
  readonly refuse = new Map<string, string>();
  /** Commands (by name) that throw instead. */
  readonly explode = new Set<string>();
  /** Resolves a command's result only when this promise does. */
  gate: Promise<void> = Promise.resolve();
  closed = false;
  #listener: ((event: DriverEvent) => void) | undefined;

  readonly events = {
    subscribe: (listener: (event: DriverEvent) => void) => {
      this.#listener = listener;
      return () => (this.#listener = undefined);
    },
  };

  async apply(command: DriverCommand): Promise<Either<string, void>> {
    await this.gate;
    this.received.push(command);
    if (this.explode.has(command.command)) throw new Error(`${command.command} blew up`);
    const refusal = this.refuse.get(command.command);
    return refusal === undefined ? right(undefined) : left(refusal);
  }

  /** Delivers an event as the device would. */
  emit(event: DriverEvent): void {
    this.#listener?.(event);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
