/**
 * Stand-ins of Moddable's `net`, `preference`, `sntp`, `timer` and `mdns` modules over a scripted
 * world and its radio (wifi.ts), as the ESP32 port behaves (drivers.md §4).
 *
 * @module
 */
import type {
  ModdableModules,
  NetModule,
  PreferenceModule,
  SntpModule,
  TimerModule,
} from "../modules.ts";
import { Radio, standInWiFi } from "./wifi.ts";
import { MdnsLan, standInMdns } from "./mdns.ts";
import type { ModdableWorld } from "./world.ts";

/** `Net.get`: what the radio has; `undefined` for what it has not (no address yet, no link). */
export function standInNet(world: ModdableWorld, radio: Radio): NetModule {
  return {
    get(property, netInterface = radio.mode === 2 ? "ap" : "station") {
      if (netInterface === "ap") {
        if (property === "MAC") return world.apMac;
        if (property === "IP") return radio.softAp === undefined ? undefined : "192.168.4.1";
        if (property === "SSID") return radio.softAp?.ssid;
        return undefined;
      }
      if (property === "MAC") return world.mac;
      const ap = radio.station === "idle" || radio.station === "connecting"
        ? undefined
        : radio.joined;
      if (ap === undefined) return undefined;
      if (property === "IP") return radio.station === "addressed" ? world.ip : undefined;
      if (property === "SSID") return ap.ssid;
      if (property === "BSSID") return ap.bssid;
      if (property === "RSSI") return ap.rssi;
      if (property === "CHANNEL") return ap.channel;
      return undefined;
    },
  };
}

/** `Preference` over the world's store; names over 15 characters throw, as ESP32's NVS does. */
export function standInPreference(world: ModdableWorld): PreferenceModule {
  const domainOf = (domain: string, key: string) => {
    if (domain.length > 15 || key.length > 15) throw new Error("name too long");
    let keys = world.preferences.get(domain);
    if (keys === undefined) world.preferences.set(domain, keys = new Map());
    return keys;
  };
  return {
    get: (domain, key) => domainOf(domain, key).get(key),
    set: (domain, key, value) => void domainOf(domain, key).set(key, value),
    delete: (domain, key) => void domainOf(domain, key).delete(key),
    keys: (domain) => [...(world.preferences.get(domain)?.keys() ?? [])],
  };
}

/**
 * `SNTP`: needs the station's address (UDP through it); answers 1 with the world's time, or
 * retries 5 times 5 s apart (2) and fails (-1), closing itself either way.
 */
export function standInSntp(world: ModdableWorld, radio: Radio): SntpModule {
  return class SNTP {
    #cancel: () => void = () => {};
    #tries = 0;

    constructor(
      readonly dictionary: { readonly host: string },
      readonly callback: (message: number, value?: unknown) => unknown,
    ) {
      this.#poll(500);
    }

    #poll(ms: number): void {
      this.#cancel = world.after(ms, () => {
        const epoch = world.sntpEpoch;
        if (epoch !== undefined && radio.station === "addressed") {
          this.callback(1, epoch + Math.floor(world.clock.now() / 1000));
        } else if (++this.#tries < 5) {
          this.callback(2);
          this.#poll(5000);
        } else this.callback(-1, "no response from SNTP server");
      });
    }

    close(): void {
      this.#cancel();
    }
  };
}

/** `Timer.set` / `Timer.clear` on the world's clock. */
export function standInTimer(world: ModdableWorld): TimerModule {
  return {
    set: (callback, ms) => world.after(ms, callback),
    clear: (id) => (id as () => void)(),
  };
}

/** Every stand-in, sharing one radio; `mdns` is what the device's `MDNS` answers. */
export function standIns(
  world: ModdableWorld,
): ModdableModules & { readonly radio: Radio; readonly mdns: MdnsLan } {
  const radio = new Radio(world);
  const mdns = new MdnsLan(world, radio);
  return {
    radio,
    mdns,
    MDNS: standInMdns(mdns),
    WiFi: standInWiFi(radio),
    Net: standInNet(world, radio),
    Preference: standInPreference(world),
    SNTP: standInSntp(world, radio),
    Timer: standInTimer(world),
  };
}
