import assert from "node:assert/strict";
import { esphome } from "./esphome.ts";

const ev = (event: Record<string, unknown>) => ({ kind: "event", event, dialect: "esphome" });
const det = (of: string, fields: Record<string, unknown>) => ({
  kind: "detail",
  of,
  fields,
  dialect: "esphome",
});
const known = { kind: "known", dialect: "esphome" };

Deno.test("esphome: connected, with SSID, BSSID and channel; a hidden BSSID is left out", () => {
  assert.deepEqual(
    esphome.read(
      "[13:36:44][V][wifi_esp32:320]: Event: Connected ssid='My AP' bssid=BA:69:F4:01:02:03 channel=7, authmode=WPA2 PSK",
    ),
    ev({ type: "sta_connected", ssid: "My AP", bssid: "ba:69:f4:01:02:03", channel: 7 }),
  );
  assert.deepEqual(
    esphome.read(
      "[V][wifi_esp8266:491]: Event: Connected ssid='x' bssid=BA:69:F4:xx:xx:xx channel=11",
    ),
    ev({ type: "sta_connected", ssid: "x", channel: 11 }),
  );
});

Deno.test("esphome: disconnect reasons by ESPHome's names, quoted or not; Unspecified and unknown names give none", () => {
  const line = (reason: string) =>
    `[W][wifi_esp32:336]: Event: Disconnected ssid='N' bssid=0E:EC:DA:B1:74:EC reason=${reason}`;
  assert.deepEqual(
    esphome.read(line("'Auth Expired'")),
    ev({ type: "sta_disconnected", reason: 2 }),
  );
  assert.deepEqual(
    esphome.read(line("Association Expired")),
    ev({ type: "sta_disconnected", reason: 4 }),
  );
  assert.deepEqual(
    esphome.read(line("'4-Way Handshake Timeout'")),
    ev({ type: "sta_disconnected", reason: 15 }),
  );
  assert.deepEqual(
    esphome.read(line("'802.1x Authentication Failed'")),
    ev({ type: "sta_disconnected", reason: 23 }),
  );
  assert.deepEqual(
    esphome.read(line("'Beacon Timeout'")),
    ev({ type: "sta_disconnected", reason: 200 }),
  );
  assert.deepEqual(
    esphome.read(line("'Handshake Failed'")),
    ev({ type: "sta_disconnected", reason: 204 }),
  );
  assert.deepEqual(esphome.read(line("'Unspecified'")), ev({ type: "sta_disconnected" }));
  assert.deepEqual(esphome.read(line("'constructor'")), ev({ type: "sta_disconnected" }));
  assert.deepEqual(
    esphome.read(
      "[W][wifi_esp8266:441]: Event: Disconnected ssid='IOT' reason='Probe Request Unsuccessful'",
    ),
    ev({ type: "sta_disconnected", reason: 201 }),
  );
});

Deno.test("esphome: addresses, IPv6, lost IP", () => {
  assert.deepEqual(
    esphome.read("[V][wifi_esp32:574]: Event: Got IP static_ip=192.168.1.5 gateway=192.168.1.1"),
    ev({ type: "sta_got_ip", ip: "192.168.1.5", gw: "192.168.1.1", netmask: null }),
  );
  assert.deepEqual(
    esphome.read(
      "[V][wifi_esp8266:530]: Event: Got IP static_ip=10.0.0.9 gateway=10.0.0.1 netmask=255.255.255.0",
    ),
    ev({ type: "sta_got_ip", ip: "10.0.0.9", gw: "10.0.0.1", netmask: "255.255.255.0" }),
  );
  assert.deepEqual(
    esphome.read("[V][wifi_esp32:723]: Event: Got IPv6 address=fe80::1a2b"),
    ev({ type: "sta_got_ip6", ip6: "fe80::1a2b" }),
  );
  assert.deepEqual(
    esphome.read("[V][wifi_esp32:587]: Got IPv6 address=2001:db8::5"),
    ev({ type: "sta_got_ip6", ip6: "2001:db8::5" }),
  );
  assert.deepEqual(
    esphome.read("[V][wifi_esp32:728]: Event: Lost IP"),
    ev({ type: "sta_lost_ip" }),
  );
});

Deno.test("esphome: the soft-AP and its clients", () => {
  assert.deepEqual(
    esphome.read("[V][wifi_esp32:767]: Event: WiFi AP start"),
    ev({ type: "ap_started" }),
  );
  assert.deepEqual(
    esphome.read("[V][wifi_esp32:771]: Event: WiFi AP stop"),
    ev({ type: "ap_stopped" }),
  );
  assert.deepEqual(
    esphome.read("[V][wifi_esp32:780]: Event: AP client connected MAC=AA:BB:CC:DD:EE:01"),
    ev({ type: "ap_sta_connected", mac: "aa:bb:cc:dd:ee:01" }),
  );
  assert.deepEqual(
    esphome.read("[V][wifi_esp8266:541]: Event: AP client connected MAC=AA:BB:CC:DD:EE:01 aid=1"),
    ev({ type: "ap_sta_connected", mac: "aa:bb:cc:dd:ee:01", aid: 1 }),
  );
  assert.deepEqual(
    esphome.read("[V][wifi_esp32:784]: Event: AP client disconnected MAC=AA:BB:CC:DD:EE:01"),
    ev({ type: "ap_sta_disconnected", mac: "aa:bb:cc:dd:ee:01" }),
  );
  assert.deepEqual(
    esphome.read("[V][wifi_esp32:788]: Event: AP client assigned IP 192.168.4.2"),
    ev({ type: "ap_sta_ip_assigned", ip: "192.168.4.2" }),
  );
  // Arduino builds log no address: nothing to give.
  assert.deepEqual(esphome.read("[V][wifi_esp32:619]: Event: AP client assigned IP"), known);
  assert.deepEqual(
    esphome.read(
      "[V][wifi_esp8266:563]: Event: AP Distribute Station IP MAC=AA:BB:CC:DD:EE:01 IP=192.168.4.2 aid=1",
    ),
    ev({ type: "ap_sta_ip_assigned", ip: "192.168.4.2", mac: "aa:bb:cc:dd:ee:01" }),
  );
});

Deno.test("esphome: WiFi Connected! is an address whose numbers the block after it gives", () => {
  const none = ev({ type: "sta_got_ip", ip: null, netmask: null, gw: null });
  assert.deepEqual(esphome.read("[18:01:02][I][wifi:617]: WiFi Connected!"), none);
  assert.deepEqual(esphome.read("[I][wifi:380]: WiFi connected!"), none);
  assert.deepEqual(
    esphome.read("[C][wifi:436]:   IP Address: 192.168.1.5"),
    det("sta_got_ip", { ip: "192.168.1.5" }),
  );
  assert.deepEqual(
    esphome.read("[C][wifi:448]:   Subnet: 255.255.255.0"),
    det("sta_got_ip", { netmask: "255.255.255.0" }),
  );
  assert.deepEqual(
    esphome.read("[C][wifi:449]:   Gateway: 192.168.1.1"),
    det("sta_got_ip", { gw: "192.168.1.1" }),
  );
  assert.deepEqual(
    esphome.read("[C][wifi:433]:   SSID: 'Home'"),
    det("sta_connected", { ssid: "Home" }),
  );
  assert.deepEqual(
    esphome.read("[C][wifi:439]:   BSSID: F0:9F:C2:74:EB:E6"),
    det("sta_connected", { bssid: "f0:9f:c2:74:eb:e6" }),
  );
  assert.deepEqual(
    esphome.read("[C][wifi:447]:   Channel: 6"),
    det("sta_connected", { channel: 6 }),
  );
  // The rest of the block, and an IPv6 address in it, say nothing to fill.
  assert.deepEqual(esphome.read("[C][wifi:441]:   Hostname: 'node'"), known);
  assert.deepEqual(esphome.read("[C][wifi:436]:   IP Address: fe80::1"), known);
  assert.deepEqual(esphome.read("[C][wifi:450]:   DNS1: 192.168.1.1"), known);
});

Deno.test("esphome: colour and secret escapes, the dashboard's \\033 and bare [0;36m, and a task name", () => {
  const want = ev({ type: "sta_connected", ssid: "Home", bssid: "aa:bb:cc:dd:ee:ff", channel: 6 });
  const tail =
    "Event: Connected ssid='Home' bssid=\x1b[5mAA:BB:CC:DD:EE:FF\x1b[6m channel=6, authmode=WPA2 PSK\x1b[0m";
  assert.deepEqual(esphome.read(`[12:00:00]\x1b[0;37m[V][wifi_esp32:686]: ${tail}`), want);
  assert.deepEqual(esphome.read(`\\033[0;37m[V][wifi_esp32:686]: ${tail}`), want);
  assert.deepEqual(esphome.read(`[0;37m[V][wifi_esp32:686]: ${tail}`), want);
  assert.deepEqual(
    esphome.read(`\x1b[0;37m[V][wifi_esp32:686]\x1b[1;31m[wifi]\x1b[0;37m: ${tail}`),
    want,
  );
  assert.deepEqual(
    esphome.read(
      "[VV][wifi_esp32:776]: Event: AP receive Probe Request MAC=AA:BB:CC:DD:EE:01 RSSI=-40",
    ),
    known,
  );
});

Deno.test("esphome: forwarded ESP-IDF and Arduino lines are claimed, other components' lines are not read", () => {
  assert.deepEqual(
    esphome.read(
      "[13:36:44][VV][esp-idf:000]: I (3621) wifi: connected with WIFIAP, channel 7, 40D",
    ),
    known,
  );
  assert.deepEqual(
    esphome.read("[13:36:44][D][WiFiGeneric.cpp:337] _eventCallback(): Event: 4 - STA_CONNECTED"),
    known,
  );
  assert.equal(esphome.read("[I][app:028]: Running through setup()..."), null);
  assert.equal(
    esphome.read("[D][api.connection:917]: ESPHome Logs 2022.10.1: Connected successfully"),
    null,
  );
  assert.equal(esphome.read("[C][wireguard:138]:   Address: 172.16.34.100"), null);
  assert.equal(
    esphome.read("[ 53697][W][WiFiGeneric.cpp:950] _eventCallback(): Reason: 201 - NO_AP_FOUND"),
    null,
  );
  assert.equal(esphome.read("I (3621) wifi: connected with WIFIAP, channel 7"), null);
  assert.deepEqual(esphome.read("[I][wifi:193]: WiFi Connecting to 'NeuroNet5'..."), known);
});

Deno.test("esphome: long crafted lines are read in time", () => {
  for (
    const line of [
      "[V][wifi:1]: " + "' bssid=".repeat(100_000),
      "[".repeat(1_000_000),
      "\x1b[0;3".repeat(200_000),
      "[V][wifi:1]: Event: Disconnected ssid='" + "reason=".repeat(100_000),
    ]
  ) {
    // Crafted: whatever is read is small, nothing copied from the run, in one pass or two.
    assert.ok(JSON.stringify(esphome.read(line) ?? null).length < 200, line.slice(0, 60));
  }
});
