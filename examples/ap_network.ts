// deno-lint-ignore-file no-console -- an example program reports on the console
/**
 * The seed manual's access-point example, on the simulated ESP32: start a WPA2 soft-AP and print
 * the stations that come and go. Run: `deno task example:ap`.
 *
 * @module
 */
import { start } from "../mod.ts";

const t0 = Date.now();
const say = (text: string) =>
  console.log(`${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s  ${text}`);

const started = await start({
  ap: {
    psk: "mypsk123",
    ap_started: () => say("AP started"),
    sta_connected: (mac) => say(`station ${mac} connected`),
    sta_ip_assigned: (ip) => say(`station got ${ip}`),
    sta_disconnected: (mac) => say(`station ${mac} disconnected`),
  },
}, {
  // Two phones visit the simulated device's AP: one stays, one leaves after two seconds.
  world: {
    stations: [
      { mac: "3c:22:fb:01:02:03", join: 1000 },
      { mac: "f0:18:98:aa:bb:cc", join: 1500, leave: 3500 },
    ],
  },
  onDiagnostic: (d) => say(`${d.level}: ${d.message}`),
});

if (started._tag === "Left") {
  say(`network did not start: ${JSON.stringify(started.left)}`);
  Deno.exit(1);
}
const network = started.right;
const ready = await network.waitForAp(15_000);
say(ready._tag === "Right" ? "waitForAp: ok" : `waitForAp failed: ${ready.left.error}`);
await new Promise((resolve) => setTimeout(resolve, 4500));
await network.stop();
say("stopped");
