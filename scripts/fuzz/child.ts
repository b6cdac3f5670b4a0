/**
 * The process that evaluates inputs for the fuzzer: one request a line on standard input, one
 * verdict a line on standard output. A process of its own, not a worker, because an input that
 * makes netfsm allocate without end ends the engine that runs it, and must not end the fuzzer
 * too; and one that never yields can be stopped from outside.
 *
 * @module
 */
import { evaluate, type Verdict } from "./evaluate.ts";
import { describeThrown, takeStray } from "./stray.ts";
import { decodeRequest } from "./wire.ts";

// Listen before the first input: a rejection left over from one input is charged to the next,
// and must not end the process.
takeStray();

const encoder = new TextEncoder();
let pending = "";
for await (const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
  pending += chunk;
  for (let newline = pending.indexOf("\n"); newline !== -1; newline = pending.indexOf("\n")) {
    const line = pending.slice(0, newline);
    pending = pending.slice(newline + 1);
    const { id, job } = decodeRequest(line);
    let verdict: Verdict;
    try {
      verdict = await evaluate(job);
    } catch (error) {
      // The fuzzer's own fault, said as such: it must not pass for netfsm's.
      const detail = `the fuzzer failed: ${describeThrown(error)}`;
      verdict = { failures: [{ kind: "crash", signature: detail, detail }], hung: true, ms: 0 };
    }
    const out = encoder.encode(JSON.stringify({ id, verdict }) + "\n");
    for (let written = 0; written < out.length;) {
      written += await Deno.stdout.write(out.subarray(written));
    }
  }
}
