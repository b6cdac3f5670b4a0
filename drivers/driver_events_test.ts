/** Issue 11: a driver's events are decoded as a trace's are before they reach `step`. */
import assert from "node:assert/strict";
import { VirtualClock } from "./clock.ts";
import { FakeDriver } from "./_fake_driver.ts";
import type { DriverEvent } from "./driver.ts";
import { type Diagnostic, Shell } from "./shell.ts";

function setup() {
  const clock = new VirtualClock();
  const driver = new FakeDriver();
  const diagnostics: Diagnostic[] = [];
  const calls: unknown[][] = [];
  const shell = new Shell({
    driver,
    clock,
    config: { sta: { ssid: "home", psk: "secret12", connected: true, got_ip: true } },
    handlers: {
      connected: () => calls.push(["connected"]),
      got_ip: (ip) => calls.push(["got_ip", ip]),
    },
    onDiagnostic: (d) => diagnostics.push(d),
  });
  shell.request({ type: "start" });
  return { clock, driver, shell, diagnostics, calls };
}

/** Emits something a driver's types would not allow. */
function emitRaw(driver: FakeDriver, event: unknown): void {
  driver.emit(event as DriverEvent);
}

Deno.test("an event that does not decode is an invalid_event diagnostic and never reaches step", async () => {
  const { clock, driver, shell, diagnostics, calls } = setup();
  driver.emit({ type: "sta_connected" });
  const before = shell.state;
  emitRaw(driver, { type: "sta_got_ip", ip: 5 });
  await clock.advance(10);
  assert.equal(shell.state, before, "step never saw it");
  assert.deepEqual(calls, [["connected"]]);
  assert.deepEqual(diagnostics.filter((d) => d.code === "invalid_event"), [{
    level: "error",
    code: "invalid_event",
    message: "driver event sta_got_ip: ip must be a dotted IPv4 address, got an integer; " +
      "netmask must be a dotted IPv4 address, got nothing; gw must be a dotted IPv4 address, got nothing",
  }]);
});

Deno.test("an event of no device type, or no object at all, is an invalid_event", async () => {
  const { clock, driver, shell, diagnostics } = setup();
  const before = shell.state;
  for (const event of [null, 5, { type: 7 }, { type: "stop" }, { type: "timer", timer: "join" }]) {
    emitRaw(driver, event);
  }
  emitRaw(driver, { type: "x".repeat(100_000) });
  emitRaw(driver, { type: "secret12" });
  await clock.advance(10);
  assert.equal(shell.state, before);
  const messages = diagnostics.filter((d) => d.code === "invalid_event").map((d) => d.message);
  assert.deepEqual(messages, [
    "a driver event must be an object, got null",
    "a driver event must be an object, got an integer",
    'a driver event needs a "type" naming a device event, got an integer',
    'driver event type "stop" is not a device event (a request comes from the application)',
    'driver event type "timer" is not a device event (the shell fires timers)',
    "unknown driver event type (a string of 100000 characters)",
    'unknown driver event type "<redacted>"',
  ]);
});

Deno.test("a valid event is applied as decoded: a MAC in upper case is lowered, unknown keys dropped", async () => {
  const { clock, driver, shell, diagnostics, calls } = setup();
  emitRaw(driver, {
    type: "sta_connected",
    bssid: "A4:2B:B0:11:22:33",
    extra: { psk: "secret12" },
  });
  emitRaw(driver, {
    type: "sta_got_ip",
    ip: "192.168.1.20",
    netmask: "255.255.255.0",
    gw: "192.168.1.1",
  });
  await clock.advance(10);
  assert.equal(shell.state.sta, "connected");
  assert.deepEqual(calls[1], ["got_ip", {
    ip: "192.168.1.20",
    netmask: "255.255.255.0",
    gw: "192.168.1.1",
  }]);
  assert.deepEqual(diagnostics.filter((d) => d.code === "invalid_event"), []);
});

Deno.test("a hostile event cannot throw into the driver, and its message stays short and secret-free", async () => {
  const { clock, driver, diagnostics } = setup();
  const hostile = new Proxy({}, {
    get() {
      throw new Error("secret12");
    },
    ownKeys() {
      throw new Error("secret12");
    },
  });
  assert.doesNotThrow(() => emitRaw(driver, hostile));
  emitRaw(driver, {
    type: "scan_done",
    networks: Array.from({ length: 10_000 }, () => ({ ssid: 1 })),
  });
  emitRaw(driver, { type: "sta_connected", ssid: { psk: "secret12" } });
  await clock.advance(10);
  const messages = diagnostics.filter((d) => d.code === "invalid_event").map((d) => d.message);
  assert.equal(messages.length, 3);
  for (const message of messages) {
    assert.ok(message.length <= 300, message.slice(0, 80));
    assert.ok(!message.includes("secret12"), message);
  }
});

Deno.test("a driver_failed event is a late refusal: it reaches step, its words scrubbed of the psk", async () => {
  const { clock, driver, shell, diagnostics } = setup();
  driver.emit({ type: "driver_failed", command: "connect_sta", error: "AT+CWJAP secret12 ERROR" });
  await clock.advance(10);
  const failures = diagnostics.filter((d) => d.code === "driver_failed").map((d) => d.message);
  assert.deepEqual(failures, ["driver command connect_sta failed: AT+CWJAP <redacted> ERROR"]);
  assert.equal(shell.state.sta, "disconnected", "a refused join waits out a backoff");
  assert.ok(shell.state.timers.reconnect !== undefined, "and is tried again");
});
