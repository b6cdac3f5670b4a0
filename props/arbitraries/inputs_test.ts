import assert from "node:assert/strict";
import fc from "fast-check";
import { TIMER_NAMES } from "../../core/input.ts";
import { INPUT_TYPES } from "../../core/trace/input_line.ts";
import { scanDoneArb, timedInputsArb, untimedInputArb } from "./inputs.ts";

const SAMPLE = fc.sample(untimedInputArb, { numRuns: 5000, seed: 1 });

Deno.test("inputs of every type are drawn, timer firings of every timer among them", () => {
  assert.deepEqual([...new Set(SAMPLE.map((i) => i.type))].sort(), [...INPUT_TYPES].sort());
  const timers = SAMPLE.flatMap((i) => i.type === "timer" ? [i.timer] : []);
  assert.deepEqual([...new Set(timers)].sort(), [...TIMER_NAMES].sort());
});

Deno.test("the driver refuses every command it is sent, and once without naming it", () => {
  const refused = new Set(SAMPLE.flatMap((i) => i.type === "driver_failed" ? [i.command] : []));
  for (const command of ["connect_sta", "disconnect_sta", "read_rssi", "scan", "start_ap"]) {
    assert.ok(refused.has(command), command);
  }
  assert.ok(refused.has(undefined));
});

Deno.test("reports come twice now and then, and scans hear the configured SSIDs", () => {
  const runs = fc.sample(timedInputsArb(20), { numRuns: 500, seed: 1 });
  const repeated = runs.filter((inputs) =>
    inputs.some((input, i) => {
      const { at: _a, ...a } = input;
      const { at: _b, ...b } = inputs[i + 1] ?? { at: 0 };
      return i + 1 < inputs.length && JSON.stringify(a) === JSON.stringify(b);
    })
  );
  assert.ok(repeated.length > 50, `${repeated.length} of 500 runs repeat an input`);
  const heard = fc.sample(scanDoneArb(["home"]), { numRuns: 200, seed: 1 })
    .flatMap((i) => i.type === "scan_done" ? i.networks ?? [] : []);
  assert.ok(heard.filter((n) => n.ssid === "home").length > heard.length / 2);
});
