/**
 * The simulated ESP32: a deterministic, seeded model of the radio and the world around it, driven
 * by the same commands a real driver gets and reporting the same events, on any {@link Clock}.
 * The station (station.ts), the soft-AP (soft_ap.ts) and fault injection (faults.ts) each live in
 * their own file; this one routes commands to them and owns the pending timers.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { Device } from "../../core/device.ts";
import type { WifiMode } from "../../core/effect.ts";
import type { Clock } from "../clock.ts";
import {
  ALL_MODES,
  type Capabilities,
  type Driver,
  type DriverCommand,
  type DriverEvent,
  type EventSource,
} from "../driver.ts";
import { FaultyDelivery } from "./faults.ts";
import { type MdnsAnswer, SimulatedMdns } from "./mdns.ts";
import { Random } from "./random.ts";
import { SimulatedSoftAp } from "./soft_ap.ts";
import { type Link, SimulatedStation } from "./station.ts";
import type { World } from "./world.ts";

/** What a mock is built from. */
export interface MockOptions {
  readonly clock: Clock;
  readonly world?: World;
  readonly seed?: number;
  readonly device?: Device;
}

/** What the station's radio really has: its link, and the IPv4 address it holds. */
export interface Radio {
  readonly link: Link;
  readonly address: string | undefined;
}

/**
 * A change of the {@link Radio}, with when it happened and what made it: a command the radio
 * carried out (`connect_sta`, `disconnect_sta`, `stop_wifi`), an event it reported
 * (`sta_connected`, `sta_disconnected`, `sta_got_ip`), or `lease_expired`.
 */
export interface RadioChange extends Radio {
  readonly at: number;
  readonly cause: string;
}

/** The device the mock pretends to be, unless told otherwise. */
export const MOCK_DEVICE: Device = { mac: "24:0a:c4:12:34:56" };

/** The simulated ESP32 driver. Its getters are there for tests to look at. */
export class MockDriver implements Driver {
  readonly capabilities: Capabilities;
  readonly events: EventSource = { subscribe: (listener) => this.#subscribe(listener) };
  /** Every command received, in order, secrets included: this is the device. */
  readonly received: DriverCommand[] = [];

  readonly #clock: Clock;
  readonly #delivery: FaultyDelivery;
  readonly #station: SimulatedStation;
  readonly #softAp: SimulatedSoftAp;
  readonly #mdns = new SimulatedMdns();
  readonly #history: RadioChange[] = [];
  #listener: ((event: DriverEvent) => void) | undefined;
  #pending = new Set<() => void>();
  #mode: WifiMode | undefined;
  #closed = false;

  constructor(options: MockOptions) {
    this.#clock = options.clock;
    const world = options.world ?? {};
    const random = new Random(options.seed ?? 1);
    const device = options.device ?? MOCK_DEVICE;
    this.capabilities = {
      name: "mock",
      device,
      modes: ALL_MODES,
      reasons: true,
      mdns: { ttl: true },
    };
    const now = () => this.#clock.now();
    const at = (when: number, task: () => void) => this.#at(when, task);
    const after = (delay: number, task: () => void) => this.#at(now() + delay, task);
    this.#delivery = new FaultyDelivery({
      random,
      faults: world.faults ?? {},
      after,
      deliver: (event) => this.#listener?.(event),
    });
    const emit = (event: DriverEvent) => this.#delivery.emit(event);
    const changed = (cause: string) => this.#changed(cause);
    this.#station = new SimulatedStation({
      random,
      world,
      mac: device.mac,
      now,
      after,
      at,
      emit,
      changed,
    });
    this.#softAp = new SimulatedSoftAp({ random, stations: world.stations ?? [], now, at, emit });
  }

  /** Events that fault injection dropped. */
  get dropped(): readonly DriverEvent[] {
    return this.#delivery.dropped;
  }

  /** MACs of soft-AP stations refused for lack of room. */
  get refused(): readonly string[] {
    return this.#softAp.refused;
  }

  /**
   * What the device's mDNS responder answers a query for `name` (`dev.local`) with, asked on the
   * network the station is on; undefined when nothing answers.
   */
  resolve(name: string): MdnsAnswer | undefined {
    return this.#mdns.resolve(name, this.#station.address);
  }

  /** The device's mDNS responder: its name while it runs, and how often it was started. */
  get mdns(): { readonly hostname: string | undefined; readonly starts: number } {
    return { hostname: this.#mdns.hostname, starts: this.#mdns.starts };
  }

  /** The hostname the station last asked DHCP for. */
  get hostname(): string | undefined {
    return this.#station.hostname;
  }

  /** The station's link as the radio really has it, whatever events were lost on the way. */
  get link(): Link {
    return this.#station.link;
  }

  /** The IPv4 address the station really holds, if any. */
  get address(): string | undefined {
    return this.#station.address;
  }

  /**
   * Every change of the station's link or address, in order, and every `stop_wifi` (even one that
   * changed nothing), so that a test can tell what the radio had just before the radio stopped.
   */
  get history(): readonly RadioChange[] {
    return this.#history;
  }

  apply(command: DriverCommand): Promise<Either<string, void>> {
    this.received.push(command);
    const error = this.#closed ? "ESP_ERR_WIFI_NOT_INIT" : this.#carryOut(command);
    return Promise.resolve(error === undefined ? right(undefined) : left(error));
  }

  close(): Promise<void> {
    this.#reset("close");
    this.#closed = true;
    this.#listener = undefined;
    return Promise.resolve();
  }

  #carryOut(command: DriverCommand): string | undefined {
    const station = this.#mode === "sta" || this.#mode === "apsta";
    switch (command.command) {
      case "start_wifi":
        if (this.#mode !== undefined) return "ESP_ERR_WIFI_STATE";
        this.#mode = command.mode;
        if (command.ap !== undefined) this.#softAp.start(command.ap);
        return undefined;
      case "stop_wifi":
        this.#reset("stop_wifi");
        return undefined;
      case "start_sntp":
        this.#station.startSntp(command.host);
        return undefined;
      case "start_mdns":
        // AtomVM's responder opens a socket on the address: with no station, nothing to bind.
        if (!station || this.#station.address === undefined) return "ESP_ERR_INVALID_STATE";
        this.#mdns.start(command.hostname, command.ttl, command.ip);
        return undefined;
      case "start_ap":
        if (this.#mode === undefined || this.#softAp.running) return "ESP_ERR_WIFI_STATE";
        this.#mode = "apsta";
        this.#softAp.start(command.ap);
        return undefined;
      case "stop_ap":
        if (!this.#softAp.running) return "ESP_ERR_WIFI_STATE";
        this.#mode = "sta";
        this.#softAp.stop();
        return undefined;
    }
    if (!station) return "ESP_ERR_WIFI_MODE";
    switch (command.command) {
      case "connect_sta":
        return this.#station.connect(command);
      case "disconnect_sta":
        return this.#station.disconnect();
      case "scan":
        return this.#station.scan(command);
      case "read_rssi":
        return this.#station.readRssi();
    }
  }

  #subscribe(listener: (event: DriverEvent) => void): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }

  #reset(cause: "stop_wifi" | "close"): void {
    for (const cancel of this.#pending) cancel();
    this.#pending.clear();
    this.#mode = undefined;
    this.#station.reset();
    this.#softAp.reset();
    this.#mdns.stop();
    this.#delivery.reset();
    this.#changed(cause, cause === "stop_wifi");
  }

  #changed(cause: string, always = false): void {
    const { link, address } = this.#station;
    const last = this.#history.at(-1);
    if (!always && (last?.link ?? "idle") === link && last?.address === address) return;
    this.#history.push({ at: this.#clock.now(), link, address, cause });
  }

  #at(at: number, task: () => void): void {
    const cancel = this.#clock.schedule(at, () => {
      this.#pending.delete(cancel);
      task();
    });
    this.#pending.add(cancel);
  }
}

/**
 * A simulated ESP32 on `clock`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { VirtualClock } from "../clock.ts";
 * import { mockDriver } from "./mock_driver.ts";
 * const clock = new VirtualClock();
 * const mock = mockDriver({ clock, world: { access_points: [{ ssid: "home", psk: "secret12" }] } });
 * const seen: string[] = [];
 * mock.events.subscribe((event) => seen.push(event.type));
 * await mock.apply({ command: "start_wifi", mode: "sta" });
 * await mock.apply({ command: "connect_sta", ssid: "home", psk: "secret12", hostname: "h" });
 * await clock.advance(5000);
 * assert.deepEqual(seen, ["sta_connected", "sta_got_ip"]);
 * ```
 */
export function mockDriver(options: MockOptions): MockDriver {
  return new MockDriver(options);
}
