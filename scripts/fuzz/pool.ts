/**
 * A worker that evaluates inputs for the fuzzer, with a watchdog: an input that has not answered
 * within {@link WATCHDOG_MS} of wall time is reported as a hang and the worker replaced. That is a
 * safeguard against a loop that never yields, which no budget of event-loop turns can see; it is
 * not a measure of speed, and nothing else in the verdict depends on the clock.
 *
 * @module
 */
import type { AnyCase, Verdict } from "./evaluate.ts";
import type { Request } from "./worker.ts";

/** How long an input may hold its worker before it is taken to hang. */
export const WATCHDOG_MS = 10_000;

/** The signature of a hang the watchdog saw. */
export const WATCHDOG_SIGNATURE = "hang: no answer within the watchdog's time";

/** One worker and the input it is evaluating. */
export class Pool {
  #worker: Worker | undefined;
  #next = 0;

  /** Evaluates one input in the worker; one at a time. */
  evaluate(job: AnyCase): Promise<Verdict> {
    const worker = this.#worker ??= new Worker(new URL("./worker.ts", import.meta.url).href, {
      type: "module",
    });
    const id = this.#next++;
    const started = performance.now();
    return new Promise((resolve) => {
      const finish = (verdict: Verdict) => {
        clearTimeout(watchdog);
        worker.onmessage = null;
        worker.onerror = null;
        // What a hung input left running must not disturb the next: a fresh worker for it.
        if (verdict.hung) this.#replace();
        resolve(verdict);
      };
      const watchdog = setTimeout(() => {
        finish({
          failures: [{
            kind: "hang",
            signature: WATCHDOG_SIGNATURE,
            detail: `the input held its worker for ${WATCHDOG_MS / 1000} s without yielding`,
          }],
          hung: true,
          ms: performance.now() - started,
        });
      }, WATCHDOG_MS);
      worker.onmessage = (event: MessageEvent<{ id: number; verdict: Verdict }>) => {
        if (event.data.id === id) finish(event.data.verdict);
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        finish({
          failures: [{
            kind: "crash",
            signature: `the worker died: ${event.message.slice(0, 40)}`,
            detail: event.message,
          }],
          hung: true,
          ms: performance.now() - started,
        });
      };
      worker.postMessage({ id, job } satisfies Request);
    });
  }

  /** Ends the worker. */
  close(): void {
    this.#replace();
  }

  #replace(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}
