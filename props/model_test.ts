/**
 * Model-based tests of the shell with the simulated ESP32 (fast-check `commands`), and races
 * between device events and application requests (`fc.scheduler`).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Applied } from "../core/advance.ts";
import type { Request, Untimed } from "../core/input.ts";
import { STA_STATUSES } from "../core/state.ts";
import { FakeDriver } from "../drivers/_fake_driver.ts";
import { running, start, stop } from "../drivers/api.ts";
import { VirtualClock } from "../drivers/clock.ts";
import type { DriverEvent } from "../drivers/driver.ts";
import { Shell } from "../drivers/shell.ts";
import { violation } from "./invariants.ts";
import { propRuns } from "./harness.ts";

/** What the application should see, simplified. */
interface Model {
  running: boolean;
  /** Whether the application wants the station joined (false after staDisconnect). */
  wanted: boolean;
}

/** The system under test and what it has done. */
interface Real {
  readonly clock: VirtualClock;
  /** Callbacks, with whether the network was running when each began. */
  readonly calls: { readonly name: string; readonly running: boolean }[];
  readonly steps: Applied[];
}

const SECRET = "§model-secret";

function config(real: Real) {
  const note = (name: string) => () =>
    void real.calls.push({ name, running: running() !== undefined });
  return {
    sta: {
      ssid: "home",
      psk: SECRET,
      connected: note("connected"),
      disconnected: note("disconnected"),
      got_ip: note("got_ip"),
    },
    ap: { psk: "§model-ap-secret", ap_started: note("ap_started") },
  };
}

class Start implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => !m.running;
  async run(m: Model, r: Real) {
    let before: Applied["state"] | undefined;
    const result = await start(config(r), {
      clock: r.clock,
      world: { access_points: [{ ssid: "home", psk: SECRET }] },
      onStep: (applied) => {
        r.steps.push(applied);
        before = applied.state;
      },
    });
    assert.equal(result._tag, "Right");
    assert.ok(before !== undefined);
    Object.assign(m, { running: true, wanted: true });
  }
  toString = () => "start";
}

class StartAgain implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.running;
  async run(_m: Model, r: Real) {
    assert.deepEqual(await start(config(r), { clock: r.clock }), {
      _tag: "Left",
      left: { error: "already_started" },
    });
  }
  toString = () => "start again";
}

class Stop implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    await stop();
    const calls = r.calls.length;
    await r.clock.advance(30_000);
    assert.equal(r.calls.length, calls, "no callback after stop");
    m.running = false;
  }
  toString = () => "stop";
}

class Disconnect implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.running;
  run(m: Model): Promise<void> {
    assert.equal(running()!.staDisconnect()._tag, "Right");
    m.wanted = false;
    return Promise.resolve();
  }
  toString = () => "staDisconnect";
}

class Connect implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.running;
  run(m: Model): Promise<void> {
    assert.equal(running()!.staConnect()._tag, "Right");
    m.wanted = true;
    return Promise.resolve();
  }
  toString = () => "staConnect";
}

class Wait implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await r.clock.advance(this.ms);
    const status = running()?.status ?? "stopped";
    assert.ok((STA_STATUSES as readonly string[]).includes(status));
    if (!m.running) assert.equal(running(), undefined);
    // Given time, the station is where the application asked it to be.
    else if (this.ms >= 10_000) {
      assert.equal(status, m.wanted ? "connected" : "disconnected", `after ${this.ms} ms`);
    }
  }
  toString = () => `wait ${this.ms}`;
}

Deno.test(`model: the shell and the simulated ESP32 do what a simple model says (${propRuns(300)} runs)`, async () => {
  const commands = [
    fc.constant(new Start()),
    fc.constant(new StartAgain()),
    fc.constant(new Stop()),
    fc.constant(new Disconnect()),
    fc.constant(new Connect()),
    fc.integer({ min: 0, max: 20_000 }).map((ms) => new Wait(ms)),
  ];
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
      const real: Real = { clock: new VirtualClock(), calls: [], steps: [] };
      try {
        await fc.asyncModelRun(() => ({ model: { running: false, wanted: true }, real }), cmds);
        assert.ok(
          real.calls.every((call) => call.running),
          "every callback began while the network ran",
        );
        let before = real.steps[0]?.state;
        for (const applied of real.steps.slice(1)) {
          const message = violation({
            before: before!,
            input: applied.input,
            after: applied.state,
            effects: applied.effects,
            secrets: [SECRET],
          });
          assert.equal(message, null);
          before = applied.state;
        }
      } finally {
        await stop();
      }
    }),
    { numRuns: propRuns(300) },
  );
});

const EVENTS: DriverEvent[] = [
  { type: "sta_connected" },
  { type: "sta_got_ip", ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" },
  { type: "sta_disconnected", reason: 200 },
  { type: "ap_started" },
  { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03" },
  { type: "ap_sta_disconnected", mac: "3c:22:fb:01:02:03" },
];
const REQUESTS = [{ type: "start" }, { type: "stop" }, { type: "sta_disconnect" }, {
  type: "sta_connect",
}] as const;

Deno.test(`races: device events and application requests in any order keep every invariant (${propRuns(1000)} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.scheduler(),
      fc.array(fc.constantFrom(...EVENTS), { maxLength: 12 }),
      fc.array(fc.constantFrom(...REQUESTS), { maxLength: 6 }),
      async (s, events, requests) => {
        const driver = new FakeDriver();
        const clock = new VirtualClock();
        const began: boolean[] = [];
        const steps: Applied[] = [];
        const handler = () => void began.push(shell.state.active !== null);
        const shell: Shell = new Shell({
          driver,
          clock,
          config: {
            sta: { ssid: "home", psk: SECRET, connected: true, got_ip: true, disconnected: true },
            ap: { ap_started: true, sta_connected: true, sta_disconnected: true },
          },
          handlers: {
            connected: handler,
            got_ip: handler,
            disconnected: handler,
            ap_started: handler,
            sta_connected: handler,
            sta_disconnected: handler,
          },
          onStep: (applied) => steps.push(applied),
        });
        shell.request({ type: "start" });
        for (const event of events) s.schedule(Promise.resolve(event)).then((e) => driver.emit(e));
        for (const request of requests) {
          s.schedule(Promise.resolve(request)).then((r) =>
            shell.request({ type: r.type } as Untimed<Request>)
          );
        }
        await s.waitAll();
        await shell.idle();
        assert.ok(began.every((ok) => ok), "a callback began while the network was stopped");
        for (let i = 1; i < steps.length; i++) {
          const message = violation({
            before: steps[i - 1]!.state,
            input: steps[i]!.input,
            after: steps[i]!.state,
            effects: steps[i]!.effects,
            secrets: [SECRET],
          });
          assert.equal(message, null, String(s.report().map((r) => r.label)));
        }
      },
    ),
    { numRuns: propRuns(1000) },
  );
});
