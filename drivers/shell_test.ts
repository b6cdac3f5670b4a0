import assert from "node:assert/strict";
import { VirtualClock } from "./clock.ts";
import { FakeDriver } from "./_fake_driver.ts";
import { type Diagnostic, type Handlers, Shell } from "./shell.ts";
import { DEADLINE_DEFAULTS } from "../core/config/deadlines.ts";

const CONFIG = {
  sta: { ssid: "home", psk: "secret12", connected: true, disconnected: true, got_ip: true },
  ap: { psk: "12345678", ap_started: true, sta_connected: true, sta_disconnected: true },
};
const IP = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };

function setup(handlers: Handlers = {}) {
  const clock = new VirtualClock();
  const driver = new FakeDriver();
  const diagnostics: Diagnostic[] = [];
  const shell = new Shell({
    driver,
    clock,
    config: CONFIG,
    handlers,
    onDiagnostic: (d) => diagnostics.push(d),
  });
  return { clock, driver, shell, diagnostics };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

Deno.test("callbacks run one at a time, in the order their events happened", async () => {
  const order: string[] = [];
  const slow = deferred();
  const { driver, shell } = setup({
    ap_started: async () => {
      order.push("ap_started begins");
      await slow.promise;
      order.push("ap_started ends");
    },
    connected: () => void order.push("connected"),
    got_ip: (ip) => void order.push(`got_ip ${ip.ip}`),
  });
  shell.request({ type: "start" });
  driver.emit({ type: "ap_started" });
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  await Promise.resolve();
  assert.equal(shell.state.sta, "connected", "the core does not wait for callbacks");
  slow.resolve();
  await shell.idle();
  assert.deepEqual(order, [
    "ap_started begins",
    "ap_started ends",
    "connected",
    "got_ip 192.168.1.20",
  ]);
});

Deno.test("a callback that throws or rejects is reported, and the machine keeps running", async () => {
  const later: string[] = [];
  const { driver, shell, diagnostics } = setup({
    connected: () => {
      throw new Error("boom");
    },
    got_ip: () => Promise.reject(new Error("async boom")),
    disconnected: () => void later.push("disconnected ran"),
    ap_started: () => 42, // return values are ignored
  });
  shell.request({ type: "start" });
  driver.emit({ type: "ap_started" });
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  driver.emit({ type: "sta_disconnected", reason: 200 });
  await shell.idle();
  assert.deepEqual(diagnostics.filter((d) => d.code === "callback_failed").map((d) => d.message), [
    "callback connected failed: boom",
    "callback got_ip failed: async boom",
  ]);
  assert.deepEqual(later, ["disconnected ran"]);
  assert.equal(shell.state.sta, "disconnected", "and waiting to reconnect");
  assert.ok(shell.state.timers.reconnect !== undefined);
});

Deno.test("no callback starts after stop: those queued behind a running one are dropped", async () => {
  const ran: string[] = [];
  const began = deferred();
  const slow = deferred();
  const { driver, shell } = setup({
    ap_started: async () => {
      ran.push("ap_started");
      began.resolve();
      await slow.promise;
    },
    connected: () => void ran.push("connected"),
    got_ip: () => void ran.push("got_ip"),
  });
  shell.request({ type: "start" });
  driver.emit({ type: "ap_started" });
  await began.promise;
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  assert.equal(shell.request({ type: "stop" }), "ok");
  driver.emit({ type: "sta_disconnected" });
  slow.resolve();
  await shell.idle();
  assert.deepEqual(ran, ["ap_started"]);
});

Deno.test("a callback not yet begun when stop arrives never runs", async () => {
  const ran: string[] = [];
  const { driver, shell } = setup({ ap_started: () => void ran.push("ap_started") });
  shell.request({ type: "start" });
  driver.emit({ type: "ap_started" });
  shell.request({ type: "stop" });
  await shell.idle();
  assert.deepEqual(ran, []);
});

Deno.test("a command the driver refuses, or that throws, comes back as driver_failed", async () => {
  for (const mode of ["refuse", "explode"] as const) {
    const { driver, shell, diagnostics } = setup();
    if (mode === "refuse") driver.refuse.set("connect_sta", "ESP_ERR_WIFI_SSID");
    else driver.explode.add("connect_sta");
    assert.equal(shell.request({ type: "start" }), "ok");
    await shell.idle();
    assert.equal(shell.state.sta, "disconnected", mode);
    const message = mode === "refuse" ? "ESP_ERR_WIFI_SSID" : "connect_sta blew up";
    assert.deepEqual(diagnostics.map((d) => d.message), [
      `driver command connect_sta failed: ${message}`,
    ]);
  }
});

Deno.test("commands reach the driver in order, one after another, with the real psk", async () => {
  const { driver, shell } = setup();
  const gate = deferred();
  driver.gate = gate.promise;
  shell.request({ type: "start" });
  shell.request({ type: "stop" });
  await Promise.resolve();
  assert.equal(driver.received.length, 0);
  gate.resolve();
  await shell.idle();
  assert.deepEqual(driver.received.map((c) => c.command), [
    "start_wifi",
    "connect_sta",
    "stop_wifi",
  ]);
  const connect = driver.received[1]!;
  assert.equal(connect.command === "connect_sta" && connect.psk, "secret12");
  const start = driver.received[0]!;
  assert.equal(start.command === "start_wifi" && start.ap?.psk, "12345678");
});

Deno.test("inputs are stamped with the clock, never running backwards", async () => {
  const { clock, driver, shell } = setup();
  shell.request({ type: "start" });
  await clock.advance(1234);
  driver.emit({ type: "sta_connected" });
  assert.equal(shell.state.now, 1234);
});

Deno.test("close stops listening and releases the driver", async () => {
  const { driver, shell } = setup();
  shell.request({ type: "start" });
  await shell.close();
  assert.equal(driver.closed, true);
  driver.emit({ type: "sta_connected" });
  assert.equal(shell.state.sta, "connecting");
});

Deno.test("a driver command that never returns is failed after deadlines.command_ms; the next goes on", async () => {
  const clock = new VirtualClock();
  const driver = new FakeDriver();
  const hung = new Set(["start_wifi", "stop_wifi"]);
  const apply = driver.apply.bind(driver);
  driver.apply = (command) => hung.has(command.command) ? new Promise(() => {}) : apply(command);
  const diagnostics: Diagnostic[] = [];
  const shell = new Shell({
    driver,
    clock,
    config: { ...CONFIG, deadlines: { command_ms: 2000 } },
    onDiagnostic: (d) => diagnostics.push(d),
  });
  shell.request({ type: "start" });
  await clock.advance(2500);
  assert.deepEqual(
    diagnostics.filter((d) => d.code === "driver_failed").map((d) => d.message),
    ["driver command start_wifi failed: no answer from the driver within 2 s"],
  );
  assert.ok(driver.received.some((c) => c.command === "connect_sta"), "the queue moved on");
  // Stopping the radio cannot hang the shell either.
  shell.request({ type: "stop" });
  const closed = shell.close();
  await clock.advance(2500);
  await closed;
  assert.equal(driver.closed, true);
});

Deno.test("a driver's answer that is no Either, or a throw that cannot be shown, is driver_failed; a psk in it is scrubbed", async () => {
  const driver = new FakeDriver();
  const failed: unknown[] = [];
  const shell = new Shell({
    driver,
    clock: new VirtualClock(),
    config: CONFIG,
    onStep: ({ input }) => input.type === "driver_failed" && failed.push(input),
  });
  const answers: Record<string, () => Promise<unknown>> = {
    start_wifi: () => Promise.resolve(undefined),
    connect_sta: () => Promise.reject(Object.create(null)),
    stop_wifi: () => Promise.resolve({ _tag: "Left", left: "refused secret12" }),
  };
  driver.apply = (command) => answers[command.command]!() as never;
  shell.request({ type: "start" });
  await shell.idle();
  shell.request({ type: "stop" });
  await shell.idle();
  assert.deepEqual(failed.map((input) => (input as { error: string }).error), [
    "the driver's answer is not an Either",
    "an object that cannot be shown",
    "refused <redacted>",
  ]);
});

Deno.test("a driver whose close rejects or hangs is reported, and close still resolves", async () => {
  for (
    const close of [() => Promise.reject(new Error("stuck")), () => new Promise<void>(() => {})]
  ) {
    const { clock, driver, shell, diagnostics } = setup();
    driver.close = close;
    shell.request({ type: "start" });
    shell.request({ type: "stop" });
    const closed = shell.close();
    await clock.advance(DEADLINE_DEFAULTS.command_ms);
    await closed;
    assert.equal(diagnostics.filter((d) => d.code === "driver_close_failed").length, 1);
  }
});

Deno.test("a callback waiting on time lets a virtual clock move on; the next runs after it", async () => {
  const ran: string[] = [];
  const { clock, driver, shell, diagnostics } = setup();
  shell.setHandlers({
    connected: async () => {
      await new Promise<void>((resolve) => clock.schedule(clock.now() + 1000, resolve));
      ran.push(`connected done at ${clock.now()}`);
    },
    got_ip: () => void ran.push(`got_ip at ${clock.now()}`),
  });
  shell.request({ type: "start" });
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  await clock.advance(2000);
  assert.deepEqual(ran, ["connected done at 1000", "got_ip at 1000"]);
  assert.deepEqual(diagnostics, []);
});

Deno.test("close waits for a slow stop_wifi before it releases the driver", async () => {
  const clock = new VirtualClock();
  const driver = new FakeDriver();
  const order: string[] = [];
  const apply = driver.apply.bind(driver);
  driver.apply = (command) => {
    if (command.command !== "stop_wifi") return apply(command);
    // The device answers 500 ms later, well within the command's deadline.
    return new Promise((resolve) => {
      clock.schedule(clock.now() + 500, () => {
        order.push("stop_wifi answered");
        resolve(apply(command));
      });
    });
  };
  const close = driver.close.bind(driver);
  driver.close = () => {
    order.push("driver closed");
    return close();
  };
  const shell = new Shell({ driver, clock, config: CONFIG });
  shell.request({ type: "start" });
  await clock.advance(100);
  shell.request({ type: "stop" });
  const closed = shell.close();
  await clock.advance(1000);
  await closed;
  assert.deepEqual(order, ["stop_wifi answered", "driver closed"]);
});
