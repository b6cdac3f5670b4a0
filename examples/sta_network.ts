// deno-lint-ignore-file no-console -- an example program reports on the console
/**
 * The seed manual's station example, on the simulated ESP32: join a network, set the clock by
 * SNTP, and print what happens. Run: `deno task example:sta`.
 *
 * @module
 */
import { start } from "../mod.ts";

const t0 = Date.now();
const say = (text: string) =>
  console.log(`${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s  ${text}`);

const started = await start({
  sta: {
    ssid: "myssid",
    psk: "mypsk123",
    connected: () => say("connected"),
    got_ip: (ip) => say(`got IP ${ip.ip} (netmask ${ip.netmask}, gateway ${ip.gw})`),
    disconnected: () => say("disconnected"),
  },
  sntp: {
    host: "pool.ntp.org",
    synchronized: ({ sec }) => say(`clock set by SNTP to ${new Date(sec * 1000).toISOString()}`),
  },
}, { onDiagnostic: (d) => say(`${d.level}: ${d.message}`) });

if (started._tag === "Left") {
  say(`network did not start: ${JSON.stringify(started.left)}`);
  Deno.exit(1);
}
say("network started; waiting for an address");
const network = started.right;
const address = await network.waitForSta(15_000);
say(
  address._tag === "Right"
    ? `waitForSta: ${address.right.ip}`
    : `waitForSta failed: ${address.left.error}`,
);
await new Promise((resolve) => setTimeout(resolve, 1000));
await network.stop();
say(`stopped; station status is now ${network.status}`);
