/**
 * The callbacks' invariants bite: a callback missed on the core's own events, and one called
 * twice for a repeated report.
 */
import assert from "node:assert/strict";
import { IP, lastStep, STA, stepsOf, type TestInput, verdict } from "./_testing.ts";
import type { Step } from "./step.ts";

const CALLS = {
  sta: { ...STA.sta, connected: true, disconnected: true, got_ip: true, scan_done: true },
  sntp: { host: "pool.ntp.org", synchronized: true },
  ap: { sta_ip_assigned: true, sta_connected: true },
};
const without = (step: Step, name: string): Step => ({
  ...step,
  effects: step.effects.filter((e) => e.type !== "callback" || e.name !== name),
});

Deno.test("callbacks_fire: the core's own events call their callbacks too", () => {
  const cases: readonly [readonly TestInput[], string][] = [
    // The address implies the association.
    [[{ type: "start" }, { type: "sta_got_ip", ...IP }], "connected"],
    // The join deadline passes: a disconnect of the core's own.
    [[{ type: "start", at: 0 }, { type: "sta_rssi", at: 25_000 }], "disconnected"],
    // The driver refuses the link check: the link is gone.
    [[{ type: "start" }, { type: "sta_connected" }, {
      type: "driver_failed",
      command: "read_rssi",
      error: "ESP_ERR_WIFI_NOT_CONNECT",
    }], "disconnected"],
    // A scan that never ends.
    [[{ type: "start" }, { type: "sta_connected" }, { type: "scan" }, {
      type: "sta_rssi",
      at: 60_000,
    }], "scan_done"],
  ];
  for (const [inputs, name] of cases) {
    const step = stepsOf(CALLS, inputs).find((s) =>
      s.effects.some((e) => e.type === "callback" && e.name === name)
    )!;
    assert.equal(verdict("callbacks_fire", step), null, name);
    assert.equal(verdict("callbacks_fire", without(step, name)), `${name} did not fire`);
  }
});

Deno.test("repeats_call_nothing: a report that comes twice calls once", () => {
  const sync: TestInput = { type: "sntp_sync", sec: 1_795_000_001, usec: 0 };
  const lease: TestInput = {
    type: "ap_sta_ip_assigned",
    mac: "3c:22:fb:01:02:03",
    ip: "192.168.4.2",
  };
  for (const [input, name] of [[sync, "synchronized"], [lease, "sta_ip_assigned"]] as const) {
    const first = lastStep(CALLS, [{ type: "start" }, { type: "ap_started" }, input]);
    assert.equal(verdict("repeats_call_nothing", first), null);
    const second = lastStep(CALLS, [{ type: "start" }, { type: "ap_started" }, input, input]);
    assert.equal(verdict("repeats_call_nothing", second), null);
    const again = { ...second, effects: first.effects };
    assert.match(verdict("repeats_call_nothing", again)!, new RegExp(`${name} called again`));
    // And the core must remember the first, or it could not tell the second.
    const forgot = { ...first, after: { ...first.after, synced: null, assigned: [] } };
    assert.match(verdict("repeats_call_nothing", forgot)!, /not remembered/);
  }
});
