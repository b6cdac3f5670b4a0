import assert from "node:assert/strict";
import type { AccessPoint } from "../../mock/world.ts";
import { type Bench, bench, HOME } from "./_testing.ts";

const CAFE: AccessPoint = { ssid: "cafe", bssid: "0c:80:63:aa:bb:01", channel: 1, rssi: -70 };
const LAB: AccessPoint = {
  ssid: "secret-lab",
  psk: "lab-secret",
  bssid: "60:38:e0:00:00:0b",
  channel: 11,
  rssi: -40,
  hidden: true,
};
const LATE: AccessPoint = { ssid: "late", channel: 3, present: [{ from: 60_000 }] };

async function scanning(): Promise<Bench> {
  const b = await bench({ world: { access_points: [HOME, CAFE, LAB, LATE] } });
  await b.send("ATE0");
  b.take();
  return b;
}

async function scan(b: Bench, line = "AT+CWLAP"): Promise<string[]> {
  await b.send(line);
  await b.advance(13 * 1500 + 100);
  return b.takeLines();
}

Deno.test("scan: AT+CWLAP lists all eleven fields by default, in channel order; hidden has no ssid", async () => {
  const b = await scanning();
  assert.deepEqual(await scan(b), [
    '+CWLAP:(0,"cafe",-70,"0c:80:63:aa:bb:01",1,-34,0,0,0,7,0)',
    '+CWLAP:(3,"home",-52,"a4:2b:b0:11:22:33",6,-38,0,4,4,7,0)',
    '+CWLAP:(3,"",-40,"60:38:e0:00:00:0b",11,-9,0,4,4,7,0)',
    "",
    "OK",
  ]);
  await b.emulator.close();
});

Deno.test("scan: AT+CWLAPOPT sorts by signal and picks the fields (the driver's 1,31)", async () => {
  const b = await scanning();
  await b.send("AT+CWLAPOPT=1,31");
  assert.equal(b.take(), "\r\nOK\r\n");
  assert.deepEqual(await scan(b), [
    '+CWLAP:(3,"",-40,"60:38:e0:00:00:0b",11)',
    '+CWLAP:(3,"home",-52,"a4:2b:b0:11:22:33",6)',
    '+CWLAP:(0,"cafe",-70,"0c:80:63:aa:bb:01",1)',
    "",
    "OK",
  ]);
  await b.send("AT+CWLAPOPT=0,6");
  b.take();
  assert.deepEqual((await scan(b)).slice(0, 3), [
    '+CWLAP:("cafe",-70)',
    '+CWLAP:("home",-52)',
    '+CWLAP:("",-40)',
  ]);
  await b.emulator.close();
});

Deno.test("scan: AT+CWLAPOPT's rssi filter and authmode mask", async () => {
  const b = await scanning();
  await b.send("AT+CWLAPOPT=1,3,-60");
  b.take();
  assert.deepEqual(await scan(b), ['+CWLAP:(3,"")', '+CWLAP:(3,"home")', "", "OK"]);
  await b.send("AT+CWLAPOPT=1,31,-100,1");
  b.take();
  assert.deepEqual(await scan(b), [
    '+CWLAP:(0,"cafe",-70,"0c:80:63:aa:bb:01",1)',
    "",
    "OK",
  ]);
  for (
    const bad of [
      "AT+CWLAPOPT=2,31",
      "AT+CWLAPOPT=1,2048",
      "AT+CWLAPOPT=1,31,-101",
      "AT+CWLAPOPT=1",
    ]
  ) {
    await b.send(bad);
    assert.equal(b.take(), "\r\nERROR\r\n", bad);
  }
  await b.emulator.close();
});

Deno.test("scan: the set form filters by ssid, mac and channel, and sets the scan type and dwell", async () => {
  const b = await scanning();
  await b.send("AT+CWLAPOPT=1,31");
  b.take();
  assert.deepEqual(await scan(b, 'AT+CWLAP="home"'), [
    '+CWLAP:(3,"home",-52,"a4:2b:b0:11:22:33",6)',
    "",
    "OK",
  ]);
  assert.deepEqual(
    (await scan(b, 'AT+CWLAP=,"0C:80:63:AA:BB:01"'))[0],
    '+CWLAP:(0,"cafe",-70,"0c:80:63:aa:bb:01",1)',
  );
  assert.deepEqual(await scan(b, "AT+CWLAP=,,11"), [
    '+CWLAP:(3,"",-40,"60:38:e0:00:00:0b",11)',
    "",
    "OK",
  ]);
  // Four networks by now: "late" came on the air at 60 s.
  assert.equal((await scan(b, "AT+CWLAP=,,,1,120,120")).length, 4 + 2);
  assert.deepEqual(b.emulator.radio.received.at(-1), {
    command: "scan",
    results: 64,
    dwell_ms: 120,
    show_hidden: true,
    passive: true,
  });
  await scan(b, "AT+CWLAP=,,,1");
  assert.deepEqual(b.emulator.radio.received.at(-1), {
    command: "scan",
    results: 64,
    dwell_ms: 360,
    show_hidden: true,
    passive: true,
  });
  await b.emulator.close();
});

Deno.test("scan: busy while scanning; an AP not yet on the air is not listed; ERROR in mode 2", async () => {
  const b = await scanning();
  await b.send("AT+CWLAPOPT=1,2");
  await b.send("AT+CWLAP");
  await b.send("AT");
  assert.equal(b.take(), "\r\nOK\r\nbusy p...\r\n");
  await b.advance(5_000);
  assert.equal(b.take(), '+CWLAP:("")\r\n+CWLAP:("home")\r\n+CWLAP:("cafe")\r\n\r\nOK\r\n');
  await b.advance(60_000);
  assert.ok((await scan(b)).includes('+CWLAP:("late")'));
  await b.send("AT+CWMODE=2");
  b.take();
  await b.send("AT+CWLAP");
  assert.equal(b.take(), "\r\nERROR\r\n");
  await b.emulator.close();
});
