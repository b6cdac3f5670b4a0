/** roam_moves_up bites: a move to a network not heard, or not better, or while visited. */
import assert from "node:assert/strict";
import { IP, stepsOf, type TestInput, verdict } from "./_testing.ts";
import type { Step } from "./step.ts";
import { heard } from "../../core/_testing.ts";

const ROAMING = {
  sta: {
    networks: [{ ssid: "home", psk: "secret12", priority: 1 }, { ssid: "phone", priority: 0 }],
    roam: { interval_ms: 60_000, rssi_margin: 10 },
    reconnect: { jitter: 0 },
    scan_done: true,
  },
};
/** On "phone", the lesser network, because "home" failed twice; then the first look. */
const LOOKING: readonly TestInput[] = [
  { type: "start", at: 0 },
  { type: "sta_disconnected", reason: 201, at: 2000 },
  { type: "sta_disconnected", reason: 201, at: 5000 },
  { type: "sta_connected", at: 8000 },
  { type: "sta_got_ip", ...IP, at: 8300 },
  { type: "sta_rssi_measured", rssi: -50, at: 60_000 },
  { type: "sta_rssi", at: 68_400 },
];
const move = (networks: ReturnType<typeof heard>[]): Step =>
  stepsOf(ROAMING, [...LOOKING, { type: "scan_done", networks, at: 70_000 }]).at(-1)!;

Deno.test("roam_moves_up: a move to a better network the scan heard is a roam", () => {
  const step = move([heard("home", -55)]);
  assert.equal(step.after.target, 0);
  assert.equal(verdict("roam_moves_up", step), null);
});

Deno.test("roam_moves_up: a move to a network not heard, or too weak, is not", () => {
  const step = move([heard("home", -55)]);
  const unheard = { ...step, input: { ...step.input, networks: [] } } as Step;
  assert.match(verdict("roam_moves_up", unheard)!, /did not hear/);
  const weak = { ...step, input: { ...step.input, networks: [heard("home", -75)] } } as Step;
  assert.match(verdict("roam_moves_up", weak)!, /more than 10 dB under/);
});

Deno.test("roam_moves_up: the core's own scan calls no scan_done", () => {
  const step = move([]);
  assert.equal(verdict("roam_moves_up", step), null);
  const called = {
    ...step,
    effects: [{ type: "callback", name: "scan_done", args: [] } as const],
  };
  assert.equal(verdict("roam_moves_up", called), "the core's own scan called scan_done");
});
