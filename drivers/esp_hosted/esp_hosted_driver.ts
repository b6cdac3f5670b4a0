/**
 * The ESP-Hosted driver: netfsm managing an ESP32 that is the WiFi co-processor of a Linux host
 * (ESP-Hosted-FG, over SPI or SDIO), through its host control library `libesp_hosted_rpc.so`
 * and the project's FFI layer (drivers/ffi/), on Deno and on Node.
 *
 * Every control call waits for the ESP32's answer (a join up to 10 s, a scan up to 180 s), so
 * each `apply` is accepted at once and carried out in order (control.ts); outcomes arrive as
 * events, and a command the ESP32 refuses comes back as a `driver_failed` event naming it. What
 * ESP-Hosted does not report the driver gets elsewhere: the station's address from the host's
 * interface (host_address.ts), the time from a server over UDP (sntp_client.ts), and mDNS
 * answers from netfsm's own responder (drivers/mdns/).
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { realClock } from "../clock.ts";
import { describeThrown } from "../describe.ts";
import type { Capabilities, DriverCommand, DriverEvent, EventSource } from "../driver.ts";
import { ALL_MODES } from "../driver.ts";
import { openLibrary } from "../ffi/library.ts";
import { MdnsResponder } from "../mdns/mod.ts";
import {
  CALLBACK_SET_SUCCESS,
  type ControlCall,
  HOSTED_FUNCTIONS,
  SUBSCRIBED_EVENTS,
} from "./binding.ts";
import { ControlChannel, type HostedLibrary } from "./control.ts";
import { decodeEvent, type EventCallback, eventCallback } from "./events.ts";
import { AddressWatch, hostAddressSource } from "./host_address.ts";
import { Radio } from "./radio.ts";
import { scan } from "./scan.ts";
import type { EspHostedDriver, EspHostedOptions } from "./options.ts";
import { initialise, readFacts, takeCharge } from "./setup.ts";
import { SntpClient } from "./sntp_client.ts";
import { Visitors } from "./soft_ap.ts";
import { Station } from "./station.ts";

export type { EspHostedDriver, EspHostedOptions } from "./options.ts";

/** The host's responder sets the answer's TTL as asked. */
const MDNS = { ttl: true } as const;

/** How long close waits for a control call on its way (a join takes up to 10 s). */
const CLOSE_WAIT_MS = 12_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Opens the library, initialises it, subscribes to its events, reads the ESP32's version and
 * MACs, and turns its radio off until netfsm starts it. A Left says what failed and, when the
 * device cannot be opened, what to check; a library that cannot be loaded is the FFI layer's
 * Left (a missing libprotobuf-c.so.1, say).
 *
 * @example
 * ```ts ignore
 * import { openEspHosted } from "./esp_hosted_driver.ts";
 * const driver = await openEspHosted({ lib: "libesp_hosted_rpc.so", onNotice: console.log });
 * if (driver._tag === "Right") console.log(driver.right.firmware, driver.right.capabilities.device.mac);
 * ```
 */
export async function openEspHosted(
  options: EspHostedOptions,
): Promise<Either<string, EspHostedDriver>> {
  const opened = await openLibrary(options.lib, HOSTED_FUNCTIONS);
  if (opened._tag === "Left") return opened;
  const lib = opened.right;
  const initialised = await initialise(lib);
  if (initialised._tag === "Left") {
    // A call that never returned is still inside the library: it must stay loaded.
    if (initialised.left.returned) lib.close();
    return left(initialised.left.message);
  }
  const driver = new EspHostedModule(lib, options);
  const ready = await driver.open();
  if (ready._tag === "Left") {
    await driver.close();
    return ready;
  }
  return right(driver);
}

class EspHostedModule implements EspHostedDriver {
  readonly events: EventSource = { subscribe: (listener) => this.#subscribe(listener) };
  #firmware = "";
  #capabilities: Capabilities | undefined;
  readonly #lib: HostedLibrary;
  readonly #notice: (message: string) => void;
  readonly #channel: ControlChannel;
  readonly #station: Station;
  readonly #visitors: Visitors;
  readonly #sntp: SntpClient;
  readonly #mdns: MdnsResponder;
  #callback: EventCallback | undefined;
  #listener: ((event: DriverEvent) => void) | undefined;
  readonly #radio: Radio;
  #ready = false;
  #closing: Promise<void> | undefined;
  #lost: string | undefined;

  constructor(lib: HostedLibrary, options: EspHostedOptions) {
    this.#lib = lib;
    this.#notice = options.onNotice ?? (() => {});
    const clock = options.clock ?? realClock();
    const emit = (event: DriverEvent) => this.#emit(event);
    this.#channel = new ControlChannel(lib, {
      ...(options.timeoutSec === undefined ? {} : { timeoutSec: options.timeoutSec }),
      onStale: (call) => this.#restart(call),
    });
    const addresses = new AddressWatch({
      source: options.addressSource ?? hostAddressSource,
      iface: options.stationInterface ?? "ethsta0",
      clock,
      everyMs: options.addressPollMs ?? 1000,
      onAddress: (address) => emit({ type: "sta_got_ip", ...address }),
      notice: this.#notice,
    });
    this.#station = new Station({ channel: this.#channel, addresses, emit });
    const pollMs = options.visitorPollMs ?? 5000;
    this.#visitors = new Visitors({ channel: this.#channel, clock, pollMs, emit });
    const visitors = this.#visitors;
    this.#radio = new Radio({ channel: this.#channel, visitors, emit, notice: this.#notice });
    this.#sntp = new SntpClient({
      clock,
      onSync: (time) => emit({ type: "sntp_sync", ...time }),
      notice: this.#notice,
      ...(options.sntpPort === undefined ? {} : { port: options.sntpPort }),
    });
    this.#mdns = new MdnsResponder({ notice: this.#notice, ...options.mdns });
  }

  get firmware(): string {
    return this.#firmware;
  }

  get capabilities(): Capabilities {
    return this.#capabilities ?? {
      name: "esp-hosted",
      device: { mac: "00:00:00:00:00:00" },
      modes: ALL_MODES,
      reasons: true,
      mdns: MDNS,
    };
  }

  /** Subscribes to the events, reads the ESP32's facts, takes charge of its radio. */
  async open(): Promise<Either<string, void>> {
    const made = eventCallback(
      this.#lib,
      (message) => this.#event(message),
      (error) => this.#notice(`an event could not be handled: ${describeThrown(error)}`),
    );
    if (made._tag === "Left") return made;
    this.#callback = made.right;
    const subscribed = this.#subscribeEvents();
    if (subscribed._tag === "Left") return subscribed;
    const facts = await readFacts(this.#channel);
    if (facts._tag === "Left") return facts;
    this.#firmware = facts.right.firmware;
    // 303 carries ESP-IDF's reason codes (wifi_err_reason_t).
    this.#capabilities = {
      name: "esp-hosted",
      device: facts.right.device,
      modes: ALL_MODES,
      reasons: true,
      mdns: MDNS,
    };
    await takeCharge(this.#channel, this.#notice);
    this.#ready = true;
    return right(undefined);
  }

  apply(command: DriverCommand): Promise<Either<string, void>> {
    const gone = this.#closing !== undefined ? "the ESP-Hosted driver is closed" : this.#lost;
    if (gone !== undefined) return Promise.resolve(left(gone));
    // The host answers mDNS, not the ESP32: a bind is quick, so its outcome is apply's.
    if (command.command === "start_mdns") return this.#mdns.start(command);
    const refused = this.#carryOut(command);
    return Promise.resolve(typeof refused === "string" ? left(refused) : right(undefined));
  }

  close(): Promise<void> {
    this.#closing ??= this.#release();
    return this.#closing;
  }

  /** Starts carrying out `command`; returns why it is refused at once, if it is. */
  #carryOut(command: DriverCommand): string | void {
    switch (command.command) {
      case "start_wifi":
        return this.#radio.start(command);
      case "start_ap":
        return this.#radio.startAp(command);
      case "stop_ap":
        return this.#radio.stopAp();
      case "stop_wifi":
        this.#station.stop();
        this.#sntp.stop();
        void this.#mdns.stop();
        return this.#radio.stop();
      case "start_sntp":
        return this.#sntp.start(command.host);
      case "connect_sta": {
        const joining = this.#station.join(command);
        return joining._tag === "Left" ? joining.left : undefined;
      }
      case "disconnect_sta":
        return this.#station.leave();
      case "scan":
        return scan(this.#channel, command, (event) => this.#emit(event));
      case "read_rssi":
        return this.#station.measure();
    }
  }

  /** An event, after the library's callback returned: never inside it. */
  #event(message: Uint8Array): void {
    if (this.#closing !== undefined || !this.#ready) return;
    const event = decodeEvent(message);
    if (event.kind === "esp_init") return this.#espReset();
    if (!this.#radio.on) return;
    switch (event.kind) {
      case "station_connected":
      case "station_disconnected":
        return this.#station.event(event);
      case "visitor_joined":
        if (this.#radio.softAp && event.mac !== undefined) {
          this.#visitors.joined(event.mac, event.aid > 0 ? event.aid : undefined);
        }
        return;
      case "visitor_left":
        if (event.mac !== undefined) this.#visitors.left(event.mac, event.reason);
        return;
    }
  }

  /** Event 301 after open: the ESP32 rebooted and lost everything; the driver puts it back. */
  #espReset(): void {
    const what = this.#radio.softAp ? "the radio's mode and soft-AP" : "the radio's mode";
    this.#notice(
      `the ESP32 reset itself (event ESP_INIT): its links were reported gone and netfsm ` +
        `re-applied ${what}`,
    );
    this.#station.lost();
    this.#radio.reset();
  }

  #subscribeEvents(): Either<string, void> {
    const callback = this.#callback?.callback ?? null;
    for (const id of SUBSCRIBED_EVENTS) {
      const set = this.#lib.symbols.set_event_callback(id, callback);
      if (set !== CALLBACK_SET_SUCCESS) return left(`set_event_callback(${id}) = ${set}`);
    }
    return right(undefined);
  }

  /**
   * An answer belonged to an earlier request (one whose answer came after its timeout): from
   * now on the library would hand every request the answer of the one before. Restarting it
   * (deinit, init) drops the answers it holds; the ESP32 keeps its state meanwhile.
   */
  async #restart(call: ControlCall): Promise<void> {
    this.#notice(`${call} received a late answer to an earlier request: restarting the library`);
    for (const id of SUBSCRIBED_EVENTS) this.#lib.symbols.reset_event_callback(id);
    await this.#lib.symbols.deinit_hosted_control_lib();
    const again = await initialise(this.#lib);
    const subscribed = again._tag === "Left" ? left(again.left.message) : this.#subscribeEvents();
    if (subscribed._tag === "Left") {
      this.#lost = `the control library could not be restarted: ${subscribed.left}`;
      // The device is gone for good: said even while the radio is off.
      if (this.#closing === undefined) {
        this.#listener?.({ type: "driver_failed", error: this.#lost });
      }
      this.#channel.close();
    }
  }

  /** Releases everything, C side first: no callback can come once the library is down. */
  async #release(): Promise<void> {
    this.#listener = undefined;
    this.#station.stop();
    this.#visitors.stop();
    this.#sntp.stop();
    await this.#mdns.stop();
    // The call on its way (the stop_wifi just before, say) finishes first, within a bound.
    await Promise.race([this.#channel.idle(), sleep(CLOSE_WAIT_MS)]);
    this.#channel.close();
    for (const id of SUBSCRIBED_EVENTS) this.#lib.symbols.reset_event_callback(id);
    await this.#lib.symbols.deinit_hosted_control_lib();
    let settled = false;
    await Promise.race([this.#channel.idle().then(() => settled = true), sleep(CLOSE_WAIT_MS)]);
    await this.#quiet();
    if (!settled) {
      this.#notice("a control call did not return: the library stays loaded");
      return;
    }
    this.#callback?.callback.close();
    this.#lib.close();
  }

  /**
   * Waits until no event callback has come for a while: one the library's thread started before
   * the callbacks were reset is queued to this thread, and closing it then would be fatal. The
   * thread is idle meanwhile, so a queued call is delivered at once.
   */
  async #quiet(): Promise<void> {
    const callback = this.#callback;
    if (callback === undefined) return;
    for (let round = 0; round < 100; round++) {
      const seen = callback.received();
      await sleep(30);
      if (callback.received() === seen) return;
    }
  }

  #emit(event: DriverEvent): void {
    if (this.#closing === undefined && this.#radio.on) this.#listener?.(event);
  }

  #subscribe(listener: (event: DriverEvent) => void): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }
}
