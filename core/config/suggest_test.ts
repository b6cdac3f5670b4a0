import assert from "node:assert/strict";
import { editDistance, nearestKey } from "./suggest.ts";

Deno.test("editDistance() counts insertions, deletions and substitutions", () => {
  assert.equal(editDistance("", ""), 0);
  assert.equal(editDistance("psk", "pskk"), 1);
  assert.equal(editDistance("ssid", "sid"), 1);
  assert.equal(editDistance("kitten", "sitting"), 3);
});

Deno.test("nearestKey() suggests typos and AtomVM's type-spec spellings, nothing for strangers", () => {
  const ap = ["ssid", "psk", "ssid_hidden", "max_connections", "ap_started"];
  assert.equal(nearestKey("pskk", ap), "psk");
  assert.equal(nearestKey("sid", ap), "ssid");
  assert.equal(nearestKey("ap_max_connections", ap), "max_connections");
  assert.equal(nearestKey("ap_ssid_hidden", ap), "ssid_hidden");
  assert.equal(nearestKey("password", ap), undefined);
  assert.equal(nearestKey("xyz", ap), undefined);
});
