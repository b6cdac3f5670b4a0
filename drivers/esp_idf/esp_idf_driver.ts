/**
 * The ESP-IDF driver: netfsm over ESP-IDF's WiFi C API through FFI (drivers/ffi/), on Deno and
 * on Node. Its events come from the event loop's own task, another thread: they are copied
 * inside the call (a payload lives only that long) and reported in order.
 *
 * The library must export ESP-IDF's WiFi, event and netif functions, `WIFI_EVENT` and
 * `IP_EVENT`, and `netfsm_wifi_init_default` (native/esp_idf/glue/: `WIFI_INIT_CONFIG_DEFAULT()`
 * is a macro over globals, so it takes a few lines of C at the call site). The mdns component's
 * functions are optional: without them only `start_mdns` is refused.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { macOfBytes } from "../../core/device.ts";
import type { Capabilities, Driver, DriverCommand, DriverEvent, EventSource } from "../driver.ts";
import { ALL_MODES } from "../driver.ts";
import {
  type NativeCallback,
  type NativeLibrary,
  openLibrary,
  type Pointer,
} from "../ffi/library.ts";
import {
  ANY_EVENT,
  EVENT_HANDLER,
  IDF_FUNCTIONS,
  WIFI_IF_AP,
  WIFI_IF_STA,
  WIFI_MODE,
  WIFI_STORAGE_RAM,
} from "./binding.ts";
import { softApConfig, stationConfig } from "./config.ts";
import { espErrorName } from "./errors.ts";
import { decodeEvent, payloadOf } from "./events.ts";
import { DEFAULT_IDF, hostAbi, idfLayouts, type IdfVersion, type Layouts } from "./layouts.ts";
import { Mdns } from "./mdns.ts";
import { readScan } from "./scan.ts";
import { Sntp } from "./sntp.ts";

type Library = NativeLibrary<typeof IDF_FUNCTIONS>;

/** How long a closing driver lets calls already queued for JavaScript arrive. */
const DRAIN_MS = 50;

/** How the driver opens the library. */
export interface EspIdfOptions {
  /** The shared library's path. */
  readonly lib: string;
  /** The IDF version the library was built for: it decides the struct layouts. Default 5.5. */
  readonly idf?: IdfVersion;
  /** Told of what no event carries: an event netfsm does not read, say. */
  readonly onNotice?: (message: string) => void;
}

/** A driver for ESP-IDF's WiFi API. */
export interface EspIdfDriver extends Driver {
  /** The IDF version whose layouts are in use. */
  readonly idf: IdfVersion;
}

/**
 * Opens the library and initialises WiFi: netif, the default event loop, both default netifs,
 * `esp_wifi_init`, RAM-only storage (netfsm owns the configuration), the event handlers; reads
 * the MACs. An error names the call and ESP-IDF's error.
 *
 * @example
 * ```ts ignore
 * import { openEspIdf } from "./esp_idf_driver.ts";
 * const driver = await openEspIdf({ lib: "native/build/libesp_idf_sim_5.5.so", idf: "5.5" });
 * if (driver._tag === "Right") console.log(driver.right.capabilities.device.mac);
 * ```
 */
export async function openEspIdf(options: EspIdfOptions): Promise<Either<string, EspIdfDriver>> {
  const opened = await openLibrary(options.lib, IDF_FUNCTIONS, {
    pointerVariables: ["WIFI_EVENT", "IP_EVENT"],
  });
  if (opened._tag === "Left") return opened;
  const mdns = await Mdns.open(options.lib);
  const driver = new EspIdfModule(opened.right, mdns, options.idf ?? DEFAULT_IDF, options.onNotice);
  const started = driver.initialise();
  if (started._tag === "Left") {
    await driver.release();
    return started;
  }
  return right(driver);
}

class EspIdfModule implements EspIdfDriver {
  readonly events: EventSource = { subscribe: (listener) => this.#subscribe(listener) };
  readonly idf: IdfVersion;
  #capabilities: Capabilities | undefined;
  readonly #lib: Library;
  readonly #layouts: Layouts;
  readonly #notice: (message: string) => void;
  readonly #sntp: Sntp;
  readonly #mdns: Mdns;
  #listener: ((event: DriverEvent) => void) | undefined;
  #handler: NativeCallback | undefined;
  readonly #instances: Array<{ base: Pointer | null; instance: Uint8Array }> = [];
  #wifiBase: Pointer | null = null;
  #ipBase: Pointer | null = null;
  #sta: Pointer | null = null;
  #scanResults = 0;
  /** Between stop_wifi and the next start_wifi no event is reported, as the core expects. */
  #radioOn = false;
  #closed = false;

  constructor(lib: Library, mdns: Mdns, idf: IdfVersion, notice?: (message: string) => void) {
    this.#lib = lib;
    this.#mdns = mdns;
    this.idf = idf;
    this.#layouts = idfLayouts(idf, hostAbi());
    this.#notice = notice ?? (() => {});
    this.#sntp = new Sntp(lib, this.#layouts, (event) => this.#emit(event));
  }

  get capabilities(): Capabilities {
    return this.#capabilities ??
      { name: "esp-idf", device: { mac: "00:00:00:00:00:00" }, modes: ALL_MODES, reasons: true };
  }

  initialise(): Either<string, void> {
    const lib = this.#lib;
    const wifi = lib.pointerVariable("WIFI_EVENT");
    const ip = lib.pointerVariable("IP_EVENT");
    if (wifi._tag === "Left") return wifi;
    if (ip._tag === "Left") return ip;
    this.#wifiBase = wifi.right;
    this.#ipBase = ip.right;
    const s = lib.symbols;
    const failed = this.#check("esp_netif_init", s.esp_netif_init()) ??
      this.#check("esp_event_loop_create_default", s.esp_event_loop_create_default(), 0x103);
    if (failed !== undefined) return left(failed);
    this.#sta = s.esp_netif_create_default_wifi_sta();
    s.esp_netif_create_default_wifi_ap();
    const handler = lib.threadSafeCallback(
      EVENT_HANDLER,
      (_arg: unknown, base: Pointer | null, id: number, data: Pointer | null) =>
        this.#event(base, id, data),
    );
    if (handler._tag === "Left") return handler;
    this.#handler = handler.right;
    const ready = this.#check("esp_wifi_init", s.netfsm_wifi_init_default()) ??
      this.#check("esp_wifi_set_storage", s.esp_wifi_set_storage(WIFI_STORAGE_RAM)) ??
      this.#register(this.#wifiBase) ?? this.#register(this.#ipBase);
    if (ready !== undefined) return left(ready);
    const mac = this.#mac(WIFI_IF_STA);
    if (mac._tag === "Left") return mac;
    const apMac = this.#mac(WIFI_IF_AP);
    this.#capabilities = {
      name: "esp-idf",
      device: { mac: mac.right, ...(apMac._tag === "Right" ? { ap_mac: apMac.right } : {}) },
      modes: ALL_MODES,
      reasons: true,
      // The component fixes its A records' TTL (120 s): the core's is not applied.
      ...(this.#mdns.available ? { mdns: { ttl: false } } : {}),
    };
    return right(undefined);
  }

  async apply(command: DriverCommand): Promise<Either<string, void>> {
    if (this.#closed) return left("ESP_ERR_WIFI_NOT_INIT (the driver is closed)");
    // The component answers with the station's own address, which is the core's `ip`.
    const failed = command.command === "start_sntp"
      ? await this.#sntp.start(command.host)
      : command.command === "start_mdns"
      ? await this.#mdns.start(command.hostname)
      : this.#carryOut(command);
    return failed === undefined ? right(undefined) : left(failed);
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.release();
  }

  /**
   * Stops WiFi, unregisters the handlers and deletes the loop (on a worker thread: both wait for
   * a handler that is running, which may be waiting for this thread), then lets any call already
   * queued for JavaScript run, and only then frees the callbacks and the library: a C call into
   * a freed callback is a crash.
   */
  async release(): Promise<void> {
    this.#closed = true;
    this.#listener = undefined;
    const s = this.#lib.symbols;
    await this.#sntp.stop();
    await this.#mdns.stop();
    s.esp_wifi_stop();
    for (const { base, instance } of this.#instances.splice(0)) {
      await s.esp_event_handler_instance_unregister(base, ANY_EVENT, this.#pointerIn(instance));
    }
    await s.esp_event_loop_delete_default();
    s.esp_wifi_deinit();
    await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
    this.#handler?.close();
    this.#sntp.close();
    this.#mdns.close();
    this.#lib.close();
  }

  #carryOut(command: DriverCommand): string | undefined {
    const s = this.#lib.symbols;
    switch (command.command) {
      case "start_wifi": {
        this.#radioOn = true;
        const failed = this.#check(
          "esp_wifi_set_mode",
          s.esp_wifi_set_mode(WIFI_MODE[command.mode]),
        );
        if (failed !== undefined) return failed;
        if (command.ap !== undefined) {
          const ap = this.#configure(WIFI_IF_AP, softApConfig(command.ap, this.#layouts));
          if (ap !== undefined) return ap;
        }
        return this.#check("esp_wifi_start", s.esp_wifi_start());
      }
      case "stop_wifi":
        void this.#sntp.stop();
        void this.#mdns.stop();
        this.#radioOn = false;
        return this.#check("esp_wifi_stop", s.esp_wifi_stop());
      case "connect_sta": {
        const hostname = new TextEncoder().encode(command.hostname + "\0");
        return this.#check(
          "esp_netif_set_hostname",
          s.esp_netif_set_hostname(this.#sta, hostname),
        ) ??
          this.#configure(WIFI_IF_STA, stationConfig(command.ssid, command.psk, this.#layouts)) ??
          this.#check("esp_wifi_connect", s.esp_wifi_connect());
      }
      case "disconnect_sta":
        return this.#check("esp_wifi_disconnect", s.esp_wifi_disconnect());
      case "scan":
        this.#scanResults = command.results;
        // The default scan configuration (NULL): wifi_scan_config_t's layout is not among those
        // measured, and guessing one would be worse than ignoring dwell and passive.
        return this.#check("esp_wifi_scan_start", s.esp_wifi_scan_start(null, false));
      case "read_rssi": {
        const rssi = new Uint8Array(4);
        const failed = this.#check("esp_wifi_sta_get_rssi", s.esp_wifi_sta_get_rssi(rssi));
        if (failed === undefined) {
          const value = new DataView(rssi.buffer).getInt32(0, true);
          queueMicrotask(() => this.#emit({ type: "sta_rssi_measured", rssi: value }));
        }
        return failed;
      }
      case "start_sntp":
      case "start_mdns":
        return undefined; // apply's, as they wait for the old client to go
      case "start_ap":
        return this.#check("esp_wifi_set_mode", s.esp_wifi_set_mode(WIFI_MODE.apsta)) ??
          this.#configure(WIFI_IF_AP, softApConfig(command.ap, this.#layouts));
      case "stop_ap":
        return this.#check("esp_wifi_set_mode", s.esp_wifi_set_mode(WIFI_MODE.sta));
    }
  }

  #configure(ifx: number, config: Either<string, Uint8Array>): string | undefined {
    if (config._tag === "Left") return config.left;
    return this.#check(
      "esp_wifi_set_config",
      this.#lib.symbols.esp_wifi_set_config(ifx, config.right),
    );
  }

  /** On the JS thread, called by the event loop's task: copy now, report after. */
  #event(base: Pointer | null, id: number, data: Pointer | null): void {
    const lib = this.#lib;
    const which = lib.samePointer(base, this.#wifiBase)
      ? "wifi"
      : lib.samePointer(base, this.#ipBase)
      ? "ip"
      : undefined;
    if (which === undefined) return;
    const payload = payloadOf(which, id);
    const bytes = payload === undefined || data === null
      ? undefined
      : lib.readBytes(data, this.#layouts[payload].size);
    // Reported once the event task has been let go: a handler that calls back into the library
    // (reading scan records, say) never runs inside its call.
    queueMicrotask(() => this.#report(which, id, bytes));
  }

  #report(which: "wifi" | "ip", id: number, bytes: Uint8Array | undefined): void {
    if (!this.#radioOn) return;
    const decoded = decodeEvent(which, id, bytes, this.#layouts);
    if (decoded.kind === "event") this.#emit(decoded.event);
    else if (decoded.kind === "scan_done") {
      this.#emit(readScan(this.#lib, this.#layouts, this.#scanResults, decoded.failed));
    }
  }

  #register(base: Pointer | null): string | undefined {
    const instance = new Uint8Array(8);
    const failed = this.#check(
      "esp_event_handler_instance_register",
      this.#lib.symbols.esp_event_handler_instance_register(
        base,
        ANY_EVENT,
        this.#handler ?? null,
        null,
        instance,
      ),
    );
    if (failed === undefined) this.#instances.push({ base, instance });
    return failed;
  }

  /** The instance handle ESP-IDF wrote into `instance`, as a pointer to pass back. */
  #pointerIn(instance: Uint8Array): Pointer | null {
    return this.#lib.pointerFromAddress(new DataView(instance.buffer).getBigUint64(0, true));
  }

  #mac(ifx: number): Either<string, string> {
    const mac = new Uint8Array(6);
    const failed = this.#check("esp_wifi_get_mac", this.#lib.symbols.esp_wifi_get_mac(ifx, mac));
    if (failed !== undefined) return left(failed);
    return right(macOfBytes(mac));
  }

  /** Undefined for ESP_OK (and for `tolerated`); else the call and ESP-IDF's name for the error. */
  #check(call: string, result: number, tolerated?: number): string | undefined {
    if (result === 0 || result === tolerated) return undefined;
    return `${call}: ${espErrorName(result)}`;
  }

  #emit(event: DriverEvent): void {
    if (!this.#closed) this.#listener?.(event);
  }

  #subscribe(listener: (event: DriverEvent) => void): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }
}
