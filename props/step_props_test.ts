/**
 * Properties of the core over random configurations, devices and input sequences, at
 * `propRuns()` runs each (10,000 by default; `deno task props --runs N` for more).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeConfig } from "../core/config/schema.ts";
import { createState } from "../core/state.ts";
import { step } from "../core/step.ts";
import { decodeInputLine } from "../core/trace/input_line.ts";
import { inputLine } from "../core/trace/writer.ts";
import { redactSecrets } from "../core/redact.ts";
import { anyRunArb, invalidConfigArb, timedInputsArb, validConfigArb } from "./arbitraries.ts";
import { assertRuns, checkRun, propRuns, replayTrace } from "./harness.ts";

const RUNS = propRuns();

Deno.test(`every invariant holds at every step of random runs (${RUNS} runs)`, async () => {
  await assertRuns(
    "invariants",
    anyRunArb(),
    (run) => checkRun(run).failure?.message ?? null,
    RUNS,
  );
});

Deno.test(`step is deterministic: the same run twice gives the same outputs (${RUNS} runs)`, async () => {
  await assertRuns("deterministic", anyRunArb(), (run) => {
    const [a, b] = [checkRun(run), checkRun(run)];
    return JSON.stringify(a.records) === JSON.stringify(b.records)
      ? null
      : "two runs of the same inputs differ";
  }, RUNS);
});

Deno.test(`replaying a recorded trace gives the recorded outputs (${RUNS} runs)`, async () => {
  const arbitrary = anyRunArb().map((run) => ({
    ...run,
    inputs: run.inputs.filter((i) => i.type !== "timer"),
  }));
  await assertRuns("replay", arbitrary, async (run) => {
    const checked = checkRun(run);
    if (checked.failure !== null) return checked.failure.message;
    const replayed = await replayTrace(checked.trace);
    if (typeof replayed === "string") return `the recording does not replay: ${replayed}`;
    return JSON.stringify(replayed) === JSON.stringify(checked.records)
      ? null
      : "the replay differs from the run";
  }, RUNS);
});

Deno.test(`step is total even for inputs no decoder would let through (${RUNS} runs)`, () => {
  const state = step(
    createState({
      config: { sta: { ssid: "home" }, ap: {} },
      device: { mac: "24:0a:c4:12:34:56" },
    }),
    { type: "start", at: 0 },
  )[0];
  fc.assert(
    fc.property(
      fc.anything(),
      fc.constantFrom("sta_got_ip", "ap_sta_connected", "scan", "sta_connect", "timer", "start"),
      (junk, type) => {
        const input = typeof junk === "object" && junk !== null
          ? { ...junk, type }
          : { type, at: junk };
        const [next, effects] = step(state, input as never);
        return next !== undefined && Array.isArray(effects);
      },
    ),
    { numRuns: RUNS },
  );
});

Deno.test(`valid configurations decode; invalid ones name every broken path and never a psk (${RUNS} runs)`, () => {
  fc.assert(fc.property(validConfigArb, (config) => decodeConfig(config)._tag === "Right"), {
    numRuns: RUNS,
  });
  fc.assert(
    fc.property(invalidConfigArb, ({ config, paths }) => {
      const decoded = decodeConfig(config);
      if (decoded._tag === "Right") return false;
      const found = decoded.left.map((p) => p.path);
      const text = JSON.stringify(decoded.left);
      return paths.every((path) => found.includes(path)) && !/§/.test(text);
    }),
    { numRuns: RUNS },
  );
});

Deno.test(`input lines round-trip through the trace format (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(timedInputsArb(10), (inputs) => {
      let after = 0;
      for (const input of inputs) {
        if (input.type === "timer") continue;
        const decoded = decodeInputLine(JSON.parse(inputLine(input)), after);
        if (decoded._tag === "Left") return false;
        // A trace redacts psks: what comes back is the input with its psks redacted.
        assert.deepEqual(decoded.right, redactSecrets(JSON.parse(JSON.stringify(input))));
        after = input.at;
      }
      return true;
    }),
    { numRuns: RUNS },
  );
});
