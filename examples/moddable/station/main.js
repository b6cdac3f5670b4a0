/*
 * The seed manual's station example on Moddable: start the network in station mode, print
 * connected, got_ip and disconnected as they happen, and set the clock by SNTP.
 *
 * Build (needs the Moddable SDK, ESP-IDF and the bundle: `deno task build:xs` first):
 *   cd examples/moddable/station && mcconfig -d -m -p esp32
 * Do not pass ssid= / password= to mcconfig: Moddable's setup/network would join before netfsm.
 */
import WiFi from "wifi";
import Net from "net";
import Preference from "preference";
import SNTP from "sntp";
import Timer from "timer";
import { startModdable } from "netfsm";

const say = (text) => trace(`${(Date.now() / 1000).toFixed(1)}s  ${text}\n`);

const started = startModdable({ WiFi, Net, Preference, SNTP, Timer }, {
  sta: {
    ssid: "myssid",
    psk: "mypsk123",
    connected: () => say("connected"),
    got_ip: (ip) => say(`got IP ${ip.ip}`),
    disconnected: (why) => say(`disconnected (${why.name}, ${why.class})`),
  },
  sntp: {
    host: "pool.ntp.org",
    synchronized: ({ sec }) => say(`clock set by SNTP to ${new Date(sec * 1000).toISOString()}`),
  },
}, {
  onNotice: (notice) => say(`netfsm: ${notice}`),
  onDiagnostic: (d) => say(`${d.level}: ${d.message}`),
});

if (started._tag === "Left") say(`network did not start: ${JSON.stringify(started.left)}`);
else say("network started; waiting for an address");
