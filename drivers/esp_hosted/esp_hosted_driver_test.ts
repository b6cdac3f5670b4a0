/**
 * The ESP-Hosted driver on its own, through real FFI into the stand-in with strict_rx on:
 * opening (and failing to, clearly), a storm of events while JavaScript is busy, a late answer
 * that puts the library's answers out of step, and a close that leaves nothing behind.
 */
import assert from "node:assert/strict";
import process from "node:process";
import type { DriverEvent } from "../driver.ts";
import { SUBSCRIBED_EVENTS } from "./binding.ts";
import { openEspHosted } from "./esp_hosted_driver.ts";
import { addAp, openDriver, openSim, setDelay, simState } from "./_sim.ts";

const HOME = { ssid: "home", psk: "secret12", bssid: "a4:2b:b0:11:22:33", channel: 6, rssi: -52 };

/** Keeps the JS thread from its event loop for `ms`, as a long synchronous task would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test("esp-hosted: init without /dev/esps0 is a clear error that says what to check", async () => {
  const { path, sim } = await openSim();
  process.env.NETFSM_HOSTED_DEVICE = "/nonexistent/netfsm/esps0";
  try {
    const started = Date.now();
    const opened = await openEspHosted({ lib: path });
    assert.ok(opened._tag === "Left", "no driver");
    assert.ok(Date.now() - started < 5000, "no hang");
    const message = opened.left;
    assert.match(message, /init_hosted_control_lib failed \(-1\)/);
    assert.match(message, /\/dev\/esps0 does not exist/);
    assert.match(message, /lsmod/);
    assert.match(message, /esp32_spi or esp32_sdio/);
    assert.match(message, /ESP-Hosted-FG firmware/);
    assert.match(message, /root or in the group that owns \/dev\/esps0/);
    assert.equal(simState(sim).initialised, false);
  } finally {
    sim.close();
  }
});

Deno.test("esp-hosted: a library that cannot be loaded is the FFI layer's error, passed on", async () => {
  const opened = await openEspHosted({ lib: "/no/such/dir/libesp_hosted_rpc.so" });
  assert.ok(opened._tag === "Left");
  assert.match(opened.left, /^cannot open \/no\/such\/dir\/libesp_hosted_rpc\.so: /);
});

Deno.test("esp-hosted: an ESP32 that does not answer fails the open, and nothing is left behind", async () => {
  const { path, sim } = await openSim();
  sim.symbols.netfsm_hosted_sim_set_unresponsive(1);
  try {
    const opened = await openEspHosted({ lib: path, timeoutSec: 1 });
    assert.ok(opened._tag === "Left");
    assert.match(opened.left, /^get_fw_version: no answer within 1 s: the ESP32 does not answer/);
    assert.equal(simState(sim).initialised, false, "deinitialised");
    for (const id of SUBSCRIBED_EVENTS) {
      assert.equal(sim.symbols.get_event_callback(id), null, `callback ${id} reset`);
    }
  } finally {
    sim.close();
  }
});

Deno.test("esp-hosted: open reads the firmware and MACs, turns the radio off; close releases every callback", async () => {
  const { path, sim } = await openSim();
  try {
    const { driver } = await openDriver(path, sim);
    assert.equal(driver.firmware, "FG-1.0.0.0.0");
    assert.deepEqual(driver.capabilities.device, {
      mac: "24:0a:c4:00:00:10",
      ap_mac: "24:0a:c4:00:00:11",
    });
    assert.equal(driver.capabilities.name, "esp-hosted");
    assert.equal(sim.symbols.netfsm_hosted_sim_last_mode(), 0, "WIFI_MODE_NONE until started");
    for (const id of SUBSCRIBED_EVENTS) {
      assert.ok(sim.symbols.get_event_callback(id) !== null, `callback ${id} set`);
    }
    await driver.close();
    for (const id of SUBSCRIBED_EVENTS) {
      assert.equal(sim.symbols.get_event_callback(id), null, `callback ${id} reset`);
    }
    const state = simState(sim);
    assert.equal(state.initialised, false, "deinitialised");
    assert.equal(sim.symbols.netfsm_hosted_sim_live_allocations(), 0n, "nothing leaked");
    assert.equal(state.counters.would_abort, 0);
    const refused = await driver.apply({ command: "read_rssi" });
    assert.deepEqual(refused, { _tag: "Left", left: "the ESP-Hosted driver is closed" });
  } finally {
    sim.close();
  }
});

Deno.test("esp-hosted: a storm of 10,000 events while JavaScript is busy: all arrive, in order", async () => {
  const { path, sim } = await openSim();
  try {
    const { driver } = await openDriver(path, sim, { visitorPollMs: 0 });
    const events: DriverEvent[] = [];
    driver.events.subscribe((event) => events.push(event));
    const ap = {
      ssid: "netfsm-setup",
      psk: "apsecret1",
      authmode: "wpa_wpa2_psk",
      ssid_hidden: false,
      max_connections: 10,
      hostname: "netfsm",
    } as const;
    assert.equal((await driver.apply({ command: "start_wifi", mode: "ap", ap }))._tag, "Right");
    await until(() => events.some((e) => e.type === "ap_started"), "ap_started");
    const storm = 10_000;
    assert.equal(sim.symbols.netfsm_hosted_sim_storm(306, storm), storm);
    busy(200);
    assert.equal(events.length, 1, "nothing is delivered while JavaScript is busy");
    await until(() => events.length >= storm + 1, "the storm", 60_000);
    const joined = events.filter((e) => e.type === "ap_sta_connected");
    assert.equal(joined.length, storm);
    const inOrder = joined.every((event, index) => {
      const k = index + 1;
      const mac = `02:00:00:00:${(k >> 8 & 0xff).toString(16).padStart(2, "0")}:${
        (k & 0xff).toString(16).padStart(2, "0")
      }`;
      return event.type === "ap_sta_connected" && event.mac === mac;
    });
    assert.ok(inOrder, "in the order the library's thread delivered them");
    assert.equal(await sim.symbols.netfsm_hosted_sim_wait_idle(5000), 0);
    await driver.close();
    assert.equal(sim.symbols.netfsm_hosted_sim_live_allocations(), 0n, "every event released");
    assert.equal(simState(sim).counters.events_delivered >= storm, true);
  } finally {
    sim.close();
  }
});

Deno.test("esp-hosted: an answer that came after its timeout is not taken for the next one's", async () => {
  const { path, sim } = await openSim();
  addAp(sim, HOME);
  try {
    const { driver, notices } = await openDriver(path, sim, { timeoutSec: 1 });
    const events: DriverEvent[] = [];
    driver.events.subscribe((event) => events.push(event));
    await driver.apply({ command: "start_wifi", mode: "sta" });
    await driver.apply({ command: "connect_sta", ssid: "home", psk: "secret12", hostname: "x" });
    await until(() => events.some((e) => e.type === "sta_connected"), "sta_connected");
    setDelay(sim, "response", 1500); // slower than the 1 s the driver waits
    await driver.apply({ command: "read_rssi" });
    await until(() => events.some((e) => e.type === "driver_failed"), "the timeout");
    assert.deepEqual(events.find((e) => e.type === "driver_failed"), {
      type: "driver_failed",
      command: "read_rssi",
      error: "wifi_get_ap_config: no answer within 1 s",
    });
    setDelay(sim, "response", 2);
    await new Promise((resolve) => setTimeout(resolve, 700)); // the late answer arrives
    await driver.apply({ command: "read_rssi" });
    await until(() => events.filter((e) => e.type === "driver_failed").length === 2, "stale");
    assert.match(
      JSON.stringify(events.at(-1)),
      /wifi_get_ap_config: the answer was to an earlier request/,
    );
    assert.match(notices.join("\n"), /late answer to an earlier request: restarting the library/);
    await driver.apply({ command: "read_rssi" });
    await until(() => events.some((e) => e.type === "sta_rssi_measured"), "a measurement");
    assert.deepEqual(events.at(-1), { type: "sta_rssi_measured", rssi: -52 });
    await driver.close();
    assert.equal(sim.symbols.netfsm_hosted_sim_live_allocations(), 0n);
  } finally {
    sim.close();
  }
});

for (const [name, firmware] of [["blocking", 0], ["Aug 2024", 1]] as const) {
  Deno.test(`esp-hosted: a leave is one sta_disconnected, reason 8 (${name} firmware), and the next join is not spoiled`, async () => {
    const { path, sim } = await openSim();
    sim.symbols.netfsm_hosted_sim_set_firmware(firmware);
    addAp(sim, HOME);
    try {
      const { driver } = await openDriver(path, sim);
      const events: DriverEvent[] = [];
      driver.events.subscribe((event) => events.push(event));
      const join = {
        command: "connect_sta",
        ssid: "home",
        psk: "secret12",
        hostname: "x",
      } as const;
      await driver.apply({ command: "start_wifi", mode: "sta" });
      await driver.apply(join);
      await until(() => events.some((e) => e.type === "sta_got_ip"), "sta_got_ip");
      await driver.apply({ command: "disconnect_sta" });
      await until(() => events.some((e) => e.type === "sta_disconnected"), "sta_disconnected");
      // At once, as netfsm may: the firmware's 303 for the leave (Aug 2024) may still be coming.
      await driver.apply(join);
      await until(() => events.filter((e) => e.type === "sta_got_ip").length === 2, "the rejoin");
      await new Promise((resolve) => setTimeout(resolve, 200));
      const types = events.map((e) => e.type);
      assert.deepEqual(types, [
        "sta_connected",
        "sta_got_ip",
        "sta_disconnected",
        "sta_connected",
        "sta_got_ip",
      ]);
      assert.deepEqual(events[2], { type: "sta_disconnected", reason: 8 });
      await driver.close();
    } finally {
      sim.close();
    }
  });
}

Deno.test("esp-hosted: read_rssi while not connected is a refusal naming the library's status", async () => {
  const { path, sim } = await openSim();
  try {
    const { driver } = await openDriver(path, sim);
    const events: DriverEvent[] = [];
    driver.events.subscribe((event) => events.push(event));
    await driver.apply({ command: "start_wifi", mode: "sta" });
    await driver.apply({ command: "read_rssi" });
    await until(() => events.length > 0, "an answer");
    assert.deepEqual(events, [{
      type: "driver_failed",
      command: "read_rssi",
      error: "wifi_get_ap_config: CTRL_ERR_NOT_CONNECTED",
    }]);
    const refused = await driver.apply({
      command: "start_ap",
      ap: {
        ssid: "netfsm-setup",
        psk: "apsecret1",
        authmode: "wpa_wpa2_psk",
        ssid_hidden: false,
        max_connections: 15,
        hostname: "x",
      },
    });
    assert.deepEqual(refused, {
      _tag: "Left",
      left: "max_connections 15: ESP-Hosted's control library accepts 1 to 10",
    });
    await driver.close();
  } finally {
    sim.close();
  }
});
