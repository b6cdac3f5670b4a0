/**
 * The Moddable driver's mDNS scenarios (`start_mdns` over the stand-in of Moddable's `mdns`,
 * stand_ins/mdns.ts): through the shell where the core sends the command, on the driver alone
 * where only the driver decides. No Deno API: they run on XS too (_scenarios.ts lists them).
 *
 * @module
 */
import type { Config } from "../app_config.ts";
import { VirtualClock } from "../clock.ts";
import type { DriverEvent } from "../driver.ts";
import type { Network } from "../network.ts";
import { openModdable } from "./moddable_driver.ts";
import type { MdnsCallback, MdnsModule } from "./modules.ts";
import { standIns } from "./stand_ins/services.ts";
import { ModdableWorld } from "./stand_ins/world.ts";
import { HOME, lines, rig, type Scenario, station } from "./_rig.ts";

const IP = "192.168.1.42";

function withMdns(hostname: string): (log: (line: string) => void) => Config {
  return (log) => ({ ...station(log), mdns: { hostname, ttl: 900 } });
}

const answers = (found: readonly { name: string; ip: string; ttl: number }[]) =>
  found.map((a) => `${a.name} ${a.ip} ${a.ttl}`).join("|");

async function claim(): Promise<readonly string[]> {
  const r = rig({}, withMdns("netfsm-dev"));
  // got_ip at 3300 ms; Moddable probes three times, 250 ms apart, before it answers.
  await r.clock.advance(3800);
  r.check(r.mdns.ask("netfsm-dev").length === 0, "nothing answered while probing");
  await r.clock.advance(600);
  const got = answers(r.mdns.ask("NetFSM-Dev"));
  r.check(got === `netfsm-dev.local ${IP} 120`, `claimed, case ignored, TTL 120 s: ${got}`);
  r.check(r.mdns.ask("netfsm").length === 0, "no other name is answered");
  r.check(r.notices.some((n) => n.startsWith("mDNS TTL 900 s ignored")), "the TTL is a notice");
  // mdns.js does not look for conflicts once claimed: a late claimant changes nothing.
  r.world.mdnsHosts.set("netfsm-dev", "192.168.1.77");
  await r.clock.advance(5000);
  r.check(r.mdns.ask("netfsm-dev").length === 1, "still answered after a late claimant");
  r.check(r.mdns.claims.join() === "netfsm-dev", `claimed once: ${r.mdns.claims}`);
  await r.network.stop();
  return r.failures;
}

async function renamed(): Promise<readonly string[]> {
  const r = rig(
    { mdnsHosts: { "esp-32": "192.168.1.77", "ESP-32-2": "192.168.1.78" } },
    withMdns("esp-32"),
  );
  await r.clock.advance(6000);
  r.check(
    r.mdns.claims.join() === "esp-32-3",
    `Moddable's renames (-2, then -3): ${r.mdns.claims}`,
  );
  r.check(answers(r.mdns.ask("esp-32-3")) === `esp-32-3.local ${IP} 120`, "the new name answers");
  r.check(r.mdns.ask("esp-32").length === 0, "the taken name is left to its holder");
  r.check(
    r.notices.includes("mDNS: esp-32.local is taken; Moddable claimed esp-32-3.local"),
    `the rename is a notice: ${r.notices}`,
  );
  await r.network.stop();
  return r.failures;
}

async function restarted(): Promise<readonly string[]> {
  const r = rig({}, withMdns("netfsm-dev"));
  await r.clock.advance(5000);
  r.world.setPresent("home", false);
  await r.clock.advance(30_000);
  r.check(r.mdns.ask("netfsm-dev").length === 0, "no answer without an address");
  r.world.setPresent("home", true);
  await r.clock.advance(300_000);
  r.check(lines(r, "got_ip").length === 2, "rejoined");
  // The old instance must be closed first: Moddable's socket would not bind port 5353 twice.
  r.check(r.mdns.claims.join() === "netfsm-dev,netfsm-dev", `claimed again: ${r.mdns.claims}`);
  r.check(r.mdns.open.size === 1, `one responder: ${r.mdns.open.size}`);
  r.check(r.mdns.ask("netfsm-dev").length === 1, "answered on the new address");
  await r.network.stop();
  r.check(r.mdns.open.size === 0, "stop closes the responder");
  r.check(r.mdns.ask("netfsm-dev").length === 0, "nothing answered after stop");
  return r.failures;
}

async function stoppedAtOnce(): Promise<readonly string[]> {
  const started: { network?: Network } = {};
  // Stopped from the got_ip callback: stop_wifi comes before Moddable's 0 ms probe timer runs.
  const r = rig({}, (log) => ({
    sta: { ...station(log).sta, got_ip: () => void started.network?.stop() },
    mdns: { hostname: "netfsm-dev", ttl: 120 },
  }));
  started.network = r.network;
  await r.clock.advance(10_000);
  r.check(r.mdns.aborts.length === 0, `no XS abort: ${r.mdns.aborts}`);
  r.check(r.mdns.open.size === 0, `closed: ${r.mdns.open.size} open`);
  r.check(r.mdns.claims.length === 0, `nothing claimed: ${r.mdns.claims}`);
  return r.failures;
}

const START = { command: "start_mdns", hostname: "netfsm-dev", ttl: 120, ip: IP } as const;

/** The driver alone on the stand-ins, with `MDNS` made by `mdns` on the world (or left out). */
function bareDriver(mdns?: (world: ModdableWorld) => MdnsModule) {
  const clock = new VirtualClock();
  const world = new ModdableWorld({ clock, accessPoints: [HOME] });
  const { MDNS: _standIn, ...rest } = standIns(world);
  const opened = openModdable(mdns === undefined ? rest : { ...rest, MDNS: mdns(world) });
  if ("error" in opened) throw new Error(opened.error);
  const events: DriverEvent[] = [];
  opened.driver.events.subscribe((event) => events.push(event));
  return { clock, world, driver: opened.driver, events };
}

async function withoutModule(): Promise<readonly string[]> {
  const failures: string[] = [];
  const { driver } = bareDriver();
  if (driver.capabilities.mdns !== undefined) failures.push("no mdns capability without MDNS");
  const result = await driver.apply(START);
  const error = result._tag === "Left" ? result.left : "";
  if (!error.includes("no mdns module")) failures.push(`start_mdns refused clearly: ${error}`);
  const withModule = openModdable(standIns(new ModdableWorld({ clock: new VirtualClock() })));
  const ttl = "driver" in withModule ? withModule.driver.capabilities.mdns?.ttl : undefined;
  if (ttl !== false) failures.push(`with MDNS: mdns {ttl: false}, not ${ttl}`);
  await driver.close();
  return failures;
}

async function givenUp(): Promise<readonly string[]> {
  const failures: string[] = [];
  // Moddable's documented "any negative number": claiming ended without a name.
  const bare = bareDriver((world) =>
    class {
      constructor(_: unknown, callback?: MdnsCallback) {
        world.after(0, () => callback?.(-1));
      }
      close(): void {}
    }
  );
  const result = await bare.driver.apply(START);
  if (result._tag !== "Right") failures.push(`apply accepted: ${JSON.stringify(result)}`);
  await bare.clock.advance(10);
  const failed = bare.events.filter((event) => event.type === "driver_failed");
  const named = failed.length === 1 && "command" in failed[0]! &&
    failed[0].command === "start_mdns";
  if (!named) failures.push(`one driver_failed naming start_mdns: ${JSON.stringify(bare.events)}`);
  await bare.driver.close();
  return failures;
}

/** The mDNS scenarios. */
export const MDNS_SCENARIOS: readonly Scenario[] = [
  { name: "mDNS: <hostname>.local answered once Moddable has probed, TTL 120 s", run: claim },
  { name: "mDNS: a name another host holds is renamed as Moddable does", run: renamed },
  { name: "mDNS: restarted on each new address, closed on stop", run: restarted },
  { name: "mDNS: stopped before Moddable's probe starts, without an XS abort", run: stoppedAtOnce },
  { name: "mDNS: a build without the mdns module refuses start_mdns", run: withoutModule },
  { name: "mDNS: Moddable giving up is driver_failed naming start_mdns", run: givenUp },
];
