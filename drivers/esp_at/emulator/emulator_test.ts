import assert from "node:assert/strict";
import { bench, HOME } from "./_testing.ts";
import { supportedForms } from "./command_table.ts";

Deno.test("emulator: power-up prints ready after the boot delay; what comes before is lost", async () => {
  const b = await bench({}, true);
  assert.equal(b.take(), "ready\r\n");
  // A line sent while the module boots is lost: no echo, no answer.
  b.emulator.reset();
  await b.send("AT");
  await b.advance(299);
  assert.equal(b.take(), "");
  await b.advance(1);
  assert.equal(b.take(), "ready\r\n");
  await b.emulator.close();
});

Deno.test("emulator: boot noise (the ROM bootloader, line noise) may come before ready", async () => {
  const b = await bench({ bootNoise: true }, true);
  const text = b.take();
  assert.ok(text.includes("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n"));
  assert.ok(text.endsWith("entry 0x40080674\r\nready\r\n"));
  await b.send("AT+RST");
  await b.advance(300);
  assert.ok(b.take().includes("rst:0xc (SW_CPU_RESET)"));
  await b.emulator.close();
});

Deno.test("emulator: echo is on at power-up (espressif/esp-at #388); ATE0 turns it off", async () => {
  const b = await bench();
  await b.send("AT");
  assert.equal(b.take(), "AT\r\n\r\nOK\r\n");
  await b.send("ATE0");
  assert.equal(b.take(), "ATE0\r\n\r\nOK\r\n");
  await b.send("AT");
  assert.equal(b.take(), "\r\nOK\r\n");
  await b.send("ATE1");
  await b.send("AT");
  assert.equal(b.take(), "\r\nOK\r\nAT\r\n\r\nOK\r\n");
  await b.emulator.close();
});

Deno.test("emulator: a lone LF and a lone CR end a command too; blank lines are ignored", async () => {
  const b = await bench();
  await b.sendBytes(new TextEncoder().encode("ATE0\n\r\n\nAT\r"));
  assert.equal(b.take(), "ATE0\r\n\r\nOK\r\n\r\nOK\r\n");
  await b.emulator.close();
});

Deno.test("emulator: AT+GMR prints realistic version lines, or the ones given", async () => {
  const b = await bench();
  await b.send("ATE0");
  b.take();
  await b.send("AT+GMR");
  assert.deepEqual(b.takeLines(), [
    "AT version:3.2.0.0(s-ec2dec2 - ESP32 - Jul 28 2023 07:05:28)",
    "SDK version:v5.0.2-dirty",
    "compile time(6f6eb4d8):Jul 28 2023 09:47:11",
    "Bin version:v3.2.0.0(WROOM-32)",
    "",
    "OK",
  ]);
  const old = await bench({ firmware: ["AT version:2.1.0.0(883f7f2 - Jul 24 2020 11:50:07)"] });
  await old.send("AT+GMR");
  assert.equal(old.takeLines()[1], "AT version:2.1.0.0(883f7f2 - Jul 24 2020 11:50:07)");
  await b.emulator.close();
  await old.emulator.close();
});

Deno.test("emulator: unknown commands, wrong forms and bad parameters are ERROR; AT+SYSLOG=1 adds the code", async () => {
  const b = await bench();
  await b.send("ATE0");
  b.take();
  for (const line of ["AT+NOPE", "AT+CWLIF?", "AT+CWMODE=4", "at", "AT+CWMODE=1,1,1"]) {
    await b.send(line);
    assert.equal(b.take(), "\r\nERROR\r\n", line);
  }
  await b.send("AT+SYSLOG=1");
  b.take();
  const codes: string[] = [];
  for (const line of ["AT+NOPE", "AT+CWLIF?", "AT+CWMODE=4", "at", "AT+CWMODE=1,1,1"]) {
    await b.send(line);
    codes.push(b.takeLines()[0]!);
  }
  assert.deepEqual(codes, [
    "ERR CODE:0x01090000",
    "ERR CODE:0x010c0000",
    "ERR CODE:0x01070000",
    "ERR CODE:0x01030000",
    "ERR CODE:0x01060000",
  ]);
  await b.send("AT+SYSLOG?");
  assert.deepEqual(b.takeLines(), ["+SYSLOG:1", "", "OK"]);
  await b.emulator.close();
});

Deno.test("emulator: a command over 256 bytes (CR LF included) is ERROR, and the next one works", async () => {
  const b = await bench();
  await b.send("ATE0");
  b.take();
  await b.send(`AT+CWHOSTNAME="${"x".repeat(300)}"`);
  assert.equal(b.take(), "\r\nERROR\r\n");
  await b.send("AT");
  assert.equal(b.take(), "\r\nOK\r\n");
  await b.emulator.close();
});

Deno.test("emulator: AT+RST answers OK, then reboots: ready, echo back on", async () => {
  const b = await bench();
  await b.send("ATE0");
  await b.send("AT+RST");
  assert.equal(b.take(), "ATE0\r\n\r\nOK\r\n\r\nOK\r\n");
  await b.advance(300);
  assert.equal(b.take(), "ready\r\n");
  await b.send("AT");
  assert.equal(b.take(), "AT\r\n\r\nOK\r\n");
  await b.emulator.close();
});

Deno.test("emulator: reset() reboots unasked: ready, echo on, unstored settings gone", async () => {
  const b = await bench();
  await b.send("ATE0");
  await b.send("AT+SYSSTORE=0");
  await b.send("AT+CWMODE=3");
  b.take();
  b.emulator.reset();
  await b.advance(300);
  assert.equal(b.take(), "ready\r\n");
  await b.send("AT+CWMODE?");
  assert.deepEqual(b.takeLines(), ["AT+CWMODE?", "+CWMODE:1", "", "OK"]);
  // AT+SYSSTORE itself is kept.
  await b.send("AT+SYSSTORE?");
  assert.deepEqual(b.takeLines(), ["AT+SYSSTORE?", "+SYSSTORE:0", "", "OK"]);
  await b.emulator.close();
});

Deno.test("emulator: with AT+SYSSTORE=1 (the default) settings survive a reset", async () => {
  const b = await bench();
  await b.send("ATE0");
  await b.send("AT+CWMODE=2");
  await b.send("AT+CWAUTOCONN=0");
  await b.send("AT+CWRECONNCFG=5,10");
  b.take();
  await b.send("AT+RST");
  await b.advance(300);
  b.take();
  for (const query of ["AT+CWMODE?", "AT+CWAUTOCONN?", "AT+CWRECONNCFG?"]) await b.send(query);
  assert.deepEqual(b.takeLines().filter((line) => line.startsWith("+")), [
    "+CWMODE:2",
    "+CWAUTOCONN:0",
    "+CWRECONNCFG:5,10",
  ]);
  await b.emulator.close();
});

Deno.test("emulator: hang() answers nothing and stops the radio; reset() brings it back", async () => {
  const b = await bench({ world: { access_points: [HOME] } });
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(5000);
  b.take();
  b.emulator.hang();
  await b.send("AT");
  await b.advance(60_000);
  assert.equal(b.take(), "");
  assert.equal(b.emulator.radio.link, "idle");
  b.emulator.reset();
  await b.advance(300);
  await b.send("AT");
  // The join was stored (AT+SYSSTORE=1): after the reset the firmware makes it again by itself.
  assert.equal(b.take(), "ready\r\nAT\r\nbusy p...\r\n");
  await b.advance(5000);
  assert.equal(b.take(), "WIFI CONNECTED\r\nWIFI GOT IP\r\n");
  await b.send("AT");
  assert.equal(b.take(), "AT\r\n\r\nOK\r\n");
  await b.emulator.close();
});

Deno.test("emulator: close() ends the stream; the far side closing ends the module", async () => {
  const b = await bench();
  await b.emulator.close();
  assert.equal(await b.emulator.closed, "closed by the emulator");
  const far = await bench();
  await far.host.close();
  assert.equal(await far.emulator.closed, "the far side closed");
  assert.equal((await far.emulator.radio.apply({ command: "read_rssi" }))._tag, "Left");
});

Deno.test("emulator: the command list names every form it accepts", () => {
  const forms = supportedForms();
  for (
    const expected of [
      "AT",
      "ATE0",
      "AT+RST",
      "AT+CWJAP",
      "AT+CWJAP?",
      "AT+CWJAP=",
      "AT+CWLAP=",
      "AT+CIPSNTPTIME?",
    ]
  ) {
    assert.ok(forms.includes(expected), expected);
  }
});
