/**
 * Time for the shell: a real clock, and a virtual one that runs an hour of device time in
 * milliseconds. The core never reads either; the shell stamps inputs with `now()`.
 *
 * @module
 */

/** A source of time and of wake-ups. Times are milliseconds since the clock's origin. */
export interface Clock {
  now(): number;
  /** Runs `task` once at `at` (or at once, if `at` has passed); returns a function that cancels it. */
  schedule(at: number, task: () => void): () => void;
  /**
   * For clocks that move only when told to: `idle` is awaited before time moves on, so that work a
   * task set off (a shell's commands and callbacks) finishes first. Returns a function that detaches.
   */
  attach?(idle: () => Promise<void>): () => void;
}

/**
 * A clock over the runtime's timers, counting from its creation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realClock } from "./clock.ts";
 * const clock = realClock();
 * const fired = await new Promise<number>((resolve) => clock.schedule(clock.now() + 5, () => resolve(clock.now())));
 * assert.ok(fired >= 5);
 * ```
 */
export function realClock(): Clock {
  const origin = performance.now();
  const now = () => Math.floor(performance.now() - origin);
  return {
    now,
    schedule(at, task) {
      const handle = setTimeout(task, Math.max(0, at - now()));
      return () => clearTimeout(handle);
    },
  };
}

interface Scheduled {
  readonly at: number;
  readonly order: number;
  readonly task: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when told to. Tasks run in time order, and in scheduling order at the
 * same time; between two tasks every attached `idle` is awaited (a shell attaches its own), so
 * that everything a task set off has finished before time moves on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VirtualClock } from "./clock.ts";
 * const clock = new VirtualClock();
 * const seen: number[] = [];
 * clock.schedule(3_600_000, () => seen.push(clock.now()));
 * clock.schedule(10, () => seen.push(clock.now()));
 * await clock.runUntil(3_600_000);
 * assert.deepEqual(seen, [10, 3_600_000]);
 * ```
 */
export class VirtualClock implements Clock {
  #now = 0;
  #order = 0;
  #queue: Scheduled[] = [];
  readonly #attached = new Set<() => Promise<void>>();

  attach(idle: () => Promise<void>): () => void {
    this.#attached.add(idle);
    return () => this.#attached.delete(idle);
  }

  async #settle(): Promise<void> {
    for (const idle of [...this.#attached]) await idle();
  }

  now(): number {
    return this.#now;
  }

  schedule(at: number, task: () => void): () => void {
    const entry: Scheduled = {
      at: Math.max(at, this.#now),
      order: this.#order++,
      task,
      cancelled: false,
    };
    // Insert in order; queues stay small, so a linear search beats a heap's bookkeeping.
    let index = this.#queue.length;
    while (index > 0 && this.#queue[index - 1]!.at > entry.at) index--;
    this.#queue.splice(index, 0, entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** The time of the next task, if any. */
  next(): number | undefined {
    return this.#queue.find((entry) => !entry.cancelled)?.at;
  }

  /** Runs every task due by `until`, in order, then sets the time to `until`. */
  async runUntil(until: number): Promise<void> {
    await this.#settle();
    for (let entry = this.#queue.shift(); entry !== undefined; entry = this.#queue.shift()) {
      if (entry.at > until) {
        this.#queue.unshift(entry);
        break;
      }
      if (entry.cancelled) continue;
      this.#now = entry.at;
      entry.task();
      await this.#settle();
    }
    this.#now = Math.max(this.#now, until);
  }

  /** Moves time forward by `ms`, running what falls due. */
  advance(ms: number): Promise<void> {
    return this.runUntil(this.#now + ms);
  }
}
