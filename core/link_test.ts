import assert from "node:assert/strict";
import { run, runFrom, type Untimed } from "./_testing.ts";
import { type Link, linkInputs, linkOf, SOFT_AP_ADDRESS } from "./link.ts";

const STA = { sta: { ssid: "home", psk: "secret12" } };
const BOTH = { sta: { ssid: "home", psk: "secret12" }, ap: { ssid: "setup", psk: "setup-1234" } };
const GOT_IP: Untimed = {
  type: "sta_got_ip",
  ip: "192.168.1.20",
  netmask: "255.255.255.0",
  gw: "192.168.1.1",
};
const JOINED: Untimed[] = [{ type: "start" }, { type: "sta_connected" }];

Deno.test("linkOf sta follows the station through the core's own steps", () => {
  const stopped = run(STA, []).state;
  assert.deepEqual(linkOf(stopped, "sta"), { up: false, address: null, why: "stopped" });
  const started = run(STA, [{ type: "start" }]).state;
  assert.deepEqual(linkOf(started, "sta"), { up: false, address: null, why: "disconnected" });
  const associated = run(STA, JOINED).state;
  assert.equal(associated.sta, "associated");
  // Joined without an address yet: a connection cannot use it.
  assert.deepEqual(linkOf(associated, "sta"), { up: false, address: null, why: "lost_ip" });
  const connected = runFrom(associated, [GOT_IP]).state;
  assert.equal(connected.sta, "connected");
  const up = { up: true, address: "192.168.1.20", why: null };
  assert.deepEqual(linkOf(connected, "sta"), up);
  const degraded = runFrom(connected, [{ type: "sta_beacon_timeout" }]).state;
  assert.equal(degraded.sta, "degraded");
  assert.deepEqual(linkOf(degraded, "sta"), up, "the address is still its own");
  const lost = runFrom(connected, [{ type: "sta_lost_ip" }]).state;
  assert.deepEqual(linkOf(lost, "sta"), { up: false, address: null, why: "lost_ip" });
  const gone = runFrom(connected, [{ type: "sta_disconnected", reason: 201 }]).state;
  assert.deepEqual(linkOf(gone, "sta"), { up: false, address: null, why: "disconnected" });
  const halted = runFrom(connected, [{ type: "stop" }]).state;
  assert.equal(halted.active, null);
  assert.deepEqual(linkOf(halted, "sta"), { up: false, address: null, why: "stopped" });
});

Deno.test("linkOf ap is up while the soft-AP runs, at its own address", () => {
  const starting = run(BOTH, [{ type: "start" }]).state;
  assert.deepEqual(linkOf(starting, "ap"), { up: false, address: null, why: "ap_stopped" });
  const started = runFrom(starting, [{ type: "ap_started" }]).state;
  assert.equal(started.ap, "started");
  assert.deepEqual(linkOf(started, "ap"), { up: true, address: SOFT_AP_ADDRESS, why: null });
  // The station's state does not move the AP's link.
  assert.equal(linkOf(started, "sta").up, false);
  const apStopped = runFrom(started, [{ type: "ap_stopped" }]).state;
  assert.notEqual(apStopped.ap, "started");
  assert.deepEqual(linkOf(apStopped, "ap"), { up: false, address: null, why: "ap_stopped" });
  const halted = runFrom(started, [{ type: "stop" }]).state;
  assert.deepEqual(linkOf(halted, "ap"), { up: false, address: null, why: "stopped" });
});

const UP: Link = { up: true, address: "192.168.1.20", why: null };
const down = (why: Link["why"]): Link => ({ up: false, address: null, why });

Deno.test("linkInputs: up, down with why, an address change, and a stop", () => {
  assert.deepEqual(linkInputs(down("disconnected"), UP), [{ type: "link_up" }]);
  assert.deepEqual(linkInputs(UP, UP), []);
  for (const why of ["disconnected", "lost_ip", "ap_stopped"] as const) {
    assert.deepEqual(linkInputs(UP, down(why)), [{ type: "link_down", why }]);
    // Down to down: nothing new to say.
    assert.deepEqual(linkInputs(down("disconnected"), down(why)), []);
  }
  assert.deepEqual(linkInputs(UP, { ...UP, address: "192.168.1.21" }), [
    { type: "link_down", why: "lost_ip" },
    { type: "link_up" },
  ]);
  assert.deepEqual(linkInputs(UP, { ...UP, address: null }), [
    { type: "link_down", why: "lost_ip" },
    { type: "link_up" },
  ]);
  // A stop is said once, from up or from down.
  assert.deepEqual(linkInputs(UP, down("stopped")), [{ type: "link_down", why: "stopped" }]);
  assert.deepEqual(linkInputs(down("lost_ip"), down("stopped")), [
    { type: "link_down", why: "stopped" },
  ]);
  assert.deepEqual(linkInputs(down("stopped"), down("stopped")), []);
});

Deno.test("linkInputs over a real run: a disconnect and a new address each close and reopen", () => {
  const connected = run(STA, [...JOINED, GOT_IP]).state;
  const moved = runFrom(connected, [{ ...GOT_IP, ip: "192.168.1.77" } as Untimed]).state;
  assert.deepEqual(linkInputs(linkOf(connected, "sta"), linkOf(moved, "sta")), [
    { type: "link_down", why: "lost_ip" },
    { type: "link_up" },
  ]);
  const gone = runFrom(connected, [{ type: "sta_disconnected", reason: 201 }]).state;
  assert.deepEqual(linkInputs(linkOf(connected, "sta"), linkOf(gone, "sta")), [
    { type: "link_down", why: "disconnected" },
  ]);
});
