/**
 * station_live bites: each status without the timer that moves it on is stuck, and a station that
 * is not to be joined is not.
 */
import assert from "node:assert/strict";
import { IP, lastStep, otherwise, STA, type TestInput, verdict } from "./_testing.ts";
import { shouldJoin, stuck } from "./liveness.ts";

const CONNECTED: readonly TestInput[] = [
  { type: "start" },
  { type: "sta_connected" },
  { type: "sta_got_ip", ...IP },
];

Deno.test("every status a station should leave has the timer that moves it on", () => {
  const cases: readonly {
    inputs: readonly TestInput[];
    timer: "join" | "dhcp" | "link" | "reconnect";
  }[] = [
    { inputs: [{ type: "start" }], timer: "join" },
    { inputs: [{ type: "start" }, { type: "sta_connected" }], timer: "dhcp" },
    { inputs: CONNECTED, timer: "link" },
    { inputs: [...CONNECTED, { type: "sta_beacon_timeout" }], timer: "link" },
    { inputs: [{ type: "start" }, { type: "sta_disconnected", reason: 201 }], timer: "reconnect" },
  ];
  for (const { inputs, timer } of cases) {
    const step = lastStep(STA, inputs);
    assert.equal(verdict("station_live", step), null, step.after.sta);
    const { [timer]: _, ...others } = step.after.timers;
    const stranded = otherwise(step, { timers: others });
    assert.equal(
      verdict("station_live", stranded),
      `${step.after.sta} with no ${timer} timer armed`,
    );
    const late = otherwise(step, { timers: { ...others, [timer]: step.after.now + 200_000_000 } });
    assert.match(verdict("station_live", late)!, /beyond/);
  }
});

Deno.test("a degraded station waits on its link check even with its address", () => {
  const step = lastStep(STA, [...CONNECTED, { type: "sta_beacon_timeout" }]);
  assert.notEqual(step.after.ip, null);
  assert.match(stuck({ ...step.after, timers: {} })!, /degraded with no link/);
});

Deno.test("a station not to be joined is never stuck: asked down, managed, not retrying", () => {
  const asked = lastStep(STA, [...CONNECTED, { type: "sta_disconnect" }]);
  assert.equal(asked.after.sta, "disconnecting");
  assert.equal(shouldJoin(asked.after), false);
  const left = lastStep(STA, [...CONNECTED, { type: "sta_disconnect" }, {
    type: "sta_disconnected",
    reason: 8,
  }]);
  assert.equal(left.after.disconnect?.class, "requested");
  assert.equal(stuck({ ...left.after, timers: {} }), null);
  const managed = lastStep({ sta: { managed: true } }, [{ type: "start" }]);
  assert.equal(stuck(managed.after), null);
  const off = lastStep({ sta: { ssid: "home", reconnect: { enabled: false } } }, [
    { type: "start" },
    { type: "sta_disconnected", reason: 201 },
  ]);
  assert.equal(off.after.timers.reconnect, undefined);
  assert.equal(stuck(off.after), null);
});

Deno.test("a disconnect the application did not ask for, reason 8 included, must be retried", () => {
  const step = lastStep(STA, [...CONNECTED, { type: "sta_disconnected", reason: 8 }]);
  assert.equal(verdict("station_live", step), null);
  // Had the core read 8 as requested, it would not retry, and the station would be stuck.
  const misread = otherwise(step, { timers: {} });
  assert.match(verdict("station_live", misread)!, /no reconnect/);
});

Deno.test("sta_disconnect between retries counts as asked down (the hole station_live found)", () => {
  const step = lastStep(STA, [
    { type: "start" },
    { type: "sta_disconnected", reason: 201 },
    { type: "sta_disconnect" },
  ]);
  assert.equal(step.after.timers.reconnect, undefined);
  assert.equal(step.after.disconnect?.class, "requested");
  assert.equal(verdict("station_live", step), null);
  // Had it kept the failure before it, nothing would say why the station stays down.
  const unrecorded = otherwise(step, { disconnect: step.before.disconnect });
  assert.match(verdict("station_live", unrecorded)!, /no reconnect/);
});
