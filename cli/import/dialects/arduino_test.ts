import assert from "node:assert/strict";
import { arduino } from "./arduino.ts";

const read = (line: string) => arduino.read(line);
const ev = (event: Record<string, unknown>) => ({ kind: "event", event, dialect: "arduino" });
const known = { kind: "known", dialect: "arduino" };
const reason = (n: number) => ({
  kind: "detail",
  of: "sta_disconnected",
  fields: { reason: n },
  dialect: "arduino",
});

Deno.test("1.x: `Event: N - NAME`, `Reason: N - NAME`, `STA IP:` from _eventCallback()", () => {
  assert.deepEqual(
    read("[D][WiFiGeneric.cpp:342] _eventCallback(): Event: 5 - STA_DISCONNECTED"),
    ev({ type: "sta_disconnected" }),
  );
  assert.deepEqual(
    read("[W][WiFiGeneric.cpp:357] _eventCallback(): Reason: 204 - HANDSHAKE_TIMEOUT"),
    reason(204),
  );
  // 1.x's reason names were off by one: the number is what the driver said.
  assert.deepEqual(
    read("[W][WiFiGeneric.cpp:187] _eventCallback(): Reason: 201 - AUTH_FAIL"),
    reason(201),
  );
  assert.deepEqual(
    read(
      "[D][WiFiGeneric.cpp:379] _eventCallback(): STA IP: 172.16.1.68, MASK: 255.255.255.0, GW: 172.16.1.1",
    ),
    ev({ type: "sta_got_ip", ip: "172.16.1.68", netmask: "255.255.255.0", gw: "172.16.1.1" }),
  );
  assert.deepEqual(
    read("[D][WiFiGeneric.cpp:336] _eventCallback(): Event: 8 - STA_LOST_IP"),
    ev({ type: "sta_lost_ip" }),
  );
  assert.deepEqual(
    read("[D][WiFiGeneric.cpp:337] _eventCallback(): Event: 13 - AP_START"),
    ev({ type: "ap_started" }),
  );
  assert.deepEqual(
    read("[D][WiFiGeneric.cpp:337] _eventCallback(): Event: 14 - AP_STOP"),
    ev({ type: "ap_stopped" }),
  );
  // Known names whose lines carry nothing netfsm models (the values come on other lines).
  for (
    const name of [
      "STA_START",
      "WIFI_READY",
      "STA_GOT_IP",
      "AP_STACONNECTED",
      "AP_STA_GOT_IP6",
      "SCAN_DONE",
    ]
  ) {
    assert.deepEqual(
      read(`[D][WiFiGeneric.cpp:1] _eventCallback(): Event: 1 - ${name}`),
      known,
      name,
    );
  }
});

Deno.test("events are read by name, not number: each release numbers them differently", () => {
  for (
    const line of [
      "[D][WiFiGeneric.cpp:342] _eventCallback(): Event: 4 - STA_CONNECTED",
      "[  1022][D][WiFiGeneric.cpp:1035] _eventCallback(): Arduino Event: 4 - STA_CONNECTED",
      "[  1012][V][NetworkEvents.cpp:125] checkForEvent(): Network Event: 13 - STA_CONNECTED",
      "[  1022][D][STA.cpp:133] _onStaArduinoEvent(): Arduino STA Event: 13 - STA_CONNECTED",
      "[ 80956][V][NetworkEvents.cpp:120] _checkForEvent(): Network Event: 111 - STA_CONNECTED",
    ]
  ) {
    assert.deepEqual(read(line), ev({ type: "sta_connected" }), line);
  }
  assert.deepEqual(
    read("[   887][V][NetworkEvents.cpp:125] checkForEvent(): Network Event: 8 - WIFI_OFF"),
    known,
  );
  assert.deepEqual(
    read("[  100][V][AP.cpp:1] _onApArduinoEvent(): Arduino AP Event: 19 - AP_START"),
    ev({ type: "ap_started" }),
  );
  // A name no release has is not guessed at.
  assert.equal(read("[D][WiFiGeneric.cpp:1] _eventCallback(): Event: 5 - STA_EXPLODED"), null);
  assert.equal(read("[D][WiFiGeneric.cpp:1] _eventCallback(): Event: 5 - constructor"), null);
});

Deno.test("2.x: the verbose _arduino_event_cb() lines carry reasons, addresses and MACs", () => {
  assert.deepEqual(
    read(
      "[ 59972][V][WiFiGeneric.cpp:362] _arduino_event_cb(): STA Disconnected: SSID: SSIDzzzzz, BSSID: 00:00:00:00:00:00, Reason: 201",
    ),
    ev({ type: "sta_disconnected", reason: 201 }),
  );
  assert.deepEqual(
    read(
      "[ 1000][V][WiFiGeneric.cpp:1] _arduino_event_cb(): STA Connected: SSID: home, BSSID: 74:4D:28:C6:7A:FC, Channel: 6, Auth: WPA2_PSK",
    ),
    ev({ type: "sta_connected", ssid: "home", bssid: "74:4d:28:c6:7a:fc", channel: 6 }),
  );
  assert.deepEqual(
    read(
      "[ 2000][V][WiFiGeneric.cpp:1] _arduino_event_cb(): STA IP: 192.168.1.5, MASK: 255.255.255.0, GW: 192.168.1.1",
    ),
    ev({ type: "sta_got_ip", ip: "192.168.1.5", netmask: "255.255.255.0", gw: "192.168.1.1" }),
  );
  assert.deepEqual(
    read(
      "[ 3000][V][WiFiGeneric.cpp:1] _arduino_event_cb(): AP Station Connected: MAC: AA:BB:CC:DD:EE:FF, AID: 1",
    ),
    ev({ type: "ap_sta_connected", mac: "aa:bb:cc:dd:ee:ff", aid: 1 }),
  );
  assert.deepEqual(
    read(
      "[ 4000][V][WiFiGeneric.cpp:1] _arduino_event_cb(): AP Station Disconnected: MAC: AA:BB:CC:DD:EE:FF, AID: 1",
    ),
    ev({ type: "ap_sta_disconnected", mac: "aa:bb:cc:dd:ee:ff" }),
  );
  assert.deepEqual(
    read("[ 5000][V][WiFiGeneric.cpp:1] _arduino_event_cb(): AP Station IP Assigned:192.168.4.2"),
    ev({ type: "ap_sta_ip_assigned", ip: "192.168.4.2" }),
  );
  assert.deepEqual(
    read("[ 6000][V][WiFiGeneric.cpp:1] _arduino_event_cb(): AP Started"),
    ev({ type: "ap_started" }),
  );
  assert.deepEqual(
    read("[ 6000][V][WiFiGeneric.cpp:1] _arduino_event_cb(): AP Stopped"),
    ev({ type: "ap_stopped" }),
  );
  assert.deepEqual(read("[  165][V][WiFiGeneric.cpp:341] _arduino_event_cb(): STA Started"), known);
  assert.deepEqual(
    read("[ 59987][D][WiFiGeneric.cpp:1081] _eventCallback(): WiFi AutoReconnect Running"),
    known,
  );
});

Deno.test("3.x: STA.cpp, AP.cpp and NetworkInterface.cpp lines", () => {
  assert.deepEqual(
    read(
      "[   999][V][STA.cpp:227] _onStaEvent(): STA Connected: SSID: nbis-test, BSSID: 74:4d:28:c6:7a:fc, Channel: 8, Auth: WPA_WPA2_PSK",
    ),
    ev({ type: "sta_connected", ssid: "nbis-test", bssid: "74:4d:28:c6:7a:fc", channel: 8 }),
  );
  // An SSID may hold the separator itself.
  assert.deepEqual(
    read(
      "[ 9][V][STA.cpp:1] _onStaEvent(): STA Connected: SSID: a, BSSID: b, BSSID: 74:4d:28:c6:7a:fc, Channel: 1, Auth: OPEN",
    ),
    ev({ type: "sta_connected", ssid: "a, BSSID: b", bssid: "74:4d:28:c6:7a:fc", channel: 1 }),
  );
  assert.deepEqual(
    read(
      "[ 80945][V][STA.cpp:216] _onStaEvent(): STA Disconnected: SSID: NETWORK 1, BSSID: *****, Reason: 15",
    ),
    ev({ type: "sta_disconnected", reason: 15 }),
  );
  assert.deepEqual(
    read("[ 80972][W][STA.cpp:137] _onStaArduinoEvent(): Reason: 15 - 4WAY_HANDSHAKE_TIMEOUT"),
    reason(15),
  );
  assert.deepEqual(
    read(
      "[ 2][V][STA.cpp:1] _onStaArduinoEvent(): STA IP: 10.0.0.7, MASK: 255.0.0.0, GW: 10.0.0.1",
    ),
    ev({ type: "sta_got_ip", ip: "10.0.0.7", netmask: "255.0.0.0", gw: "10.0.0.1" }),
  );
  for (const which of ["New ", "Same ", ""]) {
    assert.deepEqual(
      read(
        `[  1025][V][NetworkInterface.cpp:65] _onIpEvent(): sta Got ${which}IP: 192.168.254.84 MASK: 255.255.255.0 GW: 192.168.254.1`,
      ),
      ev({
        type: "sta_got_ip",
        ip: "192.168.254.84",
        netmask: "255.255.255.0",
        gw: "192.168.254.1",
      }),
      which,
    );
  }
  assert.deepEqual(
    read("[ 3][V][NetworkInterface.cpp:1] _onIpEvent(): sta Lost IP"),
    ev({ type: "sta_lost_ip" }),
  );
  assert.deepEqual(
    read(
      "[ 4][V][NetworkInterface.cpp:1] _onIpEvent(): IF sta Got IPv6: Interface: 0, IP Index: 0, Type: LINK_LOCAL, Zone: 2, Address: FE80:0000:0000:0000:3E71:BFFF:FE9B:C2C0",
    ),
    ev({ type: "sta_got_ip6", ip6: "fe80:0000:0000:0000:3e71:bfff:fe9b:c2c0" }),
  );
  assert.deepEqual(
    read(
      "[ 5][V][NetworkInterface.cpp:1] _onIpEvent(): ap Assigned IP: 192.168.4.2 to MAC: AA:BB:CC:DD:EE:01",
    ),
    ev({ type: "ap_sta_ip_assigned", ip: "192.168.4.2", mac: "aa:bb:cc:dd:ee:01" }),
  );
  assert.deepEqual(
    read("[ 6][V][AP.cpp:1] _onApEvent(): AP Station Connected: MAC: aa:bb:cc:dd:ee:01, AID: 2"),
    ev({ type: "ap_sta_connected", mac: "aa:bb:cc:dd:ee:01", aid: 2 }),
  );
  assert.deepEqual(
    read("[ 7][V][AP.cpp:1] _onApEvent(): AP Station Disconnected: MAC: aa:bb:cc:dd:ee:01, AID: 2"),
    ev({ type: "ap_sta_disconnected", mac: "aa:bb:cc:dd:ee:01" }),
  );
  assert.deepEqual(read("[ 8][V][AP.cpp:1] _onApEvent(): AP Started"), ev({ type: "ap_started" }));
  assert.deepEqual(read("[   858][V][STA.cpp:210] _onStaEvent(): STA Started"), known);
  assert.deepEqual(
    read("[ 77877][D][STA.cpp:158] _onStaArduinoEvent(): WiFi AutoReconnect Running"),
    known,
  );
});

Deno.test("noise that must not be read", () => {
  for (
    const line of [
      // Configuration, not an address received.
      "[ 59999][V][WiFiGeneric.cpp:97] set_esp_interface_ip(): Configuring Station static IP: 192.168.1.9, MASK: 255.255.255.0, GW: 192.168.1.1",
      // A warning about a call, not a disconnect.
      "[   857][W][STA.cpp:571] disconnect(): STA already disconnected.",
      // Other interfaces' addresses.
      "[ 1][V][NetworkInterface.cpp:65] _onIpEvent(): eth0 Got New IP: 10.0.0.2 MASK: 255.0.0.0 GW: 10.0.0.1",
      "[ 1][V][NetworkInterface.cpp:1] _onIpEvent(): eth0 Lost IP",
      // A sketch's prints.
      "[WiFi-event] event: 5",
      "STA Started",
      "Event: 5 - STA_DISCONNECTED",
      "Reason: 201 - NO_AP_FOUND",
      "Connected with IP: 192.168.10.60",
      "AP IP address: 192.168.4.1",
      // A disconnect line with no reason says nothing the `Event:` line after it does not.
      "[ 1][V][WiFiGeneric.cpp:1] _arduino_event_cb(): STA Disconnected: SSID: x, BSSID: y",
      "",
    ]
  ) {
    assert.equal(read(line), null, line);
  }
  // A connect line whose BSSID cannot be read is still Arduino's, but gives no event.
  assert.deepEqual(
    read("[ 1][V][STA.cpp:1] _onStaEvent(): STA Connected: SSID: x, BSSID: *****, Channel: 1"),
    known,
  );
});

Deno.test("long crafted lines are read in linear time", () => {
  const size = 1_000_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length));
  for (
    const line of [
      fill("_onStaEvent(): STA Connected: SSID: , BSSID: "),
      "_onStaEvent(): STA Connected: SSID: " + fill(", BSSID: x"),
      fill("_onIpEvent(): IF sta Got IPv6: Address: "),
      "_onIpEvent(): IF sta Got IPv6: Address: " + fill("f:"),
      fill("checkForEvent(): Network Event: 1 - "),
      fill("_onIpEvent(): sta Got New IP: 1.2.3.4 MASK: "),
      fill("_onApEvent(): AP Station Connected: MAC: aa:bb:cc:dd:ee:ff, AID: "),
    ]
  ) {
    // Crafted: whatever is read is small, nothing copied from the run, in one pass or two.
    assert.ok(JSON.stringify(read(line) ?? null).length < 200, line.slice(0, 60));
  }
});
