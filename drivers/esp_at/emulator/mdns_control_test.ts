import assert from "node:assert/strict";
import { bench, HOME } from "./_testing.ts";

const WORLD = { world: { access_points: [HOME] } };

async function joinedBench() {
  const b = await bench(WORLD);
  await b.send("ATE0");
  await b.send("AT+CWMODE=1");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  b.take();
  return b;
}

Deno.test("mdns: AT+MDNS=1 answers for <hostname>.local with the station's address, TTL 120, case ignored", async () => {
  const b = await joinedBench();
  const ip = b.emulator.radio.address;
  assert.ok(ip?.startsWith("192.168.1."), `joined: ${ip}`);
  await b.send('AT+MDNS=1,"atomvm-dev","_iot",8080');
  assert.equal(b.take(), "\r\nOK\r\n");
  assert.deepEqual(b.emulator.mdns.resolve("AtomVM-Dev.LOCAL"), { ip, ttl: 120 });
  assert.equal(b.emulator.mdns.resolve("atomvm-dev.lan"), undefined);
  assert.equal(b.emulator.mdns.resolve("other.local"), undefined);
  assert.deepEqual(b.emulator.mdns.services, [{ type: "_iot", proto: "_tcp", port: 8080 }]);
  await b.emulator.close();
});

Deno.test("mdns: enabled before any address, it answers once the station gets one", async () => {
  const b = await bench(WORLD);
  await b.send("ATE0");
  await b.send('AT+MDNS=1,"dev","_iot",8080');
  assert.equal(b.take(), "ATE0\r\n\r\nOK\r\n\r\nOK\r\n");
  assert.equal(b.emulator.mdns.running, true);
  assert.equal(b.emulator.mdns.resolve("dev.local"), undefined, "no address yet");
  await b.send("AT+CWMODE=1");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  assert.equal(b.emulator.mdns.resolve("dev.local")?.ip, b.emulator.radio.address);
  await b.emulator.close();
});

Deno.test("mdns: AT+MDNS=1 over a running one is ERROR, yet takes the new name (3.2's quirk)", async () => {
  const b = await joinedBench();
  await b.send('AT+MDNS=1,"first","_iot",8080');
  await b.send('AT+MDNS=1,"second","_iot",8080');
  assert.equal(b.take(), "\r\nOK\r\n\r\nERROR\r\n");
  assert.equal(b.emulator.mdns.hostname, "second");
  assert.equal(b.emulator.mdns.resolve("first.local"), undefined);
  assert.equal(b.emulator.mdns.services.length, 1);
  // Another service type is added next to the first.
  await b.send('AT+MDNS=1,"second","_http",80');
  assert.equal(b.take(), "\r\nOK\r\n");
  assert.equal(b.emulator.mdns.services.length, 2);
  await b.emulator.close();
});

Deno.test("mdns: AT+MDNS=0 stops it, is OK when none runs, and takes no other parameter", async () => {
  const b = await joinedBench();
  await b.send("AT+MDNS=0");
  assert.equal(b.take(), "\r\nOK\r\n", "nothing running");
  await b.send('AT+MDNS=1,"dev","_iot",8080');
  await b.send("AT+MDNS=0");
  assert.equal(b.take(), "\r\nOK\r\n\r\nOK\r\n");
  assert.equal(b.emulator.mdns.resolve("dev.local"), undefined);
  assert.equal(b.emulator.mdns.running, false);
  await b.send('AT+MDNS=1,"dev","_iot",8080');
  assert.equal(b.take(), "\r\nOK\r\n", "restarted after a stop");
  assert.ok(b.emulator.mdns.resolve("dev.local") !== undefined);
  await b.send('AT+MDNS=0,"dev"');
  assert.equal(b.take(), "\r\nERROR\r\n");
  await b.emulator.close();
});

Deno.test("mdns: the refusals and their codes with AT+SYSLOG=1", async () => {
  const b = await joinedBench();
  await b.send("AT+SYSLOG=1");
  b.take();
  const cases: readonly (readonly [string, string])[] = [
    ['AT+MDNS=1,"","_iot",8080', "ERR CODE:0x01070002\r\n\r\nERROR\r\n"],
    ['AT+MDNS=1,"dev","",8080', "ERR CODE:0x01070003\r\n\r\nERROR\r\n"],
    ['AT+MDNS=1,"dev","_iot",0', "ERR CODE:0x01070004\r\n\r\nERROR\r\n"],
    ['AT+MDNS=1,"dev","_iot",65536', "ERR CODE:0x01070004\r\n\r\nERROR\r\n"],
    // A hostname alone: the firmware needs the service and port too.
    ['AT+MDNS=1,"dev"', "\r\nERROR\r\n"],
    ['AT+MDNS=1,,"_iot",8080', "\r\nERROR\r\n"],
    ['AT+MDNS=1,5,"_iot",8080', "ERR CODE:0x01050000\r\n\r\nERROR\r\n"],
    ['AT+MDNS=1,"dev","_iot",8080,"instance"', "\r\nERROR\r\n"],
    ["AT+MDNS=2", "\r\nERROR\r\n"],
    // ESP-IDF's mdns_hostname_set takes at most 63 bytes.
    [`AT+MDNS=1,"${"a".repeat(64)}","_iot",8080`, "\r\nERROR\r\n"],
    ["AT+MDNS?", "ERR CODE:0x010c0000\r\n\r\nERROR\r\n"],
  ];
  for (const [line, answer] of cases) {
    await b.send(line);
    assert.equal(b.take(), answer, line);
  }
  assert.equal(b.emulator.mdns.hostname, undefined);
  assert.deepEqual(b.emulator.mdns.services, []);
  await b.send(`AT+MDNS=1,"${"a".repeat(63)}","_iot",8080`);
  assert.equal(b.take(), "\r\nOK\r\n", "63 bytes is the most");
  await b.emulator.close();
});

Deno.test("mdns: a reset ends the responder; it is not stored", async () => {
  const b = await joinedBench();
  await b.send('AT+MDNS=1,"dev","_iot",8080');
  b.emulator.reset();
  await b.advance(300);
  assert.equal(b.emulator.mdns.running, false);
  assert.equal(b.emulator.mdns.resolve("dev.local"), undefined);
  await b.emulator.close();
});
