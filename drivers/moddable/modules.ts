/**
 * The Moddable modules the driver uses, as interfaces: on a device the application imports them
 * (`"wifi"`, `"net"`, `"preference"`, `"sntp"`, `"timer"`, optionally `"mdns"`) and hands them over, so that netfsm's
 * bundle holds no bare specifier the Moddable build would have to resolve; in tests the
 * stand-ins (stand_ins/) take their place. Shapes are the ESP32 port's (drivers.md §4).
 *
 * @module
 */

/** The callback of a `WiFi` instance: `"start"`, `"connect"`, `"gotIP"`, `"disconnect"`, ... */
export type WiFiCallback = (message: string, value?: unknown) => void;

/** The station dictionary of `new WiFi(...)` and `WiFi.connect(...)`. */
export interface WiFiConnect {
  readonly ssid: string;
  readonly password?: string;
}

/** The soft-AP dictionary of `WiFi.accessPoint(...)`. */
export interface WiFiAccessPoint {
  readonly ssid: string;
  /** Present: WPA/WPA2-PSK; absent: open. */
  readonly password?: string;
  readonly channel?: number;
  readonly hidden?: boolean;
  readonly max?: number;
  /** True keeps the station running beside the AP (APSTA). */
  readonly station?: boolean;
}

/** One access point as `WiFi.scan` reports it. */
export interface WiFiScanResult {
  readonly ssid: string;
  readonly rssi: number;
  readonly channel: number;
  readonly hidden: boolean;
  readonly bssid: ArrayBuffer;
  readonly authentication: string;
}

/** A `WiFi` instance: it delivers callbacks until closed (closing does not disconnect). */
export interface WiFiInstance {
  close(): void;
}

/** The `WiFi` class of Moddable's `wifi` module. */
export interface WiFiModule {
  new (dictionary: WiFiConnect | undefined, callback: WiFiCallback): WiFiInstance;
  /** `off` (-5, ESP32 only), `none` 0, `station` 1, `accessPoint` 2; 3 is both. */
  mode: number;
  readonly Mode?: Readonly<Record<string, number>>;
  connect(dictionary?: WiFiConnect): void;
  disconnect(): void;
  accessPoint(dictionary: WiFiAccessPoint): void;
  /** One call per access point, then one with `null`; no arguments cancels. Throws when busy. */
  scan(
    dictionary?: { readonly hidden?: boolean; readonly active?: boolean },
    callback?: (result: WiFiScanResult | null) => void,
  ): void;
}

/** The `Net` class of Moddable's `net` module. */
export interface NetModule {
  /** `IP`, `MAC`, `SSID`, `BSSID`, `RSSI`, `CHANNEL`, `DNS`; interface `station` or `ap`. */
  get(property: string, netInterface?: string): unknown;
}

/** The `Preference` class of Moddable's `preference` module (NVS on ESP32). */
export interface PreferenceModule {
  get(domain: string, key: string): unknown;
  set(domain: string, key: string, value: unknown): void;
  delete(domain: string, key: string): void;
  keys(domain: string): readonly string[];
}

/** An SNTP client: message 1 time set (value: seconds since 1970), 2 retrying, -1 failed. */
export interface SntpInstance {
  close(): void;
}

/** The `SNTP` class of Moddable's `sntp` module. */
export interface SntpModule {
  new (
    dictionary: { readonly host: string },
    callback: (message: number, value?: unknown) => unknown,
  ): SntpInstance;
}

/** The `Timer` class of Moddable's `timer` module. */
export interface TimerModule {
  set(callback: () => void, ms: number): unknown;
  clear(id: unknown): void;
}

/**
 * The callback of an `MDNS` instance (modules/network/mdns/mdns.js): 1 with `""` when probing
 * starts and with the claimed name when it ends; 2 with the name when another host holds it
 * (returning undefined lets Moddable rename, a string tries that name, true gives up); a negative
 * message: claiming ended without a name.
 */
export type MdnsCallback = (message: number, value?: string) => unknown;

/** An `MDNS` instance: a UDP socket on port 5353 of every interface until closed. */
export interface MdnsInstance {
  close(): void;
}

/** The `MDNS` class of Moddable's `mdns` module; it claims `<hostName>.local` (A record only). */
export interface MdnsModule {
  new (dictionary: { readonly hostName: string }, callback?: MdnsCallback): MdnsInstance;
}

/** Everything the driver takes from Moddable. */
export interface ModdableModules {
  readonly WiFi: WiFiModule;
  readonly Net: NetModule;
  readonly Preference: PreferenceModule;
  readonly SNTP: SntpModule;
  readonly Timer: TimerModule;
  /** Absent in a build without `$(MODDABLE)/modules/network/mdns`: `start_mdns` is refused. */
  readonly MDNS?: MdnsModule;
}
