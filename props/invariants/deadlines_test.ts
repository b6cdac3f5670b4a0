/** deadlines_kept bites: a wait without its deadline, and a deadline without its wait. */
import assert from "node:assert/strict";
import { IP, lastStep, otherwise, STA, type TestInput, verdict } from "./_testing.ts";

const CONNECTED: readonly TestInput[] = [
  { type: "start" },
  { type: "sta_connected" },
  { type: "sta_got_ip", ...IP },
];

Deno.test("every wait has its deadline, and no deadline outlives its wait", () => {
  const waits: readonly [unknown, readonly TestInput[], string][] = [
    [STA, [{ type: "start" }], "join"],
    [STA, [{ type: "start" }, { type: "sta_connected" }], "dhcp"],
    [STA, CONNECTED, "link"],
    [STA, [...CONNECTED, { type: "sta_disconnect" }], "leave"],
    [STA, [...CONNECTED, { type: "scan" }], "scan"],
    [{ ap: {} }, [{ type: "start" }], "ap"],
  ];
  for (const [config, inputs, timer] of waits) {
    const step = lastStep(config, inputs);
    assert.equal(verdict("deadlines_kept", step), null, timer);
    const { [timer as "join"]: _, ...others } = step.after.timers;
    assert.match(verdict("deadlines_kept", otherwise(step, { timers: others }))!, /not armed/);
  }
  const joined = lastStep(STA, CONNECTED);
  const stale = otherwise(joined, { timers: { ...joined.after.timers, join: joined.after.now } });
  assert.equal(verdict("deadlines_kept", stale), "join armed while not waiting (connected)");
  const retry = otherwise(joined, { timers: { ...joined.after.timers, reconnect: 1 } });
  assert.equal(verdict("deadlines_kept", retry), "a retry armed while connected");
});

Deno.test("a deadline is due within its configured length", () => {
  const step = lastStep({ ...STA, deadlines: { dhcp_ms: 5000 } }, [{ type: "start" }, {
    type: "sta_connected",
  }]);
  assert.equal(verdict("deadlines_kept", step), null);
  const late = otherwise(step, { timers: { dhcp: step.after.now + 5001 } });
  assert.equal(verdict("deadlines_kept", late), "dhcp due in 5001 ms, beyond its 5000 ms");
});

Deno.test("a beacon timeout restarts the link check: cancelled, then set (a hole it found)", () => {
  const step = lastStep(STA, [...CONNECTED, { type: "sta_beacon_timeout" }]);
  const timers = step.effects.filter((e) => e.type === "set_timer" || e.type === "cancel_timer");
  assert.deepEqual(timers.map((e) => e.type), ["cancel_timer", "set_timer"]);
  assert.equal(verdict("timers_accounted", step), null);
  const overwrite = { ...step, effects: step.effects.filter((e) => e.type !== "cancel_timer") };
  assert.equal(verdict("timers_accounted", overwrite), "link set while armed");
});
