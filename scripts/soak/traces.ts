/**
 * The stuck runs' trace files: their names, their text, and clearing those an earlier soak left.
 *
 * @module
 */
import { seconds } from "./classify.ts";
import type { Run } from "./run.ts";

/**
 * The file a stuck run is written to, in `out`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { traceName } from "./traces.ts";
 * assert.equal(traceName({ scenario: "beacon_loss", mix: "drop0.1", seed: 7 }), "beacon_loss-drop0.1-seed7.jsonl");
 * assert.equal(traceName({ scenario: "my run/2", mix: "mixed", seed: 1 }), "my_run_2-mixed-seed1.jsonl");
 * ```
 */
export function traceName(run: Pick<Run, "scenario" | "mix" | "seed">): string {
  // A scenario file names itself: keep the name to one path segment.
  const safe = (name: string) => name.replace(/[^\w.]/g, "_");
  return `${safe(run.scenario)}-${safe(run.mix)}-seed${run.seed}.jsonl`;
}

/** A stuck run's trace file: the trace, with a comment after the header on why it is stuck. */
export function traceText(run: Run): string {
  const [header, ...inputs] = run.trace;
  const armed = run.armed.length === 0 ? "no timer armed" : `armed: ${run.armed.join(", ")}`;
  const why = run.verdict.live ? "live" : `stuck: ${run.verdict.detail}; ${armed}`;
  const note = `# soak: ${run.scenario} under ${run.mix}, seed ${run.seed}; usable from ${
    seconds(run.usableFrom)
  }, end ${seconds(run.end)}; ${why}`;
  return [header, note, ...inputs].join("\n") + "\n";
}

const TRACE_FILE = /^[\w.]+-[\w.]+-seed\d+\.jsonl$/;

/** Makes `out`, and removes the traces an earlier soak left there (only files named as ours). */
export async function clearTraces(out: string): Promise<void> {
  await Deno.mkdir(out, { recursive: true });
  for await (const entry of Deno.readDir(out)) {
    if (entry.isFile && TRACE_FILE.test(entry.name)) await Deno.remove(`${out}/${entry.name}`);
  }
}
