/**
 * The Moddable driver's end-to-end scenarios: the driver through the shell (a `Network`) against
 * the stand-ins, on a virtual clock. Each is an async function returning its failures (empty:
 * passed), with no test framework or Deno API, so that a Deno test and an XS script can both run
 * them (`runScenarios`).
 *
 * @module
 */
import type { Config } from "../app_config.ts";
import { NVS_DOMAIN } from "./facts.ts";
import {
  EPOCH,
  lines,
  type Rig,
  rig,
  type Scenario,
  type ScenarioResult,
  station,
  timeOf,
} from "./_rig.ts";
import { MDNS_SCENARIOS } from "./_mdns_scenarios.ts";

export type { Scenario, ScenarioResult } from "./_rig.ts";

async function join(): Promise<readonly string[]> {
  const r = rig({}, (log) => station(log));
  await r.clock.advance(10_000);
  r.check(
    r.seen.join("|") === "2500 connected|3300 got_ip 192.168.1.42 null null",
    "joins once, then the address (netmask and gateway unknown to Net)",
  );
  r.check(r.network.status === "connected", `status is connected, not ${r.network.status}`);
  const rssi = await rssiOf(r);
  r.check(rssi === -52, `sta_rssi reads Net's RSSI: ${rssi}`);
  await r.network.stop();
  return r.failures;
}

async function rssiOf(r: Rig): Promise<number | string> {
  const pending = r.network.staRssi();
  await r.clock.advance(10);
  const rssi = await pending;
  return rssi._tag === "Right" ? rssi.right : rssi.left.error;
}

async function lossAndRejoin(): Promise<readonly string[]> {
  const r = rig({}, (log) => station(log));
  await r.clock.advance(5000);
  r.world.setPresent("home", false);
  await r.clock.advance(30_000);
  const lost = lines(r, "disconnected");
  r.check(lost.length >= 1, "the loss is reported");
  r.check(lines(r, "got_ip").length === 1, "no address while the AP is gone");
  r.world.setPresent("home", true);
  await r.clock.advance(300_000);
  const addresses = lines(r, "got_ip");
  r.check(addresses.length === 2, "rejoined once the AP is back");
  r.check(r.network.status === "connected", `status is connected again, not ${r.network.status}`);
  // netfsm's backoff: retries spaced out, not AtomVM's immediate loop.
  const gaps = lost.slice(1).map((line, i) => timeOf(line) - timeOf(lost[i]));
  r.check(gaps.every((gap) => gap >= 1000), `retries are backed off: ${gaps}`);
  await r.network.stop();
  return r.failures;
}

async function wrongPassword(): Promise<readonly string[]> {
  const r = rig({}, (log) => station(log, "wrong-one"));
  await r.clock.advance(20_000);
  const first = lines(r, "disconnected")[0];
  // Six attempts of 2.5 s (the port's first and five silent retries), then -1.
  r.check(first === "15000 disconnected 202 AUTH_FAIL wrong_credentials", `classed: ${first}`);
  r.check(lines(r, "connected").length === 0, "never connected");
  await r.clock.advance(60_000);
  const again = lines(r, "disconnected");
  r.check(again.length >= 2, "tried again");
  r.check(timeOf(again[1]) - timeOf(again[0]) >= 24_000, "slowly, as for wrong credentials");
  await r.network.stop();
  return r.failures;
}

function softAp(log: (line: string) => void): Config {
  return {
    ap: {
      ssid: "netfsm-ap",
      psk: "apsecret1",
      ap_started: () => log("ap_started"),
      sta_connected: (mac) => log(`sta_connected ${mac}`),
      sta_disconnected: (mac) => log(`sta_disconnected ${mac}`),
    },
  };
}

async function softApVisitors(): Promise<readonly string[]> {
  const r = rig({ visitorMacs: true }, softAp);
  await r.clock.advance(100);
  r.check(r.radio.mode === 2 && r.radio.softAp?.password === "apsecret1", "AP up, WPA2");
  r.world.visit("3C:71:BF:00:00:09");
  await r.clock.advance(100);
  r.world.leave("3C:71:BF:00:00:09");
  await r.clock.advance(100);
  r.check(
    r.seen.map((line) => line.split(" ").slice(1).join(" ")).join("|") ===
      "ap_started|sta_connected 3c:71:bf:00:00:09|sta_disconnected 3c:71:bf:00:00:09",
    "a visitor's MAC, when the build passes one",
  );
  await r.network.stop();
  return r.failures;
}

async function softApVisitorsWithoutMac(): Promise<readonly string[]> {
  const r = rig({}, softAp);
  await r.clock.advance(100);
  r.world.visit("3c:71:bf:00:00:09");
  await r.clock.advance(100);
  r.check(r.seen.length === 1, "the ESP32 port's visitors carry no MAC: no callback");
  r.check(r.notices.some((n) => n.startsWith("station_connect without")), "but a notice");
  await r.network.stop();
  return r.failures;
}

async function scan(): Promise<readonly string[]> {
  const r = rig({}, (log) => station(log));
  await r.clock.advance(5000);
  const pending = r.network.scan();
  await r.clock.advance(3000);
  const found = await pending;
  if (found._tag === "Left") return [`scan failed: ${found.left.error}`];
  const got = found.right.networks.map((n) => `${n.ssid} ${n.bssid} ${n.rssi} ${n.authmode}`);
  r.check(
    got.join("|") === "home aa:bb:cc:00:00:01 -52 wpa2_psk|cafe aa:bb:cc:00:00:02 -70 open",
    `strongest first, MACs written netfsm's way: ${got}`,
  );
  r.check(found.right.found === 2, "found counts them");
  await r.network.stop();
  return r.failures;
}

async function sntp(): Promise<readonly string[]> {
  const r = rig({ sntpEpoch: EPOCH }, (log) => ({
    ...station(log),
    sntp: { host: "pool.ntp.org", synchronized: ({ sec }) => log(`synchronized ${sec}`) },
  }));
  await r.clock.advance(10_000);
  const synced = lines(r, "synchronized");
  // Started on the address (3.3 s); the stand-in server answers 0.5 s later.
  r.check(synced[0] === `3800 synchronized ${EPOCH + 3}`, `the server's time: ${synced}`);
  await r.network.stop();
  return r.failures;
}

async function nvs(): Promise<readonly string[]> {
  const preferences = { [NVS_DOMAIN]: { sta_ssid: "home", sta_psk: "secret12" } };
  const r = rig({ preferences }, (log) => ({
    sta: { got_ip: (ip) => log(`got_ip ${ip.ip}`) },
  }));
  await r.clock.advance(10_000);
  r.check(lines(r, "got_ip").length === 1, "joined with Preference's credentials");
  await r.network.stop();
  return r.failures;
}

async function stop(): Promise<readonly string[]> {
  const r = rig({ sntpEpoch: EPOCH }, (log) => ({ ...station(log), sntp: "pool.ntp.org" }));
  await r.clock.advance(5000);
  await r.network.stop();
  const before = r.seen.length;
  r.check(r.radio.mode === -5, `WiFi.mode is off: ${r.radio.mode}`);
  r.check(r.radio.callbacks.size === 0, "the WiFi instance is closed");
  r.check(r.radio.station === "idle", "the station has left");
  r.world.setPresent("home", false);
  r.world.setPresent("home", true);
  await r.clock.advance(60_000);
  r.check(r.seen.length === before, "nothing after stop");
  return r.failures;
}

/** Every scenario. */
export const SCENARIOS: readonly Scenario[] = [
  { name: "join: connected, then got_ip from Net", run: join },
  { name: "loss and rejoin, with netfsm's backoff", run: lossAndRejoin },
  { name: "wrong password: -1 is 202 AUTH_FAIL, wrong_credentials", run: wrongPassword },
  { name: "soft-AP visitors, with a MAC", run: softApVisitors },
  { name: "soft-AP visitors, the ESP32 port's (no MAC)", run: softApVisitorsWithoutMac },
  { name: "scan: one callback per AP, then null", run: scan },
  { name: "SNTP: message 1 is sntp_sync", run: sntp },
  { name: "NVS: the atomvm Preference domain supplies the credentials", run: nvs },
  { name: "stop: radio off, no callbacks after", run: stop },
  ...MDNS_SCENARIOS,
];

/** Runs every scenario (or those named), each caught: a throw is a failure. */
export async function runScenarios(names?: readonly string[]): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    if (names !== undefined && !names.includes(scenario.name)) continue;
    let failures: readonly string[];
    try {
      failures = await scenario.run();
    } catch (thrown) {
      failures = [`threw: ${thrown instanceof Error ? thrown.stack ?? thrown.message : thrown}`];
    }
    results.push({ name: scenario.name, pass: failures.length === 0, failures });
  }
  return results;
}
