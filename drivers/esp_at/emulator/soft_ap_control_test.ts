import assert from "node:assert/strict";
import type { Station } from "../../mock/world.ts";
import { bench, HOME } from "./_testing.ts";

const VISITOR: Station = { mac: "24:EE:9A:2D:6E:B4", join: 2_000, leave: 8_000 };

Deno.test("soft-AP: visitors are reported in the firmware's exact format, lower-case hex", async () => {
  const b = await bench({ world: { stations: [VISITOR] } });
  await b.send("ATE0");
  await b.send("AT+CWMODE=2");
  await b.send('AT+CWSAP="esp","12345678",5,3');
  assert.equal(b.take(), "ATE0\r\n\r\nOK\r\n\r\nOK\r\n\r\nOK\r\n");
  await b.advance(3_000);
  assert.deepEqual(b.takeLines(), [
    '+STA_CONNECTED:"24:ee:9a:2d:6e:b4"',
    '+DIST_STA_IP:"24:ee:9a:2d:6e:b4","192.168.4.2"',
  ]);
  await b.send("AT+CWLIF");
  assert.deepEqual(b.takeLines(), ["+CWLIF:192.168.4.2,24:ee:9a:2d:6e:b4", "", "OK"]);
  await b.advance(10_000);
  assert.deepEqual(b.takeLines(), ['+STA_DISCONNECTED:"24:ee:9a:2d:6e:b4"']);
  await b.send("AT+CWLIF");
  assert.deepEqual(b.takeLines(), ["", "OK"]);
  await b.emulator.close();
});

Deno.test("soft-AP: AT+CWSAP works only in mode 2 or 3; AT+CWSAP? prints the password, as the firmware does", async () => {
  const b = await bench();
  await b.send("ATE0");
  b.take();
  await b.send('AT+CWSAP="esp","12345678",5,3');
  await b.send("AT+CWSAP?");
  await b.send("AT+CIPAP?");
  assert.equal(b.take(), "\r\nERROR\r\n".repeat(3));
  await b.send("AT+CWMODE=3");
  await b.send("AT+CWSAP?");
  // The factory soft-AP: open, named after the soft-AP MAC.
  assert.deepEqual(b.takeLines(), ["", "OK", '+CWSAP:"ESP_123457","",1,0,10,0', "", "OK"]);
  await b.send('AT+CWSAP="esp","12345678",5,4,3,1');
  await b.send("AT+CWSAP?");
  await b.send("AT+CIPAP?");
  assert.deepEqual(b.takeLines(), [
    "",
    "OK",
    '+CWSAP:"esp","12345678",5,4,3,1',
    "",
    "OK",
    '+CIPAP:ip:"192.168.4.1"',
    '+CIPAP:gateway:"192.168.4.1"',
    '+CIPAP:netmask:"255.255.255.0"',
    "",
    "OK",
  ]);
  await b.emulator.close();
});

Deno.test("soft-AP: AT+CWSAP's parameters are checked as the firmware does", async () => {
  const b = await bench();
  await b.send("ATE0");
  await b.send("AT+CWMODE=2");
  b.take();
  for (
    const bad of [
      'AT+CWSAP="esp","short",5,3', // pwd 8 to 64 bytes
      'AT+CWSAP="esp","12345678",5,1', // no WEP
      'AT+CWSAP="esp","12345678",5,3,11', // max conn 1 to 10
      'AT+CWSAP="esp","12345678",14,3', // channel 1 to 13
      'AT+CWSAP="","12345678",5,3', // ssid 1 to 32 bytes
      'AT+CWSAP="esp","12345678",5', // ecn required
      'AT+CWSAP="esp","12345678",5,3,4,2', // hidden 0 or 1
    ]
  ) {
    await b.send(bad);
    assert.equal(b.take(), "\r\nERROR\r\n", bad);
  }
  // Open: the password is ignored, and shown empty.
  await b.send('AT+CWSAP="open-esp","ignored",6,0');
  await b.send("AT+CWSAP?");
  assert.deepEqual(b.takeLines(), ["", "OK", '+CWSAP:"open-esp","",6,0,10,0', "", "OK"]);
  const started = b.emulator.radio.received.filter((c) => c.command === "start_wifi").at(-1);
  assert.deepEqual(started, {
    command: "start_wifi",
    mode: "ap",
    ap: {
      ssid: "open-esp",
      authmode: "open",
      ssid_hidden: false,
      max_connections: 10,
      channel: 6,
      hostname: "espressif",
    },
  });
  await b.emulator.close();
});

Deno.test("soft-AP: entering mode 2 with a stored configuration starts it; max conn is the radio's limit", async () => {
  const visitors: Station[] = [
    { mac: "3c:22:fb:01:02:03", join: 1_000 },
    { mac: "f0:18:98:aa:bb:cc", join: 1_500 },
  ];
  const b = await bench({
    world: { stations: visitors },
    saved: { mode: 2, soft_ap: { ssid: "sensor-setup", psk: "setup-1234", max_conn: 1 } },
  });
  await b.advance(3_000);
  assert.deepEqual(b.takeLines(), [
    '+STA_CONNECTED:"3c:22:fb:01:02:03"',
    '+DIST_STA_IP:"3c:22:fb:01:02:03","192.168.4.2"',
  ]);
  assert.deepEqual(b.emulator.radio.refused, ["f0:18:98:aa:bb:cc"]);
  const started = b.emulator.radio.received.find((c) => c.command === "start_wifi");
  assert.equal(started?.command === "start_wifi" && started.ap?.ssid, "sensor-setup");
  assert.equal(started?.command === "start_wifi" && started.ap?.authmode, "wpa_wpa2_psk");
  await b.emulator.close();
});

Deno.test("soft-AP: mode 1 to 3 keeps the station's link; 3 to 1 keeps it too", async () => {
  const b = await bench({ world: { access_points: [HOME] } });
  await b.send("ATE0");
  await b.send('AT+CWJAP="home","secret12"');
  await b.advance(10_000);
  b.take();
  await b.send("AT+CWMODE=3");
  await b.advance(1_000);
  await b.send("AT+CWMODE=1");
  await b.advance(1_000);
  assert.equal(b.take(), "\r\nOK\r\n\r\nOK\r\n");
  assert.equal(b.emulator.radio.link, "associated");
  const commands = b.emulator.radio.received.map((c) => c.command);
  assert.deepEqual(commands.slice(-2), ["start_ap", "stop_ap"]);
  await b.emulator.close();
});

Deno.test("soft-AP: the MACs: the station's as given, the soft-AP's one more in the last octet", async () => {
  const b = await bench({ device: { mac: "30:ae:a4:01:02:ff" } });
  await b.send("ATE0");
  b.take();
  await b.send("AT+CIPSTAMAC?");
  await b.send("AT+CIPAPMAC?");
  assert.deepEqual(b.takeLines(), [
    '+CIPSTAMAC:"30:ae:a4:01:02:ff"',
    "",
    "OK",
    '+CIPAPMAC:"30:ae:a4:01:02:00"',
    "",
    "OK",
  ]);
  await b.emulator.close();
});
