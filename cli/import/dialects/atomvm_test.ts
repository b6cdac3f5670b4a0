import assert from "node:assert/strict";
import { atomvm } from "./atomvm.ts";

const ev = (event: unknown) => ({ kind: "event", event, dialect: "atomvm" });
const known = { kind: "known", dialect: "atomvm" };

Deno.test("atomvm: the driver's event lines", () => {
  assert.deepEqual(
    atomvm.read("I (5986) network_driver: WIFI_EVENT_STA_CONNECTED received."),
    ev({ type: "sta_connected" }),
  );
  assert.deepEqual(
    atomvm.read("I (4266) network_driver: WIFI_EVENT_STA_DISCONNECTED received."),
    ev({ type: "sta_disconnected" }),
  );
  assert.deepEqual(
    atomvm.read("I (1326) network_driver: WIFI_EVENT_AP_START received."),
    ev({ type: "ap_started" }),
  );
  assert.deepEqual(
    atomvm.read(
      "I (9) network_driver: WIFI_EVENT_STA_BEACON_TIMEOUT received. Maybe poor signal, or network congestion?",
    ),
    ev({ type: "sta_beacon_timeout" }),
  );
  assert.deepEqual(
    atomvm.read("I (9) network_driver: SNTP_EVENT_BASE_SYNC received."),
    ev({ type: "sntp_sync", sec: null, usec: null }),
  );
});

Deno.test("atomvm: addresses, and the lines without a MAC stay known", () => {
  assert.deepEqual(
    atomvm.read("I (6856) network_driver: IP_EVENT_STA_GOT_IP: 10.22.3.11"),
    ev({ type: "sta_got_ip", ip: "10.22.3.11", netmask: null, gw: null }),
  );
  assert.deepEqual(
    atomvm.read("I (7) network_driver: IP_EVENT_AP_STAIPASSIGNED: 192.168.4.2"),
    ev({ type: "ap_sta_ip_assigned", ip: "192.168.4.2" }),
  );
  assert.deepEqual(
    atomvm.read("I (7) network_driver: WIFI_EVENT_AP_STACONNECTED received."),
    known,
  );
  assert.deepEqual(atomvm.read("I (7) network_driver: WIFI_EVENT_STA_START received."), known);
});

Deno.test("atomvm: unhandled ESP-IDF events by id", () => {
  assert.deepEqual(
    atomvm.read("I (1593851) network_driver: Unhandled wifi event: 21."),
    ev({ type: "sta_beacon_timeout" }),
  );
  assert.deepEqual(
    atomvm.read("I (1) network_driver: Unhandled wifi event: 13."),
    ev({ type: "ap_stopped" }),
  );
  assert.deepEqual(
    atomvm.read("I (1) network_driver: Unhandled ip event: 1."),
    ev({ type: "sta_lost_ip" }),
  );
  assert.deepEqual(atomvm.read("I (1) network_driver: Unhandled wifi event: 40."), known);
});

Deno.test("atomvm: its other lines, app prints and ESP-IDF lines are not its own", () => {
  assert.equal(atomvm.read("I (14178) network_driver: STA ssid: Wokwi-GUEST"), null);
  assert.equal(atomvm.read("I (5) network_driver: constructor received."), null);
  assert.equal(atomvm.read("Got IP: {192,168,1,5}"), null);
  assert.equal(atomvm.read("An error occurred starting network: {error,disconnected}"), null);
  assert.equal(
    atomvm.read(
      "I (5976) wifi:connected with MySSID, aid = 4, channel 1, BW20, bssid = 2c:fc:5c:33:c3:e2",
    ),
    null,
  );
});
