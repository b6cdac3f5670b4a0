import assert from "node:assert/strict";
import { decodeConfig } from "./schema.ts";
import type { ConfigProblem } from "./problem.ts";

function problems(config: unknown): readonly ConfigProblem[] {
  const decoded = decodeConfig(config);
  assert.equal(decoded._tag, "Left", `expected ${JSON.stringify(config)} to be refused`);
  return decoded._tag === "Left" ? decoded.left : [];
}

function only(config: unknown): string {
  const found = problems(config);
  assert.equal(found.length, 1, JSON.stringify(found));
  return `${found[0]!.path}: ${found[0]!.message}`;
}

Deno.test("decodeConfig() accepts every documented key", () => {
  const config = {
    sta: {
      ssid: "home",
      psk: "secret12",
      dhcp_hostname: "kitchen",
      connected: true,
      disconnected: false,
      got_ip: true,
    },
    ap: {
      ssid: "setup",
      psk: "12345678",
      ssid_hidden: true,
      max_connections: 15,
      ap_started: true,
      sta_connected: true,
      sta_disconnected: true,
      sta_ip_assigned: true,
    },
    sntp: { host: "pool.ntp.org", synchronized: true },
  };
  assert.deepEqual(decodeConfig(config), { _tag: "Right", right: config });
  assert.equal(decodeConfig({ ap: {}, sntp: "pool.ntp.org" })._tag, "Right");
});

Deno.test("the configuration must be an object with a sta or ap section", () => {
  assert.equal(only([]), "config: must be an object, got an array");
  assert.equal(only("sta"), "config: must be an object, got a string");
  assert.equal(only({}), "config: needs a sta section, an ap section, or both");
  assert.equal(
    only({ sntp: "pool.ntp.org" }),
    "config: needs a sta section, an ap section, or both",
  );
});

Deno.test("unknown keys are errors that suggest the nearest known key", () => {
  assert.equal(
    only({ sta: { ssid: "a", pskk: "x" } }),
    "sta.pskk: is not a known key; did you mean psk?",
  );
  assert.equal(only({ stta: {}, ap: {} }), "stta: is not a known key; did you mean sta?");
  assert.equal(
    only({ ap: { colour: "red" } }),
    "ap.colour: is not a known key (known: ssid, psk, ssid_hidden, max_connections, ap_channel, dhcp_hostname, fallback_after_ms, ap_started, sta_connected, sta_disconnected, sta_ip_assigned)",
  );
  assert.equal(
    only({ sta: { ssid: "a" }, sntp: { host: "h", synchronised: true } }),
    "sntp.synchronised: is not a known key; did you mean synchronized?",
  );
});

Deno.test("keys in the wrong section say where they belong", () => {
  assert.equal(
    only({ sta: { ssid: "a", max_connections: 3 } }),
    "sta.max_connections: belongs in the ap section",
  );
  assert.equal(only({ ap: { got_ip: true } }), "ap.got_ip: belongs in the sta section");
  assert.equal(
    only({ sta: { ssid: "a", sntp: "h" } }),
    "sta.sntp: belongs at the top level of the configuration",
  );
  assert.equal(only({ ap: { host: "h" } }), "ap.host: belongs in the sntp section");
  // A key both sections have, outside both.
  assert.equal(only({ ssid: "home" }), "ssid: belongs in the sta or ap section");
});

Deno.test("sections must be objects", () => {
  assert.equal(only({ sta: [] }), "sta: must be an object, got an array");
  assert.equal(only({ ap: true }), "ap: must be an object, got a boolean");
});

Deno.test("sta.ssid: a string of 1 to 32 bytes", () => {
  assert.equal(only({ sta: { ssid: 5 } }), "sta.ssid: must be a string, got an integer");
  assert.equal(only({ sta: { ssid: "" } }), "sta.ssid: must not be empty");
  assert.equal(
    only({ sta: { ssid: "y".repeat(33) } }),
    "sta.ssid: must be 1 to 32 bytes, got 33 bytes",
  );
  assert.equal(
    only({ sta: { ssid: "é".repeat(17) } }),
    "sta.ssid: must be 1 to 32 bytes, got 34 bytes",
  );
});

Deno.test("sta.psk: at most 64 bytes, any shorter length (WEP keys are short)", () => {
  assert.equal(decodeConfig({ sta: { ssid: "a", psk: "k".repeat(64) } })._tag, "Right");
  assert.equal(decodeConfig({ sta: { ssid: "a", psk: "wep" } })._tag, "Right");
  assert.equal(
    only({ sta: { ssid: "a", psk: "k".repeat(65) } }),
    "sta.psk: must be at most 64 bytes, got 65 bytes",
  );
  assert.equal(only({ sta: { ssid: "a", psk: null } }), "sta.psk: must be a string, got null");
});

Deno.test("sta.dhcp_hostname: 1 to 32 bytes", () => {
  assert.equal(
    only({ sta: { ssid: "a", dhcp_hostname: "" } }),
    "sta.dhcp_hostname: must not be empty",
  );
  assert.equal(decodeConfig({ sta: { ssid: "a", dhcp_hostname: "h".repeat(32) } })._tag, "Right");
});

Deno.test("callbacks are true or false in JSON", () => {
  assert.equal(
    only({ sta: { ssid: "a", got_ip: "yes" } }),
    "sta.got_ip: must be true or false, got a string",
  );
  assert.equal(
    only({ ap: { sta_connected: 1 } }),
    "ap.sta_connected: must be true or false, got an integer",
  );
});

Deno.test("ap.ssid: 1 to 32 bytes; ap.psk: 8 to 64 bytes", () => {
  assert.equal(
    only({ ap: { ssid: "z".repeat(33) } }),
    "ap.ssid: must be 1 to 32 bytes, got 33 bytes",
  );
  assert.equal(
    only({ ap: { psk: "k".repeat(65) } }),
    "ap.psk: must be 8 to 64 bytes for WPA2; leave psk out for an open network, got 65 bytes",
  );
  assert.equal(decodeConfig({ ap: { psk: "k".repeat(8) } })._tag, "Right");
  assert.equal(decodeConfig({ ap: { psk: "k".repeat(64) } })._tag, "Right");
});

Deno.test("ap.ssid_hidden is a boolean; ap.max_connections a whole number from 1 to 15", () => {
  assert.equal(
    only({ ap: { ssid_hidden: "true" } }),
    "ap.ssid_hidden: must be true or false, got a string",
  );
  const limit = "(an ESP32 soft-AP serves at most 15 stations)";
  assert.equal(
    only({ ap: { max_connections: 0 } }),
    `ap.max_connections: must be from 1 to 15 ${limit}, got 0`,
  );
  assert.equal(
    only({ ap: { max_connections: 16 } }),
    `ap.max_connections: must be from 1 to 15 ${limit}, got 16`,
  );
  assert.equal(
    only({ ap: { max_connections: 2.5 } }),
    "ap.max_connections: must be a whole number, got a number",
  );
  assert.equal(
    only({ ap: { max_connections: "4" } }),
    "ap.max_connections: must be a whole number, got a string",
  );
});

Deno.test("sntp: a host, or {host, synchronized}", () => {
  assert.equal(
    only({ ap: {}, sntp: 123 }),
    'sntp: must be a host name or {"host": ..., "synchronized": true}, got an integer',
  );
  assert.equal(only({ ap: {}, sntp: "" }), "sntp: must not be empty");
  assert.equal(
    only({ ap: {}, sntp: { synchronized: true } }),
    "sntp.host: is required: the SNTP server to ask",
  );
  assert.equal(
    only({ ap: {}, sntp: { host: "h", synchronized: "yes" } }),
    "sntp.synchronized: must be true or false, got a string",
  );
});

Deno.test("mdns: {hostname, ttl}, the keys AtomVM's code reads", () => {
  assert.equal(decodeConfig({ sta: { ssid: "a" }, mdns: { hostname: "dev" } })._tag, "Right");
  assert.equal(
    decodeConfig({ sta: { ssid: "a" }, mdns: { hostname: "Sensor-7", ttl: 120 } })._tag,
    "Right",
  );
  assert.equal(
    only({ sta: { ssid: "a" }, mdns: { host: "dev" } }),
    "mdns.host: is not a known key; write hostname (AtomVM's type spec says host, but its code " +
      "reads hostname, and with host its responder silently never starts)",
  );
  assert.equal(
    only({ sta: { ssid: "a" }, mdns: { ttl: 60 } }),
    "mdns.hostname: is required: the name to answer for, as <hostname>.local",
  );
  assert.equal(
    only({ sta: { ssid: "a" }, mdns: { hostname: "dev.local" } }),
    "mdns.hostname: must be a host name label, a single label without dots: the responder " +
      "answers for <hostname>.local",
  );
  assert.equal(
    only({ sta: { ssid: "a" }, mdns: { hostname: "my device" } }),
    "mdns.hostname: must be a host name label, letters, digits and inner hyphens only",
  );
  assert.equal(
    only({ sta: { ssid: "a" }, mdns: { hostname: "x".repeat(64) } }),
    "mdns.hostname: must be 1 to 63 bytes (one DNS label), got 64 bytes",
  );
  assert.equal(
    only({ sta: { ssid: "a" }, mdns: { hostname: "dev", ttl: 0 } }),
    "mdns.ttl: must be from 1 to 2147483647 (seconds), got 0",
  );
  assert.equal(
    only({ sta: { ssid: "a" }, mdns: "dev" }),
    "mdns: must be an object, got a string",
  );
  assert.equal(
    only({ sta: { ssid: "a", ttl: 5 } }),
    "sta.ttl: belongs in the mdns section",
  );
});

Deno.test("every problem is reported at once, in the order of the configuration", () => {
  const found = problems({
    sta: { ssid: "", psk: 7, got_ip: "no" },
    ap: { psk: "short", max_connections: 99, extra: true },
    sntp: 5,
  });
  assert.deepEqual(found.map((p) => p.path), [
    "sta.ssid",
    "sta.psk",
    "sta.got_ip",
    "ap.psk",
    "ap.max_connections",
    "ap.extra",
    "sntp",
  ]);
});

Deno.test("no message ever shows a psk, even a malformed one", () => {
  const secret = "Tr0ub4dor&3-correct-horse-battery-staple-and-then-some-more-bytes!";
  const found = problems({ sta: { ssid: "a", psk: secret }, ap: { psk: secret.slice(0, 5) } });
  assert.equal(found.length, 2);
  for (const problem of found) {
    assert.ok(!problem.message.includes(secret.slice(0, 5)), problem.message);
  }
});

Deno.test("keys named like the object prototype's members are unknown keys, not sections", () => {
  assert.equal(
    only({ sta: { ssid: "a", constructor: true } }),
    "sta.constructor: is not a known key (known: ssid, psk, dhcp_hostname, managed, networks, reconnect, roam, default_scan_results, scan_dwell_ms, scan_show_hidden, scan_passive, connected, disconnected, got_ip, beacon_timeout, scan_done, got_ip6)",
  );
  for (const key of ["toString", "hasOwnProperty", "__proto__", "valueOf"]) {
    const found = problems(JSON.parse(`{"ap": {"${key}": 1}}`));
    assert.equal(found.length, 1, key);
    assert.match(found[0]!.message, /^is not a known key/, key);
  }
});

Deno.test("an unknown key is named by a short prefix, and a long one costs no suggestion search", () => {
  const found = problems({ sta: { ssid: "a", ["k".repeat(1_000_000) + "ssid"]: 1 } });
  assert.equal(found.length, 1);
  assert.equal(found[0]!.path, `sta.${"k".repeat(40)}…`);
  assert.match(found[0]!.message, /^is not a known key \(known: /);
});
