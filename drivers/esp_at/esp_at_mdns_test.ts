import assert from "node:assert/strict";
import type { DriverEvent } from "../driver.ts";
import { openEspAt } from "./esp_at_driver.ts";
import { type Rule, ScriptedModule } from "./_scripted_module.ts";

/** A module whose AT+MDNS answers OK, as firmware built with mDNS does. */
const MDNS_OK: Rule = { when: /^AT\+MDNS=/, reply: () => ["OK"] };

const START = {
  command: "start_mdns",
  hostname: "atomvm-dev",
  ttl: 900,
  ip: "192.168.3.112",
} as const;

async function opened(module: ScriptedModule, options = {}) {
  const result = await openEspAt(module.host, options);
  if (result._tag === "Left") throw new Error(result.left);
  const events: DriverEvent[] = [];
  result.right.events.subscribe((event) => events.push(event));
  return { driver: result.right, events };
}

/** The commands after taking charge, which ends with `AT+CWMODE=0`. */
function after(module: ScriptedModule, first: RegExp): string[] {
  const at = module.received.findIndex((line) => first.test(line));
  return at < 0 ? [] : module.received.slice(at);
}

Deno.test("mdns: capabilities say the driver answers mDNS with the firmware's own TTL", async () => {
  const module = new ScriptedModule();
  const { driver } = await opened(module);
  assert.deepEqual(driver.capabilities.mdns, { ttl: false });
  await driver.close();
});

Deno.test("mdns: start_mdns stops any responder, then AT+MDNS=1 with the hostname, _iot on 8080", async () => {
  const module = new ScriptedModule([MDNS_OK]);
  const { driver, events } = await opened(module);
  await driver.apply(START);
  await module.waitFor(/^AT\+MDNS=1/);
  assert.deepEqual(after(module, /^AT\+MDNS/), ["AT+MDNS=0", 'AT+MDNS=1,"atomvm-dev","_iot",8080']);
  // A new address: the same pair again, as AT+MDNS=1 over a running responder restarts nothing.
  await driver.apply({ ...START, ip: "192.168.3.140" });
  await driver.apply({ command: "stop_wifi" });
  await module.waitFor(/^AT\+CWMODE=0,0$/);
  assert.deepEqual(after(module, /^AT\+MDNS/), [
    "AT+MDNS=0",
    'AT+MDNS=1,"atomvm-dev","_iot",8080',
    "AT+MDNS=0",
    'AT+MDNS=1,"atomvm-dev","_iot",8080',
    "AT+MDNS=0",
    "AT+CIPSNTPCFG=0",
    "AT+CWQAP",
    "AT+CWMODE=0,0",
  ]);
  assert.deepEqual(events, [], "no event follows start_mdns");
  await driver.close();
  assert.equal(module.received.at(-1), "AT+CWMODE=0,0", "close sends nothing more after a stop");
});

Deno.test("mdns: the advertised service can be set; the ttl and ip are never sent", async () => {
  const module = new ScriptedModule([MDNS_OK]);
  const { driver } = await opened(module, { mdnsService: { type: "_http", port: 80 } });
  await driver.apply({ ...START, hostname: "pump" });
  await module.waitFor(/^AT\+MDNS=1/);
  assert.deepEqual(after(module, /^AT\+MDNS/), ["AT+MDNS=0", 'AT+MDNS=1,"pump","_http",80']);
  await driver.close();
});

Deno.test("mdns: close stops a running responder", async () => {
  const module = new ScriptedModule([MDNS_OK]);
  const { driver } = await opened(module);
  await driver.apply(START);
  await driver.close();
  assert.deepEqual(after(module, /^AT\+MDNS/), [
    "AT+MDNS=0",
    'AT+MDNS=1,"atomvm-dev","_iot",8080',
    "AT+MDNS=0",
  ]);
});

Deno.test("mdns: stop_wifi sends no AT+MDNS when none was started", async () => {
  const module = new ScriptedModule([MDNS_OK]);
  const { driver } = await opened(module);
  await driver.apply({ command: "stop_wifi" });
  await driver.close();
  assert.ok(!module.received.some((line) => line.startsWith("AT+MDNS")), "no AT+MDNS");
});

Deno.test("mdns: a refused AT+MDNS=1 is a driver_failed naming start_mdns and the AT command only", async () => {
  const module = new ScriptedModule([
    { when: /^AT\+MDNS=0$/, reply: () => ["OK"] },
    { when: /^AT\+MDNS=1/, reply: () => ["ERR CODE:0x01070002", "", "ERROR"] },
  ]);
  const { driver, events } = await opened(module);
  await driver.apply(START);
  await module.waitFor(/^AT\+MDNS=1/);
  await driver.apply({ command: "stop_wifi" });
  await module.waitFor(/^AT\+CWMODE=0,0$/);
  assert.equal(events.length, 1);
  const [failure] = events;
  assert.equal(failure?.type, "driver_failed");
  assert.equal(failure?.type === "driver_failed" && failure.command, "start_mdns");
  const error = failure?.type === "driver_failed" ? failure.error : "";
  assert.match(error, /^AT\+MDNS: /);
  assert.match(error, /0x01070002/);
  assert.ok(!error.includes("atomvm-dev"), "the parameters stay out of the message");
  // Nothing runs, so the stop sends no AT+MDNS=0.
  assert.deepEqual(after(module, /^AT\+MDNS/), [
    "AT+MDNS=0",
    'AT+MDNS=1,"atomvm-dev","_iot",8080',
    "AT+CIPSNTPCFG=0",
    "AT+CWQAP",
    "AT+CWMODE=0,0",
  ]);
  await driver.close();
});

Deno.test("mdns: a firmware built without AT+MDNS fails at the stop, before any AT+MDNS=1", async () => {
  const module = new ScriptedModule([
    { when: /^AT\+MDNS/, reply: () => ["ERR CODE:0x01090000", "", "ERROR"] },
  ]);
  const { driver, events } = await opened(module);
  await driver.apply(START);
  await module.waitFor(/^AT\+MDNS=0$/);
  const end = Date.now() + 3000;
  while (events.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(events.map((e) => e.type === "driver_failed" && e.command), ["start_mdns"]);
  assert.ok(!module.received.some((line) => line.startsWith("AT+MDNS=1")));
  await driver.close();
});

Deno.test("mdns: a module that resets itself has no responder; close then sends no AT+MDNS=0", async () => {
  const module = new ScriptedModule([MDNS_OK]);
  const { driver } = await opened(module);
  await driver.apply(START);
  await module.waitFor(/^AT\+MDNS=1/);
  await module.print("ready");
  // The driver takes charge again after the reset: ATE0 comes a second time.
  const end = Date.now() + 3000;
  while (module.received.filter((l) => l === "ATE0").length < 2 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 5));
  }
  await driver.close();
  assert.equal(module.received.filter((line) => line === "AT+MDNS=0").length, 1);
});
