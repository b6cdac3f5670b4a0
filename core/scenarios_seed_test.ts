/**
 * The seed-era conformance scenarios of atomvm-network-spec.md §4 (1-36) that concern documented
 * behaviour. Where AtomVM had a bug, the test asserts what its documentation intends, and says so.
 * Scenarios 26-29 (wait_for_sta / wait_for_ap) and 32-33 (callback execution) belong to the shell.
 */
import assert from "node:assert/strict";
import { callbackNames, commandNames, DEVICE, run, type Untimed } from "./_testing.ts";
import { revealCommand } from "./redact.ts";
import type { Command } from "./effect.ts";
import { createState } from "./state.ts";
import { step } from "./step.ts";

const STA_CALLBACKS = { connected: true, disconnected: true, got_ip: true };
const STA = { sta: { ssid: "s", psk: "p4ssword", ...STA_CALLBACKS } };
const IP1 = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };
const IP2 = { ip: "192.168.1.21", netmask: "255.255.255.0", gw: "192.168.1.1" };
const AP_CALLBACKS = {
  ap_started: true,
  sta_connected: true,
  sta_disconnected: true,
  sta_ip_assigned: true,
};
const MAC = "3c:22:fb:01:02:03";

function errorOf(
  reply: unknown,
): { error: string; problems?: { path: string; message: string }[] } {
  assert.ok(
    typeof reply === "object" && reply !== null && "error" in reply,
    `expected an error reply, got ${JSON.stringify(reply)}`,
  );
  return reply as { error: string; problems?: { path: string; message: string }[] };
}

Deno.test("seed 1: STA happy path: start, associate, address", () => {
  const { records } = run(STA, [{ type: "start" }, { type: "sta_connected" }, {
    type: "sta_got_ip",
    ...IP1,
  }]);
  const [start, connected, gotIp] = records;
  assert.equal(start!.reply, "ok");
  assert.equal(start!.status, "connecting");
  assert.deepEqual(start!.commands, [
    { command: "start_wifi", mode: "sta" },
    { command: "connect_sta", ssid: "s", psk: "<redacted>", hostname: "atomvm-240ac4123456" },
  ]);
  assert.deepEqual(connected!.callbacks, [{ name: "connected", args: [] }]);
  assert.equal(connected!.status, "associated");
  assert.deepEqual(gotIp!.callbacks, [{ name: "got_ip", args: [IP1] }]);
  assert.equal(gotIp!.status, "connected");
});

Deno.test("seed 2: a bad password: every failed attempt calls disconnected and is retried, slower each time", () => {
  // AtomVM retried at once, forever; netfsm waits 30 s after a failed handshake, then longer.
  const jitterless = { sta: { ...STA.sta, reconnect: { jitter: 0 } } };
  const inputs: Untimed[] = [{ type: "start", at: 0 }, {
    type: "sta_disconnected",
    reason: 15,
    at: 3000,
  }];
  let at = 3000;
  for (const wait of [30_000, 60_000, 120_000]) {
    at += wait + 3000;
    inputs.push({ type: "sta_disconnected", reason: 15, at });
  }
  const { records } = run(jitterless, inputs);
  const failures = records.filter((r) => (r.input as { type: string }).type === "sta_disconnected");
  const retries = records.filter((r) => (r.input as { type: string }).type === "timer");
  assert.equal(failures.length, 4);
  for (const record of failures) {
    assert.deepEqual(callbackNames(record), ["disconnected"]);
    assert.deepEqual(record.commands, [], "no retry in the same instant");
    assert.equal(record.status, "disconnected");
    assert.equal(record.reply, null);
  }
  assert.deepEqual(retries.map((r) => [r.at, commandNames(r), r.status]), [
    [33_000, ["connect_sta"], "connecting"],
    [96_000, ["connect_sta"], "connecting"],
    [219_000, ["connect_sta"], "connecting"],
  ]);
});

Deno.test("seed 3: link loss after an address clears it, reconnects after a short delay, and a new address is reported", () => {
  const before = run(STA, [{ type: "start" }, { type: "sta_connected" }, {
    type: "sta_got_ip",
    ...IP1,
  }, { type: "sta_disconnected", reason: 200 }]);
  assert.deepEqual(callbackNames(before.last), ["disconnected"]);
  assert.equal(before.state.ip, null);
  assert.equal(before.last.status, "disconnected");
  const retryAt = before.state.timers.reconnect!;
  assert.ok(
    retryAt >= before.state.now + 800 && retryAt <= before.state.now + 1200,
    `retry at ${retryAt}`,
  );
  const after = run(STA, [
    { type: "start" },
    { type: "sta_connected" },
    { type: "sta_got_ip", ...IP1 },
    { type: "sta_disconnected", reason: 200 },
    { type: "sta_connected", at: 5000 },
    { type: "sta_got_ip", ...IP2 },
  ]);
  assert.deepEqual(after.records.slice(-3).map((r) => [...commandNames(r), ...callbackNames(r)]), [
    ["connect_sta"],
    ["connected"],
    ["got_ip"],
  ]);
  assert.deepEqual(after.last.callbacks[0]!.args, [IP2]);
  assert.deepEqual(after.state.ip, IP2);
});

Deno.test("seed 4: a drop before DHCP calls disconnected and waits to retry", () => {
  const { last, state } = run(STA, [{ type: "start" }, { type: "sta_connected" }, {
    type: "sta_disconnected",
  }]);
  assert.deepEqual(callbackNames(last), ["disconnected"]);
  assert.equal(last.status, "disconnected");
  assert.ok(state.timers.reconnect !== undefined);
});

Deno.test("seed 5: neither sta nor ap fails start, and again (no stale registration)", () => {
  const { records } = run({ sntp: "pool.ntp.org" }, [{ type: "start" }, { type: "start" }]);
  for (const record of records) {
    const reply = errorOf(record.reply);
    assert.equal(reply.error, "invalid_config");
    assert.deepEqual(reply.problems, [{
      path: "config",
      message: "needs a sta section, an ap section, or both",
    }]);
    assert.equal(record.status, "stopped");
    assert.deepEqual(record.commands, []);
  }
});

Deno.test("seed 6 and 12: an empty sta section with nothing in NVS fails start, naming sta.ssid", () => {
  const { last } = run({ sta: {} }, [{ type: "start" }]);
  assert.deepEqual(errorOf(last.reply).problems, [
    { path: "sta.ssid", message: "is required: set it here or store sta_ssid in NVS" },
  ]);
});

Deno.test("seed 7: a station without psk joins an open network with a warning (the seed crashed)", () => {
  const { last } = run({ sta: { ssid: "open" } }, [{ type: "start" }]);
  assert.equal(last.reply, "ok");
  assert.deepEqual(last.commands[1], {
    command: "connect_sta",
    ssid: "open",
    hostname: "atomvm-240ac4123456",
  });
  assert.deepEqual(last.diagnostics?.map((d) => [d.level, d.code]), [["warning", "open_network"]]);
  const emptyPsk = run({ sta: { ssid: "open", psk: "" } }, [{ type: "start" }]);
  assert.deepEqual(emptyPsk.last.commands[1], last.commands[1]);
});

Deno.test("seed 8 and 9: an SSID of 33 bytes fails, 32 bytes (counted in UTF-8) is accepted", () => {
  assert.equal(
    errorOf(run({ sta: { ssid: "x".repeat(33) } }, [{ type: "start" }]).last.reply).problems?.[0]
      ?.path,
    "sta.ssid",
  );
  assert.equal(run({ sta: { ssid: "x".repeat(32) } }, [{ type: "start" }]).last.reply, "ok");
  // 11 euro signs are 11 characters but 33 bytes.
  assert.equal(
    errorOf(run({ sta: { ssid: "€".repeat(11) } }, [{ type: "start" }]).last.reply).error,
    "invalid_config",
  );
  assert.equal(run({ sta: { ssid: "€".repeat(10) + "xy" } }, [{ type: "start" }]).last.reply, "ok");
});

Deno.test("seed 10: NVS fills a sta section's missing ssid and psk", () => {
  const device = { ...DEVICE, nvs: { sta_ssid: "home", sta_psk: "secret12" } };
  let state = createState({ config: { sta: {} }, device });
  const [running, effects] = step(state, { type: "start", at: 0 });
  state = running;
  const connect = effects.flatMap((e) => e.type === "command" ? [e.command] : []).find((c) =>
    c.command === "connect_sta"
  )!;
  assert.deepEqual(connect, {
    command: "connect_sta",
    ssid: "home",
    psk: "<redacted>",
    hostname: "atomvm-240ac4123456",
  });
  assert.deepEqual(revealCommand(state, connect), { ...connect, psk: "secret12" });
});

Deno.test("seed 10: NVS never creates a section, and fills the ap section too", () => {
  const device = { ...DEVICE, nvs: { sta_ssid: "home", ap_ssid: "setup", ap_psk: "12345678" } };
  const { last } = run({ ap: {} }, [{ type: "start" }], device);
  assert.deepEqual(last.commands, [{
    command: "start_wifi",
    mode: "ap",
    ap: {
      ssid: "setup",
      psk: "<redacted>",
      authmode: "wpa_wpa2_psk",
      ssid_hidden: false,
      max_connections: 4,
      hostname: "atomvm-240ac4123456",
    },
  }]);
});

Deno.test("seed 11: a key in the configuration beats NVS", () => {
  const device = { ...DEVICE, nvs: { sta_ssid: "home", sta_psk: "secret12" } };
  const { last, state } = run(
    { sta: { ssid: "office", psk: "officepw" } },
    [{ type: "start" }],
    device,
  );
  const connect = last.commands[1]!;
  assert.equal(connect.command === "connect_sta" && connect.ssid, "office");
  const revealed = revealCommand(state, connect) as Command & { psk?: string };
  assert.equal(revealed.psk, "officepw");
});

Deno.test("NVS values are validated like configured ones, and named by their NVS key", () => {
  const device = { ...DEVICE, nvs: { ap_psk: "short" } };
  const { last } = run({ ap: {} }, [{ type: "start" }], device);
  assert.deepEqual(errorOf(last.reply).problems, [
    { path: "nvs.ap_psk", message: "must be 8 to 64 bytes for WPA2, got 5 bytes (read from NVS)" },
  ]);
});

Deno.test("seed 13: AP-only happy path with the default SSID from the soft-AP MAC", () => {
  const { records } = run({ ap: { psk: "12345678", ...AP_CALLBACKS } }, [
    { type: "start" },
    { type: "ap_started" },
    { type: "ap_sta_connected", mac: MAC },
    { type: "ap_sta_disconnected", mac: MAC },
  ]);
  const [start, started, joined, left] = records;
  assert.deepEqual(start!.commands, [{
    command: "start_wifi",
    mode: "ap",
    ap: {
      ssid: "atomvm-240ac4123457",
      psk: "<redacted>",
      authmode: "wpa_wpa2_psk",
      ssid_hidden: false,
      max_connections: 4,
      hostname: "atomvm-240ac4123456",
    },
  }]);
  assert.equal(start!.status, "inactive");
  assert.deepEqual(started!.callbacks, [{ name: "ap_started", args: [] }]);
  assert.deepEqual(joined!.callbacks, [{ name: "sta_connected", args: [MAC] }]);
  assert.deepEqual(left!.callbacks, [{ name: "sta_disconnected", args: [MAC] }]);
});

Deno.test("seed 14, 15, 16: an AP psk of 7 bytes, empty, or not a string fails start", () => {
  const cases: [unknown, string][] = [
    ["1234567", "must be 8 to 64 bytes for WPA2; leave psk out for an open network, got 7 bytes"],
    ["", "must not be empty"],
    [12345678, "must be a string, got an integer"],
  ];
  for (const [psk, message] of cases) {
    const reply = errorOf(run({ ap: { psk } }, [{ type: "start" }]).last.reply);
    assert.deepEqual(reply.problems, [{ path: "ap.psk", message }]);
  }
});

Deno.test("seed 15: an AP without psk is open, with a warning", () => {
  const { last } = run({ ap: { ssid: "cafe" } }, [{ type: "start" }]);
  assert.equal(last.reply, "ok");
  const start = last.commands[0]!;
  assert.deepEqual(start.command === "start_wifi" && start.ap, {
    ssid: "cafe",
    authmode: "open",
    ssid_hidden: false,
    max_connections: 4,
    hostname: "atomvm-240ac4123456",
  });
  assert.deepEqual(last.diagnostics?.map((d) => d.code), ["open_network"]);
});

Deno.test("seed 17: a station's AP address is reported (the seed's driver never sent it)", () => {
  const { last } = run({ ap: AP_CALLBACKS }, [
    { type: "start" },
    { type: "ap_started" },
    { type: "ap_sta_connected", mac: MAC },
    { type: "ap_sta_ip_assigned", ip: "192.168.4.2", mac: MAC },
  ]);
  assert.deepEqual(last.callbacks, [{ name: "sta_ip_assigned", args: ["192.168.4.2"] }]);
});

Deno.test("seed 18: a hidden AP with two places, and the type spec's key names are refused", () => {
  const { last } = run({ ap: { ssid_hidden: true, max_connections: 2 } }, [{ type: "start" }]);
  const start = last.commands[0]!;
  assert.equal(start.command === "start_wifi" && start.ap?.ssid_hidden, true);
  assert.equal(start.command === "start_wifi" && start.ap?.max_connections, 2);
  const misspelt = errorOf(
    run({ ap: { ap_ssid_hidden: true, ap_max_connections: 2 } }, [{ type: "start" }]).last.reply,
  );
  assert.deepEqual(misspelt.problems, [
    { path: "ap.ap_ssid_hidden", message: "is not a known key; did you mean ssid_hidden?" },
    { path: "ap.ap_max_connections", message: "is not a known key; did you mean max_connections?" },
  ]);
});

Deno.test("seed 19: station and AP at once: both sets of callbacks fire (the seed crashed)", () => {
  const { records } = run({
    sta: { ssid: "s", psk: "p4ssword", ...STA_CALLBACKS },
    ap: { psk: "12345678", ...AP_CALLBACKS },
  }, [
    { type: "start" },
    { type: "ap_started" },
    { type: "sta_connected" },
    { type: "ap_sta_connected", mac: MAC },
    { type: "sta_got_ip", ...IP1 },
  ]);
  assert.equal(
    records[0]!.commands[0]!.command === "start_wifi" &&
      (records[0]!.commands[0] as { mode: string }).mode,
    "apsta",
  );
  assert.deepEqual(records.slice(1).map(callbackNames), [["ap_started"], ["connected"], [
    "sta_connected",
  ], ["got_ip"]]);
});

Deno.test("seed 20: an invalid station beside a valid AP fails start (the seed silently dropped it)", () => {
  const { last } = run({ sta: { ssid: "x".repeat(40) }, ap: { psk: "12345678" } }, [{
    type: "start",
  }]);
  assert.deepEqual(errorOf(last.reply).problems, [{
    path: "sta.ssid",
    message: "must be 1 to 32 bytes, got 40 bytes",
  }]);
  assert.deepEqual(last.commands, []);
});

Deno.test("seed 21: a DHCP renewal with another address calls got_ip again; the same one does not", () => {
  const { records } = run(STA, [
    { type: "start" },
    { type: "sta_connected" },
    { type: "sta_got_ip", ...IP1 },
    { type: "sta_got_ip", ...IP2 },
    { type: "sta_got_ip", ...IP2 },
  ]);
  assert.deepEqual(records[3]!.callbacks, [{ name: "got_ip", args: [IP2] }]);
  assert.deepEqual(records[4]!.callbacks, []);
  assert.deepEqual(records[4]!.diagnostics?.map((d) => d.code), ["ip_unchanged"]);
  assert.equal(records[4]!.status, "connected");
});

Deno.test("seed 22 and 23: unexpected and stray inputs change nothing and are reported", () => {
  const { records, state } = run({ ap: AP_CALLBACKS }, [{ type: "start" }, { type: "ap_started" }, {
    type: "ap_started",
  }]);
  assert.deepEqual(records[2]!.callbacks, []);
  assert.deepEqual(records[2]!.diagnostics?.map((d) => d.code), ["unexpected_input"]);
  assert.equal(state.ap, "started");
  // A message no driver sends, from an untyped caller: still a defined outcome.
  const [same, effects] = step(state, { type: "hello", at: 1000 } as never);
  assert.equal(same.ap, "started");
  assert.equal(effects.length, 1);
  assert.equal(effects[0]!.type, "diagnostic");
});

Deno.test("seed 25: the undocumented top-level timeout key is refused, not obeyed", () => {
  const reply = errorOf(run({ sta: { ssid: "s" }, timeout: 3000 }, [{ type: "start" }]).last.reply);
  assert.deepEqual(reply.problems, [{
    path: "timeout",
    message: "is not a known key (known: sta, ap, sntp, mdns, deadlines)",
  }]);
});

Deno.test("seed 30 and 31: stop stops the driver, is idempotent, and start works again after it", () => {
  const { records } = run(STA, [
    { type: "stop" },
    { type: "start" },
    { type: "sta_connected" },
    { type: "stop" },
    { type: "stop" },
    { type: "sta_got_ip", ...IP1 },
    { type: "start" },
  ]);
  const [stopFirst, , , stop, stopAgain, late, restart] = records;
  assert.equal(stopFirst!.reply, "ok");
  assert.deepEqual(stop!.commands, [{ command: "stop_wifi" }]);
  assert.equal(stop!.reply, "ok");
  assert.equal(stop!.status, "stopped");
  assert.deepEqual(stopAgain!.commands, []);
  assert.equal(stopAgain!.reply, "ok");
  assert.deepEqual(late!.callbacks, [], "no callback after stop");
  assert.equal(restart!.reply, "ok");
  assert.equal(restart!.status, "connecting");
});

Deno.test("a second start while running replies already_started and touches nothing", () => {
  const { last } = run(STA, [{ type: "start" }, { type: "start" }]);
  assert.deepEqual(last.reply, { error: "already_started" });
  assert.deepEqual(last.commands, []);
});

Deno.test("seed 34: SNTP in the seed's form starts SNTP; only the newer form registers synchronized", () => {
  const seedForm = run({ ...STA, sntp: "pool.ntp.org" }, [{ type: "start" }, {
    type: "sntp_sync",
    sec: 1,
    usec: 2,
  }]);
  assert.deepEqual(seedForm.records[0]!.commands.at(-1), {
    command: "start_sntp",
    host: "pool.ntp.org",
  });
  assert.deepEqual(seedForm.last.callbacks, []);
  const newForm = run({ ...STA, sntp: { host: "pool.ntp.org", synchronized: true } }, [
    { type: "start" },
    { type: "sntp_sync", sec: 1795000000, usec: 250000 },
  ]);
  assert.deepEqual(newForm.last.callbacks, [{
    name: "synchronized",
    args: [{ sec: 1795000000, usec: 250000 }],
  }]);
});

Deno.test("seed 35: the DHCP hostname: a default of twelve hex digits, and limits enforced", () => {
  assert.equal(
    (run({ sta: { ssid: "s" } }, [{ type: "start" }]).last.commands[1] as { hostname: string })
      .hostname,
    "atomvm-240ac4123456",
  );
  assert.equal(
    (run({ sta: { ssid: "s", dhcp_hostname: "kitchen" } }, [{ type: "start" }]).last
      .commands[1] as { hostname: string }).hostname,
    "kitchen",
  );
  const long = errorOf(
    run({ sta: { ssid: "s", dhcp_hostname: "a-very-long-hostname-longer-than-32-chars" } }, [{
      type: "start",
    }]).last.reply,
  );
  assert.deepEqual(long.problems, [{
    path: "sta.dhcp_hostname",
    message: "must be 1 to 32 bytes (ESP-IDF's hostname limit), got 41 bytes",
  }]);
  const notText = errorOf(
    run({ sta: { ssid: "s", dhcp_hostname: 42 } }, [{ type: "start" }]).last.reply,
  );
  assert.deepEqual(notText.problems, [{
    path: "sta.dhcp_hostname",
    message: "must be a string, got an integer",
  }]);
});

Deno.test("seed 36: an AP event right after start, at the same instant, is never taken for the reply", () => {
  const { records } = run({ ap: AP_CALLBACKS }, [{ type: "start", at: 0 }, {
    type: "ap_started",
    at: 0,
  }]);
  assert.equal(records[0]!.reply, "ok");
  assert.deepEqual(records[1]!.callbacks, [{ name: "ap_started", args: [] }]);
});
