/**
 * The application's callbacks, as the shell runs them: one at a time, in the order their events
 * happened, each within a time limit. AtomVM runs each callback in a process of its own, so one
 * that hangs holds nothing else; here one that has not finished within the limit is reported as
 * `callback_timeout` and the next goes ahead, while it runs on unwatched.
 *
 * @module
 */
import type { Clock } from "./clock.ts";
import type { Diagnostic } from "./diagnostic.ts";

/** How long a callback may run before the ones after it go ahead, in milliseconds. */
export const CALLBACK_TIMEOUT_MS = 5000;

/** The longest wait `setTimeout` keeps (beyond it, a runtime fires at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * True for a callback limit a queue can keep: a positive number of milliseconds that a runtime's
 * timer can wait.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isCallbackTimeout } from "./callbacks.ts";
 * assert.deepEqual([5000, 0, -1, NaN, Infinity].map(isCallbackTimeout), [true, false, false, false, false]);
 * ```
 */
export function isCallbackTimeout(ms: unknown): ms is number {
  return typeof ms === "number" && Number.isFinite(ms) && ms > 0 && ms <= MAX_TIMER_MS;
}

/** What a queue is built from. */
export interface CallbackQueueOptions {
  /** The limit is measured on this clock, so that it holds on a virtual clock as in real time. */
  readonly clock: Clock;
  /** Milliseconds a callback may run; default (and for a limit it cannot keep) {@link CALLBACK_TIMEOUT_MS}. */
  readonly limit?: number;
  /** Receives failures and timeouts. It must not throw. */
  readonly report: (diagnostic: Diagnostic) => void;
  /** Text for a thrown value: it must not throw, and must hold no secret. */
  readonly describe: (thrown: unknown) => string;
  /** Told when the running callback is found waiting on something beyond a microtask. */
  readonly onWaiting?: () => void;
}

/**
 * A queue of callbacks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VirtualClock } from "./clock.ts";
 * import { CallbackQueue } from "./callbacks.ts";
 * const clock = new VirtualClock();
 * const seen: string[] = [];
 * const queue = new CallbackQueue({ clock, limit: 1000, report: (d) => seen.push(d.code), describe: String });
 * queue.call("connected", () => new Promise(() => {}));
 * queue.call("got_ip", () => seen.push("got_ip"));
 * await clock.advance(1000);
 * await queue.tail;
 * assert.deepEqual(seen, ["callback_timeout", "got_ip"]);
 * ```
 */
export class CallbackQueue {
  readonly #options: CallbackQueueOptions;
  readonly #limit: number;
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  #waiting = false;
  #closed = false;

  constructor(options: CallbackQueueOptions) {
    this.#options = options;
    this.#limit = isCallbackTimeout(options.limit) ? options.limit : CALLBACK_TIMEOUT_MS;
  }

  /** Settles once everything queued so far has finished, timed out, or been dropped. */
  get tail(): Promise<void> {
    return this.#tail;
  }

  /** True while the running callback waits on something beyond a microtask (I/O, a timer). */
  get waiting(): boolean {
    return this.#waiting;
  }

  /**
   * Queues callback `name`. It runs after every one queued before it, unless the queue has closed
   * by then. Its return value is ignored, but for a promise, which it waits on.
   */
  call(name: string, run: () => unknown): void {
    this.#tail = this.#tail.then(() => this.#closed ? undefined : this.#begin(name, run));
  }

  /** Queues a task of the shell's own, after every callback queued so far; a close drops none. */
  after(task: () => void): void {
    this.#tail = this.#tail.then(() => {
      try {
        task();
      } catch (thrown) {
        const message = `a task after the callbacks failed: ${this.#options.describe(thrown)}`;
        this.#options.report({ level: "error", code: "hook_failed", message });
      }
    });
  }

  /** No callback starts after this; the one running is let go (what it throws is still reported). */
  close(): void {
    this.#closed = true;
    this.#release?.();
  }

  #begin(name: string, run: () => unknown): Promise<void> {
    const { clock, report, describe } = this.#options;
    const limit = this.#limit;
    return new Promise((resolve) => {
      let phase: "running" | "timed_out" | "let_go" | "done" = "running";
      const release = (next: typeof phase): boolean => {
        if (phase !== "running") return false;
        phase = next;
        cancel();
        this.#release = undefined;
        this.#waiting = false;
        resolve();
        return true;
      };
      const cancel = clock.schedule(clock.now() + limit, () => {
        if (!release("timed_out")) return;
        const message = `callback ${name} has not finished within ${limit / 1000} s; ` +
          "later callbacks go on";
        report({ level: "error", code: "callback_timeout", message });
      });
      this.#release = () => release("let_go");
      const failed = (thrown: unknown) => {
        const late = phase === "timed_out" ? " after its time limit" : "";
        report({
          level: "error",
          code: "callback_failed",
          message: `callback ${name} failed${late}: ${describe(thrown)}`,
        });
        release("done");
      };
      let result: unknown;
      try {
        result = run();
      } catch (thrown) {
        failed(thrown);
        return;
      }
      // Resolving adopts a returned promise; a `then` that throws becomes a rejection.
      Promise.resolve(result).then(() => release("done"), failed);
      // Still running a microtask later: it waits on something else, and a virtual clock must be
      // free to move time on (for that something, or for the limit).
      Promise.resolve().then(() => {
        if (phase !== "running" || this.#waiting) return;
        this.#waiting = true;
        this.#options.onWaiting?.();
      });
    });
  }
}
