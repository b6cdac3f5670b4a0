/**
 * The fuzzer's worker: evaluates the inputs it is sent, one at a time, and answers with their
 * verdicts. It runs apart from the fuzzer so that an input that never yields (a pattern that
 * backtracks for minutes) can be stopped from outside, and a crash of the engine costs one input.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { type AnyCase, evaluate } from "./evaluate.ts";
import { describeThrown, takeStray } from "./stray.ts";

/** A request to the worker. */
export interface Request {
  readonly id: number;
  readonly job: AnyCase;
}

// Listen before the first input: a rejection left over from one input is charged to the next,
// and must not end the worker.
takeStray();

self.onmessage = async (event: MessageEvent<Request>) => {
  const { id, job } = event.data;
  try {
    self.postMessage({ id, verdict: await evaluate(job) });
  } catch (error) {
    // The fuzzer's own fault, said as such: it must not pass for netfsm's.
    const detail = `the fuzzer failed: ${describeThrown(error)}`;
    self.postMessage({
      id,
      verdict: { failures: [{ kind: "crash", signature: detail, detail }], hung: true, ms: 0 },
    });
  }
};
