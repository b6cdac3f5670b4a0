/**
 * A stand-in of Moddable's `wifi` module as its ESP32 port behaves (drivers.md §4, from
 * xs6wifi.c), not as Moddable's simulator does: a join the port retries silently
 * (MODDEF_WIFI_ESP32_CONNECT_RETRIES) before one `"disconnect"`, -1 for a rejected password,
 * `"gotIP"` once the address is there, no `"lostIP"`, a `"disconnect"` after `WiFi.disconnect()`,
 * soft-AP visitors without a MAC, a scan one callback per AP then `null`.
 *
 * @module
 */
import type {
  WiFiAccessPoint,
  WiFiCallback,
  WiFiConnect,
  WiFiModule,
  WiFiScanResult,
} from "../modules.ts";
import type { ModdableWorld, WorldAccessPoint, WorldChange } from "./world.ts";

type Station = "idle" | "connecting" | "connected" | "addressed";

/** The radio's state, which the `Net` stand-in reads too. */
export class Radio {
  mode = 0;
  station: Station = "idle";
  joined: WorldAccessPoint | undefined;
  softAp: WiFiAccessPoint | undefined;
  readonly callbacks = new Set<WiFiCallback>();
  #target: WiFiConnect | undefined;
  #attempts = 0;
  #pending: (() => void) | undefined;
  #scan: (() => void) | undefined;

  constructor(readonly world: ModdableWorld) {
    world.watch((change) => this.#changed(change));
  }

  connect(dictionary: WiFiConnect): void {
    if (typeof dictionary.ssid !== "string" || dictionary.ssid.length === 0) {
      throw new Error("ssid required");
    }
    if (dictionary.ssid.length > 32) throw new Error("ssid too long");
    if ((dictionary.password ?? "").length > 64) throw new Error("password too long");
    if (this.mode !== 1 && this.mode !== 3) this.mode = this.mode === 2 ? 3 : 1;
    this.#cancel();
    this.#target = dictionary;
    this.#attempts = 0;
    this.#leave();
    this.station = "connecting";
    this.#attempt();
  }

  disconnect(): void {
    this.#cancel();
    this.#target = undefined;
    const had = this.station !== "idle";
    this.#leave();
    // ESP-IDF reports the leave (reason 8) as STA_DISCONNECTED; the port does not retry it.
    if (had) this.#pending = this.world.after(50, () => this.#notify("disconnect", 0));
  }

  setMode(mode: number): void {
    this.mode = mode;
    if (mode === 0 || mode === -5 || mode === 2) {
      this.#cancel();
      this.#leave();
    }
    if (mode !== 2 && mode !== 3) this.softAp = undefined;
    if (mode === 0 || mode === -5) this.cancelScan();
  }

  accessPoint(dictionary: WiFiAccessPoint): void {
    if (typeof dictionary.ssid !== "string" || dictionary.ssid.length === 0) {
      throw new Error("ssid required");
    }
    if (dictionary.ssid.length > 32) throw new Error("ssid too long");
    const password = dictionary.password;
    if (password !== undefined && (password.length < 8 || password.length > 64)) {
      throw new Error("invalid password");
    }
    this.softAp = dictionary;
    this.setMode(dictionary.station === true ? 3 : 2);
  }

  scan(dictionary: { readonly hidden?: boolean }, callback: (r: WiFiScanResult | null) => void) {
    if (this.#scan !== undefined) throw new Error("already scanning");
    this.#scan = this.world.after(2000, () => {
      this.#scan = undefined;
      for (const ap of this.world.accessPoints) {
        if (ap.present !== true || (ap.hidden === true && dictionary.hidden !== true)) continue;
        callback({
          ssid: ap.hidden === true ? "" : ap.ssid,
          rssi: ap.rssi,
          channel: ap.channel,
          hidden: false,
          bssid: bytesOf(ap.bssid),
          authentication: ap.password === undefined ? "none" : "wpa2_psk",
        });
      }
      callback(null);
    });
  }

  cancelScan(): void {
    this.#scan?.();
    this.#scan = undefined;
  }

  #attempt(): void {
    this.#pending = this.world.after(this.world.attemptMs, () => {
      const target = this.#target;
      if (target === undefined) return;
      const ap = this.world.find(target.ssid);
      const rejected = ap?.password !== undefined && ap.password !== target.password;
      if (ap !== undefined && !rejected) return this.#associate(ap);
      if (this.#attempts < this.world.connectRetries) {
        // The port calls esp_wifi_connect again; JavaScript hears nothing.
        this.#attempts++;
        return this.#attempt();
      }
      this.station = "idle";
      this.#target = undefined;
      this.#notify("disconnect", rejected ? -1 : 0);
    });
  }

  #associate(ap: WorldAccessPoint): void {
    this.#attempts = 0;
    this.station = "connected";
    this.joined = ap;
    this.#notify("connect");
    this.#pending = this.world.after(this.world.dhcpMs, () => {
      this.station = "addressed";
      // Sent only once IPv4 and the IPv6 link-local both exist: here, both come with DHCP.
      this.#notify("gotIP");
    });
  }

  #leave(): void {
    this.station = "idle";
    this.joined = undefined;
  }

  #cancel(): void {
    this.#pending?.();
    this.#pending = undefined;
  }

  #changed(change: WorldChange): void {
    if (change.type === "presence") {
      if (!change.present && this.joined?.ssid === change.ssid && this.#target !== undefined) {
        // Beacon loss: ESP-IDF's STA_DISCONNECTED, which the port retries silently first.
        this.#cancel();
        this.#leave();
        this.station = "connecting";
        this.#attempts = 1;
        this.#attempt();
      }
      return;
    }
    if (this.softAp === undefined) return;
    // xs6wifi.c calls back with the message alone.
    const value = this.world.visitorMacs ? change.mac : undefined;
    this.#notify(change.joined ? "station_connect" : "station_disconnect", value);
  }

  #notify(message: string, value?: unknown): void {
    for (const callback of [...this.callbacks]) {
      if (value === undefined && message !== "disconnect") callback(message);
      else callback(message, value);
    }
  }
}

/** The `WiFi` class over a radio. */
export function standInWiFi(radio: Radio): WiFiModule {
  return class WiFi {
    static readonly Mode = Object.freeze({ off: -5, none: 0, station: 1, accessPoint: 2 });
    #callback: WiFiCallback | undefined;

    constructor(dictionary: WiFiConnect | undefined, callback: WiFiCallback) {
      this.#callback = callback;
      radio.callbacks.add(callback);
      if (dictionary !== undefined) WiFi.connect(dictionary);
    }

    close(): void {
      if (this.#callback !== undefined) radio.callbacks.delete(this.#callback);
      this.#callback = undefined;
    }

    static get mode(): number {
      return radio.mode;
    }

    static set mode(mode: number) {
      radio.setMode(mode);
    }

    static connect(dictionary?: WiFiConnect): void {
      if (dictionary === undefined) radio.disconnect();
      else radio.connect(dictionary);
    }

    static disconnect(): void {
      radio.disconnect();
    }

    static accessPoint(dictionary: WiFiAccessPoint): void {
      radio.accessPoint(dictionary);
    }

    static scan(
      dictionary?: { readonly hidden?: boolean },
      callback?: (result: WiFiScanResult | null) => void,
    ): void {
      if (callback === undefined) radio.cancelScan();
      else radio.scan(dictionary ?? {}, callback);
    }
  };
}

function bytesOf(mac: string): ArrayBuffer {
  return new Uint8Array(mac.split(":").map((part) => parseInt(part, 16))).buffer;
}
