import assert from "node:assert/strict";
import { isLeft, isRight } from "fp-ts/lib/Either.js";
import { apMacOf, defaultName, deviceCodec } from "./device.ts";

Deno.test("apMacOf() adds one to the last octet unless the device reports its own", () => {
  assert.equal(apMacOf({ mac: "24:0a:c4:12:34:56" }), "24:0a:c4:12:34:57");
  assert.equal(apMacOf({ mac: "24:0a:c4:12:34:0f" }), "24:0a:c4:12:34:10");
  assert.equal(apMacOf({ mac: "24:0a:c4:12:34:ff" }), "24:0a:c4:12:34:00");
  assert.equal(
    apMacOf({ mac: "24:0a:c4:12:34:56", ap_mac: "02:00:00:00:00:01" }),
    "02:00:00:00:00:01",
  );
});

Deno.test("defaultName() keeps all twelve hex digits (the seed dropped the last one)", () => {
  const name = defaultName("24:0a:c4:12:34:56");
  assert.equal(name, "atomvm-240ac4123456");
  assert.equal(name.length, 19);
});

Deno.test("deviceCodec lowers MACs and rejects malformed ones", () => {
  const ok = deviceCodec.decode({ mac: "24:0A:C4:12:34:56", nvs: { sta_ssid: "home" } });
  assert.ok(isRight(ok));
  assert.equal(ok.right.mac, "24:0a:c4:12:34:56");
  assert.ok(isLeft(deviceCodec.decode({ mac: "24-0a-c4-12-34-56" })));
  assert.ok(isLeft(deviceCodec.decode({ mac: "24:0a:c4:12:34" })));
  assert.ok(isLeft(deviceCodec.decode({ mac: "24:0a:c4:12:34:56", nvs: { sta_psk: 5 } })));
});
