/**
 * Fault injection on the way from the simulated radio to the shell: each event may be dropped,
 * sent twice, delayed, or held back and swapped with the next one, at seeded rates.
 *
 * @module
 */
import type { DriverEvent } from "../driver.ts";
import type { Random } from "./random.ts";
import type { Faults } from "./world.ts";

/** What a {@link FaultyDelivery} works with. */
export interface DeliveryOptions {
  readonly random: Random;
  readonly faults: Faults;
  /** Runs a task after some milliseconds of (simulated) time. */
  readonly after: (delay: number, task: () => void) => void;
  /** Hands an event to the shell. */
  readonly deliver: (event: DriverEvent) => void;
}

/**
 * Delivers events with faults.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FaultyDelivery } from "./faults.ts";
 * import { Random } from "./random.ts";
 * const seen: string[] = [];
 * const delivery = new FaultyDelivery({ random: new Random(1), faults: { reorder: 1 }, after: () => {}, deliver: (e) => seen.push(e.type) });
 * delivery.emit({ type: "sta_connected" });
 * delivery.emit({ type: "sta_disconnected" });
 * assert.deepEqual(seen, ["sta_disconnected", "sta_connected"]);
 * ```
 */
export class FaultyDelivery {
  /** Events dropped so far. */
  readonly dropped: DriverEvent[] = [];
  readonly #options: DeliveryOptions;
  #held: DriverEvent | undefined;

  constructor(options: DeliveryOptions) {
    this.#options = options;
  }

  /** Forgets an event held back for reordering (the radio was reset). */
  reset(): void {
    this.#held = undefined;
  }

  /** Sends one event on its way, faults permitting. */
  emit(event: DriverEvent): void {
    const { random, faults, after } = this.#options;
    if (random.chance(faults.drop ?? 0)) {
      this.dropped.push(event);
      return;
    }
    const copies = random.chance(faults.duplicate ?? 0) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      if (this.#held === undefined && random.chance(faults.reorder ?? 0)) {
        // Held back until the next event has gone out, so the two arrive swapped; released on its
        // own if nothing follows.
        this.#held = event;
        after(faults.max_delay ?? 2000, () => {
          if (this.#held !== event) return;
          this.#held = undefined;
          this.#options.deliver(event);
        });
        continue;
      }
      const delayed = random.chance(faults.delay ?? 0);
      const delay = delayed ? random.between(1, faults.max_delay ?? 2000) : 0;
      if (delay === 0) this.#deliver(event);
      else after(delay, () => this.#deliver(event));
    }
  }

  #deliver(event: DriverEvent): void {
    this.#options.deliver(event);
    const held = this.#held;
    if (held !== undefined && held !== event) {
      this.#held = undefined;
      this.#options.deliver(held);
    }
  }
}
