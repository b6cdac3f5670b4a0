import assert from "node:assert/strict";
import { espHosted } from "./esp_hosted.ts";

const ev = (event: unknown) => ({ kind: "event", event, dialect: "esp-hosted" });
const known = { kind: "known", dialect: "esp-hosted" };

Deno.test("esp-hosted: the slave's station lines", () => {
  assert.deepEqual(
    espHosted.read("I (20407284) slave_ctrl: Station not connected. reason: 201"),
    ev({ type: "sta_disconnected", reason: 201 }),
  );
  assert.deepEqual(
    espHosted.read("I (1) slave_ctrl: Station disconnected, reason[15]"),
    ev({ type: "sta_disconnected", reason: 15 }),
  );
  assert.deepEqual(
    espHosted.read("I (1) slave_ctrl: --- Station connected home AP ---"),
    ev({ type: "sta_connected", ssid: "home AP" }),
  );
  assert.deepEqual(
    espHosted.read(
      "I (1) slave_ctrl: Slave sta dhcp {IP[10.0.0.5] NM[255.255.255.0] GW[10.0.0.1]} dns{type[0] ip[8.8.8.8]}",
    ),
    ev({ type: "sta_got_ip", ip: "10.0.0.5", netmask: "255.255.255.0", gw: "10.0.0.1" }),
  );
});

Deno.test("esp-hosted: the slave's soft-AP lines", () => {
  assert.deepEqual(
    espHosted.read("I (21079364) slave_ctrl: station be:bd:5d:41:8d:48 join, AID=1"),
    ev({ type: "ap_sta_connected", mac: "be:bd:5d:41:8d:48", aid: 1 }),
  );
  assert.deepEqual(
    espHosted.read("I (21084084) slave_ctrl: station BE:bd:5d:41:8d:48 leave, AID=1"),
    ev({ type: "ap_sta_disconnected", mac: "be:bd:5d:41:8d:48" }),
  );
  assert.deepEqual(espHosted.read("I (1) slave_ctrl:softap started"), null);
  assert.deepEqual(espHosted.read("I (1) slave_ctrl: softap started"), ev({ type: "ap_started" }));
  assert.deepEqual(espHosted.read("I (1) slave_ctrl: softap stopped"), ev({ type: "ap_stopped" }));
});

Deno.test("esp-hosted: the host demo's App EVENT lines", () => {
  assert.deepEqual(
    espHosted.read(
      "2024-01-01 12:00:00 > App EVENT: STA-Connected ssid[Ym2] bssid[BA:79:26:c4:0b:c4] channel[6] auth[3] aid[1]",
    ),
    ev({ type: "sta_connected", ssid: "Ym2", bssid: "ba:79:26:c4:0b:c4", channel: 6, aid: 1 }),
  );
  assert.deepEqual(
    espHosted.read(
      "2024-01-01 12:00:00 > App EVENT: STA-Disconnected reason[201] ssid[Ym2] bssid[] rssi[0]",
    ),
    ev({ type: "sta_disconnected", reason: 201 }),
  );
  assert.deepEqual(
    espHosted.read("x App EVENT: Station mode: Disconnect Reason[0]"),
    ev({ type: "sta_disconnected" }),
  );
  assert.deepEqual(
    espHosted.read(
      "x App EVENT: SoftAP mode: Connected MAC[be:bd:5d:41:8d:48] aid[1] is_mesh_child[0]",
    ),
    ev({ type: "ap_sta_connected", mac: "be:bd:5d:41:8d:48", aid: 1 }),
  );
  assert.deepEqual(
    espHosted.read(
      "x App EVENT: SoftAP mode: Disconnect MAC[be:bd:5d:41:8d:48] reason[8] aid[1] is_mesh_child[0]",
    ),
    ev({ type: "ap_sta_disconnected", mac: "be:bd:5d:41:8d:48", reason: 8 }),
  );
  assert.deepEqual(espHosted.read("x App EVENT: Heartbeat event [3]"), known);
});

Deno.test("esp-hosted: other slave lines are known; ESP-IDF lines and scan output are not its own", () => {
  assert.deepEqual(espHosted.read("I (20405584) slave_ctrl: mac [10:97:bd:f0:e1:d4]"), known);
  assert.deepEqual(espHosted.read("I (20407284) slave_ctrl: No AP available as SSID:'Ym2'"), known);
  assert.equal(
    espHosted.read("I (21079344) wifi:station: be:bd:5d:41:8d:48 join, AID=1, bgn, 20"),
    null,
  );
  assert.equal(espHosted.read("RSSI                    -88"), null);
  assert.equal(espHosted.read("BSSID                   7c:df:a1:db:28:c1"), null);
});
