/**
 * The newest-era conformance scenarios of atomvm-network-spec.md §4 (37-77) that concern
 * documented behaviour, on the core. Where AtomVM has a bug, the test asserts what its
 * documentation intends, and says so. RP2-only and driver-memory scenarios (55, 78-83) belong to
 * drivers, not to the core.
 */
import assert from "node:assert/strict";
import { callbackNames, commandNames, run, type Untimed } from "./_testing.ts";

const IP = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };
const CALLBACKS = { connected: true, disconnected: true, got_ip: true };
const MANAGED = { sta: { managed: true, ...CALLBACKS } };
const STA = { sta: { ssid: "Wokwi-GUEST", psk: "", ...CALLBACKS } };
const JOIN: Untimed[] = [{ type: "sta_connected" }, { type: "sta_got_ip", ...IP }];

function types(records: readonly { input: unknown }[]): string[] {
  return records.map((r) => (r.input as { type: string }).type);
}

Deno.test("37: the station's status goes connecting, associated, connected", () => {
  const { records } = run(STA, [{ type: "start" }, ...JOIN]);
  assert.deepEqual(records.map((r) => r.status), ["connecting", "associated", "connected"]);
});

Deno.test("41: a disconnected callback does not switch reconnection off (AtomVM's did)", () => {
  const { state } = run(STA, [{ type: "start" }, ...JOIN, {
    type: "sta_disconnected",
    reason: 200,
  }]);
  assert.ok(state.timers.reconnect !== undefined);
});

Deno.test("43 and 50: managed mode starts disconnected without joining; sta_connect needs an ssid", () => {
  const { records } = run(MANAGED, [{ type: "start" }, { type: "sta_connect" }, {
    type: "sta_connect",
    config: { psk: "x" },
  }]);
  const [start, bare, pskOnly] = records;
  assert.equal(start!.status, "disconnected");
  assert.deepEqual(start!.commands, [{ command: "start_wifi", mode: "sta" }]);
  assert.deepEqual(bare!.reply, { error: "no_ssid" });
  assert.deepEqual(pskOnly!.reply, { error: "no_ssid" });
  assert.equal(pskOnly!.status, "disconnected");
  assert.deepEqual(pskOnly!.commands, []);
});

Deno.test("44: managed sta_connect with a network joins it", () => {
  const { records } = run(MANAGED, [
    { type: "start" },
    { type: "sta_connect", config: { ssid: "Wokwi-GUEST", psk: "" } },
    ...JOIN,
  ]);
  assert.deepEqual(records[1]!.commands, [{
    command: "connect_sta",
    ssid: "Wokwi-GUEST",
    hostname: "atomvm-240ac4123456",
  }]);
  assert.equal(records[1]!.reply, "ok");
  assert.deepEqual(records.map((r) => r.status), [
    "disconnected",
    "connecting",
    "associated",
    "connected",
  ]);
});

Deno.test("45 and 46: sta_disconnect leaves, calls disconnected, and does not reconnect; sta_connect rejoins", () => {
  const { records, state } = run(STA, [
    { type: "start" },
    ...JOIN,
    { type: "sta_disconnect" },
    { type: "sta_disconnected", reason: 8 },
    { type: "sta_disconnected", reason: 8, at: 200_000 },
  ]);
  const [, , , request, left] = records;
  assert.deepEqual(request!.commands, [{ command: "disconnect_sta" }]);
  assert.equal(request!.status, "disconnecting");
  assert.deepEqual(callbackNames(left!), ["disconnected"]);
  assert.equal(left!.status, "disconnected");
  assert.deepEqual(state.timers, {}, "no reconnect after a disconnect we asked for");
  assert.deepEqual(state.disconnect, { reason: 8, name: "ASSOC_LEAVE", class: "requested" });
  const again = run(STA, [
    { type: "start" },
    ...JOIN,
    { type: "sta_disconnect" },
    { type: "sta_disconnected", reason: 8 },
    { type: "sta_connect" },
    ...JOIN,
  ]);
  assert.deepEqual(again.records.slice(-3).map((r) => r.status), [
    "connecting",
    "associated",
    "connected",
  ]);
});

Deno.test("sta_disconnect while waiting to reconnect stops retrying", () => {
  const { state, records } = run(STA, [
    { type: "start" },
    { type: "sta_disconnected", reason: 201 },
    { type: "sta_disconnect" },
  ]);
  assert.deepEqual(state.timers, {});
  assert.equal(records.at(-1)!.reply, "ok");
  assert.equal(state.sta, "disconnected");
});

Deno.test("47: a refused disconnect returns to the status before it (AtomVM stayed disconnecting)", () => {
  const { state, last } = run(STA, [
    { type: "start" },
    ...JOIN,
    { type: "sta_disconnect" },
    { type: "driver_failed", error: "12289", command: "disconnect_sta" },
  ]);
  assert.equal(state.sta, "connected");
  assert.equal(last.status, "connected");
});

Deno.test("48: a flat sta_connect applies dhcp_hostname (AtomVM dropped it) and refuses other keys", () => {
  const { records } = run(STA, [
    { type: "start" },
    ...JOIN,
    { type: "sta_connect", config: { ssid: "B", dhcp_hostname: "new" } },
    { type: "sta_connect", config: { ssid: "B", got_ip: true } },
    { type: "sta_connect", config: { sta: { ssid: "C", dhcp_hostname: "newer" } } },
  ]);
  assert.deepEqual(records[3]!.commands, [{ command: "disconnect_sta" }, {
    command: "connect_sta",
    ssid: "B",
    hostname: "new",
  }]);
  assert.deepEqual(records[4]!.reply, {
    error: "invalid_config",
    problems: [{ path: "config.got_ip", message: "belongs in the sta section" }],
  });
  assert.deepEqual(records[5]!.commands, [{
    command: "connect_sta",
    ssid: "C",
    hostname: "newer",
  }]);
});

Deno.test("49: a new ssid without psk is an open network (AtomVM kept the old password)", () => {
  const { last, state } = run({ sta: { ssid: "home", psk: "oldpass1" } }, [{ type: "start" }, {
    type: "sta_connect",
    config: { ssid: "OpenNet" },
  }]);
  assert.deepEqual(last.commands, [{
    command: "connect_sta",
    ssid: "OpenNet",
    hostname: "atomvm-240ac4123456",
  }]);
  assert.deepEqual(state.active?.sta?.networks, [{ ssid: "OpenNet", psk: null, priority: 0 }]);
});

Deno.test("sta_connect's settings are rolled back when the driver refuses them", () => {
  const { state } = run({ sta: { ssid: "home", psk: "secret12" } }, [
    { type: "start" },
    { type: "sta_connect", config: { ssid: "other", psk: "password9" } },
    { type: "driver_failed", error: "ESP_ERR_WIFI_PASSWORD", command: "connect_sta" },
  ]);
  assert.deepEqual(state.active?.sta?.networks, [{ ssid: "home", psk: "secret12", priority: 0 }]);
  assert.equal(state.sta, "disconnected");
  const confirmed = run({ sta: { ssid: "home", psk: "secret12" } }, [
    { type: "start" },
    { type: "sta_connect", config: { ssid: "other", psk: "password9" } },
    { type: "sta_connected" },
  ]);
  assert.equal(confirmed.state.rollback, null, "associating confirms the new settings");
});

Deno.test("51 and 53: station requests without a station or a network are answered, the status unchanged", () => {
  const apOnly = run({ ap: {} }, [{ type: "start" }, {
    type: "sta_connect",
    config: { ssid: "x" },
  }]);
  assert.deepEqual(apOnly.last.reply, { error: "no_sta_mode" });
  assert.equal(apOnly.last.status, "inactive", "AtomVM moved an AP-only device to disconnected");
  for (const type of ["sta_connect", "sta_disconnect", "sta_rssi", "scan"] as const) {
    assert.deepEqual(run(STA, [{ type }]).last.reply, { error: "not_started" });
  }
});

Deno.test("52: lost beacons make the link degraded and call beacon_timeout; an address restores it", () => {
  const config = { sta: { ...STA.sta, beacon_timeout: true } };
  const { records } = run(config, [{ type: "start" }, ...JOIN, { type: "sta_beacon_timeout" }, {
    type: "sta_got_ip",
    ...IP,
    ip: "192.168.1.30",
  }]);
  assert.deepEqual(records[3]!.callbacks, [{ name: "beacon_timeout", args: [] }]);
  assert.equal(records[3]!.status, "degraded");
  assert.equal(records[4]!.status, "connected");
  const lost = run(config, [{ type: "start" }, ...JOIN, { type: "sta_beacon_timeout" }, {
    type: "sta_disconnected",
    reason: 200,
  }]);
  assert.equal(lost.last.status, "disconnected");
  assert.equal(lost.state.disconnect?.class, "beacon_loss");
});

Deno.test("54: RSSI is measured only while joined", () => {
  const { records, state } = run(STA, [
    { type: "start" },
    { type: "sta_rssi" },
    ...JOIN,
    { type: "sta_rssi" },
    { type: "sta_rssi_measured", rssi: -55 },
  ]);
  assert.deepEqual(records[1]!.reply, { error: "network_down" });
  assert.deepEqual(records[4]!.commands, [{ command: "read_rssi" }]);
  assert.equal(state.rssi, -55);
});

Deno.test("56, 60 and 61: a scan runs with its options; a second one is busy; results reach scan_done", () => {
  const config = { sta: { ...STA.sta, scan_done: true } };
  const network = {
    ssid: "a",
    bssid: "a4:2b:b0:00:00:01",
    rssi: -40,
    channel: 6,
    authmode: "wpa2_psk",
    hidden: false,
  };
  const { records } = run(config, [
    { type: "start" },
    ...JOIN,
    { type: "scan", options: { results: 3 } },
    { type: "scan" },
    { type: "scan_done", found: 5, networks: [network] },
  ]);
  assert.deepEqual(records[3]!.commands, [{
    command: "scan",
    results: 3,
    dwell_ms: 120,
    show_hidden: false,
    passive: false,
  }]);
  assert.deepEqual(records[4]!.reply, { error: "busy" });
  assert.deepEqual(records[5]!.callbacks, [{
    name: "scan_done",
    args: [{ found: 5, networks: [network] }],
  }]);
});

Deno.test("57: scan options outside AtomVM's limits are refused as badarg, each named", () => {
  const bad: [unknown, string][] = [
    [{ passive: "foo" }, "options.passive"],
    [{ results: 0 }, "options.results"],
    [{ results: 99 }, "options.results"],
    [{ results: "foo" }, "options.results"],
    [{ dwell: "foo" }, "options.dwell"],
    [{ dwell: 0 }, "options.dwell"],
    [{ dwell: 1501 }, "options.dwell"],
  ];
  for (const [options, path] of bad) {
    const { last } = run(STA, [{ type: "start" }, ...JOIN, {
      type: "scan",
      options: options as never,
    }]);
    const reply = last.reply as unknown as { error: string; problems: { path: string }[] };
    assert.equal(reply.error, "badarg", JSON.stringify(options));
    assert.equal(reply.problems[0]!.path, path);
  }
});

Deno.test("scan defaults come from the sta section; passive scans dwell 360 ms", () => {
  const config = {
    sta: { ...STA.sta, default_scan_results: 10, scan_show_hidden: true, scan_passive: true },
  };
  const { last } = run(config, [{ type: "start" }, ...JOIN, { type: "scan" }]);
  assert.deepEqual(last.commands, [{
    command: "scan",
    results: 10,
    dwell_ms: 360,
    show_hidden: true,
    passive: true,
  }]);
});

Deno.test("58, 59: a scan before start or without a station is refused", () => {
  assert.deepEqual(run(STA, [{ type: "scan" }]).last.reply, { error: "not_started" });
  assert.deepEqual(run({ ap: {} }, [{ type: "start" }, { type: "scan" }]).last.reply, {
    error: "no_sta_mode",
  });
});

Deno.test("62: stopping during a scan calls nothing afterwards", () => {
  const config = { sta: { ...STA.sta, scan_done: true } };
  const { records } = run(config, [{ type: "start" }, ...JOIN, { type: "scan" }, { type: "stop" }, {
    type: "scan_done",
    networks: [],
  }]);
  assert.deepEqual(records.at(-1)!.callbacks, []);
});

Deno.test("64: a scan while joining waits and runs once associated (ESP-IDF refuses it)", () => {
  const { records } = run(STA, [{ type: "start" }, { type: "scan" }, { type: "sta_connected" }]);
  assert.equal(records[1]!.reply, "ok");
  assert.deepEqual(records[1]!.commands, []);
  assert.deepEqual(commandNames(records[2]!), ["scan"]);
  const gaveUp = run(STA, [{ type: "start" }, { type: "scan" }, {
    type: "sta_disconnected",
    reason: 201,
  }]);
  assert.deepEqual(commandNames(gaveUp.last), ["scan"], "or once the attempt has failed");
});

Deno.test("a scan the driver refuses reports its error to scan_done", () => {
  const config = { sta: { ...STA.sta, scan_done: true } };
  const { last, state } = run(config, [{ type: "start" }, ...JOIN, { type: "scan" }, {
    type: "driver_failed",
    command: "scan",
    error: "ESP_ERR_WIFI_STATE",
  }]);
  assert.deepEqual(last.callbacks, [{
    name: "scan_done",
    args: [{ error: "ESP_ERR_WIFI_STATE" }],
  }]);
  assert.equal(state.scan.phase, "idle");
});

Deno.test("71 and 72: AP SSID from the soft-AP MAC, hostnames per interface", () => {
  const defaults = run({ sta: { ssid: "s" }, ap: {} }, [{ type: "start" }]).last.commands[0] as {
    ap: { ssid: string; hostname: string };
  };
  assert.equal(defaults.ap.ssid, "atomvm-240ac4123457");
  assert.equal(defaults.ap.hostname, "atomvm-240ac4123456");
  const named = run({
    sta: { ssid: "s", dhcp_hostname: "sta-name" },
    ap: { dhcp_hostname: "ap-name", ap_channel: 11 },
  }, [{ type: "start" }]);
  const [start, connect] = named.last.commands as unknown as [
    { ap: { hostname: string; channel: number } },
    { hostname: string },
  ];
  assert.equal(start.ap.hostname, "ap-name");
  assert.equal(start.ap.channel, 11);
  assert.equal(connect.hostname, "sta-name");
});

Deno.test("74: SNTP is restarted on every new address and calls synchronized", () => {
  const config = { ...STA, sntp: { host: "pool.ntp.org", synchronized: true } };
  const { records } = run(config, [{ type: "start" }, ...JOIN, {
    type: "sntp_sync",
    sec: 1,
    usec: 2,
  }, { type: "sta_got_ip", ...IP, ip: "192.168.1.99" }]);
  assert.deepEqual(records[2]!.commands, [{ command: "start_sntp", host: "pool.ntp.org" }]);
  assert.deepEqual(records[3]!.callbacks, [{ name: "synchronized", args: [{ sec: 1, usec: 2 }] }]);
  assert.deepEqual(records[4]!.commands, [{ command: "start_sntp", host: "pool.ntp.org" }]);
});

Deno.test("75: the mDNS responder is restarted on every new station address", () => {
  const config = { ...STA, mdns: { hostname: "dev", ttl: 120 } };
  const { records } = run(config, [
    { type: "start" },
    ...JOIN,
    {
      type: "sta_got_ip",
      ...IP,
      ip: "192.168.1.99",
    },
    { type: "sta_got_ip", ...IP, ip: "192.168.1.99" },
    { type: "stop" },
  ]);
  const mdns = records.map((r) => r.commands.filter((c) => c.command === "start_mdns"));
  assert.deepEqual(mdns[2], [{ command: "start_mdns", hostname: "dev", ttl: 120, ip: IP.ip }]);
  assert.deepEqual(mdns[3], [{
    command: "start_mdns",
    hostname: "dev",
    ttl: 120,
    ip: "192.168.1.99",
  }]);
  assert.deepEqual(mdns[4], [], "a renewal of the same address restarts nothing");
  assert.deepEqual(commandNames(records[5]!), ["stop_wifi"], "stop_wifi stops the responder too");
  // AtomVM's default TTL, when the configuration gives none.
  const plain = run({ ...STA, mdns: { hostname: "dev" } }, [{ type: "start" }, ...JOIN]).records;
  assert.deepEqual(plain[2]!.commands.at(-1), {
    command: "start_mdns",
    hostname: "dev",
    ttl: 900,
    ip: IP.ip,
  });
  // The type spec's spelling, with which AtomVM's responder silently never starts, is refused.
  const refused = run({ ...STA, mdns: { host: "dev" } }, [{ type: "start" }]).last.reply;
  assert.deepEqual(
    typeof refused === "object" ? refused?.problems?.map((p) => p.path) : refused,
    ["mdns.host"],
  );
});

Deno.test("76 and 77: a callback or managed value that is not a boolean is a configuration error", () => {
  for (
    const [config, path] of [[{ sta: { ssid: "s", connected: "not_a_fun" } }, "sta.connected"], [{
      sta: { managed: "yes" },
    }, "sta.managed"]] as const
  ) {
    const reply = run(config, [{ type: "start" }]).last.reply as unknown as {
      error: string;
      problems: { path: string }[];
    };
    assert.equal(reply.error, "invalid_config");
    assert.equal(reply.problems[0]!.path, path);
  }
  assert.deepEqual(types(run(MANAGED, [{ type: "start" }]).records), ["start"]);
});
