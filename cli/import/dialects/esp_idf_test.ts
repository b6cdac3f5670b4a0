import assert from "node:assert/strict";
import { linearityProblems } from "../linear_check.ts";
import { espIdf } from "./esp_idf.ts";
import { PATTERNS } from "../dialect.ts";

const KNOWN = { kind: "known", dialect: "esp-idf" };

/** What ESP-IDF's reader says of `line`: the event alone, `known`, or null. */
function said(line: string): unknown {
  const out = espIdf.read(line);
  return out?.kind === "event" ? out.event : out;
}

function reads(cases: readonly [string, unknown][]): void {
  for (const [line, expected] of cases) assert.deepEqual(said(line), expected, line);
}

Deno.test("esp-idf: connected with, in the 4.x/5.x form and 2.x/3.0's SSID-and-channel form", () => {
  reads([
    ["I (1907) wifi:connected with IoTReady, aid = 3, channel 7, BW20, bssid = 5e:e4:a1:78:61:2f", {
      type: "sta_connected",
      ssid: "IoTReady",
      aid: 3,
      channel: 7,
      bssid: "5e:e4:a1:78:61:2f",
    }],
    ["I (1706) wifi: connected with TestWifiNetwork, channel 10", {
      type: "sta_connected",
      ssid: "TestWifiNetwork",
      channel: 10,
    }],
    ["I (1706) wifi: connected with Test, channel 10, bssid = AA:bb:cc:dd:ee:ff  ", {
      type: "sta_connected",
      ssid: "Test",
      channel: 10,
      bssid: "aa:bb:cc:dd:ee:ff",
    }],
    // An SSID may hold ", channel " itself: the mention that ends the line is the driver's.
    ["I (1) wifi: connected with a, channel 9 b, channel 3", {
      type: "sta_connected",
      ssid: "a, channel 9 b",
      channel: 3,
    }],
    // Something after the channel is not the old form: not read.
    ["I (1) wifi: connected with home, channel 6, rssi -40", null],
    ["I (1) mesh: [DONE]connect to router:wifi_test, channel:1, rssi:-36", null],
  ]);
});

Deno.test("esp-idf: state codes with and without 0x, the high byte being the reason", () => {
  reads([
    ["I (92827) wifi:state: run -> init (c800)", { type: "sta_disconnected", reason: 200 }],
    ["I (1) wifi:state: run -> init (0xc800)", { type: "sta_disconnected", reason: 200 }],
    ["I (194278) wifi:state: run -> init (0x0)", { type: "sta_disconnected" }],
    ["I (276265) wifi:state: run -> init (fa0)", { type: "sta_disconnected", reason: 15 }],
    ["I (13136665) wifi:state: run -> init (10c0)", { type: "sta_disconnected", reason: 16 }],
    ["I (13127) wifi:state: auth -> init (200)", { type: "sta_disconnected", reason: 2 }],
    ["I (79687) wifi: state: run -> init (1)", { type: "sta_disconnected" }],
    ["I (193157) wifi:state: init -> auth (0xb0)", KNOWN],
    ["I (1) wifi:state: init -> init (0)", KNOWN],
    // Not a code: known, never a reason.
    ["I (1) wifi:state: run -> init (c8x00)", KNOWN],
    ["I (1) wifi:state: run -> init (0x)", KNOWN],
    // An app's own state line.
    ["I (194269) esp_idf_matter::wifi: Wifi operational state updated: false -> true", null],
  ]);
});

Deno.test("esp-idf: got-IP lines of every release, and those that are not the station's", () => {
  const ip = {
    type: "sta_got_ip",
    ip: "192.168.0.35",
    netmask: "255.255.255.0",
    gw: "192.168.0.1",
  };
  const tail = "ip: 192.168.0.35, mask: 255.255.255.0, gw: 192.168.0.1";
  reads([
    [`I (1) esp_netif_handlers: sta ${tail}`, ip],
    [`I (6056) esp_netif_handlers: example_netif_sta ${tail}`, ip],
    [`I (6109) esp_netif_handlers: example_connect: sta ${tail}`, ip],
    [`I (1) tcpip_adapter: sta ${tail}`, ip],
    [`I (664872) event: sta ${tail}`, ip],
    [`I (3837) event: ${tail}`, ip],
    [
      "D (1) event: SYSTEM_EVENT_STA_GOT_IP, ip:192.168.0.35, mask:255.255.255.0, gw:192.168.0.1",
      ip,
    ],
    // Ethernet's and PPP's addresses are not the station's.
    [`I (1) esp_netif_handlers: eth ${tail}`, null],
    [`I (1) esp_netif_handlers: example_netif_eth ${tail}`, null],
    ["D (7492) esp_netif_handlers: esp_netif action disconnected with netif0x3ffd41a0", null],
    // Apps' repeats of the address.
    ["I (2617) WIFI_STATION_INTERFACE: got ip:192.168.43.223", null],
    ["I (6066) example_common: - IPv4 address: 192.168.0.35,", null],
    [
      'I (6056) example_connect: Got IPv4 event: Interface "example_netif_sta" address: 1.2.3.4',
      null,
    ],
  ]);
});

Deno.test("esp-idf: 3.x's SYSTEM_EVENT_* lines, with their fields or bare", () => {
  reads([
    [
      "D (36157) event: SYSTEM_EVENT_STA_DISCONNECTED, ssid:TP-LINK_Edgesense, ssid_len:17, bssid:88:25:93:5c:d8:af, reason:204",
      { type: "sta_disconnected", reason: 204 },
    ],
    ["I (652662) OPC: SYSTEM_EVENT_STA_DISCONNECTED", { type: "sta_disconnected" }],
    [
      "D (1) event: SYSTEM_EVENT_STA_CONNECTED, ssid:my, ssid_len:9, bssid:88:25:93:5C:D8:AF, channel:6, authmode:3",
      { type: "sta_connected", ssid: "my", bssid: "88:25:93:5c:d8:af", channel: 6 },
    ],
    ["I (1) app: SYSTEM_EVENT_STA_CONNECTED", { type: "sta_connected" }],
    ["I (664872) OPC: SYSTEM_EVENT_STA_GOT_IP", {
      type: "sta_got_ip",
      ip: null,
      netmask: null,
      gw: null,
    }],
    ["D (1) event: SYSTEM_EVENT_STA_LOST_IP", { type: "sta_lost_ip" }],
    ["D (1) event: SYSTEM_EVENT_AP_START", { type: "ap_started" }],
    ["D (1) event: SYSTEM_EVENT_AP_STOP", { type: "ap_stopped" }],
    ["D (1) event: SYSTEM_EVENT_AP_STACONNECTED, mac:f4:31:c3:c3:41:f9, aid:1", {
      type: "ap_sta_connected",
      mac: "f4:31:c3:c3:41:f9",
      aid: 1,
    }],
    ["D (1) event: SYSTEM_EVENT_AP_STADISCONNECTED, mac:f4:31:c3:c3:41:f9, aid:1", {
      type: "ap_sta_disconnected",
      mac: "f4:31:c3:c3:41:f9",
    }],
    // Known, but nothing netfsm models, or not enough to make an event.
    ["D (412) event: SYSTEM_EVENT_STA_START", KNOWN],
    ["D (1) event: SYSTEM_EVENT_AP_STACONNECTED", KNOWN],
    ["D (1) event: SYSTEM_EVENT_AP_STAIPASSIGNED", KNOWN],
    // An app's sentence about an event is not the event's line.
    ["E (3672460) BEA*ST: SYSTEM_EVENT_STA_DISCONNECTED (107), Reason 2", null],
    ["I (1) app: wifiTask SYSTEM_EVENT_STA_DISCONNECTED, ssid:x, reason:2", null],
  ]);
});

Deno.test("esp-idf: the examples' Got IPv6 event line, for a station's interface only", () => {
  const ip6 = "fe80:0000:0000:0000:96e6:86ff:fe63:0a0c";
  reads([
    [
      `I (4556) example_connect: Got IPv6 event: Interface "example_netif_sta" address: ${ip6}, type: ESP_IP6_ADDR_IS_LINK_LOCAL`,
      { type: "sta_got_ip6", ip6 },
    ],
    [
      `I (5609) example_connect: Got IPv6 event: Interface "example_connect: sta" address: ${ip6}, type: ESP_IP6_ADDR_IS_LINK_LOCAL`,
      { type: "sta_got_ip6", ip6 },
    ],
    [`I (1) app: Got IPv6 event: Interface sta address: ${ip6}`, { type: "sta_got_ip6", ip6 }],
    [
      `I (1) example_connect: Got IPv6 event: Interface "example_netif_eth" address: ${ip6}, type: X`,
      null,
    ],
    [`I (1) example_connect: Got IPv6 event: Interface "sta" address: ${ip6}x, type: X`, null],
    // The examples' summary repeats the address: not a second event.
    [`I (6066) example_common: - IPv6 address: ${ip6}, type: ESP_IP6_ADDR_IS_LINK_LOCAL`, null],
  ]);
});

Deno.test("esp-idf: beacon timeouts in both spellings, soft-AP stations, channel lines", () => {
  reads([
    ["I (1009053) wifi: bcn_timout,ap_probe_send_start", { type: "sta_beacon_timeout" }],
    ["I (90327) wifi:bcn_timeout,ap_probe_send_start", { type: "sta_beacon_timeout" }],
    ["I (57008) wifi: station: f4:31:c3:c3:41:f9 join, AID=1, bg, 20", {
      type: "ap_sta_connected",
      mac: "f4:31:c3:c3:41:f9",
      aid: 1,
    }],
    ["I (39273) wifi:station: 7c:df:a1:e6:90:68 leave, AID = 2, bss_flags is 658531", {
      type: "ap_sta_disconnected",
      mac: "7c:df:a1:e6:90:68",
    }],
    ["I (57148) tcpip_adapter: softAP assign IP to station,IP is: 192.168.4.2", {
      type: "ap_sta_ip_assigned",
      ip: "192.168.4.2",
    }],
    ["I (39273) wifi:new:<11,0>, old:<11,0>, ap:<11,0>, sta:<11,0>, prof:1", KNOWN],
    ["I (57008) wifi: n:1 0, o:1 0, ap:1 1, sta:255 255, prof:1", KNOWN],
    // Noise: a setting named bcn_timeout, a buffer counter, apps' prints of joins.
    ["I (193197) wifi:set rx beacon pti, rx_bcn_pti: 14, bcn_timeout: 25000, mt_pti: 14", null],
    ["I (82227) wifi:[ADDBA]RX addba response, status:0, batimeout:0, txa_wnd:64", null],
    ["I (57008) br_10: station:f4:31:c3:c3:41:f9 join, AID=1", null],
    ["I (47186) wifi softAP: station 00:0f:00:e1:d4:8f join, AID=2", null],
    ["D (17528) wifi:bss=0x3c254018, resp=16 join", null],
  ]);
});

Deno.test("esp-idf: colour escapes and lines a serial monitor spliced are read where the key is", () => {
  reads([
    [
      "\x1b[0;32mI (2607) esp_netif_handlers: sta ip: 10.0.0.2, mask: 255.0.0.0, gw: 10.0.0.1\x1b[0m",
      {
        type: "sta_got_ip",
        ip: "10.0.0.2",
        netmask: "255.0.0.0",
        gw: "10.0.0.1",
      },
    ],
    ["ETH MAC: b0:81:84:86:d4:e7I (1648) wifi:bcn_timeout,ap_probe_send_start", {
      type: "sta_beacon_timeout",
    }],
    ["18:11:15.673 -> I (1284) wifi:state: run -> init (200)", {
      type: "sta_disconnected",
      reason: 2,
    }],
  ]);
});

Deno.test("esp-idf: every pattern is linear, and long crafted lines cost little", () => {
  for (const p of PATTERNS) assert.deepEqual(linearityProblems(p), [], String(p));
  const size = 1_000_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length));
  const lines = [
    "wifi: connected with " + fill(", channel "),
    "wifi: connected with x, channel 1" + fill(" ") + "y",
    fill("I (1) app: SYSTEM_EVENT_"),
    "I (1) event: SYSTEM_EVENT_STA_CONNECTED, ssid:" + fill(", ssid_len:"),
    "I (1) event: SYSTEM_EVENT_STA_DISCONNECTED, " + fill("reason:"),
    fill("Got IPv6 event: Interface "),
    'Got IPv6 event: Interface "sta" address: ' + fill(":"),
    "esp_netif_handlers: " + fill(" ip: "),
    fill("esp_netif_handlers: sta ip: 1.2.3.4, mask: "),
  ];
  // Crafted: whatever is read is small, nothing copied from the run, in one pass or two.
  for (const line of lines) {
    assert.ok(JSON.stringify(espIdf.read(line) ?? null).length < 200, line.slice(0, 60));
  }
});

Deno.test("esp-idf: the driver's Send disconnect event line states the reason", () => {
  reads([
    ["I (292341) wifi: Send disconnect event, reason=4, AP number=0", {
      type: "sta_disconnected",
      reason: 4,
    }],
    ["D (1) wifi:Send disconnect event, reason=201", { type: "sta_disconnected", reason: 201 }],
    // No number: not read; an app's sentence of the same is not the driver's.
    ["I (1) wifi: Send disconnect event, reason=", null],
    ['[WiFi] Connection to SSID "opia24" failed, reason: 4 (ASSOC_EXPIRE)', null],
    ["D (344575) wifi:Start wifi disconnect", null],
  ]);
});
