import assert from "node:assert/strict";
import { bench, HOME } from "./_testing.ts";
import { asctime } from "./reports.ts";

const EPOCH = 1_795_000_000;

Deno.test("sntp: before any sync the clock counts from boot in 1970 (espressif/esp-at #315)", async () => {
  const b = await bench({ world: { access_points: [HOME], sntp: { reachable: false } } });
  await b.send('AT+CIPSNTPCFG=1,8,"ntp1.aliyun.com"');
  assert.equal(b.take(), 'AT+CIPSNTPCFG=1,8,"ntp1.aliyun.com"\r\n\r\nOK\r\n');
  await b.advance(128_000 - b.clock.now());
  await b.send("AT+CIPSNTPTIME?");
  assert.equal(b.take(), "AT+CIPSNTPTIME?\r\n+CIPSNTPTIME:Thu Jan  1 00:02:08 1970\r\n\r\nOK\r\n");
  await b.emulator.close();
});

Deno.test("sntp: a sync after the address prints +TIME_UPDATED; the time is then the world's", async () => {
  const b = await bench({ world: { access_points: [HOME], sntp: { epoch: EPOCH } } });
  await b.send("ATE0");
  await b.send('AT+CIPSNTPCFG=1,0,"pool.ntp.org"');
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  assert.equal(
    b.take(),
    "ATE0\r\n\r\nOK\r\n\r\nOK\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n+TIME_UPDATED\r\n",
  );
  assert.ok(
    b.emulator.radio.received.some((c) => c.command === "start_sntp" && c.host === "pool.ntp.org"),
  );
  await b.send("AT+CIPSNTPTIME?");
  const expected = asctime(EPOCH + b.clock.now() / 1000);
  assert.deepEqual(b.takeLines(), [`+CIPSNTPTIME:${expected}`, "", "OK"]);
  assert.ok(expected.endsWith("2026"));
  await b.emulator.close();
});

Deno.test("sntp: the timezone applies to the synced time, in hours or [+|-]hhmm", async () => {
  for (const [zone, minutes] of [["8", 480], ["-0530", -330], ["1245", 765]] as const) {
    const b = await bench({ world: { access_points: [HOME], sntp: { epoch: EPOCH } } });
    await b.send("ATE0");
    await b.send(`AT+CIPSNTPCFG=1,${zone},"pool.ntp.org"`);
    await b.send('AT+CWJAP="home","secret12"');
    await b.advance(10_000);
    b.take();
    await b.send("AT+CIPSNTPTIME?");
    const expected = asctime(EPOCH + b.clock.now() / 1000 + minutes * 60);
    assert.equal(b.takeLines()[0], `+CIPSNTPTIME:${expected}`, zone);
    await b.send("AT+CIPSNTPCFG?");
    assert.equal(b.takeLines()[0], `+CIPSNTPCFG:1,${zone},"pool.ntp.org"`);
    await b.emulator.close();
  }
});

Deno.test("sntp: the defaults, AT+CIPSNTPCFG=0, and timezones out of range", async () => {
  const b = await bench({ world: { access_points: [HOME] } });
  await b.send("ATE0");
  b.take();
  await b.send("AT+CIPSNTPCFG?");
  assert.deepEqual(b.takeLines(), [
    '+CIPSNTPCFG:0,0,"cn.ntp.org.cn","ntp.sjtu.edu.cn","us.pool.ntp.org"',
    "",
    "OK",
  ]);
  for (const bad of ["AT+CIPSNTPCFG=1,15", "AT+CIPSNTPCFG=1,1260", "AT+CIPSNTPCFG=2,0"]) {
    await b.send(bad);
    assert.equal(b.take(), "\r\nERROR\r\n", bad);
  }
  // Enabled, then disabled before the address: no report, and the clock stays unsynced.
  await b.send("AT+CIPSNTPCFG=1,0");
  await b.send("AT+CIPSNTPCFG=0");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  assert.equal(b.take(), "\r\nOK\r\n\r\nOK\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n");
  const started = b.emulator.radio.received.find((c) => c.command === "start_sntp");
  assert.deepEqual(started, { command: "start_sntp", host: "cn.ntp.org.cn" });
  await b.send("AT+CIPSNTPTIME?");
  assert.ok(b.takeLines()[0]?.endsWith("1970"));
  await b.emulator.close();
});

Deno.test("sntp: a reset forgets the configuration and the synced time", async () => {
  const b = await bench({ world: { access_points: [HOME], sntp: { epoch: EPOCH } } });
  await b.send('AT+CIPSNTPCFG=1,0,"pool.ntp.org"');
  await b.send('AT+CWJAP="home","secret12",,,0');
  await b.advance(10_000);
  b.take();
  b.emulator.reset();
  // The stored join is made again by itself; SNTP is not configured any more.
  await b.advance(10_300);
  await b.send("ATE0");
  assert.equal(b.take(), "ready\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\nATE0\r\n\r\nOK\r\n");
  await b.send("AT+CIPSNTPTIME?");
  await b.send("AT+CIPSNTPCFG?");
  const lines = b.takeLines();
  assert.equal(lines[0], "+CIPSNTPTIME:Thu Jan  1 00:00:10 1970");
  assert.ok(lines[3]?.startsWith("+CIPSNTPCFG:0,"));
  await b.emulator.close();
});
