/**
 * Issue 13, end to end through real FFI: netfsm's shell and the ESP-Hosted driver on the
 * project's stand-in for ESP-Hosted-FG's host control library (native/esp_hosted/), whose
 * events and answers come from its own thread as the real library's do (strict_rx on). The
 * station's address comes from a FAKE of the host's DHCP client (_sim.ts: the tests cannot make
 * an `ethsta0`); the time from a tiny NTP server on 127.0.0.1. The npm build runs this same
 * file on Node (koffi).
 */
import assert from "node:assert/strict";
import type { ReplayRecord } from "../../core/trace/replay.ts";
import {
  addAp,
  callbacksOf,
  count,
  FIRMWARE,
  inputsOf,
  LEASE,
  openSim,
  session,
  setPresent,
  simState,
  visitor,
} from "./_sim.ts";
import { ntpServer } from "./_ntp_server.ts";

const HOME = { ssid: "home", psk: "secret12", bssid: "a4:2b:b0:11:22:33", channel: 6, rssi: -52 };
const STATION = {
  ssid: "home",
  psk: "secret12",
  connected: true,
  disconnected: true,
  got_ip: true,
};
const SOFT_AP = {
  ssid: "netfsm-setup",
  psk: "apsecret1",
  ap_started: true,
  sta_connected: true,
  sta_disconnected: true,
};
const VISITOR = "3c:22:fb:01:02:03";

const inputOf = (records: readonly ReplayRecord[], type: string) =>
  records.find((r) => (r.input as { type: string }).type === type)?.input as
    | Record<string, unknown>
    | undefined;

for (
  const [name, firmware] of [
    ["up to Jul 2024 (blocking connect, then 305)", FIRMWARE.blocking],
    ["from Aug 2024 (connect answered at once, then 305)", FIRMWARE.asyncConnect],
    ["of Jul 2024 exactly (blocking connect, no 305)", FIRMWARE.classic],
  ] as const
) {
  Deno.test(`esp-hosted over FFI: a station joins and gets the host's address, firmware ${name}`, async () => {
    const { path, sim } = await openSim();
    sim.symbols.netfsm_hosted_sim_set_firmware(firmware);
    addAp(sim, HOME);
    const s = await session(path, sim, { sta: STATION });
    try {
      await s.until((r) => count(r, "got_ip") === 1, "got_ip");
      assert.ok(callbacksOf(s.records).includes(`got_ip [${JSON.stringify(LEASE)}]`));
      const connected = inputOf(s.records, "sta_connected");
      assert.equal(connected?.ssid, "home");
      assert.equal(connected?.bssid, HOME.bssid);
      assert.equal(connected?.channel, 6);
      assert.equal(simState(sim).station.connected, true);
      assert.equal(sim.symbols.netfsm_hosted_sim_last_mode(), 1, "WIFI_MODE_STA");
      assert.equal(simState(sim).strict_rx, true, "answers through the library's thread");
    } finally {
      await s.end();
    }
    const state = simState(sim);
    assert.equal(state.station.connected, false, "left at stop");
    assert.equal(state.mode, 0, "the radio off");
    assert.equal(state.counters.would_abort, 0, "never a request the real library would abort");
    assert.equal(sim.symbols.netfsm_hosted_sim_live_allocations(), 0n, "nothing leaked");
    sim.close();
  });
}

Deno.test("esp-hosted over FFI: a lost AP is reason 200, and netfsm rejoins with its own backoff", async () => {
  const { path, sim } = await openSim();
  addAp(sim, HOME);
  const s = await session(path, sim, { sta: STATION });
  try {
    await s.until((r) => count(r, "got_ip") === 1, "got_ip");
    setPresent(sim, "home", false);
    await s.until((r) => inputsOf(r).includes("sta_disconnected"), "the loss");
    assert.deepEqual(inputOf(s.records, "sta_disconnected"), {
      type: "sta_disconnected",
      reason: 200,
    });
    assert.equal(s.shell.state.disconnect?.class, "beacon_loss");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    setPresent(sim, "home", true);
    await s.until((r) => count(r, "got_ip") === 2, "the second got_ip", 30_000);
    const lost = s.records.findIndex((r) =>
      (r.input as { type: string }).type === "sta_disconnected"
    );
    const after = s.records.slice(lost);
    assert.ok(after.some((r) => (r.input as { timer?: string }).timer === "reconnect"));
  } finally {
    await s.end();
    sim.close();
  }
});

Deno.test("esp-hosted over FFI: the Aug 2024 firmware's own retries are stopped after a loss", async () => {
  const { path, sim } = await openSim();
  sim.symbols.netfsm_hosted_sim_set_firmware(FIRMWARE.asyncConnect);
  addAp(sim, HOME);
  const s = await session(path, sim, { sta: STATION });
  try {
    await s.until((r) => count(r, "got_ip") === 1, "got_ip");
    setPresent(sim, "home", false);
    await s.until((r) => inputsOf(r).includes("sta_disconnected"), "the loss");
    assert.deepEqual(inputOf(s.records, "sta_disconnected")?.reason, 200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(simState(sim).station.wanted, false, "the firmware no longer retries by itself");
  } finally {
    await s.end();
    sim.close();
  }
});

Deno.test("esp-hosted over FFI: a wrong password, blocking firmware: FAILURE carries no reason", async () => {
  const { path, sim } = await openSim();
  addAp(sim, HOME);
  const s = await session(path, sim, { sta: { ...STATION, psk: "not-the-key" } });
  try {
    await s.until((r) => inputsOf(r).includes("sta_disconnected"), "the failed join");
    assert.deepEqual(inputOf(s.records, "sta_disconnected"), { type: "sta_disconnected" });
    assert.ok(s.shell.state.timers.reconnect !== undefined, "retried after a backoff");
    const told = JSON.stringify(s.events) + s.notices.join("\n");
    assert.ok(!told.includes("not-the-key"), "the psk is in no event or notice");
  } finally {
    await s.end();
    sim.close();
  }
});

Deno.test("esp-hosted over FFI: a wrong password, blocking firmware sending CTRL_ERR_INVALID_PASSWORD: 202", async () => {
  const { path, sim } = await openSim();
  sim.symbols.netfsm_hosted_sim_set_connect_failure(2, 3);
  addAp(sim, HOME);
  const s = await session(path, sim, { sta: { ...STATION, psk: "not-the-key" } });
  try {
    await s.until((r) => inputsOf(r).includes("sta_disconnected"), "the failed join");
    assert.deepEqual(inputOf(s.records, "sta_disconnected"), {
      type: "sta_disconnected",
      reason: 202,
    });
    assert.equal(s.shell.state.disconnect?.class, "wrong_credentials");
  } finally {
    await s.end();
    sim.close();
  }
});

Deno.test("esp-hosted over FFI: a wrong password, Aug 2024 firmware: 303 reason 15, its retries stopped", async () => {
  const { path, sim } = await openSim();
  sim.symbols.netfsm_hosted_sim_set_firmware(FIRMWARE.asyncConnect);
  addAp(sim, HOME);
  const s = await session(path, sim, { sta: { ...STATION, psk: "not-the-key" } });
  try {
    await s.until((r) => inputsOf(r).includes("sta_disconnected"), "the failed join");
    assert.deepEqual(inputOf(s.records, "sta_disconnected"), {
      type: "sta_disconnected",
      reason: 15,
    });
    assert.equal(s.shell.state.disconnect?.class, "handshake_timeout");
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(simState(sim).station.wanted, false, "the firmware's retries were stopped");
    assert.equal(
      inputsOf(s.records).filter((t) => t === "sta_disconnected").length,
      1,
      "one failure reported, not one per firmware retry",
    );
  } finally {
    await s.end();
    sim.close();
  }
});

Deno.test("esp-hosted over FFI: an AP that is not there, Aug 2024 firmware: 303 reason 201", async () => {
  const { path, sim } = await openSim();
  sim.symbols.netfsm_hosted_sim_set_firmware(FIRMWARE.asyncConnect);
  const s = await session(path, sim, { sta: STATION });
  try {
    await s.until((r) => inputsOf(r).includes("sta_disconnected"), "the failed join");
    assert.deepEqual(inputOf(s.records, "sta_disconnected")?.reason, 201);
    assert.equal(s.shell.state.disconnect?.class, "no_ap_found");
  } finally {
    await s.end();
    sim.close();
  }
});

for (
  const [name, firmware] of [
    ["306 and 304", FIRMWARE.blocking],
    ["304 only, joins seen in the station list (Jul 2024)", FIRMWARE.classic],
  ] as const
) {
  Deno.test(`esp-hosted over FFI: a soft-AP and a visitor who joins and leaves, events ${name}`, async () => {
    const { path, sim } = await openSim();
    sim.symbols.netfsm_hosted_sim_set_firmware(firmware);
    const s = await session(path, sim, { ap: SOFT_AP }, { visitorPollMs: 100 });
    try {
      await s.until((r) => count(r, "ap_started") === 1, "ap_started");
      const last = simState(sim).last;
      assert.equal(last.softap_ssid, "netfsm-setup");
      assert.equal(last.softap_encryption, 4, "WPA_WPA2_PSK");
      assert.equal(last.softap_channel, 1, "channel 1 unless set");
      assert.ok(visitor(sim, VISITOR, true) > 0, "joined");
      await s.until((r) => count(r, "sta_connected") === 1, "the visitor");
      assert.equal(visitor(sim, VISITOR, false), 0, "left");
      await s.until((r) => count(r, "sta_disconnected") === 1, "the visitor leaving");
      await new Promise((resolve) => setTimeout(resolve, 300)); // a few polls more
      assert.deepEqual(callbacksOf(s.records), [
        "ap_started []",
        `sta_connected ["${VISITOR}"]`,
        `sta_disconnected ["${VISITOR}"]`,
      ]);
    } finally {
      await s.end();
    }
    assert.equal(simState(sim).softap.started, false, "stopped at stop");
    sim.close();
  });
}

Deno.test("esp-hosted over FFI: a scan lists the networks, strongest first; none in range is an error", async () => {
  const { path, sim } = await openSim();
  addAp(sim, HOME);
  addAp(sim, { ssid: "cafe", bssid: "a4:2b:b0:44:55:66", channel: 11, rssi: -70 });
  const s = await session(path, sim, { sta: { ...STATION, scan_done: true } });
  try {
    await s.until((r) => count(r, "got_ip") === 1, "got_ip");
    assert.equal(s.shell.request({ type: "scan" }), "ok");
    await s.until((r) => count(r, "scan_done") === 1, "scan_done");
    const done = inputOf(s.records, "scan_done");
    assert.deepEqual(done, {
      type: "scan_done",
      networks: [
        {
          ssid: "home",
          bssid: HOME.bssid,
          rssi: -52,
          channel: 6,
          authmode: "wpa2_psk",
          hidden: false,
        },
        {
          ssid: "cafe",
          bssid: "a4:2b:b0:44:55:66",
          rssi: -70,
          channel: 11,
          authmode: "open",
          hidden: false,
        },
      ],
      found: 2,
    });
    setPresent(sim, "home", false);
    setPresent(sim, "cafe", false);
    await s.until((r) => inputsOf(r).includes("sta_disconnected"), "the loss");
    assert.equal(s.shell.request({ type: "scan" }), "ok");
    await s.until((r) => count(r, "scan_done") === 2, "the second scan_done");
    const second = s.records.filter((r) => (r.input as { type: string }).type === "scan_done")[1];
    assert.match(
      String((second?.input as { error?: string }).error),
      /^wifi_ap_scan_list: FAILURE \(no AP in range, or the scan failed\)$/,
    );
  } finally {
    await s.end();
    sim.close();
  }
});

Deno.test("esp-hosted over FFI: SNTP from the host, against a local NTP server: its time", async () => {
  const time = { sec: 1_795_000_000, usec: 500_000 };
  const server = await ntpServer(time);
  const { path, sim } = await openSim();
  addAp(sim, HOME);
  const s = await session(
    path,
    sim,
    { sta: STATION, sntp: { host: "127.0.0.1", synchronized: true } },
    { sntpPort: server.port },
  );
  try {
    await s.until((r) => count(r, "synchronized") === 1, "synchronized");
    assert.ok(callbacksOf(s.records).includes(`synchronized [${JSON.stringify(time)}]`));
    assert.ok(server.requests() >= 1);
  } finally {
    await s.end();
    await server.close();
    sim.close();
  }
});

Deno.test("esp-hosted over FFI: stop leaves, stops the soft-AP, turns the radio off; no event after it", async () => {
  const { path, sim } = await openSim();
  addAp(sim, HOME);
  const s = await session(path, sim, { sta: STATION, ap: SOFT_AP }, { visitorPollMs: 50 });
  try {
    await s.until((r) => count(r, "got_ip") === 1 && count(r, "ap_started") === 1, "both up");
    assert.equal(s.shell.request({ type: "stop" }), "ok");
    const events = s.events.length;
    // A visitor who joins before the ESP32 has been told: its 306 is not reported.
    visitor(sim, VISITOR, true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const state = simState(sim);
    assert.equal(state.mode, 0, "WIFI_MODE_NONE");
    assert.equal(state.station.connected, false);
    assert.equal(state.softap.started, false);
    sim.symbols.netfsm_hosted_sim_storm(305, 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(s.events.length, events, "no event after stop_wifi");
  } finally {
    await s.end();
    sim.close();
  }
});

Deno.test("esp-hosted over FFI: an ESP32 that resets itself (301) is put back, and netfsm rejoins", async () => {
  const { path, sim } = await openSim();
  addAp(sim, HOME);
  const s = await session(path, sim, { sta: STATION, ap: SOFT_AP }, { visitorPollMs: 0 });
  try {
    await s.until((r) => count(r, "got_ip") === 1 && count(r, "ap_started") === 1, "both up");
    assert.ok(visitor(sim, VISITOR, true) > 0);
    await s.until((r) => count(r, "sta_connected") === 1, "the visitor");
    assert.equal(sim.symbols.netfsm_hosted_sim_esp_reset(), 0);
    await s.until((r) => count(r, "got_ip") === 2, "got_ip after the reset", 30_000);
    assert.match(s.notices.join("\n"), /the ESP32 reset itself \(event ESP_INIT\)/);
    assert.ok(count(s.records, "disconnected") >= 1, "the station's link was reported gone");
    assert.ok(
      callbacksOf(s.records).includes(`sta_disconnected ["${VISITOR}"]`),
      "so was the visitor",
    );
    const state = simState(sim);
    assert.equal(state.softap.started, true, "the soft-AP was started again");
    assert.equal(state.mode, 3, "WIFI_MODE_APSTA");
  } finally {
    await s.end();
    sim.close();
  }
});
