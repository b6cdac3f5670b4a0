/**
 * The Moddable driver: netfsm on an ESP32 running Moddable's XS, over the SDK's `wifi`, `net`,
 * `preference`, `sntp` and `mdns` modules (injected: modules.ts). The mapping, and Moddable's quirks,
 * are in README.md; in short: the `WiFi` instance's messages become station and soft-AP events,
 * and `Net.get` fills what the messages do not carry.
 *
 * The driver keeps the station's link state, so that each change is reported once: the ESP32
 * port retries a join by itself and may repeat a message, and the core expects one
 * `sta_disconnected` per link or attempt.
 *
 * Plain ES2022 with relative imports only, so that XS runs it as it is bundled.
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";
import type { ScanResult } from "../../core/input.ts";
import type { Capabilities, Driver, DriverCommand, DriverEvent, EventSource } from "../driver.ts";
import { ALL_MODES } from "../driver.ts";
import { macText, readDevice } from "./facts.ts";
import { MdnsResponder } from "./mdns_responder.ts";
import type { ModdableModules, SntpInstance, WiFiAccessPoint, WiFiInstance } from "./modules.ts";
import { reasonForDisconnect } from "./reasons.ts";

/** How the driver opens. */
export interface ModdableOptions {
  /** Told of what no event carries: a message dropped, a setting Moddable cannot apply. */
  readonly onNotice?: (message: string) => void;
}

type Link = "idle" | "joining" | "associated" | "addressed";
type SoftAp = Extract<DriverCommand, { command: "start_ap" }>["ap"];

const MODE_STATION = 1;
const MODE_BOTH = 3;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

const ok: Either<string, void> = { _tag: "Right", right: undefined };
const refused = (error: string): Either<string, void> => ({ _tag: "Left", left: error });

/**
 * Opens the driver: reads the device facts (`Net`'s MACs, the `atomvm` Preference domain). An
 * error when `Net` gives no station MAC. The radio stays as it is until `start_wifi`.
 */
export function openModdable(
  modules: ModdableModules,
  options: ModdableOptions = {},
): { readonly driver: Driver } | { readonly error: string } {
  const facts = readDevice(modules.Net, modules.Preference);
  if ("error" in facts) return facts;
  const capabilities: Capabilities = {
    name: "moddable",
    device: facts.device,
    modes: ALL_MODES,
    // Moddable gives -1 or 0, not ESP-IDF's code (reasons.ts).
    reasons: false,
    // mdns.js writes its own TTL (120 s) into the A record: no option sets it.
    ...(modules.MDNS === undefined ? {} : { mdns: { ttl: false } }),
  };
  return { driver: new ModdableDriver(modules, capabilities, options.onNotice ?? (() => {})) };
}

class ModdableDriver implements Driver {
  readonly events: EventSource = { subscribe: (listener) => this.#subscribe(listener) };
  #listener: ((event: DriverEvent) => void) | undefined;
  #wifi: WiFiInstance | undefined;
  #sntp: SntpInstance | undefined;
  #link: Link = "idle";
  #scanning = false;
  #closed = false;
  #hostnameNoted: string | undefined;
  readonly #mdns: MdnsResponder;

  constructor(
    readonly modules: ModdableModules,
    readonly capabilities: Capabilities,
    readonly notice: (message: string) => void,
  ) {
    this.#mdns = new MdnsResponder(modules.MDNS, modules.Timer, notice, (error) => {
      this.#emit({ type: "driver_failed", error, command: "start_mdns" });
    });
  }

  apply(command: DriverCommand): Promise<Either<string, void>> {
    if (this.#closed) return Promise.resolve(refused("the driver is closed"));
    try {
      return Promise.resolve(this.#carryOut(command));
    } catch (thrown) {
      // Moddable's modules throw on bad arguments and states ("already scanning", ...).
      return Promise.resolve(refused(thrown instanceof Error ? thrown.message : String(thrown)));
    }
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#listener = undefined;
    try {
      this.#release();
    } catch (thrown) {
      this.notice(`close: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    }
    return Promise.resolve();
  }

  #subscribe(listener: (event: DriverEvent) => void): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }

  #emit(event: DriverEvent): void {
    if (!this.#closed) this.#listener?.(event);
  }

  /** Emits after `apply` has returned, as a radio's event would arrive. */
  #emitLater(event: DriverEvent): void {
    void Promise.resolve().then(() => this.#emit(event));
  }

  #carryOut(command: DriverCommand): Either<string, void> {
    const { WiFi, Net } = this.modules;
    switch (command.command) {
      case "start_wifi":
        this.#listen();
        if (command.ap === undefined) WiFi.mode = MODE_STATION;
        else this.#startAp(command.ap, command.mode === "apsta");
        return ok;
      case "connect_sta":
        this.#listen();
        // The ESP32 port applies MODDEF_WIFI_HOSTNAME at STA_START: a build setting, not a call.
        if (command.hostname !== this.#hostnameNoted) {
          this.#hostnameNoted = command.hostname;
          this.notice(`hostname ${command.hostname} is set at build time (MODDEF_WIFI_HOSTNAME)`);
        }
        this.#link = "joining";
        WiFi.connect({
          ssid: command.ssid,
          ...(command.psk === undefined ? {} : { password: command.psk }),
        });
        return ok;
      case "disconnect_sta":
        // The radio answers with "disconnect"; when there is no link, there is nothing to answer.
        if (this.#link === "idle") this.#emitLater({ type: "sta_disconnected" });
        WiFi.disconnect();
        return ok;
      case "start_ap":
        this.#startAp(command.ap, true);
        return ok;
      case "stop_ap":
        WiFi.mode = MODE_STATION;
        this.#emitLater({ type: "ap_stopped" });
        return ok;
      case "scan":
        return this.#scan(command.results, command.show_hidden, command.passive);
      case "read_rssi": {
        const rssi = Net.get("RSSI", "station");
        if (typeof rssi !== "number" || this.#link === "idle") return refused("not connected");
        this.#emitLater({ type: "sta_rssi_measured", rssi });
        return ok;
      }
      case "start_sntp":
        this.#sntp?.close();
        this.#sntp = new this.modules.SNTP({ host: command.host }, (message, value) => {
          this.#sntpMessage(message, value);
        });
        return ok;
      case "start_mdns":
        return this.#mdns.start(command.hostname, command.ttl);
      case "stop_wifi":
        this.#release();
        return ok;
    }
  }

  #listen(): void {
    this.#wifi ??= new this.modules.WiFi(undefined, (message, value) => {
      this.#message(message, value);
    });
  }

  #startAp(ap: SoftAp, withStation: boolean): void {
    this.#listen();
    const dictionary: WiFiAccessPoint = {
      ssid: ap.ssid,
      ...(ap.authmode === "open" || ap.psk === undefined ? {} : { password: ap.psk }),
      ...(ap.channel === undefined ? {} : { channel: ap.channel }),
      hidden: ap.ssid_hidden,
      max: ap.max_connections,
      station: withStation,
    };
    // Synchronous: it throws when the AP did not come up, so a return means it is up.
    this.modules.WiFi.accessPoint(dictionary);
    if (withStation && this.modules.WiFi.mode !== MODE_BOTH) this.modules.WiFi.mode = MODE_BOTH;
    this.#emitLater({ type: "ap_started" });
  }

  #scan(results: number, showHidden: boolean, passive: boolean): Either<string, void> {
    if (this.#scanning) return refused("already scanning");
    const found: ScanResult[] = [];
    this.modules.WiFi.scan({ hidden: showHidden, active: !passive }, (result) => {
      if (result !== null) {
        const bssid = macText(result.bssid);
        if (bssid === undefined) return;
        found.push({
          ssid: result.ssid,
          bssid,
          rssi: result.rssi,
          channel: result.channel,
          authmode: result.authentication === "none" ? "open" : result.authentication,
          hidden: result.hidden,
        });
        return;
      }
      this.#scanning = false;
      found.sort((a, b) => b.rssi - a.rssi);
      this.#emit({ type: "scan_done", networks: found.slice(0, results), found: found.length });
    });
    this.#scanning = true;
    return ok;
  }

  /** A message of the `WiFi` instance: the link state decides whether it is news. */
  #message(message: string, value: unknown): void {
    const { Net } = this.modules;
    if (message === "connect" && this.#link === "joining") {
      this.#link = "associated";
      const ssid = Net.get("SSID", "station");
      const bssid = macText(Net.get("BSSID", "station"));
      const channel = Net.get("CHANNEL", "station");
      this.#emit({
        type: "sta_connected",
        ...(typeof ssid === "string" ? { ssid } : {}),
        ...(bssid === undefined ? {} : { bssid }),
        ...(typeof channel === "number" ? { channel } : {}),
      });
    } else if (message === "gotIP" && this.#link === "associated") {
      const ip = Net.get("IP", "station");
      if (typeof ip !== "string" || !IPV4.test(ip)) {
        this.notice(`gotIP, but Net.get("IP", "station") gave ${String(ip)}`);
        return;
      }
      this.#link = "addressed";
      // Net.get has no netmask or gateway (drivers.md §4): unknown, never a guessed /24 and .1.
      this.#emit({ type: "sta_got_ip", ip, netmask: null, gw: null });
    } else if (message === "lostIP" && this.#link === "addressed") {
      // Never sent by the ESP32 port (only the ESP8266's, on a DHCP timeout); honoured if it is.
      this.#link = "associated";
      this.#emit({ type: "sta_lost_ip" });
    } else if (message === "disconnect" && this.#link !== "idle") {
      this.#link = "idle";
      const reason = reasonForDisconnect(value);
      this.#emit({ type: "sta_disconnected", ...(reason === undefined ? {} : { reason }) });
    } else if (message === "station_connect" || message === "station_disconnect") {
      this.#visitor(message, value);
    }
  }

  /**
   * A soft-AP visitor. The ESP32 port passes no value with either message (xs6wifi.c calls the
   * callback with the message alone), and the core's events need the visitor's MAC: a message
   * without one is a notice, never an invented MAC. A build that passes it (a string or a 6-byte
   * ArrayBuffer) is reported in full.
   */
  #visitor(message: "station_connect" | "station_disconnect", value: unknown): void {
    const mac = macText(value);
    if (mac === undefined) {
      this.notice(`${message} without the visitor's MAC: not reported`);
      return;
    }
    this.#emit({
      type: message === "station_connect" ? "ap_sta_connected" : "ap_sta_disconnected",
      mac,
    });
  }

  #sntpMessage(message: number, value: unknown): void {
    if (message === 1 && typeof value === "number") {
      this.#emit({ type: "sntp_sync", sec: Math.floor(value), usec: 0 });
    } else if (message === -1) {
      // The client closes itself; the core's next start_sntp (a new address) starts another.
      this.notice(`SNTP failed: ${String(value)}`);
      this.#sntp = undefined;
    }
  }

  /** Stops everything and sends no event after: SNTP, mDNS, a scan, the station, the radio. */
  #release(): void {
    const { WiFi } = this.modules;
    this.#sntp?.close();
    this.#sntp = undefined;
    this.#mdns.stop();
    if (this.#scanning) WiFi.scan();
    this.#scanning = false;
    this.#wifi?.close();
    this.#wifi = undefined;
    this.#link = "idle";
    WiFi.disconnect();
    // "off" de-initialises WiFi on ESP32; elsewhere "none" is the deepest stop there is.
    WiFi.mode = WiFi.Mode !== undefined && "off" in WiFi.Mode ? WiFi.Mode.off! : 0;
  }
}
