import assert from "node:assert/strict";
import { recognize } from "../recognize.ts";
import { micropython } from "./micropython.ts";

const read = (line: string) => micropython.read(line);
const ev = (event: Record<string, unknown>) => ({ kind: "event", event, dialect: "micropython" });
const known = { kind: "known", dialect: "micropython" };

Deno.test("the disconnect line, in each release's wording", () => {
  // Before late 2023: the number alone, the message on a line of its own.
  assert.deepEqual(
    read("I (118715) wifi: STA_DISCONNECTED, reason:201"),
    ev({ type: "sta_disconnected", reason: 201 }),
  );
  assert.deepEqual(read("no AP found"), known);
  assert.deepEqual(read("authentication failed"), known);
  assert.deepEqual(read("beacon timeout"), known);
  // Since: the message after a colon, or nothing after it.
  assert.deepEqual(
    read("I (5000) wifi: STA_DISCONNECTED, reason:201:no AP found"),
    ev({ type: "sta_disconnected", reason: 201 }),
  );
  assert.deepEqual(
    read("I (5000) wifi: STA_DISCONNECTED, reason:8:"),
    ev({ type: "sta_disconnected", reason: 8 }),
  );
  // ESP-IDF's colour codes around it.
  assert.deepEqual(
    read("\x1b[0;32mI (5000) wifi: STA_DISCONNECTED, reason:15:\x1b[0m"),
    ev({ type: "sta_disconnected", reason: 15 }),
  );
});

Deno.test("CONNECTED, GOT_IP, and the lines known only", () => {
  assert.deepEqual(read("I (3660) network: CONNECTED"), ev({ type: "sta_connected" }));
  assert.deepEqual(
    read("\x1b[0;32mI (3660) network: CONNECTED\x1b[0m"),
    ev({ type: "sta_connected" }),
  );
  // The address is on ESP-IDF's line beside it: unknown here, never invented.
  const gotIp = ev({ type: "sta_got_ip", ip: null, netmask: null, gw: null });
  assert.deepEqual(read("I (4000) network: GOT_IP"), gotIp);
  assert.deepEqual(read("I (4000) wifi: GOT_IP"), gotIp);
  assert.deepEqual(read("I (380) wifi: STA_START"), known);
  assert.deepEqual(read("I (4000) network: Got IPv6"), known);
  assert.deepEqual(read("I (9000) wifi: reconnect counter=3, max=5"), known);
  assert.deepEqual(read("I (9000) wifi: error attempting to reconnect: 0x3007"), known);
});

Deno.test("noise: scripts' prints, ESP-IDF's own lines, near misses", () => {
  for (
    const line of [
      "network config: ('192.168.1.5', '255.255.255.0', '192.168.1.1', '8.8.8.8')",
      "connection successful",
      "connecting to network...",
      "attempting connection...",
      // A print of the words without the IDF's stamp is a script's.
      "wifi: STA_DISCONNECTED, reason:201",
      "network: CONNECTED",
      // Another app's `network` tag says other things.
      "I (87353) network: Setting WiFi configuration SSID Huang...",
      "I (87353) network: CONNECTED to the broker",
      "I (4000) network: GOT_IP_SOMETHING",
      // ESP-IDF's own lines are the esp-idf reader's.
      "I (3660) wifi: connected with <ssid>, channel 1, bssid = cc:ce:1e:a6:85:c4",
      "I (1070) wifi: state: auth -> init (8a0)",
      "I (2850) esp_netif_handlers: sta ip: 192.168.1.100, mask: 255.255.255.0, gw: 192.168.1.1",
      "I (5000) wifi: STA_DISCONNECTED, reason:",
      "no AP found here",
      "",
    ]
  ) {
    assert.equal(read(line), null, line);
  }
});

Deno.test("asked before esp-idf, it leaves ESP-IDF's lines to that reader", () => {
  assert.equal(recognize("I (1591788) wifi: state: auth -> init (200)")?.dialect, "esp-idf");
  assert.equal(recognize("I (1591788) wifi: STA_DISCONNECTED, reason:2")?.dialect, "micropython");
  assert.equal(recognize("I (3660) network: CONNECTED")?.dialect, "micropython");
});

Deno.test("long crafted lines are read in linear time", () => {
  const size = 1_000_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length));
  for (
    const line of [
      fill(") wifi: STA_DISCONNECTED, reason:"),
      ") network: CONNECTED" + fill(" ") + "x",
      fill(") network: CONNECTED"),
      fill(" \t") + "no AP found",
    ]
  ) {
    // Crafted: whatever is read is small, nothing copied from the run, in one pass or two.
    assert.ok(JSON.stringify(read(line) ?? null).length < 200, line.slice(0, 60));
  }
});
