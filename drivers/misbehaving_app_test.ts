/**
 * Issue 11: an application that misbehaves (callbacks that hang, stop from inside a callback,
 * thrown values that cannot be shown, hooks that throw) cannot stop the machine, and its hooks
 * never see a psk.
 */
import assert from "node:assert/strict";
import { apiTest } from "./_testing.ts";
import { realClock, VirtualClock } from "./clock.ts";
import { FakeDriver } from "./_fake_driver.ts";
import { running, start, stop } from "./api.ts";
import type { Config, StartOptions } from "./app_config.ts";
import type { Diagnostic } from "./shell.ts";
import { Network } from "./network.ts";

const HOME = { ssid: "home", psk: "secret12" };
const IP = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };

async function begin(config: Config, options: Partial<StartOptions> = {}) {
  const clock = new VirtualClock(); // unused when options bring their own
  const driver = new FakeDriver();
  const diagnostics: Diagnostic[] = [];
  const started = await start(config, {
    clock,
    driver,
    onDiagnostic: (d) => diagnostics.push(d),
    ...options,
  });
  if (started._tag === "Left") throw new Error(JSON.stringify(started.left));
  return { clock, driver, diagnostics, network: started.right };
}

function codes(diagnostics: readonly Diagnostic[], code: string): string[] {
  return diagnostics.filter((d) => d.code === code).map((d) => d.message);
}

apiTest("a callback that never settles times out and no longer holds the queue", async () => {
  const ran: string[] = [];
  const { clock, driver, diagnostics, network } = await begin({
    sta: { ...HOME, connected: () => new Promise(() => {}), got_ip: () => ran.push("got_ip") },
  });
  const ip = network.waitForSta(15_000);
  await clock.advance(100);
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  await clock.advance(4_000);
  assert.deepEqual(ran, [], "callbacks keep their order: got_ip waits behind connected");
  await clock.advance(1_000);
  assert.deepEqual(ran, ["got_ip"]);
  assert.deepEqual(codes(diagnostics, "callback_timeout"), [
    "callback connected has not finished within 5 s; later callbacks go on",
  ]);
  assert.deepEqual(await ip, { _tag: "Right", right: IP });
  assert.equal(clock.now(), 5_100, "the limit is measured on the shell's clock");
  await stop();
  assert.equal(driver.closed, true);
});

apiTest("the callback limit is an option, and works on the real clock", async () => {
  const ran: string[] = [];
  const { driver, diagnostics } = await begin({
    sta: { ...HOME, connected: () => new Promise(() => {}), got_ip: () => ran.push("got_ip") },
  }, { clock: realClock(), callbackTimeout: 30 });
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.deepEqual(ran, ["got_ip"]);
  assert.deepEqual(codes(diagnostics, "callback_timeout"), [
    "callback connected has not finished within 0.03 s; later callbacks go on",
  ]);
  await stop();
  assert.equal(driver.closed, true);
});

apiTest("a callback limit that is not a positive number of milliseconds is refused", async () => {
  for (const callbackTimeout of [0, -1, Number.NaN, Infinity]) {
    const result = await start({ sta: HOME }, {
      clock: new VirtualClock(),
      driver: new FakeDriver(),
      callbackTimeout,
    });
    assert.deepEqual(result._tag === "Left" && result.left.error, "badarg", `${callbackTimeout}`);
    assert.equal(running(), undefined);
  }
});

apiTest(
  "a timed-out callback that later rejects is reported; one that later returns is not",
  async () => {
    let fail = (_: unknown) => {};
    let finish = () => {};
    const { clock, driver, diagnostics } = await begin({
      sta: {
        ...HOME,
        connected: () => new Promise((_, reject) => (fail = reject)),
        got_ip: () => new Promise<void>((resolve) => (finish = resolve)),
      },
    }, { callbackTimeout: 1000 });
    driver.emit({ type: "sta_connected" });
    driver.emit({ type: "sta_got_ip", ...IP });
    await clock.advance(2_500);
    assert.equal(codes(diagnostics, "callback_timeout").length, 2);
    fail(new Error("too late"));
    finish();
    await clock.advance(10);
    assert.deepEqual(codes(diagnostics, "callback_failed"), [
      "callback connected failed after its time limit: too late",
    ]);
  },
);

apiTest("await stop() inside a callback stops the network and closes the driver", async () => {
  const ran: string[] = [];
  const { clock, driver } = await begin({
    sta: {
      ...HOME,
      connected: async () => {
        await stop();
        ran.push("stop returned");
      },
      got_ip: () => ran.push("got_ip"),
    },
  });
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  await clock.advance(1_000);
  assert.deepEqual(ran, ["stop returned"], "no callback runs after stop");
  assert.equal(driver.closed, true);
  assert.equal(running(), undefined);
  assert.deepEqual(driver.received.map((c) => c.command).at(-1), "stop_wifi");
});

apiTest("network.stop() inside a callback works on the real clock too", async () => {
  const ran: string[] = [];
  let stopped = () => {};
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const { driver, network } = await begin({
    sta: {
      ...HOME,
      connected: async () => {
        await network.stop();
        ran.push("stop returned");
        stopped();
      },
    },
  }, { clock: realClock() });
  driver.emit({ type: "sta_connected" });
  await done;
  assert.deepEqual(ran, ["stop returned"]);
  assert.equal(driver.closed, true);
});

apiTest("thrown values that cannot be turned into text are reported, not fatal", async () => {
  const ran: string[] = [];
  const { clock, driver, diagnostics } = await begin({
    sta: {
      ...HOME,
      connected: () => {
        throw Object.create(null);
      },
      got_ip: () => {
        throw {
          toString() {
            throw new Error("no text");
          },
        };
      },
      disconnected: () => {
        throw new Error(`wrong psk ${HOME.psk}`);
      },
    },
    ap: { ap_started: () => ran.push("ap_started") },
  });
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  driver.emit({ type: "sta_disconnected", reason: 201 });
  driver.emit({ type: "ap_started" });
  await clock.advance(1_000);
  assert.deepEqual(ran, ["ap_started"]);
  assert.deepEqual(codes(diagnostics, "callback_failed"), [
    "callback connected failed: an object that cannot be shown",
    "callback got_ip failed: an object that cannot be shown",
    "callback disconnected failed: wrong psk <redacted>",
  ]);
  await stop();
  assert.equal(driver.closed, true);
});

apiTest("an onStep hook that throws becomes hook_failed; the machine goes on", async () => {
  const ran: string[] = [];
  const { clock, driver, diagnostics, network } = await begin({
    sta: { ...HOME, got_ip: () => ran.push("got_ip") },
  }, {
    onStep: () => {
      throw Object.create(null);
    },
  });
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  assert.deepEqual(await network.waitForSta(1000), { _tag: "Right", right: IP });
  await clock.advance(10);
  assert.deepEqual(ran, ["got_ip"]);
  assert.ok(codes(diagnostics, "hook_failed").length >= 3);
  assert.equal(
    codes(diagnostics, "hook_failed")[0],
    "onStep threw: an object that cannot be shown",
  );
});

apiTest("an onDiagnostic hook that throws is dropped; start() does not throw", async () => {
  const ran: string[] = [];
  const { clock, driver, network } = await begin({
    sta: { ...HOME, got_ip: () => ran.push("got_ip") },
  }, {
    onDiagnostic: () => {
      throw new Error("diagnostics down");
    },
    onStep: () => {
      throw new Error("steps down");
    },
    record: () => {
      throw new Error("disk full");
    },
  });
  driver.emit({ type: "ap_sta_disconnected", mac: "3c:22:fb:01:02:03" }); // a core diagnostic
  driver.emit({ type: "sta_connected" });
  driver.emit({ type: "sta_got_ip", ...IP });
  await clock.advance(10);
  assert.deepEqual(ran, ["got_ip"]);
  assert.equal(network.status, "connected");
  assert.ok(network.shell.droppedDiagnostics > 0);
});

apiTest("start() never throws, and leaves no half-built network when the driver does", async () => {
  const driver = new FakeDriver();
  driver.events.subscribe = () => {
    throw new Error("no events for you");
  };
  const result = await start({ sta: HOME }, { clock: new VirtualClock(), driver });
  assert.deepEqual(result, {
    _tag: "Left",
    left: {
      error: "start_failed",
      problems: [{ path: "start", message: "no events for you" }],
    },
  });
  assert.equal(driver.closed, true);
  assert.equal(running(), undefined);
  const again = await start({ sta: HOME }, { clock: new VirtualClock(), driver: new FakeDriver() });
  assert.equal(again._tag, "Right");
});

apiTest("onStep sees every applied input with its secrets redacted", async () => {
  const seen: string[] = [];
  const { clock, driver, network } = await begin({ sta: HOME, ap: { psk: "appass99" } }, {
    onStep: ({ input, effects }) => seen.push(JSON.stringify({ input, effects })),
  });
  driver.emit({ type: "sta_connected" });
  assert.equal(network.staConnect({ ssid: "office", psk: "officepass1" })._tag, "Right");
  await clock.advance(10);
  assert.ok(seen.some((line) => line.includes('"type":"sta_connect"')));
  assert.ok(seen.some((line) => line.includes('"psk":"<redacted>"')));
  for (const secret of ["secret12", "appass99", "officepass1"]) {
    assert.ok(!seen.join("\n").includes(secret), secret);
  }
});

apiTest(
  "an untyped caller's non-object configuration is invalid_config, and its driver is closed",
  async () => {
    const driver = new FakeDriver();
    const started = Network.start(null as never, { driver, clock: new VirtualClock() });
    assert.equal(started._tag === "Left" && started.left.error, "invalid_config");
    await Promise.resolve();
    assert.equal(driver.closed, true);
    const network = Network.start({ sta: HOME }, { clock: new VirtualClock() });
    if (network._tag === "Left") throw new Error("did not start");
    const refused = network.right.staConnect("cafe" as never);
    assert.equal(refused._tag === "Left" && refused.left.error, "invalid_config");
    await network.right.stop();
  },
);

apiTest("an onStep hook that stops the network on every step stops it once", async () => {
  const held: { network?: Network } = {};
  const started = Network.start({ sta: HOME }, {
    clock: new VirtualClock(),
    onStep: () => void held.network?.stop(),
  });
  if (started._tag === "Left") throw new Error("did not start");
  const network = held.network = started.right;
  await network.stop();
  assert.equal(network.status, "stopped");
});
