import assert from "node:assert/strict";
import { espAt } from "./esp_at.ts";

const ev = (event: unknown) => ({ kind: "event", event, dialect: "esp-at" });
const detail = (of: string, fields: unknown) => ({ kind: "detail", of, fields, dialect: "esp-at" });
const known = { kind: "known", dialect: "esp-at" };

Deno.test("esp-at: station reports", () => {
  assert.deepEqual(espAt.read("WIFI CONNECTED"), ev({ type: "sta_connected" }));
  assert.deepEqual(espAt.read("WIFI DISCONNECT"), ev({ type: "sta_disconnected" }));
  assert.deepEqual(
    espAt.read("[00:00:01.250] -> WIFI GOT IP"),
    ev({ type: "sta_got_ip", ip: null, netmask: null, gw: null }),
  );
  assert.deepEqual(espAt.read("+TIME_UPDATED"), ev({ type: "sntp_sync", sec: null, usec: null }));
});

Deno.test("esp-at: +CWJAP:<code> is a failed join, mapped as the driver maps it", () => {
  const reasons = [[1, 2], [2, 202], [3, 201], [4, 205], [0, 1], [9, 1]];
  for (const [code, reason] of reasons) {
    assert.deepEqual(espAt.read(`+CWJAP:${code}`), ev({ type: "sta_disconnected", reason }));
  }
});

Deno.test("esp-at: answers that say more of a connect or an address", () => {
  assert.deepEqual(
    espAt.read('+CWJAP:"BL_841R","44:33:4C:90:96:9a",11,-55,0,0,0,0'),
    detail("sta_connected", { ssid: "BL_841R", bssid: "44:33:4c:90:96:9a", channel: 11 }),
  );
  assert.deepEqual(
    espAt.read('+CWJAP:"a","b","44:33:4c:90:96:9a",1,-5,0'),
    detail("sta_connected", { ssid: 'a","b', bssid: "44:33:4c:90:96:9a", channel: 1 }),
  );
  assert.deepEqual(espAt.read('+CWSTATE:2,"home"'), detail("sta_connected", { ssid: "home" }));
  assert.deepEqual(espAt.read('+CWSTATE:4,"home"'), known);
  assert.deepEqual(
    espAt.read('+CIPSTA:ip:"192.168.3.112"'),
    detail("sta_got_ip", { ip: "192.168.3.112" }),
  );
  assert.deepEqual(
    espAt.read('+CIPSTA:gateway:"192.168.3.1"'),
    detail("sta_got_ip", { gw: "192.168.3.1" }),
  );
});

Deno.test("esp-at: soft-AP reports", () => {
  assert.deepEqual(
    espAt.read('+STA_CONNECTED:"24:EE:9a:2d:6e:b4"'),
    ev({ type: "ap_sta_connected", mac: "24:ee:9a:2d:6e:b4" }),
  );
  assert.deepEqual(
    espAt.read("+STA_DISCONNECTED: 24:ee:9a:2d:6e:b4"),
    ev({ type: "ap_sta_disconnected", mac: "24:ee:9a:2d:6e:b4" }),
  );
  assert.deepEqual(
    espAt.read('+DIST_STA_IP:"24:ee:9a:2d:6e:b4","192.168.4.2"'),
    ev({ type: "ap_sta_ip_assigned", mac: "24:ee:9a:2d:6e:b4", ip: "192.168.4.2" }),
  );
});

Deno.test("esp-at: echoed commands and bare replies are ESP-AT's, saying nothing modelled; other output is not read", () => {
  for (
    const line of [
      'AT+CWJAP="ssid","********"',
      "AT",
      "OK",
      "ERROR",
      "busy p...",
      "ready",
      "WIFI GOT IPv6 LL",
    ]
  ) {
    assert.deepEqual(espAt.read(line), { kind: "known", dialect: "esp-at" }, line);
  }
  for (
    const line of [
      "AT version:2.1.0.0(ded5b14 - Jul 24 2020 12:01:05)",
      "SDK version:v3.3-2-gb6e861a",
      "+CIPSEND:0,5",
      "+IPD,0,439:GET / HTTP/1.1",
      '+CWLAP:(4,"Telecom-62716645",-45,"30:91:8f:a8:bc:e5",11)',
      "+CWJAP:12345",
      "3.045548: esp01: Failed AT+CWQAP",
    ]
  ) {
    assert.equal(espAt.read(line), null, line);
  }
});
