/** netfsm's own features, on the core: reasons, the reconnect policy, networks, fallback AP, IPv6. */
import assert from "node:assert/strict";
import { RECONNECT_DEFAULTS } from "./config/policy.ts";
import { run, type Untimed } from "./_testing.ts";
import { describeDisconnect, REASON_CODES } from "./reasons.ts";
import { delayBounds, planReconnect } from "./reconnect.ts";

const IP = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };

Deno.test("every ESP-IDF reason code has a name and a class; unknown codes are named by number", () => {
  assert.equal(REASON_CODES.length, 60, "1-39, 46-51, 67-68 and 200-212");
  const classes = new Set(REASON_CODES.map((code) => describeDisconnect(code, false).class));
  assert.deepEqual([...classes].sort(), [
    "association_failed",
    "beacon_loss",
    "handshake_timeout",
    "no_ap_found",
    "other",
    "wrong_credentials",
  ]);
  // Reason 8 says the station left, not that it was asked to: ESP-IDF also sends it when the AP
  // disassociates the station. Only the core knows whether it asked.
  assert.equal(describeDisconnect(8, false).class, "other");
  assert.equal(describeDisconnect(8, true).class, "requested");
  for (const code of REASON_CODES) {
    assert.doesNotMatch(describeDisconnect(code, false).name, /^REASON_/);
  }
  assert.deepEqual(describeDisconnect(99, false), {
    reason: 99,
    name: "REASON_99",
    class: "other",
  });
  assert.equal(describeDisconnect(202, false).class, "wrong_credentials");
  assert.equal(describeDisconnect(203, false).class, "association_failed");
});

Deno.test("the reason of every disconnect is kept in the state, classified", () => {
  const { state } = run({ sta: { ssid: "home", psk: "secret12" } }, [{ type: "start" }, {
    type: "sta_disconnected",
    reason: 204,
  }]);
  assert.deepEqual(state.disconnect, {
    reason: 204,
    name: "HANDSHAKE_TIMEOUT",
    class: "handshake_timeout",
  });
  const joined = run({ sta: { ssid: "home" } }, [{ type: "start" }, {
    type: "sta_disconnected",
    reason: 201,
  }, { type: "sta_connected" }]);
  assert.equal(joined.state.disconnect, null, "associating clears it");
});

Deno.test("reconnect delays grow to the cap and stay within the policy's bounds, for any seed", () => {
  const policy = { ...RECONNECT_DEFAULTS, seed: 0 };
  const [low, high] = delayBounds(policy);
  const lost = describeDisconnect(201, false);
  for (let seed = 0; seed < 500; seed++) {
    let random = seed * 7919;
    let previousCeiling = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      const plan = planReconnect(policy, lost, attempt, random);
      random = plan.random;
      assert.ok(plan.delay !== null && plan.delay >= low && plan.delay <= high, `${plan.delay}`);
      const nominal = Math.min(policy.max_ms, policy.initial_ms * 2 ** attempt);
      assert.ok(Math.abs(plan.delay - nominal) <= nominal * policy.jitter + 1);
      assert.ok(nominal >= previousCeiling);
      previousCeiling = nominal;
    }
  }
});

Deno.test("the policy: slower after wrong credentials, never after a requested leave, off when disabled", () => {
  const policy = { ...RECONNECT_DEFAULTS, jitter: 0, seed: 1 };
  assert.equal(planReconnect(policy, describeDisconnect(202, false), 0, 1).delay, 30_000);
  assert.equal(planReconnect(policy, describeDisconnect(15, false), 1, 1).delay, 60_000);
  assert.equal(planReconnect(policy, describeDisconnect(201, false), 0, 1).delay, 1000);
  assert.equal(planReconnect(policy, describeDisconnect(200, true), 0, 1).delay, null);
  assert.equal(
    planReconnect({ ...policy, enabled: false }, describeDisconnect(201, false), 0, 1).delay,
    null,
  );
});

Deno.test("the attempt count resets when the station gets an address", () => {
  const config = { sta: { ssid: "home", reconnect: { jitter: 0 } } };
  const failures: Untimed[] = [];
  let at = 0;
  for (let i = 0; i < 4; i++) {
    failures.push({ type: "sta_disconnected", reason: 201, at: at += 200_000 });
  }
  const { state } = run(config, [
    { type: "start" },
    ...failures,
    { type: "sta_connected", at: at + 1 },
    { type: "sta_got_ip", ...IP },
    { type: "sta_disconnected", reason: 200 },
  ]);
  assert.equal(state.retry.attempt, 1);
  assert.equal(state.timers.reconnect! - state.now, 1000, "back to the first delay");
});

Deno.test("jitter is seeded from the MAC unless configured, and replays exactly", () => {
  const inputs: Untimed[] = [{ type: "start" }, { type: "sta_disconnected", reason: 201 }];
  const a =
    run({ sta: { ssid: "home" } }, inputs, { mac: "24:0a:c4:12:34:56" }).state.timers.reconnect;
  const b =
    run({ sta: { ssid: "home" } }, inputs, { mac: "24:0a:c4:12:34:57" }).state.timers.reconnect;
  const again =
    run({ sta: { ssid: "home" } }, inputs, { mac: "24:0a:c4:12:34:56" }).state.timers.reconnect;
  assert.equal(a, again);
  assert.notEqual(a, b);
  const seeded = (mac: string) =>
    run({ sta: { ssid: "home", reconnect: { seed: 7 } } }, inputs, { mac }).state.timers.reconnect;
  assert.equal(seeded("24:0a:c4:12:34:56"), seeded("24:0a:c4:12:34:57"));
});

Deno.test("networks: a failing first choice yields to the next, and gets its turn back later", () => {
  const config = {
    sta: {
      networks: [{ ssid: "office", psk: "office-pass", priority: 1 }, {
        ssid: "phone",
        psk: "phone-pass",
      }],
      reconnect: { jitter: 0, recovery_ms: 600_000 },
    },
    // This radio takes minutes to give up on a join: no join deadline may pass in between.
    deadlines: { join_ms: 3_600_000 },
  };
  const inputs: Untimed[] = [{ type: "start", at: 0 }];
  let at = 0;
  for (let i = 0; i < 3; i++) {
    inputs.push({ type: "sta_disconnected", reason: 201, at: at += 130_000 });
  }
  // A replay fires a timer only before a later input: this one lets the last retry happen.
  inputs.push({ type: "sta_rssi", at: at + 100_000 });
  const { records, state } = run(config, inputs);
  const joins = records.flatMap((r) =>
    r.commands.flatMap((c) => c.command === "connect_sta" ? [c.ssid] : [])
  );
  assert.deepEqual(joins, ["office", "office", "phone", "office"]);
  assert.deepEqual(state.health.map((h) => h.failures), [2, 1]);
  const later = run(config, [...inputs, {
    type: "sta_disconnected",
    reason: 201,
    at: at + 2_000_000,
  }, { type: "sta_connected", at: at + 2_200_000 }]);
  assert.equal(later.state.target, 0, "after the recovery time, the first choice is back");
});

Deno.test("networks: an address clears the joined network's failures, so it stays the choice", () => {
  const config = { sta: { networks: [{ ssid: "a" }, { ssid: "b" }], reconnect: { jitter: 0 } } };
  const { records, state } = run(config, [
    { type: "start", at: 0 },
    { type: "sta_disconnected", reason: 201, at: 3000 },
    { type: "sta_connected", at: 5000 },
    { type: "sta_got_ip", ...IP, at: 5500 },
    { type: "sta_disconnected", reason: 200, at: 60_000 },
    { type: "sta_rssi", at: 70_000 },
  ]);
  const joins = records.flatMap((r) =>
    r.commands.flatMap((c) => c.command === "connect_sta" ? [c.ssid] : [])
  );
  assert.deepEqual(joins, ["a", "b", "b"]);
  assert.equal(state.health[0]?.failures, 1, "a has not recovered yet");
});

Deno.test("fallback AP: starts after the configured time without an address, stops once there is one", () => {
  const config = {
    sta: { ssid: "home", psk: "secret12", reconnect: { jitter: 0 } },
    ap: { ssid: "setup", psk: "setup-1234", fallback_after_ms: 60_000, ap_started: true },
  };
  const { records, state } = run(config, [
    { type: "start", at: 0 },
    { type: "sta_disconnected", reason: 201, at: 3000 },
    { type: "ap_started", at: 60_200 },
    { type: "sta_connected", at: 70_000, channel: 11 },
    { type: "sta_got_ip", ...IP, at: 70_500 },
    { type: "ap_stopped", at: 70_600 },
  ]);
  const start = records[0]!;
  assert.deepEqual(start.commands[0], { command: "start_wifi", mode: "sta" }, "no AP at start");
  const fallback = records.find((r) => (r.input as { timer?: string }).timer === "fallback")!;
  assert.equal(fallback.at, 60_000);
  assert.equal(fallback.commands[0]?.command, "start_ap");
  const gotIp = records.find((r) => (r.input as { type: string }).type === "sta_got_ip")!;
  assert.deepEqual(gotIp.commands.map((c) => c.command), ["stop_ap"]);
  assert.equal(state.ap, "off");
  assert.equal(records.at(-1)!.diagnostics, undefined, "a requested stop is not a surprise");
});

Deno.test("fallback AP: counts again from a lost address, and follows the station's channel", () => {
  const config = { sta: { ssid: "home" }, ap: { fallback_after_ms: 10_000 } };
  const { state, records } = run(config, [
    { type: "start", at: 0 },
    { type: "sta_connected", at: 1000, channel: 6 },
    { type: "sta_got_ip", ...IP, at: 1500 },
    { type: "sta_beacon_timeout", at: 30_000 },
    { type: "sta_disconnected", reason: 200, at: 31_500 },
    { type: "sta_connected", at: 32_000, channel: 3 },
    { type: "sta_disconnected", reason: 200, at: 40_000 },
    { type: "sta_connected", at: 42_000, channel: 9 },
  ]);
  assert.equal(state.timers.fallback, undefined, "it fired at 41 500");
  const started = records.find((r) => r.commands.some((c) => c.command === "start_ap"))!;
  assert.equal(started.at, 41_500);
  assert.deepEqual(records.at(-1)!.diagnostics?.map((d) => d.code), ["ap_channel"]);
  assert.equal(state.apChannel, 9);
});

Deno.test("IPv6: got_ip6 calls got_ip6 once per address; a disconnect clears them; lost_ip keeps the link", () => {
  const config = { sta: { ssid: "home", got_ip6: true } };
  const { records, state } = run(config, [
    { type: "start" },
    { type: "sta_connected" },
    { type: "sta_got_ip", ...IP },
    { type: "sta_got_ip6", ip6: "fe80::260a:c4ff:fe12:3456" },
    { type: "sta_got_ip6", ip6: "fe80::260a:c4ff:fe12:3456" },
    { type: "sta_lost_ip" },
  ]);
  assert.deepEqual(records[3]!.callbacks, [{
    name: "got_ip6",
    args: ["fe80::260a:c4ff:fe12:3456"],
  }]);
  assert.deepEqual(records[4]!.callbacks, []);
  assert.equal(state.sta, "associated");
  assert.equal(state.ip, null);
  assert.deepEqual(state.ip6, ["fe80::260a:c4ff:fe12:3456"]);
  const gone = run(config, [{ type: "start" }, { type: "sta_connected" }, {
    type: "sta_got_ip6",
    ip6: "fe80::1",
  }, { type: "sta_disconnected", reason: 200 }]);
  assert.deepEqual(gone.state.ip6, []);
});
