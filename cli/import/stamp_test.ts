import assert from "node:assert/strict";
import { timestampOf } from "./stamp.ts";

Deno.test("stamps: since boot (ESP-IDF, Arduino), a clock (terminals, Tasmota, ESPHome, IDF's system time), a date", () => {
  const cases: [string, number | undefined][] = [
    ["I (2531) wifi:connected with home", 2531],
    ["\x1b[0;32mI (3180) wifi:x\x1b[0m", 3180],
    ["I (12:00:01.250) wifi:x", 43_201_250],
    ["[  1234][D][WiFiGeneric.cpp:1] x", 1234],
    ["[00:00:01.250] -> WIFI CONNECTED", 1250],
    ["17:27:31.339 -> [D][WiFiGeneric.cpp:1] x", 62_851_339],
    ["00:00:01.234 WIF: Connected", 1234],
    ["[09:12:33][I][wifi:xxx]: WiFi Connected!", 33_153_000],
    ["[09:12:33.5]", 33_153_500],
    ["2024-03-01 12:34:56.789 I (5) wifi:x", Date.UTC(2024, 2, 1, 12, 34, 56, 789)],
    ["2024-03-01T00:00:00 x", Date.UTC(2024, 2, 1)],
    ["got ip", undefined],
    ["1.2.3.4 is the address", undefined],
  ];
  for (const [line, ms] of cases) assert.equal(timestampOf(line), ms, line);
});

Deno.test("stamps: a fraction of any length is read as milliseconds, not as its digits", () => {
  assert.equal(timestampOf("[00:00:01.5]"), 1500);
  assert.equal(timestampOf("[00:00:01.123456]"), 1123);
});
