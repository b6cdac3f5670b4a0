/**
 * `start_mdns` on the ESP-IDF driver, through real FFI into the stand-in's mdns component
 * (native/esp_idf/src/sim_netif.c), on Deno and (the npm build) on Node.
 */
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { ensureNative } from "../../scripts/build_native.ts";
import { openLibrary } from "../ffi/library.ts";
import { MDNS_FUNCTIONS } from "./binding.ts";
import { openEspIdf } from "./esp_idf_driver.ts";
import { IDF_VERSIONS } from "./layouts.ts";
import { Mdns } from "./mdns.ts";
import { addAp, idfSession, type Sim, simFor, simState, simWithoutMdns } from "./_sim.ts";

const HOME = {
  ssid: "home",
  psk: "secret12",
  bssid: "a4:2b:b0:11:22:33",
  channel: 6,
  rssi: -52,
  subnet: 7,
};
const STATION = { ssid: "home", psk: "secret12", got_ip: true };
const START = {
  command: "start_mdns",
  hostname: "sensor-7",
  ttl: 900,
  ip: "192.168.7.100",
} as const;

interface MdnsState {
  inited: boolean;
  hostname: string | null;
  sta: boolean;
  ap: boolean;
  inits: number;
  frees: number;
}

const mdnsOf = (sim: Sim) => simState(sim).mdns as MdnsState;
const gotIp = (sim: Sim) => (simState(sim).sta as { has_ip?: boolean }).has_ip === true;

/** Waits until `check` holds of the stand-in, or fails naming `what`. */
async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`no ${what} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test("esp-idf mdns: start_mdns on the station's address runs the component with the hostname, 5.1 to 6.0", async () => {
  for (const version of IDF_VERSIONS) {
    const { path, sim } = await simFor(version);
    addAp(sim, HOME);
    const session = await idfSession(path, version, { sta: STATION });
    try {
      assert.deepEqual(session.driver.capabilities.mdns, { ttl: false }, version);
      await until(() => gotIp(sim), `got_ip on ${version}`);
      assert.deepEqual(await session.driver.apply(START), { _tag: "Right", right: undefined });
      const mdns = mdnsOf(sim);
      assert.deepEqual(
        { inited: mdns.inited, hostname: mdns.hostname, sta: mdns.sta },
        { inited: true, hostname: "sensor-7", sta: true },
        version,
      );
      assert.equal(
        (simState(sim).sta as { ip: string }).ip,
        START.ip,
        "it answers with this address",
      );
    } finally {
      await session.end();
    }
    assert.equal(mdnsOf(sim).inited, false, `${version}: closing frees the responder`);
    assert.equal(simState(sim).handlers, 0, `${version}: its handlers went with it`);
    sim.close();
  }
});

Deno.test("esp-idf mdns: through the core, { mdns } starts the responder on the address and restarts it on the next", async () => {
  const { path, sim } = await simFor("5.5");
  const id = addAp(sim, HOME);
  const session = await idfSession(path, "5.5", {
    sta: STATION,
    mdns: { hostname: "sensor-7", ttl: 60 },
  });
  const started = () =>
    session.records.flatMap((r) => r.commands).filter((c) => c.command === "start_mdns");
  try {
    await session.until(() => mdnsOf(sim).hostname === "sensor-7", "the responder named");
    assert.equal(mdnsOf(sim).sta, true);
    sim.symbols.netfsm_sim_ap_present(id, 0);
    await session.until(() => !mdnsOf(sim).sta, "the responder off the lost station");
    sim.symbols.netfsm_sim_ap_present(id, 1);
    await session.until(() => started().length === 2 && mdnsOf(sim).inits === 2, "the restart");
    assert.deepEqual(started()[1], {
      command: "start_mdns",
      hostname: "sensor-7",
      ttl: 60,
      ip: "192.168.7.100",
    });
    assert.deepEqual(
      [mdnsOf(sim).hostname, mdnsOf(sim).sta, mdnsOf(sim).frees],
      ["sensor-7", true, 1],
    );
  } finally {
    await session.end();
  }
  assert.equal(mdnsOf(sim).inited, false, "stopped as the run ends (stop_wifi, close)");
  sim.close();
});

Deno.test("esp-idf mdns: a second start_mdns restarts the responder (free, init, name)", async () => {
  const { path, sim } = await simFor("5.5");
  addAp(sim, HOME);
  const session = await idfSession(path, "5.5", { sta: STATION });
  try {
    await until(() => gotIp(sim), "got_ip");
    assert.equal((await session.driver.apply(START))._tag, "Right");
    assert.equal((await session.driver.apply({ ...START, hostname: "Sensor-8" }))._tag, "Right");
    const mdns = mdnsOf(sim);
    assert.deepEqual(
      { hostname: mdns.hostname, inits: mdns.inits, frees: mdns.frees, sta: mdns.sta },
      { hostname: "Sensor-8", inits: 2, frees: 1, sta: true },
    );
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf mdns: stop_wifi stops the responder", async () => {
  const { path, sim } = await simFor("5.5");
  addAp(sim, HOME);
  const session = await idfSession(path, "5.5", { sta: STATION });
  try {
    await until(() => gotIp(sim), "got_ip");
    assert.equal((await session.driver.apply(START))._tag, "Right");
    assert.equal((await session.driver.apply({ command: "stop_wifi" }))._tag, "Right");
    await until(() => !mdnsOf(sim).inited, "mdns_free after stop_wifi");
    assert.deepEqual(mdnsOf(sim), {
      inited: false,
      hostname: null,
      sta: false,
      ap: false,
      inits: 1,
      frees: 1,
    });
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf mdns: the component follows the station itself: off at a disconnection, on at the next address", async () => {
  const { path, sim } = await simFor("5.5");
  const id = addAp(sim, HOME);
  const session = await idfSession(path, "5.5", { sta: STATION });
  try {
    await until(() => gotIp(sim), "got_ip");
    assert.equal((await session.driver.apply(START))._tag, "Right");
    sim.symbols.netfsm_sim_ap_present(id, 0);
    await until(() => !mdnsOf(sim).sta, "the responder off the station after beacon loss");
    sim.symbols.netfsm_sim_ap_present(id, 1);
    // The core would send start_mdns again; before it does, the component is back by itself.
    await until(() => mdnsOf(sim).sta, "the responder back on the station's new lease");
    assert.equal(mdnsOf(sim).inits, 1);
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf mdns: start_mdns while the event task waits inside the driver's handler does not deadlock", async () => {
  const { path, sim } = await simFor("5.5");
  const driver = await openEspIdf({ lib: path, idf: "5.5" });
  if (driver._tag === "Left") throw new Error(driver.left);
  let seen = 0;
  driver.right.events.subscribe((e) => e.type === "ap_sta_connected" && seen++);
  try {
    assert.equal((await driver.right.apply({ command: "start_wifi", mode: "sta" }))._tag, "Right");
    // The event task calls the driver's handler back to back: mdns_init's registration must
    // wait for it off the JS thread, which that handler is waiting for.
    assert.equal(sim.symbols.netfsm_sim_storm(2_000), 0);
    await until(() => seen > 0, "the storm under way");
    assert.equal((await driver.right.apply({ ...START, hostname: "busy" }))._tag, "Right");
    await until(() => seen === 2_000, "the whole storm");
    assert.equal(mdnsOf(sim).hostname, "busy");
  } finally {
    await driver.right.close();
    sim.close();
  }
});

Deno.test("esp-idf mdns: a name the component refuses is ESP_ERR_INVALID_ARG, and no responder is left", async () => {
  const { path, sim } = await simFor("5.5");
  addAp(sim, HOME);
  const session = await idfSession(path, "5.5", { sta: STATION });
  try {
    const long = "h".repeat(65); // over MDNS_NAME_MAX_LEN (64)
    assert.deepEqual(await session.driver.apply({ ...START, hostname: long }), {
      _tag: "Left",
      left: `mdns_hostname_set("${long}"): ESP_ERR_INVALID_ARG`,
    });
    assert.equal(mdnsOf(sim).inited, false);
    assert.equal(
      (await session.driver.apply({ ...START, hostname: "h".repeat(64) }))._tag,
      "Right",
    );
  } finally {
    await session.end();
    sim.close();
  }
});

Deno.test("esp-idf mdns: a library without the mdns component refuses start_mdns, saying so", async () => {
  const path = await ensureNative("ffi_test");
  const mdns = await Mdns.open(path);
  assert.equal(mdns.available, false);
  const refused = (await mdns.start("sensor-7")) ?? "";
  assert.ok(
    refused.startsWith(`start_mdns: the library has no mdns component (cannot open ${path}`),
    refused,
  );
  assert.match(refused, /has no symbol mdns_/);
  await mdns.stop();
  mdns.close();
});

Deno.test("esp-idf mdns: a firmware without the component drives WiFi, offers no mDNS, refuses start_mdns", async () => {
  const path = await simWithoutMdns("5.5");
  const driver = await openEspIdf({ lib: path, idf: "5.5" });
  try {
    if (driver._tag === "Left") throw new Error(driver.left);
    assert.equal(driver.right.capabilities.mdns, undefined);
    assert.equal((await driver.right.apply({ command: "start_wifi", mode: "sta" }))._tag, "Right");
    const refused = await driver.right.apply(START);
    assert.ok(refused._tag === "Left");
    assert.match(
      refused.left,
      /^start_mdns: the library has no mdns component \(cannot open .*no symbol mdns_/,
    );
    await driver.right.close();
  } finally {
    await rm(path, { force: true });
  }
});

Deno.test("esp-idf mdns: the stand-in's codes are the component's", async () => {
  const { path, sim } = await simFor("5.5");
  const opened = await openLibrary(path, {
    ...MDNS_FUNCTIONS,
    mdns_hostname_get: { parameters: ["buffer"], result: "i32" },
    esp_event_loop_create_default: { parameters: [], result: "i32" },
  });
  if (opened._tag === "Left") throw new Error(opened.left);
  const s = opened.right.symbols;
  const name = (text: string) => new TextEncoder().encode(text + "\0");
  const buffer = new Uint8Array(65);
  try {
    assert.equal(s.mdns_hostname_set(name("a")), 0x102, "before init: INVALID_ARG");
    assert.equal(await s.mdns_init(), 0x103, "no default loop: INVALID_STATE");
    assert.equal(s.esp_event_loop_create_default(), 0);
    assert.equal(await s.mdns_init(), 0);
    assert.equal(await s.mdns_init(), 0, "again: ESP_OK, nothing done");
    assert.equal(mdnsOf(sim).inits, 1);
    assert.equal(s.mdns_hostname_get(buffer), 0x103, "no name yet: INVALID_STATE");
    assert.equal(s.mdns_hostname_set(name("")), 0x102, "empty: INVALID_ARG");
    assert.equal(s.mdns_hostname_set(name("x".repeat(65))), 0x102, "65 bytes: INVALID_ARG");
    assert.equal(s.mdns_hostname_set(name("Kitchen")), 0);
    assert.equal(s.mdns_hostname_get(buffer), 0);
    assert.equal(new TextDecoder().decode(buffer.subarray(0, buffer.indexOf(0))), "Kitchen");
    assert.equal(simState(sim).handlers, 2, "its WIFI_EVENT and IP_EVENT handlers");
    await s.mdns_free();
    await s.mdns_free(); // nothing to free: no effect
    assert.deepEqual([mdnsOf(sim).frees, simState(sim).handlers], [1, 0]);
    assert.equal(s.mdns_hostname_set(name("Kitchen")), 0x102, "after free: INVALID_ARG");
  } finally {
    sim.symbols.netfsm_sim_reset();
    opened.right.close();
    sim.close();
  }
});
