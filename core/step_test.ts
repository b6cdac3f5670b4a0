import assert from "node:assert/strict";
import { deepFreeze, DEVICE, runFrom, type Untimed } from "./_testing.ts";
import { type Input, type InputType, REQUEST_TYPES } from "./input.ts";
import { createState, type State } from "./state.ts";
import { step, TRANSITIONS } from "./step.ts";
import { leadsTo, regionOf, statusIn } from "./table.ts";
import { INPUT_TYPES } from "./trace/input_line.ts";

const MAC = "3c:22:fb:01:02:03";

/** One well-formed input of each type. */
const SAMPLES: Readonly<Record<InputType, Untimed>> = {
  start: { type: "start" },
  stop: { type: "stop" },
  sta_connect: { type: "sta_connect" },
  sta_disconnect: { type: "sta_disconnect" },
  scan: { type: "scan" },
  sta_rssi: { type: "sta_rssi" },
  sta_rssi_measured: { type: "sta_rssi_measured", rssi: -55 },
  sta_connected: { type: "sta_connected" },
  sta_disconnected: { type: "sta_disconnected", reason: 201 },
  sta_beacon_timeout: { type: "sta_beacon_timeout" },
  sta_got_ip: {
    type: "sta_got_ip",
    ip: "192.168.1.20",
    netmask: "255.255.255.0",
    gw: "192.168.1.1",
  },
  sta_lost_ip: { type: "sta_lost_ip" },
  sta_got_ip6: { type: "sta_got_ip6", ip6: "fe80::1" },
  ap_started: { type: "ap_started" },
  ap_stopped: { type: "ap_stopped" },
  ap_sta_connected: { type: "ap_sta_connected", mac: MAC },
  ap_sta_disconnected: { type: "ap_sta_disconnected", mac: MAC },
  ap_sta_ip_assigned: { type: "ap_sta_ip_assigned", ip: "192.168.4.2" },
  sntp_sync: { type: "sntp_sync", sec: 1, usec: 2 },
  scan_done: { type: "scan_done", networks: [] },
  driver_failed: { type: "driver_failed", error: "ESP_ERR_WIFI_STATE", command: "connect_sta" },
  timer: { type: "timer", timer: "reconnect" },
};

const CONFIGS = [
  { sta: { ssid: "home", psk: "secret12", connected: true, disconnected: true, got_ip: true } },
  {
    ap: {
      psk: "12345678",
      max_connections: 1,
      ap_started: true,
      sta_connected: true,
      sta_disconnected: true,
      sta_ip_assigned: true,
    },
  },
  {
    sta: { ssid: "home" },
    ap: { ssid_hidden: true },
    sntp: { host: "pool.ntp.org", synchronized: true },
  },
  { sta: { ssid: "" } },
];

/** States reached from every configuration by every input sequence of length up to 2. */
function reachableStates(): State[] {
  const states: State[] = [];
  for (const config of CONFIGS) {
    const initial = createState({ config, device: DEVICE });
    const started = runFrom(initial, [{ type: "start" }]).state;
    states.push(initial, started);
    for (const first of INPUT_TYPES) {
      const one = runFrom(started, [SAMPLES[first]]).state;
      states.push(one);
      for (const second of INPUT_TYPES) states.push(runFrom(one, [SAMPLES[second]]).state);
    }
  }
  states.push({ ...states[1]!, timers: { reconnect: 50 } });
  return states;
}

Deno.test("step() is total: every input type in every reachable state returns, and follows the table", () => {
  let checked = 0;
  for (const state of reachableStates()) {
    for (const type of INPUT_TYPES) {
      const input = { ...SAMPLES[type], at: state.now + 100 } as Input;
      const frozenState = deepFreeze(structuredClone(state));
      const [next, effects] = step(frozenState, deepFreeze(input));
      checked++;
      assert.ok(
        !effects.some((e) => e.type === "diagnostic" && e.code === "internal_error"),
        JSON.stringify(effects),
      );
      const region = regionOf(input);
      const before = statusIn(state, region);
      const row = TRANSITIONS.find((r) =>
        r.region === region && r.on === type && r.from.includes(before) &&
        (input.type !== "timer" || r.timer === input.timer)
      );
      if (row === undefined) {
        assert.deepEqual({ ...next, now: state.now }, {
          ...state,
          timers: type === "timer" ? next.timers : state.timers,
        }, `${type} in ${before}`);
        assert.equal(effects.length, 1);
        assert.equal(effects[0]!.type, "diagnostic");
      } else {
        assert.ok(
          leadsTo(row, before, statusIn(next, region)),
          `${type} in ${region}/${before} led to ${statusIn(next, region)}`,
        );
      }
      const replies = effects.filter((e) => e.type === "reply");
      if (REQUEST_TYPES.includes(type as never)) {
        assert.equal(replies.length, 1, type);
      } else assert.equal(replies.length, 0, type);
    }
  }
  assert.ok(checked > 10_000, `checked ${checked}`);
});

Deno.test("step() is deterministic", () => {
  const state =
    runFrom(createState({ config: CONFIGS[2], device: DEVICE }), [{ type: "start" }]).state;
  for (const type of INPUT_TYPES) {
    const input = { ...SAMPLES[type], at: 500 } as Input;
    assert.deepEqual(step(state, input), step(state, input));
  }
});

Deno.test("step() shares what it does not change: no deep copies per input", () => {
  const state =
    runFrom(createState({ config: CONFIGS[0], device: DEVICE }), [{ type: "start" }]).state;
  const [next] = step(state, { type: "sta_connected", at: 1000 });
  assert.notEqual(next, state);
  assert.equal(next.config, state.config);
  assert.equal(next.active, state.active);
  assert.equal(next.device, state.device);
  assert.equal(next.stations, state.stations);
  assert.equal(next.health, state.health);
  assert.equal(next.ip6, state.ip6);
});

Deno.test("time never runs backwards inside the core", () => {
  const state =
    runFrom(createState({ config: CONFIGS[0], device: DEVICE }), [{ type: "start", at: 5000 }])
      .state;
  const [next] = step(state, { type: "sta_connected", at: 10 });
  assert.equal(next.now, 5000);
});

Deno.test("timers: a firing before its deadline or for an empty slot is stale; a due one empties its slot", () => {
  const started =
    runFrom(createState({ config: CONFIGS[0], device: DEVICE }), [{ type: "start", at: 0 }]).state;
  const armed: State = { ...started, timers: { reconnect: 800 } };
  const [early, earlyEffects] = step(armed, { type: "timer", at: 500, timer: "reconnect" });
  assert.deepEqual(early.timers, { reconnect: 800 });
  assert.equal(earlyEffects[0]?.type === "diagnostic" && earlyEffects[0].code, "stale_timer");
  const [due] = step(armed, { type: "timer", at: 800, timer: "reconnect" });
  assert.deepEqual(due.timers, {});
  const [, emptyEffects] = step(started, { type: "timer", at: 900, timer: "reconnect" });
  assert.equal(emptyEffects[0]?.type === "diagnostic" && emptyEffects[0].code, "stale_timer");
});

Deno.test("stop cancels every armed timer", () => {
  const started =
    runFrom(createState({ config: CONFIGS[0], device: DEVICE }), [{ type: "start", at: 0 }]).state;
  const [stopped, effects] = step({ ...started, timers: { reconnect: 800 } }, {
    type: "stop",
    at: 100,
  });
  assert.deepEqual(stopped.timers, {});
  assert.deepEqual(effects[0], { type: "cancel_timer", timer: "reconnect" });
});

Deno.test("a join the driver refuses is a failed attempt, retried with backoff, not spinning", () => {
  const started =
    runFrom(createState({ config: CONFIGS[0], device: DEVICE }), [{ type: "start" }]).state;
  const [next, effects] = step(started, {
    type: "driver_failed",
    at: 200,
    error: "ESP_ERR_WIFI_CONN",
    command: "connect_sta",
  });
  assert.equal(next.sta, "disconnected");
  assert.deepEqual(effects[0], {
    type: "diagnostic",
    level: "error",
    code: "driver_failed",
    message: "driver command connect_sta failed: ESP_ERR_WIFI_CONN",
  });
  assert.equal(next.disconnect?.name, "CONNECT_REFUSED");
  // The first retry waits the policy's initial delay (1 s ± 20%), never less.
  const retry = next.timers.reconnect ?? 0;
  assert.ok(retry - 200 >= 800 && retry - 200 <= 1200, `${retry}`);
  assert.equal(next.timers.join, undefined);
});

Deno.test("AP stations balance per MAC; a join past max_connections is the radio's truth, diagnosed", () => {
  const other = "f0:18:98:aa:bb:cc";
  const { records, state } = runFrom(createState({ config: CONFIGS[1], device: DEVICE }), [
    { type: "start" },
    { type: "ap_started" },
    { type: "ap_sta_connected", mac: MAC },
    { type: "ap_sta_connected", mac: MAC },
    { type: "ap_sta_connected", mac: other },
    { type: "ap_sta_disconnected", mac: other },
    { type: "ap_sta_disconnected", mac: MAC },
    { type: "ap_sta_disconnected", mac: MAC },
  ]);
  const codes = records.map((r) =>
    r.callbacks.map((c) => c.name).join() || r.diagnostics?.map((d) => d.code).join() || ""
  );
  assert.deepEqual(codes.slice(2), [
    "sta_connected",
    "station_already_joined",
    "sta_connected",
    "sta_disconnected",
    "sta_disconnected",
    "station_not_joined",
  ]);
  assert.deepEqual(records[4]!.diagnostics?.map((d) => d.code), ["too_many_stations"]);
  assert.deepEqual(state.stations, []);
});

Deno.test("an AP that stops unexpectedly reports its stations as gone", () => {
  const { last, state } = runFrom(createState({ config: CONFIGS[1], device: DEVICE }), [
    { type: "start" },
    { type: "ap_started" },
    { type: "ap_sta_connected", mac: MAC },
    { type: "ap_stopped" },
  ]);
  assert.deepEqual(last.callbacks, [{ name: "sta_disconnected", args: [MAC] }]);
  assert.equal(state.ap, "off");
});

Deno.test("every request is answered: not_started before start, no_sta_mode without a station", () => {
  for (const type of REQUEST_TYPES) {
    if (type === "start" || type === "stop") continue;
    const stopped = createState({ config: CONFIGS[1], device: DEVICE });
    const [, before] = step(stopped, { type, at: 0 } as Input);
    assert.deepEqual(before, [{ type: "reply", to: type, reply: { error: "not_started" } }]);
    const [, apOnly] = step(step(stopped, { type: "start", at: 0 })[0], { type, at: 10 } as Input);
    assert.deepEqual(apOnly, [{ type: "reply", to: type, reply: { error: "no_sta_mode" } }], type);
  }
});

Deno.test("a station that joins on its own cancels the pending reconnect", () => {
  const { records, state } = runFrom(createState({ config: CONFIGS[0], device: DEVICE }), [
    { type: "start", at: 0 },
    { type: "sta_disconnected", reason: 15, at: 1000 },
    { type: "sta_connected", at: 2000 },
    {
      type: "sta_got_ip",
      ip: "192.168.1.20",
      netmask: "255.255.255.0",
      gw: "192.168.1.1",
      at: 3000,
    },
    // A later input, so that a replay would fire a retry left armed.
    { type: "sta_rssi", at: 60_000 },
  ]);
  assert.equal(state.timers.reconnect, undefined);
  assert.ok(
    records.every((r) => (r.input as { timer?: string }).timer !== "reconnect"),
    "no retry fired",
  );
});

Deno.test("unknown values: an address or a time the device did not show is passed on as null", () => {
  const config = {
    sta: { ssid: "home", psk: "secret12", got_ip: true },
    sntp: { host: "pool.ntp.org", synchronized: true },
  };
  const { records } = runFrom(createState({ config, device: DEVICE }), [
    { type: "start" },
    { type: "sta_connected" },
    { type: "sta_got_ip", ip: "192.168.1.20", netmask: null, gw: null },
    { type: "sntp_sync", sec: null, usec: null },
    { type: "sntp_sync", sec: null, usec: null },
    { type: "sntp_sync", sec: 1_795_000_000, usec: 0 },
    { type: "sntp_sync", sec: 1_795_000_000, usec: 0 },
  ]);
  const callbacks = records.map((r) => r.callbacks.map((c) => [c.name, ...c.args]));
  assert.deepEqual(callbacks[2], [["got_ip", { ip: "192.168.1.20", netmask: null, gw: null }]]);
  // Two syncs to an unknown time are two: nothing shows they are one reported twice.
  assert.deepEqual(callbacks.slice(3), [
    [["synchronized", { sec: null, usec: null }]],
    [["synchronized", { sec: null, usec: null }]],
    [["synchronized", { sec: 1_795_000_000, usec: 0 }]],
    [],
  ]);
});
