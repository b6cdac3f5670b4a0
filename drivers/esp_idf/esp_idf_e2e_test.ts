/**
 * Issue 13, end to end through real FFI: the shell and the ESP-IDF driver on the project's
 * implementation of ESP-IDF's WiFi API for Linux (native/esp_idf/), whose events come from its
 * own thread as ESP-IDF's event task's do. The npm build runs this same file on Node (koffi).
 */
import assert from "node:assert/strict";
import { callbacksOf, countCallbacks, inputsOf } from "../_session.ts";
import { IDF_VERSIONS, idfLayouts } from "./layouts.ts";
import { addAp, idfSession, macBytes, setWorld, simFor, simState } from "./_sim.ts";

const HOME = {
  ssid: "home",
  psk: "secret12",
  bssid: "a4:2b:b0:11:22:33",
  channel: 6,
  rssi: -52,
  subnet: 7,
};
const STATION = {
  ssid: "home",
  psk: "secret12",
  connected: true,
  disconnected: true,
  got_ip: true,
};

const callbacks = callbacksOf;
const count = countCallbacks;
const inputs = inputsOf;

Deno.test("esp-idf over FFI: the stand-in's struct layouts are the binding's, for 5.1 to 6.0", async () => {
  let compared = 0;
  for (const version of IDF_VERSIONS) {
    const { sim } = await simFor(version);
    const pointer = sim.symbols.netfsm_sim_layouts();
    assert.ok(pointer !== null);
    const measured: Record<string, Record<string, [number, number]>> = JSON.parse(
      sim.readCString(pointer),
    );
    const ours = idfLayouts(version, "lp64") as unknown as Record<
      string,
      { size: number; fields: Record<string, readonly [number, number]> }
    >;
    for (const [name, layout] of Object.entries(ours)) {
      const fields = measured[name];
      if (fields === undefined) continue; // esp_sntp_config_t's servers array, say, by another name
      for (const [field, where] of Object.entries(layout.fields)) {
        if (fields[field] === undefined) continue;
        assert.deepEqual(where, fields[field], `${version} ${name}.${field}`);
        compared++;
      }
      const sizeof = (measured as unknown as { $sizeof?: Record<string, [number, number]> })
        .$sizeof?.[name];
      if (sizeof !== undefined) assert.equal(layout.size, sizeof[0], `${version} sizeof ${name}`);
    }
    sim.close();
  }
  assert.ok(compared > 300, `${compared} fields compared`);
});

Deno.test("esp-idf over FFI: a station joins, gets its address, and stops cleanly", async () => {
  const { path, sim } = await simFor("5.5");
  addAp(sim, HOME);
  const session = await idfSession(path, "5.5", { sta: { ...STATION, dhcp_hostname: "sensor-7" } });
  try {
    await session.until((r) => count(r, "got_ip") === 1, "got_ip");
    assert.deepEqual(
      callbacks(session.records).find((c) => c.startsWith("got_ip ")),
      'got_ip [{"ip":"192.168.7.100","netmask":"255.255.255.0","gw":"192.168.7.1"}]',
    );
    const connected = session.records.find((r) => inputs([r])[0] === "sta_connected");
    assert.deepEqual(connected?.input, {
      type: "sta_connected",
      ssid: "home",
      bssid: "a4:2b:b0:11:22:33",
      channel: 6,
      aid: (connected?.input as { aid?: number }).aid,
    });
    assert.equal(session.driver.capabilities.device.mac.length, 17);
    assert.match(JSON.stringify(simState(sim)), /sensor-7/, "the hostname reached esp_netif");
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf over FFI: a lost AP is beacon loss, reason 200, and a rejoin after netfsm's backoff", async () => {
  const { path, sim } = await simFor("5.5");
  const id = addAp(sim, HOME);
  const session = await idfSession(path, "5.5", { sta: STATION });
  try {
    await session.until((r) => count(r, "got_ip") === 1, "got_ip");
    sim.symbols.netfsm_sim_ap_present(id, 0);
    await session.until((r) => inputs(r).includes("sta_disconnected"), "the loss");
    const lost = session.records.find((r) => inputs([r])[0] === "sta_disconnected");
    assert.deepEqual(lost?.input, { type: "sta_disconnected", reason: 200 });
    assert.ok(inputs(session.records).includes("sta_beacon_timeout"));
    sim.symbols.netfsm_sim_ap_present(id, 1);
    await session.until((r) => count(r, "got_ip") === 2, "the second got_ip");
    const after = session.records.slice(session.records.indexOf(lost!));
    assert.ok(after.some((r) => (r.input as { timer?: string }).timer === "reconnect"));
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf over FFI: a wrong password is reason 15, retried as slowly as wrong credentials", async () => {
  const { path, sim } = await simFor("5.5");
  addAp(sim, HOME);
  const session = await idfSession(path, "5.5", { sta: { ...STATION, psk: "not-the-key" } });
  try {
    await session.until((r) => inputs(r).includes("sta_disconnected"), "the failed join");
    const failed = session.records.find((r) => inputs([r])[0] === "sta_disconnected");
    assert.deepEqual(failed?.input, { type: "sta_disconnected", reason: 15 });
    assert.equal(session.shell.state.disconnect?.class, "handshake_timeout");
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf over FFI: a soft-AP, a visitor who joins, gets an address and leaves; a scan", async () => {
  const { path, sim } = await simFor("5.5");
  addAp(sim, HOME);
  addAp(sim, { ...HOME, ssid: "cafe", psk: "", bssid: "a4:2b:b0:44:55:66", rssi: -70, subnet: 8 });
  const session = await idfSession(path, "5.5", {
    sta: { ...STATION, scan_done: true },
    ap: {
      ssid: "netfsm-setup",
      psk: "apsecret1",
      sta_connected: true,
      sta_ip_assigned: true,
      sta_disconnected: true,
      ap_started: true,
    },
  });
  try {
    await session.until((r) => count(r, "ap_started") === 1 && count(r, "got_ip") === 1, "both up");
    const visitor = macBytes("3c:22:fb:01:02:03");
    assert.ok(sim.symbols.netfsm_sim_visitor_join(visitor) > 0);
    await session.until((r) => count(r, "sta_ip_assigned") === 1, "the visitor's address");
    assert.equal(sim.symbols.netfsm_sim_visitor_leave(visitor, 8), 0);
    await session.until((r) => count(r, "sta_disconnected") === 1, "the visitor leaving");
    assert.equal(session.shell.request({ type: "scan" }), "ok");
    await session.until((r) => count(r, "scan_done") === 1, "scan_done");
    const done = callbacks(session.records).find((c) => c.startsWith("scan_done "));
    assert.match(done ?? "", /"ssid":"home".*"ssid":"cafe"/, "strongest first");
    assert.deepEqual(
      callbacks(session.records).filter((c) =>
        /^sta_(connected|ip_assigned|disconnected) /.test(c)
      ),
      [
        'sta_connected ["3c:22:fb:01:02:03"]',
        'sta_ip_assigned ["192.168.4.2"]',
        'sta_disconnected ["3c:22:fb:01:02:03"]',
      ],
    );
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf over FFI: SNTP's sync callback, from the library's thread, is synchronized", async () => {
  const { path, sim } = await simFor("5.5");
  addAp(sim, HOME);
  setWorld(sim, "sntp_epoch", 1_795_000_000);
  const session = await idfSession(path, "5.5", {
    sta: STATION,
    sntp: { host: "pool.ntp.org", synchronized: true },
  });
  try {
    await session.until((r) => count(r, "synchronized") === 1, "synchronized");
    assert.ok(callbacks(session.records).includes('synchronized [{"sec":1795000000,"usec":0}]'));
    assert.match(JSON.stringify(simState(sim)), /pool\.ntp\.org/);
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf over FFI: a refusal names ESP-IDF's error", async () => {
  const { path, sim } = await simFor("5.5");
  addAp(sim, HOME);
  setWorld(sim, "assoc_ms", 2000);
  const session = await idfSession(path, "5.5", { sta: { ...STATION, scan_done: true } });
  try {
    await session.until(
      () => (simState(sim).sta as { state?: string }).state === "connecting",
      "the join under way",
    );
    // A scan while the station joins: ESP-IDF refuses it; the driver says with which error.
    const refused = await session.driver.apply({
      command: "scan",
      results: 5,
      dwell_ms: 120,
      show_hidden: false,
      passive: false,
    });
    assert.deepEqual(refused, { _tag: "Left", left: "esp_wifi_scan_start: ESP_ERR_WIFI_STATE" });
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf over FFI: every one of versions 5.1 to 6.0 joins with its own layouts", async () => {
  for (const version of IDF_VERSIONS) {
    const { path, sim } = await simFor(version);
    addAp(sim, HOME);
    const session = await idfSession(path, version, { sta: STATION });
    try {
      await session.until((r) => count(r, "got_ip") === 1, `got_ip on ${version}`);
      const connected = session.records.find((r) => inputs([r])[0] === "sta_connected");
      assert.equal((connected?.input as { bssid?: string }).bssid, HOME.bssid, version);
    } finally {
      await session.end();
      sim.close();
    }
  }
});

Deno.test("esp-idf over FFI: a storm of 10,000 events from the library's thread while JS is busy: all, in order", async () => {
  const { path, sim } = await simFor("5.5");
  const { openEspIdf } = await import("./esp_idf_driver.ts");
  const opened = await openEspIdf({ lib: path, idf: "5.5" });
  if (opened._tag === "Left") throw new Error(opened.left);
  const driver = opened.right;
  const macs: string[] = [];
  driver.events.subscribe((e) => e.type === "ap_sta_connected" && macs.push(e.mac));
  try {
    assert.equal((await driver.apply({ command: "start_wifi", mode: "sta" }))._tag, "Right");
    assert.equal(sim.symbols.netfsm_sim_storm(10_000), 0);
    const busyUntil = Date.now() + 200;
    while (Date.now() < busyUntil) { /* the JS thread is busy: the library's thread waits */ }
    const end = Date.now() + 20_000;
    while (macs.length < 10_000 && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(macs.length, 10_000);
    const expected = (i: number) =>
      "02:00:" +
      [24, 16, 8, 0].map((s) => ((i >>> s) & 0xff).toString(16).padStart(2, "0")).join(":");
    const firstWrong = macs.findIndex((mac, i) => mac !== expected(i));
    assert.equal(firstWrong, -1, `event ${firstWrong} out of order: ${macs[firstWrong]}`);
  } finally {
    await driver.close();
    sim.close();
  }
});

Deno.test("esp-idf over FFI: closing the driver unregisters its handlers and refuses commands", async () => {
  const { path, sim } = await simFor("5.5");
  addAp(sim, HOME);
  const session = await idfSession(path, "5.5", { sta: STATION });
  await session.until((r) => count(r, "got_ip") === 1, "got_ip");
  assert.equal(simState(sim).handlers, 2);
  await session.end();
  assert.equal(simState(sim).handlers, 0, "both handlers unregistered");
  assert.equal(simState(sim).event_loop, false, "the default loop deleted");
  assert.equal(simState(sim).inited, false, "WiFi deinitialised");
  assert.equal((await session.driver.apply({ command: "read_rssi" }))._tag, "Left");
  sim.close();
});
