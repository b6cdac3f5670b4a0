/**
 * A driver that misbehaves on request: per command it answers, refuses, throws odd values,
 * rejects, never answers, answers with something that is not an Either, or pushes an event from
 * inside `apply`; and it delivers whatever events it is handed, well-typed or not.
 *
 * @module
 */
import { left, right } from "fp-ts/lib/Either.js";
import type { Either } from "fp-ts/lib/Either.js";
import type { Device } from "../../core/device.ts";
import {
  ALL_MODES,
  type Capabilities,
  type Driver,
  type DriverCommand,
} from "../../drivers/driver.ts";

/** How the driver answers a command. */
export type Answer =
  | "ok"
  | "refuse"
  | "throw"
  | "throw-odd"
  | "reject-odd"
  | "never"
  | "undefined"
  | "not-a-promise"
  | "left-number"
  | "left-null-prototype"
  | "emit-inside";

/** Every answer, for arbitraries. */
export const ANSWERS: readonly Answer[] = [
  "ok",
  "refuse",
  "throw",
  "throw-odd",
  "reject-odd",
  "never",
  "undefined",
  "not-a-promise",
  "left-number",
  "left-null-prototype",
  "emit-inside",
];

/**
 * A driver for the API fuzzer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HostileDriver } from "./hostile_driver.ts";
 * const driver = new HostileDriver({ mac: "24:0a:c4:12:34:56" }, { scan: "refuse" });
 * assert.deepEqual(await driver.apply({ command: "scan", results: 5, dwell_ms: 100, show_hidden: false, passive: false }), { _tag: "Left", left: "scan refused" });
 * assert.deepEqual(await driver.apply({ command: "read_rssi" }), { _tag: "Right", right: undefined });
 * ```
 */
export class HostileDriver implements Driver {
  readonly capabilities: Capabilities;
  readonly received: DriverCommand[] = [];
  closed = false;
  #listener: ((event: never) => void) | undefined;
  #insideLeft = 5;

  constructor(
    device: Device,
    readonly answers: Readonly<Partial<Record<string, Answer>>>,
    /** What `emit-inside` pushes. */
    readonly inside: unknown = { type: "sta_beacon_timeout" },
  ) {
    this.capabilities = { name: "hostile", device, modes: ALL_MODES, reasons: true };
  }

  readonly events = {
    subscribe: (listener: (event: never) => void) => {
      this.#listener = listener;
      return () => (this.#listener = undefined);
    },
  };

  apply(command: DriverCommand): Promise<Either<string, void>> {
    this.received.push(command);
    const answer = this.answers[command.command] ?? "ok";
    switch (answer) {
      case "ok":
        return Promise.resolve(right(undefined));
      case "refuse":
        return Promise.resolve(left(`${command.command} refused`));
      case "throw":
        throw new Error(`${command.command} blew up`);
      case "throw-odd":
        throw Object.create(null);
      case "reject-odd":
        return Promise.reject(Symbol("odd"));
      case "never":
        return new Promise(() => {});
      case "undefined":
        return Promise.resolve(undefined as never);
      case "not-a-promise":
        return right(undefined) as never;
      case "left-number":
        return Promise.resolve({ _tag: "Left", left: 5 } as never);
      case "left-null-prototype":
        return Promise.resolve({ _tag: "Left", left: Object.create(null) } as never);
      case "emit-inside":
        // A few times only: a driver and an application that answer each other forever would
        // be the fuzzer's own endless loop, not netfsm's.
        if (this.#insideLeft-- > 0) this.emit(this.inside);
        return Promise.resolve(right(undefined));
    }
  }

  /** Delivers an event, of any shape, as the device would. */
  emit(event: unknown): void {
    this.#listener?.(event as never);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
