import assert from "node:assert/strict";
import type { DriverEvent } from "../driver.ts";
import { openEspAt } from "./esp_at_driver.ts";
import { ScriptedModule } from "./_scripted_module.ts";

const TAKING_CHARGE = [
  "AT",
  "AT+RST",
  "AT",
  "ATE0",
  "AT+SYSSTORE=0",
  "AT+CWRECONNCFG=0,0",
  "AT+CWAUTOCONN=0",
  "AT+CIPV6=1",
  "AT+GMR",
  "AT+CWQAP",
  "AT+CIPSTAMAC?",
  "AT+CIPAPMAC?",
  "AT+CWMODE=0",
];

async function opened(module: ScriptedModule, notices: string[] = []) {
  const result = await openEspAt(module.host, { onNotice: (n) => notices.push(n) });
  if (result._tag === "Left") throw new Error(result.left);
  const driver = result.right;
  const events: DriverEvent[] = [];
  driver.events.subscribe((event) => events.push(event));
  return { driver, events, notices };
}

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const JOINED = [
  { when: /^AT\+CWJAP=/, reply: () => ["WIFI CONNECTED", "WIFI GOT IP", "", "OK"] },
  {
    when: /^AT\+CIPSTA\?$/,
    reply: () => [
      '+CIPSTA:ip:"192.168.3.112"',
      '+CIPSTA:gateway:"192.168.3.1"',
      '+CIPSTA:netmask:"255.255.255.0"',
      "OK",
    ],
  },
];

async function joined(module: ScriptedModule) {
  const open = await opened(module);
  await open.driver.apply({ command: "start_wifi", mode: "sta" });
  await open.driver.apply({ command: "connect_sta", ssid: "home", psk: "secret12", hostname: "h" });
  await until(() => open.events.some((e) => e.type === "sta_got_ip"), "an address");
  return open;
}

Deno.test("open: resets the module, takes charge of it, and reads its MACs and version", async () => {
  const module = new ScriptedModule();
  const { driver } = await opened(module);
  assert.deepEqual(module.received, TAKING_CHARGE);
  assert.deepEqual(driver.capabilities.device, {
    mac: "24:0a:c4:12:34:56",
    ap_mac: "24:0a:c4:12:34:57",
  });
  assert.equal(driver.capabilities.reasons, false);
  assert.match(driver.firmware[0]!, /^AT version:3\.2\.0\.0/);
  await driver.close();
});

Deno.test("open: echo on, busy p... and boot noise are waded through", async () => {
  let busy = 2;
  const module = new ScriptedModule([{
    when: /^AT$/,
    reply: (line) => busy-- > 0 ? [line, "busy p..."] : [line, "", "OK"],
  }, { when: /^ATE0$/, reply: (line) => [line, "", "OK"] }]);
  await module.print("ets Jun  8 2016 00:22:57", "rst:0x1 (POWERON_RESET)");
  const { driver } = await opened(module);
  assert.ok(
    module.received.filter((line) => line === "AT").length >= 4,
    "busy answers were resent",
  );
  await driver.close();
});

Deno.test("open: a port that does not speak ESP-AT is an error naming it, after 3 s", async () => {
  const module = new ScriptedModule([{ when: /./, reply: () => "silent" }]);
  const result = await openEspAt(module.host);
  assert.equal(result._tag, "Left");
  assert.match(
    result._tag === "Left" ? result.left : "",
    /^host does not answer as ESP-AT does: no OK to "AT" in 3 s/,
  );
});

Deno.test("join: the hostname, then AT+CWJAP without the firmware's own reconnection; events carry the module's address", async () => {
  const module = new ScriptedModule(JOINED);
  const { driver, events } = await joined(module);
  assert.ok(module.received.includes('AT+CWHOSTNAME="h"'));
  assert.ok(module.received.includes('AT+CWJAP="home","secret12",,,0'));
  assert.ok(module.received.includes("AT+CWMODE=1,0"));
  assert.deepEqual(events, [
    { type: "sta_connected", ssid: "home" },
    { type: "sta_got_ip", ip: "192.168.3.112", netmask: "255.255.255.0", gw: "192.168.3.1" },
  ]);
  await driver.close();
});

Deno.test("join: +CWJAP:<code> is a disconnect with the closest ESP-IDF reason", async () => {
  for (const [code, reason] of [[1, 2], [2, 202], [3, 201], [4, 205], [0, 1]] as const) {
    const module = new ScriptedModule([
      { when: /^AT\+CWJAP=/, reply: () => [`+CWJAP:${code}`, "", "ERROR"] },
    ]);
    const { driver, events } = await opened(module);
    await driver.apply({ command: "start_wifi", mode: "sta" });
    await driver.apply({ command: "connect_sta", ssid: "home", psk: "wrong", hostname: "h" });
    await until(() => events.length > 0, "the failure");
    assert.deepEqual(events, [{ type: "sta_disconnected", reason }], `+CWJAP:${code}`);
    await driver.close();
  }
});

Deno.test("join: a bare ERROR is a refused connect_sta, and no psk is in its words", async () => {
  const module = new ScriptedModule([{ when: /^AT\+CWJAP=/, reply: () => ["ERROR"] }]);
  const { driver, events } = await opened(module);
  await driver.apply({ command: "start_wifi", mode: "sta" });
  await driver.apply({ command: "connect_sta", ssid: "home", psk: "secret12", hostname: "h" });
  await until(() => events.length > 0, "the refusal");
  assert.deepEqual(events, [{
    type: "driver_failed",
    command: "connect_sta",
    error: "AT+CWJAP: ERROR",
  }]);
  await driver.close();
});

Deno.test("a lost AP is a disconnect without a reason; a leave is one disconnect with reason 8", async () => {
  const module = new ScriptedModule(JOINED);
  const { driver, events } = await joined(module);
  await module.print("WIFI DISCONNECT");
  await until(() => events.length === 3, "the drop");
  assert.deepEqual(events[2], { type: "sta_disconnected" });
  module.answer({ when: /^AT\+CWQAP$/, reply: () => ["WIFI DISCONNECT", "", "OK"] });
  await driver.apply({ command: "connect_sta", ssid: "home", psk: "secret12", hostname: "h" });
  await until(() => events.length === 5, "the rejoin");
  await driver.apply({ command: "disconnect_sta" });
  await module.waitFor(/^AT\+CWQAP$/);
  await until(() => events.length === 6, "the leave");
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(events.slice(5), [{ type: "sta_disconnected", reason: 8 }]);
  await driver.close();
});

Deno.test("scan: AT+CWLAP's lines, strongest first, hidden ones only when asked, cut to results", async () => {
  const module = new ScriptedModule([{
    when: /^AT\+CWLAP/,
    reply: () => [
      '+CWLAP:(3,"weak",-80,"30:91:8f:a8:bc:e1",1)',
      '+CWLAP:(0,"",-40,"30:91:8f:a8:bc:e2",6)',
      '+CWLAP:(4,"Telecom-62716645",-45,"30:91:8f:a8:bc:e5",11)',
      "",
      "OK",
    ],
  }]);
  const { driver, events } = await opened(module);
  await driver.apply({ command: "start_wifi", mode: "sta" });
  await driver.apply({
    command: "scan",
    results: 1,
    dwell_ms: 120,
    show_hidden: false,
    passive: true,
  });
  await until(() => events.length > 0, "scan_done");
  assert.ok(module.received.includes("AT+CWLAPOPT=1,31"));
  assert.ok(module.received.includes("AT+CWLAP=,,,1,120,120"));
  assert.deepEqual(events, [{
    type: "scan_done",
    found: 2,
    networks: [{
      ssid: "Telecom-62716645",
      bssid: "30:91:8f:a8:bc:e5",
      rssi: -45,
      channel: 11,
      authmode: "wpa_wpa2_psk",
      hidden: false,
    }],
  }]);
  await driver.close();
});

Deno.test("read_rssi: AT+CWJAP? gives the signal; No AP is a refusal", async () => {
  let connected = true;
  const module = new ScriptedModule([...JOINED, {
    when: /^AT\+CWJAP\?$/,
    reply: () =>
      connected ? ['+CWJAP:"home","44:33:4c:90:96:9a",11,-55,0,0,3,0,1', "OK"] : ["No AP", "OK"],
  }]);
  const { driver, events } = await joined(module);
  await driver.apply({ command: "read_rssi" });
  await until(() => events.length === 3, "the measurement");
  assert.deepEqual(events[2], { type: "sta_rssi_measured", rssi: -55 });
  connected = false;
  await driver.apply({ command: "read_rssi" });
  await until(() => events.length === 4, "the refusal");
  assert.deepEqual(events[3], {
    type: "driver_failed",
    command: "read_rssi",
    error: "not connected (AT+CWJAP? answered No AP)",
  });
  await driver.close();
});

Deno.test("SNTP: the server is set with timezone 0; +TIME_UPDATED is read back as the time", async () => {
  const module = new ScriptedModule([...JOINED, {
    when: /^AT\+CIPSNTPTIME\?$/,
    reply: () => ["+CIPSNTPTIME:Thu Feb 06 15:23:50 2020", "OK"],
  }]);
  const { driver, events } = await joined(module);
  await driver.apply({ command: "start_sntp", host: "pool.ntp.org" });
  await module.waitFor(/^AT\+CIPSNTPCFG=1,0,"pool\.ntp\.org"$/);
  await module.print("+TIME_UPDATED");
  await until(() => events.length === 3, "the sync");
  assert.deepEqual(events[2], { type: "sntp_sync", sec: 1581002630, usec: 0 });
  await driver.close();
});

Deno.test("soft-AP: AT+CWSAP with its settings, started on OK; visitors in the firmware's format", async () => {
  const module = new ScriptedModule([{ when: /^AT\+CWSAP=/, reply: () => ["OK"] }]);
  const { driver, events } = await opened(module);
  await driver.apply({
    command: "start_wifi",
    mode: "ap",
    ap: {
      ssid: "atomvm-240ac4123457",
      psk: "apsecret1",
      authmode: "wpa_wpa2_psk",
      ssid_hidden: false,
      max_connections: 4,
      hostname: "h",
    },
  });
  await until(() => events.length === 1, "ap_started");
  assert.ok(module.received.includes('AT+CWSAP="atomvm-240ac4123457","apsecret1",1,4,4,0'));
  await module.print(
    '+STA_CONNECTED:"24:ee:9a:2d:6e:b4"',
    '+DIST_STA_IP:"24:ee:9a:2d:6e:b4","192.168.4.2"',
    '+STA_DISCONNECTED:"24:ee:9a:2d:6e:b4"',
  );
  await until(() => events.length === 4, "the visitor");
  assert.deepEqual(events, [
    { type: "ap_started" },
    { type: "ap_sta_connected", mac: "24:ee:9a:2d:6e:b4" },
    { type: "ap_sta_ip_assigned", mac: "24:ee:9a:2d:6e:b4", ip: "192.168.4.2" },
    { type: "ap_sta_disconnected", mac: "24:ee:9a:2d:6e:b4" },
  ]);
  await driver.close();
});

Deno.test("a module that resets itself is reported, re-initialised, and its radio put back", async () => {
  const module = new ScriptedModule(JOINED);
  const { driver, events, notices } = await joined(module);
  const before = module.received.length;
  await module.print("ready");
  await until(() => module.received.slice(before).includes("AT+CWMODE=1,0"), "the mode back");
  assert.deepEqual(events.slice(2), [{ type: "sta_disconnected" }]);
  assert.deepEqual(module.received.slice(before), [
    "ATE0",
    "AT+SYSSTORE=0",
    "AT+CWRECONNCFG=0,0",
    "AT+CWAUTOCONN=0",
    "AT+CIPV6=1",
    "AT+CWMODE=1,0",
  ]);
  assert.match(notices.join("\n"), /the module reset itself/);
  await driver.close();
});

Deno.test("a port that closes is driver_failed and `lost`; later commands are refused", async () => {
  const module = new ScriptedModule(JOINED);
  const { driver, events } = await joined(module);
  await module.unplug();
  assert.match(await driver.lost, /^host: /);
  assert.deepEqual(events.at(-1)?.type, "driver_failed");
  assert.equal((await driver.apply({ command: "read_rssi" }))._tag, "Left");
  await driver.close();
});

Deno.test("a module that stops answering is lost after two silences, not a hang", async () => {
  const module = new ScriptedModule(JOINED);
  const { driver, events } = await joined(module);
  module.answer({ when: /./, reply: () => "silent" });
  await driver.apply({ command: "read_rssi" });
  await driver.apply({ command: "read_rssi" });
  assert.match(await driver.lost, /^the module stopped answering \(no answer to AT\+CWJAP\?/);
  assert.deepEqual(events.slice(2).map((e) => e.type), ["driver_failed", "driver_failed"]);
  await driver.close();
});

Deno.test("IPv6: WIFI GOT IPv6 LL is followed by AT+CIPSTA?, whose ip6ll line is the event", async () => {
  const module = new ScriptedModule(JOINED);
  const { driver, events } = await joined(module);
  module.answer({
    when: /^AT\+CIPSTA\?$/,
    reply: () => ['+CIPSTA:ip:"192.168.3.112"', '+CIPSTA:ip6ll:"fe80::260a:c4ff:fe12:3456"', "OK"],
  });
  await module.print("WIFI GOT IPv6 LL");
  await until(() => events.length === 3, "got_ip6");
  assert.deepEqual(events[2], { type: "sta_got_ip6", ip6: "fe80::260a:c4ff:fe12:3456" });
  await driver.close();
});
