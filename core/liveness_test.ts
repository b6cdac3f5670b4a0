/**
 * Issue 10's defects, each as the trace that stranded the station before, and the deadlines that
 * keep it from waiting forever.
 */
import assert from "node:assert/strict";
import { callbackNames, commandNames, heard, run, type Untimed } from "./_testing.ts";
import type { ReplayRecord } from "./trace/replay.ts";

const IP = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };
const STA = {
  sta: {
    ssid: "home",
    psk: "secret12",
    connected: true,
    disconnected: true,
    got_ip: true,
    reconnect: { jitter: 0 },
  },
};
const timerOf = (r: ReplayRecord) => (r.input as { timer?: string }).timer;
const codes = (r: ReplayRecord) => r.diagnostics?.map((d) => d.code) ?? [];

Deno.test("a reason-8 disconnect the application did not ask for is retried", () => {
  const { state, records } = run(STA, [
    { type: "start", at: 0 },
    { type: "sta_connected", at: 900 },
    { type: "sta_got_ip", ...IP, at: 1200 },
    // The AP disassociates the station: ESP-IDF says ASSOC_LEAVE.
    { type: "sta_disconnected", reason: 8, at: 30_000 },
  ]);
  assert.equal(state.disconnect?.class, "other");
  assert.equal(state.timers.reconnect, 31_000);
  assert.deepEqual(callbackNames(records.at(-1)!), ["disconnected"]);
});

Deno.test("a requested leave is still not retried, whatever its reason code", () => {
  const { state } = run(STA, [
    { type: "start", at: 0 },
    { type: "sta_connected", at: 900 },
    { type: "sta_disconnect", at: 2000 },
    { type: "sta_disconnected", reason: 3, at: 2050 },
  ]);
  assert.equal(state.sta, "disconnected");
  assert.equal(state.disconnect?.class, "requested");
  assert.equal(state.timers.reconnect, undefined);
});

const MOVE: Untimed[] = [
  { type: "start", at: 0 },
  { type: "sta_connected", at: 900 },
  { type: "sta_got_ip", ...IP, at: 1200 },
  { type: "sta_connect", config: { ssid: "cafe", psk: "latte123" }, at: 10_000 },
];

Deno.test("moving networks when the driver refuses the leave: the join's failure is retried", () => {
  const { state } = run(STA, [
    ...MOVE,
    { type: "driver_failed", command: "disconnect_sta", error: "ESP_ERR_WIFI_NOT_CONNECT" },
    { type: "sta_disconnected", reason: 201, at: 12_000 },
  ]);
  assert.equal(state.sta, "disconnected");
  assert.equal(state.disconnect?.name, "NO_AP_FOUND");
  assert.ok(state.timers.reconnect !== undefined, "a retry is armed");
});

Deno.test("moving networks when the leave's disconnect never arrives: the leave deadline ends it", () => {
  const { state, records } = run(STA, [
    ...MOVE,
    { type: "sta_disconnected", reason: 201, at: 16_000 },
  ]);
  assert.ok(records.some((r) => timerOf(r) === "leave" && codes(r).includes("leave_timeout")));
  assert.equal(state.sta, "disconnected");
  assert.ok(state.timers.reconnect !== undefined, "the join's failure is retried");
});

Deno.test("moving networks with no answer at all: the join deadline leaves and retries", () => {
  const { state, records } = run(STA, [...MOVE, { type: "sta_rssi", at: 40_000 }]);
  const timedOut = records.find((r) => timerOf(r) === "join")!;
  assert.equal(timedOut.at, 30_000);
  assert.deepEqual(commandNames(timedOut), ["disconnect_sta"]);
  assert.ok(codes(timedOut).includes("join_timeout"));
  assert.ok(records.some((r) => timerOf(r) === "reconnect" && r.status === "connecting"));
  assert.equal(state.sta, "connecting");
  assert.ok(state.timers.join !== undefined);
});

Deno.test("sta_got_ip while connecting implies the association: connected, then got_ip", () => {
  const { state, last } = run(STA, [
    { type: "start", at: 0 },
    { type: "sta_got_ip", ...IP, at: 1200 },
    { type: "sta_connected", at: 1300 },
  ]);
  assert.equal(state.sta, "connected");
  assert.deepEqual(state.ip, IP);
  // The late sta_connected changes nothing and calls nothing.
  assert.deepEqual(last.callbacks, []);
  const first = run(STA, [{ type: "start", at: 0 }, { type: "sta_got_ip", ...IP, at: 1200 }]).last;
  assert.deepEqual(callbackNames(first), ["connected", "got_ip"]);
  assert.ok(codes(first).includes("implied_association"));
});

Deno.test("a lost reason-200 disconnect: the degraded link is checked and, refused, rejoined", () => {
  const { state, records } = run(STA, [
    { type: "start", at: 0 },
    { type: "sta_connected", at: 900 },
    { type: "sta_got_ip", ...IP, at: 1200 },
    { type: "sta_beacon_timeout", at: 10_000 },
    // The radio's disconnect is lost. 15 s on, the core asks the radio for the link's signal...
    { type: "sta_rssi", at: 26_000 },
    // ...and the radio cannot measure a link it no longer has.
    { type: "driver_failed", command: "read_rssi", error: "ESP_ERR_WIFI_NOT_CONNECT", at: 26_010 },
  ]);
  const check = records.find((r) => timerOf(r) === "link")!;
  assert.equal(check.at, 25_000);
  assert.deepEqual(commandNames(check), ["read_rssi"]);
  assert.ok(codes(check).includes("degraded_timeout"));
  assert.equal(state.sta, "disconnected");
  assert.equal(state.disconnect?.name, "LINK_LOST");
  assert.ok(state.timers.reconnect !== undefined);
});

Deno.test("a joined link is checked every link_check_ms", () => {
  const { records } = run(STA, [
    { type: "start", at: 0 },
    { type: "sta_connected", at: 900 },
    { type: "sta_got_ip", ...IP, at: 1200 },
    { type: "sta_rssi_measured", rssi: -60, at: 61_300 },
    { type: "sta_rssi", at: 125_000 },
  ]);
  const checks = records.filter((r) => timerOf(r) === "link").map((r) => r.at);
  assert.deepEqual(checks, [61_200, 121_200]);
});

Deno.test("a lost scan_done ends the scan with a timeout, and the next scan runs", () => {
  const { records } = run(STA, [
    { type: "start", at: 0 },
    { type: "sta_connected", at: 900 },
    { type: "sta_got_ip", ...IP, at: 1200 },
    { type: "scan", at: 2000 },
    { type: "scan", at: 40_000 },
  ]);
  const timedOut = records.find((r) => timerOf(r) === "scan")!;
  assert.equal(timedOut.at, 32_000);
  assert.ok(codes(timedOut).includes("scan_timeout"));
  assert.deepEqual(records.at(-1)!.reply, "ok");
  assert.deepEqual(commandNames(records.at(-1)!), ["scan"]);
});

Deno.test("a scan that times out tells the scan_done callback", () => {
  const config = { sta: { ...STA.sta, scan_done: true } };
  const { records } = run(config, [
    { type: "start", at: 0 },
    { type: "sta_connected", at: 900 },
    { type: "scan", at: 2000 },
    { type: "sta_got_ip", ...IP, at: 2100 },
    { type: "sta_rssi", at: 40_000 },
  ]);
  const timedOut = records.find((r) => timerOf(r) === "scan")!;
  assert.deepEqual(timedOut.callbacks, [{ name: "scan_done", args: [{ error: "timeout" }] }]);
});

Deno.test("sta_lost_ip arms the fallback access point, and DHCP that never returns is left", () => {
  const config = { ...STA, ap: { fallback_after_ms: 20_000 } };
  const { records, state } = run(config, [
    { type: "start", at: 0 },
    { type: "sta_connected", at: 900 },
    { type: "sta_got_ip", ...IP, at: 1200 },
    { type: "sta_lost_ip", at: 10_000 },
    { type: "sta_rssi", at: 45_000 },
  ]);
  const lost = run(config, [
    { type: "start", at: 0 },
    { type: "sta_connected", at: 900 },
    { type: "sta_got_ip", ...IP, at: 1200 },
    { type: "sta_lost_ip", at: 10_000 },
  ]).state;
  assert.equal(lost.timers.fallback, 30_000);
  assert.ok(
    records.some((r) => timerOf(r) === "fallback" && r.commands[0]?.command === "start_ap"),
  );
  const dhcp = records.find((r) => timerOf(r) === "dhcp")!;
  assert.equal(dhcp.at, 40_000);
  assert.deepEqual(commandNames(dhcp), ["disconnect_sta"]);
  assert.ok(state.timers.reconnect !== undefined || state.sta === "connecting");
});

Deno.test("the radio is the truth about the soft-AP's stations: a join past the count is reported", () => {
  const config = { ap: { max_connections: 1, sta_connected: true, sta_disconnected: true } };
  const first = "3c:22:fb:01:02:03";
  const second = "f0:18:98:aa:bb:cc";
  const { records, state } = run(config, [
    { type: "start" },
    { type: "ap_started" },
    { type: "ap_sta_connected", mac: first },
    // The leave of `first` is lost; the radio admits `second` in its place.
    { type: "ap_sta_connected", mac: second },
  ]);
  assert.deepEqual(records.at(-1)!.callbacks, [{ name: "sta_connected", args: [second] }]);
  assert.ok(codes(records.at(-1)!).includes("too_many_stations"));
  assert.deepEqual(state.stations, [first, second]);
});

Deno.test("duplicated events call each callback once", () => {
  const config = {
    ...STA,
    sntp: { host: "pool.ntp.org", synchronized: true },
    ap: { ap_started: true, sta_connected: true, sta_ip_assigned: true },
  };
  const mac = "3c:22:fb:01:02:03";
  const twice = (input: Untimed): Untimed[] => [input, input];
  const { records } = run(config, [
    { type: "start", at: 0 },
    ...twice({ type: "ap_started", at: 100 }),
    ...twice({ type: "sta_connected", at: 900 }),
    ...twice({ type: "sta_got_ip", ...IP, at: 1200 }),
    ...twice({ type: "sntp_sync", sec: 1_795_000_001, usec: 0, at: 1500 }),
    ...twice({ type: "ap_sta_connected", mac, at: 2000 }),
    ...twice({ type: "ap_sta_ip_assigned", mac, ip: "192.168.4.2", at: 2100 }),
    ...twice({ type: "sta_disconnected", reason: 200, at: 3000 }),
  ]);
  const called = records.flatMap(callbackNames);
  assert.deepEqual(called, [
    "ap_started",
    "connected",
    "got_ip",
    "synchronized",
    "sta_connected",
    "sta_ip_assigned",
    "disconnected",
  ]);
});

Deno.test("an AP whose ap_started is lost is taken as started; a joining station implies it", () => {
  const config = { ap: { ap_started: true, sta_connected: true } };
  const late = run(config, [{ type: "start", at: 0 }, { type: "stop", at: 12_000 }]);
  const due = late.records.find((r) => timerOf(r) === "ap")!;
  assert.equal(due.at, 10_000);
  assert.deepEqual(callbackNames(due), ["ap_started"]);
  const implied = run(config, [
    { type: "start", at: 0 },
    { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03", at: 500 },
  ]);
  assert.deepEqual(callbackNames(implied.last), ["ap_started", "sta_connected"]);
  assert.equal(implied.state.ap, "started");
});

Deno.test("deadlines are configuration: decoded, checked, and obeyed", () => {
  const config = { ...STA, deadlines: { join_ms: 5000 } };
  const { records } = run(config, [{ type: "start", at: 0 }, { type: "sta_rssi", at: 6000 }]);
  assert.equal(records.find((r) => timerOf(r) === "join")?.at, 5000);
  const bad = run({ ...STA, deadlines: { join_ms: 10, scan_msx: 1 } }, [{ type: "start" }]).last;
  const problems = (bad.reply as { readonly problems: readonly { path: string }[] }).problems.map((
    p,
  ) => p.path);
  assert.deepEqual(problems, ["deadlines.join_ms", "deadlines.scan_msx"]);
});

const ROAMING = {
  sta: {
    networks: [{ ssid: "home", psk: "secret12", priority: 1 }, { ssid: "phone", priority: 0 }],
    roam: { interval_ms: 60_000 },
    reconnect: { jitter: 0 },
  },
};
/** Joined to "phone", the lesser network, because "home" failed twice. */
const ON_PHONE: Untimed[] = [
  { type: "start", at: 0 },
  { type: "sta_disconnected", reason: 201, at: 2000 },
  { type: "sta_disconnected", reason: 201, at: 5000 },
  { type: "sta_connected", at: 8000 },
  { type: "sta_got_ip", ...IP, at: 8300 },
];

Deno.test("roaming: a station on a lesser network looks for a better one and moves when heard", () => {
  const joins = (records: readonly ReplayRecord[]) =>
    records.flatMap((r) => r.commands.flatMap((c) => c.command === "connect_sta" ? [c.ssid] : []));
  const before = run(ROAMING, ON_PHONE);
  assert.equal(before.state.target, 1);
  assert.equal(before.state.timers.roam, 68_300);
  const { records, state } = run(ROAMING, [
    ...ON_PHONE,
    { type: "sta_rssi_measured", rssi: -50, at: 60_000 },
    { type: "scan_done", networks: [heard("phone", -50), heard("home", -58)], at: 70_000 },
  ]);
  const look = records.find((r) => timerOf(r) === "roam")!;
  assert.deepEqual(commandNames(look), ["scan"]);
  assert.deepEqual(records.at(-1)!.callbacks, [], "the core's own scan calls no scan_done");
  assert.deepEqual(joins(records).slice(-1), ["home"]);
  assert.deepEqual([state.sta, state.target, state.leaving], ["connecting", 0, true]);
});

Deno.test("roaming: no move to a network too weak, nor while the soft-AP has visitors", () => {
  const weak = run(ROAMING, [
    ...ON_PHONE,
    { type: "sta_rssi_measured", rssi: -50, at: 60_000 },
    { type: "scan_done", networks: [heard("home", -75)], at: 70_000 },
  ]);
  assert.deepEqual([weak.state.sta, weak.state.target], ["connected", 1]);
  assert.equal(weak.state.timers.roam, 68_300 + 60_000, "it looks again, an interval after");
  const config = { ...ROAMING, ap: { sta_connected: true } };
  const visited = run(config, [
    ...ON_PHONE.slice(0, 1),
    { type: "ap_started", at: 100 },
    { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03", at: 200 },
    ...ON_PHONE.slice(1),
    { type: "sta_rssi", at: 70_000 },
  ]);
  const deferred = visited.records.find((r) => timerOf(r) === "roam")!;
  assert.deepEqual(commandNames(deferred), []);
  assert.ok(codes(deferred).includes("roam_deferred"));
});

Deno.test("roaming is off by default", () => {
  const { state } = run({ sta: { networks: ROAMING.sta.networks } }, ON_PHONE);
  assert.equal(state.timers.roam, undefined);
});
