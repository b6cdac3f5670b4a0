/**
 * The reconnection invariants bite: a disconnect misread as requested, a refused leave still
 * awaited, a retry left armed by sta_disconnect, a refused join not retried.
 */
import assert from "node:assert/strict";
import { IP, lastStep, otherwise, STA, stepsOf, type TestInput, verdict } from "./_testing.ts";

const CONNECTED: readonly TestInput[] = [
  { type: "start" },
  { type: "sta_connected" },
  { type: "sta_got_ip", ...IP },
];
const MOVING: readonly TestInput[] = [
  ...CONNECTED,
  { type: "sta_connect", config: { ssid: "cafe", psk: "latte123" } },
];

Deno.test("requested_means_asked: only the leave the core awaits is requested", () => {
  const asked = lastStep(STA, [...CONNECTED, { type: "sta_disconnect" }, {
    type: "sta_disconnected",
    reason: 3,
  }]);
  assert.equal(asked.after.disconnect?.class, "requested");
  assert.equal(verdict("requested_means_asked", asked), null);
  const unasked = lastStep(STA, [...CONNECTED, { type: "sta_disconnected", reason: 8 }]);
  const misread = otherwise(unasked, {
    disconnect: { ...unasked.after.disconnect!, class: "requested" },
  });
  assert.match(verdict("requested_means_asked", misread)!, /did not ask for/);
});

Deno.test("requested_means_asked: a commanded leave is awaited, a refused one no more", () => {
  const refused = lastStep(STA, [...MOVING, {
    type: "driver_failed",
    command: "disconnect_sta",
    error: "ESP_ERR_WIFI_NOT_CONNECT",
  }]);
  assert.equal(refused.after.leaving, false);
  assert.equal(verdict("requested_means_asked", refused), null);
  assert.match(
    verdict("requested_means_asked", otherwise(refused, { leaving: true }))!,
    /still awaited after driver_failed/,
  );
  const moving = lastStep(STA, MOVING);
  assert.equal(moving.after.leaving, true);
  assert.match(
    verdict("requested_means_asked", otherwise(moving, { leaving: false }))!,
    /stopped being awaited on sta_connect/,
  );
});

Deno.test("disconnect_stops_retrying: nothing that rejoins survives sta_disconnect", () => {
  const waiting = lastStep(STA, [{ type: "start" }, { type: "sta_disconnected", reason: 201 }, {
    type: "sta_disconnect",
  }]);
  assert.equal(verdict("disconnect_stops_retrying", waiting), null);
  for (const timer of ["reconnect", "join", "dhcp", "link", "roam"]) {
    const left = otherwise(waiting, { timers: { [timer]: waiting.after.now + 1000 } });
    assert.equal(
      verdict("disconnect_stops_retrying", left),
      `${timer} is still armed after sta_disconnect`,
    );
  }
});

Deno.test("refused_join_rolled_back: a refused join is a failed attempt, retried", () => {
  const refused = lastStep(STA, [{ type: "start" }, {
    type: "driver_failed",
    command: "connect_sta",
    error: "ESP_ERR_WIFI_CONN",
  }]);
  assert.equal(verdict("refused_join_rolled_back", refused), null);
  assert.equal(
    verdict("refused_join_rolled_back", otherwise(refused, { timers: {} })),
    "a refused join is not retried",
  );
  assert.match(
    verdict("refused_join_rolled_back", otherwise(refused, { sta: "connecting" }))!,
    /left the station connecting/,
  );
  assert.equal(
    verdict("refused_join_rolled_back", otherwise(refused, { health: [] })),
    "the refusal was not counted against the network",
  );
});

Deno.test("reconnect_within_bounds: after a deadline the backoff does not grow", () => {
  const timedOut = stepsOf(STA, [
    { type: "start", at: 0 },
    { type: "sta_disconnected", reason: 201, at: 100 },
    // The retry at 1.1 s, its join deadline 20 s later.
    { type: "sta_rssi", at: 21_200 },
  ]).find((s) => s.input.type === "timer" && s.input.timer === "join")!;
  const timer = timedOut.effects.find((e) => e.type === "set_timer" && e.timer === "reconnect");
  assert.ok(timer !== undefined && timedOut.after.disconnect?.class === "timeout");
  assert.equal(verdict("reconnect_within_bounds", timedOut), null);
  const grown = timedOut.effects.map((e) =>
    e.type === "set_timer" && e.timer === "reconnect" ? { ...e, at: timedOut.after.now + 2000 } : e
  );
  assert.match(
    verdict("reconnect_within_bounds", { ...timedOut, effects: grown })!,
    /reconnect in 2000 ms, outside \[1000, 1000\]/,
  );
});
