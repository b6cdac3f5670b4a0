import assert from "node:assert/strict";
import { tasmota } from "./tasmota.ts";

const ev = (event: Record<string, unknown>) => ({ kind: "event", event, dialect: "tasmota" });
const known = { kind: "known", dialect: "tasmota" };

Deno.test("tasmota: Connected is an address whose numbers it does not give", () => {
  assert.deepEqual(
    tasmota.read("00:00:02.761 WIF: Connected"),
    ev({ type: "sta_got_ip", ip: null, netmask: null, gw: null }),
  );
  assert.deepEqual(
    tasmota.read("07:20:44.109 -> 00:00:05 WIF: Connected"),
    ev({ type: "sta_got_ip", ip: null, netmask: null, gw: null }),
  );
});

Deno.test("tasmota: the web server's line gives the address alone", () => {
  assert.deepEqual(
    tasmota.read(
      "00:00:03.015 HTP: Web server active on tasmota-67B1E9-4585 with IP address 192.168.1.23",
    ),
    { kind: "detail", of: "sta_got_ip", fields: { ip: "192.168.1.23" }, dialect: "tasmota" },
  );
  assert.deepEqual(
    tasmota.read("00:00:00 HTP: Web server active on tasmota-4082 with IP address (IP unset)"),
    known,
  );
});

Deno.test("tasmota: failed connections, with a reason only for AP cannot be reached", () => {
  assert.deepEqual(
    tasmota.read("00:00:30 WIF: Connect failed with AP timeout"),
    ev({ type: "sta_disconnected" }),
  );
  assert.deepEqual(
    tasmota.read("00:00:30 WIF: Connect failed with AP incorrect password"),
    ev({ type: "sta_disconnected" }),
  );
  assert.deepEqual(
    tasmota.read("22:58:26.771 WIF: Connect failed as AP cannot be reached"),
    ev({ type: "sta_disconnected", reason: 201 }),
  );
  // Joined without an address: no disconnect.
  assert.deepEqual(tasmota.read("00:00:30 WIF: Connect failed as no IP address received"), known);
});

Deno.test("tasmota: ESP32 builds' IPv4 and IPv6 lines; a hidden address is not read", () => {
  assert.deepEqual(
    tasmota.read("00:00:02.500 WIF: IPv4 192.168.1.5, mask 255.255.255.0, gateway 192.168.1.1"),
    ev({ type: "sta_got_ip", ip: "192.168.1.5", netmask: "255.255.255.0", gw: "192.168.1.1" }),
  );
  assert.deepEqual(
    tasmota.read("00:00:03.100 WIF: IPv6 Global 2a01:cb00::5"),
    ev({ type: "sta_got_ip6", ip6: "2a01:cb00::5" }),
  );
  assert.deepEqual(
    tasmota.read("00:00:02.763 WIF: IPv6 Local fe80::1a2b"),
    ev({ type: "sta_got_ip6", ip6: "fe80::1a2b" }),
  );
  assert.deepEqual(
    tasmota.read("00:00:02.763 WIF: IPv6 Link-Local fe80::1a2b"),
    ev({ type: "sta_got_ip6", ip6: "fe80::1a2b" }),
  );
  assert.deepEqual(tasmota.read("00:00:02.763 WIF: IPv6 Link-Local fe80::xxxx:xxxx"), known);
  assert.deepEqual(
    tasmota.read("00:00:09 WIF: Got IPv6 global address 2001:db8::7"),
    ev({ type: "sta_got_ip6", ip6: "2001:db8::7" }),
  );
});

Deno.test("tasmota: the Wi-Fi manager's soft-AP", () => {
  assert.deepEqual(
    tasmota.read("00:00:00 WIF: WifiManager active for 3 minutes"),
    ev({ type: "ap_started" }),
  );
});

Deno.test("tasmota: other WIF: lines are known, other modules' lines are not read", () => {
  for (
    const line of [
      "00:00:00.529 WIF: Connecting to AP1 Tasmota Channel 1 BSSId AA:BB:CC:DD:EE:FF in mode 11n as tasmota-1234...",
      "00:00:25 WIF: Attempting connection...",
      "22:58:27.772 WIF: Checking connection...",
      "00:00:00 WIF: Network 0, AP1, SSId x, Channel 6, BSSId AA:BB:CC:DD:EE:FF, RSSI -60, Encryption 1",
    ]
  ) {
    assert.deepEqual(tasmota.read(line), known, line);
  }
  for (
    const line of [
      '10:22:24 MQT: stat/wohn/STATUS = {"Status":{"Module":4}}',
      "00:00:05 MQT: Attempting connection...",
      "00:00:35 APP: Restarting",
      '22:52:46.089 RSL: STATE = {"Wifi":{"AP":1,"SSId":"Apex"}}',
      "I (3621) wifi: connected with WIFIAP, channel 7",
    ]
  ) {
    assert.equal(tasmota.read(line), null, line);
  }
});

Deno.test("tasmota: long crafted lines are read in time", () => {
  for (
    const line of [
      "WIF: " + "IPv6 Global ".repeat(100_000),
      "HTP: Web server active on " + " with IP address 1.".repeat(50_000),
      "WIF: ".repeat(200_000),
    ]
  ) {
    // Crafted: whatever is read is small, nothing copied from the run, in one pass or two.
    assert.ok(JSON.stringify(tasmota.read(line) ?? null).length < 200, line.slice(0, 60));
  }
});
