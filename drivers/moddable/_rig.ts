/**
 * What the Moddable scenarios share: the world's access points, the rig (a `Network` over the
 * driver on the stand-ins, on a virtual clock) and the station used by most of them.
 *
 * @module
 */
import type { Config } from "../app_config.ts";
import { VirtualClock } from "../clock.ts";
import { Network } from "../network.ts";
import { openModdable } from "./moddable_driver.ts";
import type { MdnsLan } from "./stand_ins/mdns.ts";
import { standIns } from "./stand_ins/services.ts";
import { ModdableWorld, type WorldOptions } from "./stand_ins/world.ts";
import type { Radio } from "./stand_ins/wifi.ts";

/** A scenario's outcome. */
export interface ScenarioResult {
  readonly name: string;
  readonly pass: boolean;
  readonly failures: readonly string[];
}

/** A named scenario: resolves to its failures. */
export interface Scenario {
  readonly name: string;
  readonly run: () => Promise<readonly string[]>;
}

export const HOME = {
  ssid: "home",
  bssid: "AA:BB:CC:00:00:01",
  password: "secret12",
  rssi: -52,
  channel: 6,
};
export const CAFE = { ssid: "cafe", bssid: "aa:bb:cc:00:00:02", rssi: -70, channel: 11 };
export const EPOCH = 1_780_000_000;

/** A network on the stand-ins, and what its callbacks saw. */
export interface Rig {
  readonly clock: VirtualClock;
  readonly world: ModdableWorld;
  readonly radio: Radio;
  readonly mdns: MdnsLan;
  readonly network: Network;
  /** What the callbacks saw, as `name arg`, with the time. */
  readonly seen: string[];
  readonly notices: string[];
  readonly failures: string[];
  check(ok: boolean, what: string): void;
}

/** Starts `config` on stand-ins in a world with HOME and CAFE (and `world`'s options). */
export function rig(
  world: Partial<WorldOptions>,
  config: (log: (line: string) => void) => Config,
): Rig {
  const clock = new VirtualClock();
  const made = new ModdableWorld({ clock, accessPoints: [HOME, CAFE], ...world });
  const modules = standIns(made);
  const notices: string[] = [];
  const opened = openModdable(modules, { onNotice: (notice) => notices.push(notice) });
  if ("error" in opened) throw new Error(opened.error);
  const seen: string[] = [];
  const log = (line: string) => seen.push(`${clock.now()} ${line}`);
  const started = Network.start(config(log), { driver: opened.driver, clock });
  if (started._tag === "Left") throw new Error(JSON.stringify(started.left));
  const failures: string[] = [];
  return {
    clock,
    world: made,
    radio: modules.radio,
    mdns: modules.mdns,
    network: started.right,
    seen,
    notices,
    failures,
    check(ok, what) {
      if (!ok) failures.push(`${what}; saw ${JSON.stringify(seen)}`);
    },
  };
}

/** The station of HOME, its callbacks logged. */
export function station(log: (line: string) => void, psk = "secret12"): Config {
  return {
    sta: {
      ssid: "home",
      psk,
      connected: () => log("connected"),
      got_ip: (ip) => log(`got_ip ${ip.ip} ${ip.netmask} ${ip.gw}`),
      disconnected: (why) => log(`disconnected ${why.reason} ${why.name} ${why.class}`),
    },
  };
}

/** The lines seen of one callback. */
export const lines = (r: Rig, prefix: string) =>
  r.seen.filter((line) => line.split(" ")[1] === prefix);
/** A line's time. */
export const timeOf = (line: string | undefined) => Number(line?.split(" ")[0] ?? NaN);
