import assert from "node:assert/strict";
import fc from "fast-check";
import { leakAt, plantedPskArb, plantPsk } from "./planted.ts";

Deno.test("a planted psk is the marker and eight digits, and a search finds it whole or cut short", () => {
  fc.assert(
    fc.property(plantedPskArb, fc.nat({ max: 9 }), (psk, cut) => {
      assert.match(psk, /^PSKLEAK\d{8}$/);
      assert.equal(leakAt(`x ${psk} y`, psk), 2);
      // A message that quotes ten characters around a token may keep any part of it from "PSKLE".
      assert.notEqual(leakAt(`…"psk": ${psk.slice(0, 5 + cut)}"…`, psk), -1);
    }),
  );
});

Deno.test("what netfsm prints for a redacted psk is no leak", () => {
  assert.equal(leakAt('psk=<redacted> {"psk":"<redacted>"} sta_psk ap_psk', "PSKLEAK12345678"), -1);
});

Deno.test("plantPsk puts the psk wherever a psk is, at any depth, and nowhere else", () => {
  const planted = plantPsk({
    sta: { ssid: "home", psk: "a", networks: [{ ssid: "x", psk: "b" }] },
    ap: { psk: "" },
    device: { nvs: { sta_psk: "c", ap_psk: "d", sta_ssid: "e" } },
  }, "P");
  assert.deepEqual(planted, {
    sta: { ssid: "home", psk: "P", networks: [{ ssid: "x", psk: "P" }] },
    ap: { psk: "" },
    device: { nvs: { sta_psk: "P", ap_psk: "P", sta_ssid: "e" } },
  });
});
