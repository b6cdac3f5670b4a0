/**
 * The settings a module keeps in NVS, and the rule for keeping them: a set command changes the
 * running value, and with `AT+SYSSTORE=1` (the default) also the stored one; at a reset the
 * running values go back to the stored ones. That rule covers the Wi-Fi mode (`AT+CWMODE`),
 * power-on auto-connect (`AT+CWAUTOCONN`), the reconnection settings (`AT+CWRECONNCFG` and
 * `AT+CWJAP`'s reconn_interval, which the firmware treats as one setting), the AP to join
 * (`AT+CWJAP`) and the soft-AP (`AT+CWSAP`). `AT+SYSSTORE` itself is always stored. Everything
 * else (echo, hostname, SNTP, IPv6, the scan options) is lost at a reset.
 *
 * @module
 */
import * as t from "io-ts";
import { boundedText, flag, integerIn } from "../../../core/config/codecs.ts";

/** `AT+CWMODE`'s modes: 0 radio off, 1 station, 2 soft-AP, 3 both. */
export type ModeNumber = 0 | 1 | 2 | 3;

/** Whether a mode runs the station. */
export function hasStation(mode: ModeNumber): boolean {
  return mode === 1 || mode === 3;
}

/** Whether a mode runs the soft-AP. */
export function hasSoftAp(mode: ModeNumber): boolean {
  return mode === 2 || mode === 3;
}

/** The AP the station joins, with `AT+CWJAP`'s other parameters. */
export interface JoinConfig {
  readonly ssid: string;
  /** `""`: an open network. */
  readonly psk: string;
  readonly bssid?: string;
  readonly pciEn: number;
  readonly listenInterval: number;
  readonly scanMode: number;
  /** Seconds the join may take before `+CWJAP:1`. */
  readonly japTimeout: number;
  readonly pmf: number;
}

/** `AT+CWJAP`'s defaults for the parameters left out. */
export const JOIN_DEFAULTS = { pciEn: 0, listenInterval: 3, scanMode: 1, japTimeout: 15, pmf: 1 };

/** The soft-AP as `AT+CWSAP` sets it. */
export interface SoftApConfig {
  readonly ssid: string;
  /** `""` with ecn 0. */
  readonly psk: string;
  readonly channel: number;
  /** 0 open, 2 WPA_PSK, 3 WPA2_PSK, 4 WPA_WPA2_PSK. */
  readonly ecn: number;
  readonly maxConn: number;
  readonly hidden: boolean;
}

/** Everything kept in NVS. */
export interface Stored {
  readonly sysstore: boolean;
  readonly mode: ModeNumber;
  readonly autoConnect: boolean;
  /** Seconds between the firmware's own reconnections (0: none), and how many (0: forever). */
  readonly reconnect: { readonly interval: number; readonly repeat: number };
  readonly station?: JoinConfig;
  readonly softAp: SoftApConfig;
}

/**
 * A module's NVS and its running settings.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { factorySettings, Nvs } from "./settings.ts";
 * const nvs = new Nvs(factorySettings("24:0a:c4:12:34:57"));
 * nvs.setSysstore(false);
 * nvs.set({ mode: 2 });
 * assert.equal(nvs.current.mode, 2);
 * nvs.revert();
 * assert.equal(nvs.current.mode, 1);
 * ```
 */
export class Nvs {
  #flash: Stored;
  #current: Stored;

  constructor(initial: Stored) {
    this.#flash = initial;
    this.#current = initial;
  }

  /** The running settings. */
  get current(): Stored {
    return this.#current;
  }

  /** What a reset would bring back. */
  get flash(): Stored {
    return this.#flash;
  }

  /** Changes running settings, and stored ones too while `AT+SYSSTORE=1`. */
  set(change: Partial<Stored>): void {
    this.#current = { ...this.#current, ...change };
    if (this.#current.sysstore) this.#flash = { ...this.#flash, ...change };
  }

  /** `AT+SYSSTORE`: the switch itself is always stored. */
  setSysstore(on: boolean): void {
    this.#current = { ...this.#current, sysstore: on };
    this.#flash = { ...this.#flash, sysstore: on };
  }

  /** A reset: the running settings become the stored ones. */
  revert(): void {
    this.#current = this.#flash;
  }
}

/**
 * A module fresh from the factory: mode 1, auto-connect on, no reconnection, no AP to join, and
 * the open soft-AP `ESP_XXXXXX` (the soft-AP MAC's last three octets).
 */
export function factorySettings(apMac: string): Stored {
  const suffix = apMac.split(":").slice(3).join("").toUpperCase();
  return {
    sysstore: true,
    mode: 1,
    autoConnect: true,
    reconnect: { interval: 0, repeat: 0 },
    softAp: { ssid: `ESP_${suffix}`, psk: "", channel: 1, ecn: 0, maxConn: 10, hidden: false },
  };
}

/** What a scenario file says the module's NVS held at power-up (see the README in examples/esp_at). */
export interface Saved {
  readonly sysstore?: boolean;
  readonly mode?: ModeNumber;
  readonly auto_connect?: boolean;
  readonly reconnect?: { readonly interval: number; readonly repeat: number };
  readonly station?: { readonly ssid: string; readonly psk?: string };
  readonly soft_ap?: {
    readonly ssid: string;
    readonly psk?: string;
    readonly channel?: number;
    readonly max_conn?: number;
    readonly hidden?: boolean;
  };
}

/** io-ts codec for {@link Saved}. */
export const savedCodec: t.Type<Saved, unknown, unknown> = t.exact(t.partial({
  sysstore: flag,
  mode: integerIn(0, 3, "0 off, 1 station, 2 soft-AP, 3 both") as unknown as t.Type<
    ModeNumber,
    unknown,
    unknown
  >,
  auto_connect: flag,
  reconnect: t.exact(t.type({
    interval: integerIn(0, 7200, "seconds"),
    repeat: integerIn(0, 1000, "0 is forever"),
  })),
  station: t.exact(t.intersection([
    t.type({ ssid: boundedText(1, 32) }),
    t.partial({ psk: boundedText(0, 64) }),
  ])),
  soft_ap: t.exact(t.intersection([
    t.type({ ssid: boundedText(1, 32) }),
    t.partial({
      psk: boundedText(8, 64, "for WPA2; leave psk out for an open soft-AP"),
      channel: integerIn(1, 13),
      max_conn: integerIn(1, 10),
      hidden: flag,
    }),
  ])),
}));

/**
 * The stored settings a scenario's `saved` describes, over the factory's. A saved soft-AP with
 * a psk is WPA_WPA2_PSK (ecn 4), without one open.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { storedFrom } from "./settings.ts";
 * const stored = storedFrom({ station: { ssid: "home", psk: "secret12" } }, "24:0a:c4:12:34:57");
 * assert.equal(stored.station?.ssid, "home");
 * assert.equal(stored.autoConnect, true);
 * ```
 */
export function storedFrom(saved: Saved, apMac: string): Stored {
  const factory = factorySettings(apMac);
  const { station, soft_ap: ap } = saved;
  return {
    sysstore: saved.sysstore ?? factory.sysstore,
    mode: saved.mode ?? factory.mode,
    autoConnect: saved.auto_connect ?? factory.autoConnect,
    reconnect: saved.reconnect ?? factory.reconnect,
    ...(station === undefined ? {} : {
      station: { ...JOIN_DEFAULTS, ssid: station.ssid, psk: station.psk ?? "" },
    }),
    softAp: ap === undefined ? factory.softAp : {
      ssid: ap.ssid,
      psk: ap.psk ?? "",
      channel: ap.channel ?? 1,
      ecn: ap.psk === undefined ? 0 : 4,
      maxConn: ap.max_conn ?? 10,
      hidden: ap.hidden ?? false,
    },
  };
}
