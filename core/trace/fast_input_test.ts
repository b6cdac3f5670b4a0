import assert from "node:assert/strict";
import { decodeInputLine } from "./input_line.ts";
import { fastInputLine } from "./fast_input.ts";

const CASES: unknown[] = [
  { at: 1, type: "start" },
  { at: 1, type: "start", extra: [1, { psk: "x" }] },
  { type: "sta_got_ip", at: 2, gw: "10.0.0.1", ip: "10.0.0.2", netmask: null },
  { at: 2, type: "sta_got_ip", ip: "10.0.0.2", netmask: "255.0.0.0" },
  { at: 2, type: "sta_got_ip", ip: "1.2.3", netmask: null, gw: null },
  { at: 3, type: "ap_sta_connected", mac: "AA:BB:CC:DD:EE:FF", aid: 2 },
  { at: 3, type: "ap_sta_connected", aid: 2 },
  { at: 3, type: "ap_sta_ip_assigned", ip: "192.168.4.2", mac: "aa:bb:cc:dd:ee:0F" },
  { at: 4, type: "sta_connected", channel: 6, ssid: "home", bssid: "AA:BB:CC:DD:EE:FF" },
  { at: 4, type: "sta_connected", channel: 6.5 },
  { at: 5, type: "sntp_sync", sec: null, usec: 3 },
  { at: 5, type: "sntp_sync", sec: 1 },
  { at: 6, type: "sta_rssi_measured", rssi: -60 },
  { at: 6, type: "sta_rssi_measured", rssi: "-60" },
  { at: 7, type: "timer", timer: "link" },
  { at: 7, type: "timer", timer: "toString" },
  { at: 8, type: "sta_connect", config: { sta: { ssid: "x", psk: "secret12" } } },
  { at: 8, type: "scan", options: null },
  { at: 9, type: "driver_failed", error: "e", command: 3 },
  { at: 9, type: "driver_failed", error: "e", command: "connect_sta" },
  { at: 9, type: "nonsense" },
  { at: -1, type: "start" },
  { at: 1.5, type: "start" },
  { at: 0, type: "start" },
  JSON.parse('{"at": 1, "type": "start", "__proto__": {"x": 1}}'),
  JSON.parse('{"at": 1, "type": "sta_disconnected", "reason": 8, "0": "zero"}'),
  [1],
  null,
];

Deno.test("fastInputLine() gives what decodeInputLine() gives, or leaves the line to it", () => {
  for (const value of CASES) {
    const fast = fastInputLine(value, 1);
    const slow = decodeInputLine(value, 1);
    if (fast === undefined) continue;
    assert.equal(slow._tag, "Right", JSON.stringify(value));
    assert.equal(JSON.stringify(fast), JSON.stringify(slow._tag === "Right" && slow.right));
    assert.deepEqual(fast, slow._tag === "Right" && slow.right);
  }
  // The common lines do take the fast path.
  assert.notEqual(fastInputLine({ at: 6, type: "sta_rssi_measured", rssi: -60 }, 0), undefined);
  assert.notEqual(
    fastInputLine({ at: 3, type: "ap_sta_connected", mac: "AA:BB:CC:DD:EE:FF" }, 0),
    undefined,
  );
});

Deno.test("fastInputLine() leaves a line nested too deep to the codecs unless told it was checked", () => {
  let deep: unknown = 1;
  for (let i = 0; i < 80; i++) deep = { a: deep };
  assert.equal(fastInputLine({ at: 1, type: "scan", options: deep }, 0), undefined);
  assert.notEqual(fastInputLine({ at: 1, type: "scan", options: { a: 1 } }, 0, true), undefined);
});
