import assert from "node:assert/strict";
import type { DriverCommand } from "../../driver.ts";
import type { AccessPoint } from "../../mock/world.ts";
import { type Bench, bench, HOME } from "./_testing.ts";

/** A booted module with echo off, in `world`'s access points. */
async function quiet(
  accessPoints: readonly AccessPoint[],
  options: Parameters<typeof bench>[0] = {},
): Promise<Bench> {
  const b = await bench({ world: { access_points: accessPoints }, ...options });
  await b.send("ATE0");
  b.take();
  return b;
}

function joins(b: Bench): DriverCommand[] {
  return b.emulator.radio.received.filter((c) => c.command === "connect_sta");
}

Deno.test("station: the join of espressif/esp-at #479, byte for byte, then AT+CIPSTA?", async () => {
  const b = await bench({ world: { access_points: [HOME] } }, true);
  await b.send("AT+CWMODE=1");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  assert.equal(
    b.take(),
    [
      "ready",
      "AT+CWMODE=1",
      "",
      "OK",
      'AT+CWJAP="home","secret12"',
      "WIFI CONNECTED",
      "WIFI GOT IP",
      "",
      "OK",
      "",
    ].join("\r\n"),
  );
  await b.send("AT+CIPSTA?");
  const ip = b.emulator.radio.address;
  assert.ok(ip?.startsWith("192.168.1."));
  assert.deepEqual(b.takeLines(), [
    "AT+CIPSTA?",
    `+CIPSTA:ip:"${ip}"`,
    '+CIPSTA:gateway:"192.168.1.1"',
    '+CIPSTA:netmask:"255.255.255.0"',
    "",
    "OK",
  ]);
  assert.deepEqual(joins(b), [
    { command: "connect_sta", ssid: "home", psk: "secret12", hostname: "espressif" },
  ]);
  await b.emulator.close();
});

Deno.test("station: AT+CWJAP? tells the joined AP with the radio's signal, or No AP", async () => {
  const b = await quiet([HOME]);
  await b.send("AT+CWJAP?");
  assert.deepEqual(b.takeLines(), ["No AP", "", "OK"]);
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  b.take();
  await b.send("AT+CWJAP?");
  await b.advance(10);
  const [line, ...rest] = b.takeLines();
  const match = /^\+CWJAP:"home","a4:2b:b0:11:22:33",6,(-\d+),0,1,3,1,1$/.exec(line ?? "");
  assert.ok(match, line);
  assert.ok(Number(match[1]) >= -55 && Number(match[1]) <= -49, line);
  assert.deepEqual(rest, ["", "OK"]);
  await b.emulator.close();
});

Deno.test("station: a wrong password is +CWJAP:2, a missing AP +CWJAP:3", async () => {
  const b = await quiet([HOME]);
  await b.send('AT+CWJAP="home","wrong-one"');
  await b.advance(10_000);
  assert.equal(b.take(), "+CWJAP:2\r\n\r\nERROR\r\n");
  await b.send('AT+CWJAP="elsewhere","secret12"');
  await b.advance(10_000);
  assert.equal(b.take(), "+CWJAP:3\r\n\r\nERROR\r\n");
  await b.send("AT+CWSTATE?");
  assert.deepEqual(b.takeLines(), ['+CWSTATE:4,"elsewhere"', "", "OK"]);
  await b.emulator.close();
});

Deno.test("station: every line sent during a join gets busy p... and is dropped (#388)", async () => {
  const b = await bench({ world: { access_points: [HOME] } });
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(300);
  await b.send("AT");
  await b.send("AT+CWMODE=2");
  assert.equal(
    b.take(),
    'AT+CWJAP="home","secret12"\r\nAT\r\nbusy p...\r\nAT+CWMODE=2\r\nbusy p...\r\n',
  );
  await b.advance(10_000);
  assert.equal(b.take(), "WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n");
  await b.send("AT+CWMODE?");
  assert.deepEqual(b.takeLines(), ["AT+CWMODE?", "+CWMODE:1", "", "OK"]);
  await b.emulator.close();
});

Deno.test("station: a join while joined leaves first and says so (espressif/esp-at #315)", async () => {
  const b = await quiet([HOME, { ssid: "office", psk: "office-pw", subnet: "10.0.0" }]);
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  b.take();
  await b.send('AT+CWJAP="office","office-pw"');
  await b.advance(10_000);
  // The leave's own disconnect (reason 8) is not reported a second time.
  assert.equal(b.take(), "WIFI DISCONNECT\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n");
  assert.ok(b.emulator.radio.address?.startsWith("10.0.0."));
  await b.emulator.close();
});

Deno.test("station: an AP whose DHCP never answers: WIFI CONNECTED, then +CWJAP:1 at jap_timeout", async () => {
  const b = await quiet([{ ssid: "quiet", dhcp: "silent" }]);
  await b.send('AT+CWJAP="quiet","",,,,,,3');
  await b.advance(2_999);
  assert.equal(b.take(), "WIFI CONNECTED\r\n");
  await b.advance(1);
  assert.equal(b.take(), "+CWJAP:1\r\n\r\nERROR\r\n");
  // The association is kept.
  await b.send("AT+CWSTATE?");
  assert.deepEqual(b.takeLines(), ['+CWSTATE:1,"quiet"', "", "OK"]);
  assert.equal(b.emulator.radio.link, "associated");
  await b.emulator.close();
});

Deno.test("station: the firmware reconnects by itself when reconn_interval is left out", async () => {
  const away: AccessPoint = { ...HOME, present: [{ from: 0, until: 5_000 }, { from: 15_000 }] };
  const b = await quiet([away]);
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(4_000);
  assert.equal(b.take(), "WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n");
  await b.advance(36_000);
  assert.equal(b.take(), "WIFI DISCONNECT\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n");
  assert.ok(joins(b).length >= 3, "it tried while the AP was away");
  await b.emulator.close();
});

Deno.test("station: with AT+CWRECONNCFG=0,0 and reconn_interval 0 it never reconnects", async () => {
  const away: AccessPoint = { ...HOME, present: [{ from: 0, until: 5_000 }, { from: 15_000 }] };
  const b = await quiet([away]);
  await b.send("AT+CWRECONNCFG=0,0");
  await b.send('AT+CWJAP="home","secret12",,,0');
  await b.advance(40_000);
  assert.equal(
    b.take(),
    "\r\nOK\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\nWIFI DISCONNECT\r\n",
  );
  assert.equal(joins(b).length, 1);
  await b.send("AT+CWSTATE?");
  assert.deepEqual(b.takeLines(), ['+CWSTATE:4,"home"', "", "OK"]);
  await b.emulator.close();
});

Deno.test("station: AT+CWRECONNCFG=0,0 alone is not enough: CWJAP's reconn_interval defaults to 1", async () => {
  const away: AccessPoint = { ...HOME, present: [{ from: 0, until: 5_000 }, { from: 15_000 }] };
  const b = await quiet([away]);
  await b.send("AT+CWRECONNCFG=0,0");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(40_000);
  assert.ok(b.take().endsWith("WIFI DISCONNECT\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n"));
  await b.emulator.close();
});

Deno.test("station: AT+CWRECONNCFG's repeat count bounds the firmware's attempts", async () => {
  const gone: AccessPoint = { ...HOME, present: [{ from: 0, until: 5_000 }] };
  const b = await quiet([gone]);
  await b.send("AT+CWRECONNCFG=1,2");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(120_000);
  assert.equal(joins(b).length, 3, "the join and two attempts");
  await b.send("AT+CWJAP?");
  assert.deepEqual(b.takeLines().slice(-3), ["No AP", "", "OK"]);
  await b.emulator.close();
});

Deno.test("station: AT+CWQAP leaves, says WIFI DISCONNECT, and stops the reconnection", async () => {
  const b = await quiet([HOME]);
  await b.send("AT+CWQAP");
  assert.equal(b.take(), "\r\nOK\r\n");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  b.take();
  await b.send("AT+CWQAP");
  assert.equal(b.take(), "WIFI DISCONNECT\r\n\r\nOK\r\n");
  await b.advance(30_000);
  assert.equal(b.take(), "");
  assert.equal(joins(b).length, 1);
  assert.equal(b.emulator.radio.link, "idle");
  await b.emulator.close();
});

Deno.test("station: a saved AP is joined by itself at power-up, busy meanwhile", async () => {
  const b = await bench({
    world: { access_points: [HOME] },
    saved: { station: { ssid: "home", psk: "secret12" } },
  }, true);
  await b.send("AT");
  await b.advance(10_000);
  assert.equal(b.take(), "ready\r\nAT\r\nbusy p...\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n");
  await b.emulator.close();
});

Deno.test("station: ...but not with auto-connect off, nor on AT+CWMODE=1,0", async () => {
  const saved = { station: { ssid: "home", psk: "secret12" }, auto_connect: false };
  const b = await bench({ world: { access_points: [HOME] }, saved });
  await b.advance(10_000);
  assert.equal(b.take(), "");
  await b.send("ATE0");
  await b.send("AT+CWMODE=0");
  await b.send("AT+CWMODE=1,0");
  await b.advance(10_000);
  assert.equal(b.take(), "ATE0\r\n\r\nOK\r\n\r\nOK\r\n\r\nOK\r\n");
  // AT+CWMODE's auto_connect defaults to 1: entering station mode joins the saved AP.
  await b.send("AT+CWMODE=2");
  await b.send("AT+CWMODE=1");
  await b.advance(10_000);
  assert.equal(b.take(), "\r\nOK\r\n\r\nOK\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n");
  await b.emulator.close();
});

Deno.test("station: AT+CWMODE=0 drops the link with WIFI DISCONNECT; station commands need a station mode", async () => {
  const b = await quiet([HOME]);
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  b.take();
  await b.send("AT+CWMODE=0");
  assert.equal(b.take(), "WIFI DISCONNECT\r\n\r\nOK\r\n");
  for (const line of ['AT+CWJAP="home","secret12"', "AT+CWJAP?", "AT+CWLAP", "AT+CIPSTA?"]) {
    await b.send(line);
    assert.equal(b.take(), "\r\nERROR\r\n", line);
  }
  await b.emulator.close();
});

Deno.test("station: AT+CWHOSTNAME goes to DHCP; it needs station mode and at most 32 bytes", async () => {
  const b = await quiet([HOME]);
  await b.send("AT+CWHOSTNAME?");
  assert.deepEqual(b.takeLines(), ["+CWHOSTNAME:espressif", "", "OK"]);
  await b.send(`AT+CWHOSTNAME="${"k".repeat(33)}"`);
  assert.equal(b.take(), "\r\nERROR\r\n");
  await b.send('AT+CWHOSTNAME="kitchen"');
  await b.send("AT+CWJAP");
  await b.advance(10_000);
  assert.equal(b.take(), "\r\nOK\r\n\r\nERROR\r\n", "no AP configured yet for the execute form");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  assert.equal(b.emulator.radio.hostname, "kitchen");
  await b.send("AT+CWMODE=2");
  b.take();
  await b.send('AT+CWHOSTNAME="other"');
  assert.equal(b.take(), "\r\nERROR\r\n");
  await b.emulator.close();
});

Deno.test("station: AT+CWJAP alone joins the last configuration again", async () => {
  const b = await quiet([HOME]);
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  await b.send("AT+CWQAP");
  b.take();
  await b.send("AT+CWJAP");
  await b.advance(10_000);
  assert.equal(b.take(), "WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n");
  assert.equal(joins(b).length, 2);
  await b.emulator.close();
});

Deno.test("station: without an address AT+CIPSTA? prints 0.0.0.0; CWSTATE follows the link", async () => {
  const b = await quiet([HOME]);
  await b.send("AT+CWSTATE?");
  await b.send("AT+CIPSTA?");
  assert.deepEqual(b.takeLines(), [
    '+CWSTATE:0,""',
    "",
    "OK",
    '+CIPSTA:ip:"0.0.0.0"',
    '+CIPSTA:gateway:"0.0.0.0"',
    '+CIPSTA:netmask:"0.0.0.0"',
    "",
    "OK",
  ]);
  await b.emulator.close();
});

Deno.test("station: IPv6 is reported only after AT+CIPV6=1: WIFI GOT IPv6 LL and +CIPSTA:ip6ll", async () => {
  const v6: AccessPoint = { ...HOME, ipv6: true };
  const off = await quiet([v6]);
  await off.send('AT+CWJAP="home","secret12"');
  await off.advance(10_000);
  assert.equal(off.take(), "WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n");
  await off.emulator.close();

  const on = await quiet([v6]);
  await on.send("AT+CIPV6=1");
  await on.send('AT+CWJAP="home","secret12"');
  await on.advance(10_000);
  assert.equal(
    on.take(),
    "\r\nOK\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\nWIFI GOT IPv6 LL\r\n",
  );
  await on.send("AT+CIPSTA?");
  assert.equal(on.takeLines()[3], '+CIPSTA:ip6ll:"fe80::260a:c4ff:fe12:3456"');
  await on.emulator.close();
});

Deno.test("station: with AT+SYSSTORE=0 the join is not stored: after a reset nothing is joined", async () => {
  const b = await quiet([HOME]);
  await b.send("AT+SYSSTORE=0");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  b.take();
  b.emulator.reset();
  await b.advance(10_300);
  assert.equal(b.take(), "ready\r\n");
  await b.send("AT+CWJAP");
  assert.equal(b.take(), "AT+CWJAP\r\n\r\nERROR\r\n");
  await b.emulator.close();
});
