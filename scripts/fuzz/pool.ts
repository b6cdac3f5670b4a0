/**
 * A process that evaluates inputs for the fuzzer (child.ts), with a watchdog: an input that has
 * not answered within {@link WATCHDOG_MS} of wall time is reported as a hang and the process
 * replaced; one whose process dies (out of memory, most often) is reported as a crash. The
 * watchdog is a safeguard against a loop that never yields, which no budget of event-loop turns
 * can see; it is not a measure of speed, and nothing else in the verdict depends on the clock.
 *
 * @module
 */
import type { AnyCase, Verdict } from "./evaluate.ts";
import { encodeRequest } from "./wire.ts";

/** How long an input may hold its process before it is taken to hang. */
export const WATCHDOG_MS = 10_000;

/** The signature of a hang the watchdog saw. */
export const WATCHDOG_SIGNATURE = "hang: no answer within the watchdog's time";

/**
 * The heap an evaluating process may use, in MiB: an input that needs more ends that process
 * (and is reported), never the fuzzer.
 */
export const HEAP_MIB = 1536;

interface Child {
  readonly process: Deno.ChildProcess;
  readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly answers: Map<number, (verdict: Verdict) => void>;
  exited: boolean;
}

const crashed = (why: string): Verdict => ({
  failures: [{
    kind: "crash",
    signature: "the evaluating process died",
    detail: `the evaluating process died: ${why}`,
  }],
  hung: true,
  ms: 0,
});

/** One evaluating process and the input it is evaluating. */
export class Pool {
  #child: Child | undefined;
  #next = 0;

  /** Evaluates one input in the process; one at a time. */
  async evaluate(job: AnyCase): Promise<Verdict> {
    const child = this.#child ??= spawn();
    const id = this.#next++;
    const started = performance.now();
    const verdict = await new Promise<Verdict>((resolve) => {
      const watchdog = setTimeout(() => {
        child.answers.delete(id);
        resolve({
          failures: [{
            kind: "hang",
            signature: WATCHDOG_SIGNATURE,
            detail: `the input held its process for ${WATCHDOG_MS / 1000} s without answering`,
          }],
          hung: true,
          ms: performance.now() - started,
        });
      }, WATCHDOG_MS);
      child.answers.set(id, (answer) => {
        clearTimeout(watchdog);
        resolve(answer);
      });
      child.writer.write(new TextEncoder().encode(encodeRequest({ id, job }) + "\n"))
        .catch(() => {});
    });
    // What a hung input left running must not disturb the next: a fresh process for it.
    if (verdict.hung || child.exited) this.#replace();
    return verdict;
  }

  /** Ends the process. */
  close(): void {
    this.#replace();
  }

  #replace(): void {
    const child = this.#child;
    this.#child = undefined;
    if (child === undefined) return;
    void child.writer.close().catch(() => {});
    if (!child.exited) {
      try {
        child.process.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
}

function spawn(): Child {
  const config = new URL("../../deno.json", import.meta.url).pathname;
  const process = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      `--v8-flags=--max-old-space-size=${HEAP_MIB}`,
      `--config=${config}`,
      new URL("./child.ts", import.meta.url).pathname,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const child: Child = {
    process,
    writer: process.stdin.getWriter(),
    answers: new Map(),
    exited: false,
  };
  // A process that dies answers for the input it was evaluating.
  void process.status.then((status) => {
    child.exited = true;
    const why = `exit code ${status.code}${status.signal ? `, ${status.signal}` : ""}`;
    for (const answer of child.answers.values()) answer(crashed(`${why} (out of memory?)`));
    child.answers.clear();
  });
  void (async () => {
    let pending = "";
    for await (const chunk of process.stdout.pipeThrough(new TextDecoderStream())) {
      pending += chunk;
      for (let newline = pending.indexOf("\n"); newline !== -1; newline = pending.indexOf("\n")) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        let message: { id?: number; verdict?: Verdict };
        try {
          message = JSON.parse(line);
        } catch {
          continue; // Not ours: something netfsm printed.
        }
        if (typeof message.id !== "number" || message.verdict === undefined) continue;
        child.answers.get(message.id)?.(message.verdict);
        child.answers.delete(message.id);
      }
    }
  })().catch(() => {});
  return child;
}
