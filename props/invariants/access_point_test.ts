/** The soft-AP's invariants bite: a join the radio reported but the core refused or hid. */
import assert from "node:assert/strict";
import { lastStep, otherwise, verdict } from "./_testing.ts";

const AP = { ap: { max_connections: 1, sta_connected: true, sta_disconnected: true } };
const FIRST = "3c:22:fb:01:02:03";
const SECOND = "f0:18:98:aa:bb:cc";

Deno.test("stations_balance: past max_connections the radio is the truth, and the count is diagnosed", () => {
  const past = lastStep(AP, [
    { type: "start" },
    { type: "ap_started" },
    { type: "ap_sta_connected", mac: FIRST },
    { type: "ap_sta_connected", mac: SECOND },
  ]);
  assert.deepEqual(past.after.stations, [FIRST, SECOND]);
  assert.equal(verdict("stations_balance", past), null);
  const refused = { ...past, after: past.before, effects: [] };
  assert.equal(verdict("stations_balance", refused), `${SECOND} joined but not counted`);
  const quiet = { ...past, effects: past.effects.filter((e) => e.type !== "diagnostic") };
  assert.match(verdict("stations_balance", quiet)!, /too_many_stations missing/);
  const twice = otherwise(past, { stations: [FIRST, SECOND, SECOND] });
  assert.equal(verdict("stations_balance", twice), "a MAC counted twice");
});

Deno.test("stations_balance: below the limit, no too_many_stations", () => {
  const config = { ap: { ...AP.ap, max_connections: 2 } };
  const fine = lastStep(config, [
    { type: "start" },
    { type: "ap_started" },
    { type: "ap_sta_connected", mac: FIRST },
  ]);
  const alarm = {
    ...fine,
    effects: [
      ...fine.effects,
      {
        type: "diagnostic",
        level: "warning",
        code: "too_many_stations",
        message: "",
      } as const,
    ],
  };
  assert.match(verdict("stations_balance", alarm)!, /too_many_stations without/);
});

Deno.test("fallback_armed: an address lost arms the fallback", () => {
  const config = {
    sta: { ssid: "home", reconnect: { jitter: 0 } },
    ap: { fallback_after_ms: 30_000 },
  };
  const lost = lastStep(config, [
    { type: "start" },
    { type: "sta_connected" },
    { type: "sta_got_ip", ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" },
    { type: "sta_lost_ip" },
  ]);
  assert.equal(verdict("fallback_armed", lost), null);
  assert.match(verdict("fallback_armed", otherwise(lost, { timers: {} }))!, /no fallback/);
});

Deno.test("fallback_armed: a fallback AP that stops unexpectedly is armed again (a hole it found)", () => {
  const config = {
    sta: { ssid: "home", reconnect: { jitter: 0 } },
    ap: { fallback_after_ms: 30_000 },
  };
  const step = lastStep(config, [
    { type: "start", at: 0 },
    { type: "ap_started", at: 31_000 },
    { type: "ap_stopped", at: 32_000 },
  ]);
  assert.deepEqual([step.after.ap, step.after.ip], ["off", null]);
  assert.equal(verdict("fallback_armed", step), null);
  assert.match(verdict("fallback_armed", otherwise(step, { timers: {} }))!, /no fallback/);
});
