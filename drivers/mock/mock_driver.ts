/**
 * The simulated ESP32: a deterministic, seeded model of the radio and the world around it, driven
 * by the same commands a real driver gets and reporting the same events, on any {@link Clock}.
 *
 * What it models (times are drawn from the seed within realistic ranges):
 * - joining: a scan (0.8-1.5 s); no such AP present → disconnect 201 (NO_AP_FOUND) after 1-2 s
 *   more; a wrong psk → 15 (4WAY_HANDSHAKE_TIMEOUT) or 204 (HANDSHAKE_TIMEOUT) after 1-3 s;
 *   otherwise `sta_connected`, then DHCP (0.3-0.9 s) unless the AP's DHCP is `silent`.
 * - losing the AP: 6 s without beacons → `sta_beacon_timeout`, then disconnect 200 1.5 s later.
 * - DHCP leases that stay the same across reconnects; SNTP that syncs after each address.
 * - the soft-AP: `ap_started` 50-150 ms after start, stations joining at their times (refused
 *   past `max_connections`), getting 192.168.4.2, .3, ... and leaving with reason 8.
 * - faults: events dropped, duplicated, delayed or swapped with the next, at seeded rates.
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
import { Random } from "./random.ts";
import { SimulatedSoftAp } from "./soft_ap.ts";
import { type AccessPoint, isPresent, nextAbsence, type World } from "./world.ts";

/** What a mock is built from. */
export interface MockOptions {
  readonly clock: Clock;
  readonly world?: World;
  readonly seed?: number;
  readonly device?: Device;
}

/** The device the mock pretends to be, unless told otherwise. */
export const MOCK_DEVICE: Device = { mac: "24:0a:c4:12:34:56" };

const BEACON_TIMEOUT_MS = 6000;
const DEFAULT_EPOCH = 1795000000;

type StaConnect = Extract<DriverCommand, { command: "connect_sta" }>;

/** The simulated ESP32 driver. Its fields are there for tests to look at. */
export class MockDriver implements Driver {
  readonly capabilities: Capabilities;
  readonly events: EventSource = { subscribe: (listener) => this.#subscribe(listener) };
  /** Every command received, in order, secrets included: this is the device. */
  readonly received: DriverCommand[] = [];
  /** Events that fault injection dropped. */
  get dropped(): readonly DriverEvent[] {
    return this.#delivery.dropped;
  }
  /** The hostname the station last asked DHCP for. */
  hostname: string | undefined;
  /** MACs of soft-AP stations refused for lack of room. */
  get refused(): readonly string[] {
    return this.#softAp.refused;
  }

  readonly #clock: Clock;
  readonly #world: World;
  readonly #random: Random;
  #listener: ((event: DriverEvent) => void) | undefined;
  #pending = new Set<() => void>();
  #mode: WifiMode | undefined;
  #attempt = 0;
  readonly #softAp: SimulatedSoftAp;
  #staLeases = new Map<string, string>();
  #sntpHost: string | undefined;
  #linkIp: string | undefined;
  readonly #delivery: FaultyDelivery;
  #closed = false;

  constructor(options: MockOptions) {
    this.#clock = options.clock;
    this.#world = options.world ?? {};
    this.#random = new Random(options.seed ?? 1);
    this.#softAp = new SimulatedSoftAp({
      random: this.#random,
      stations: this.#world.stations ?? [],
      now: () => this.#clock.now(),
      at: (at, task) => this.#at(at, task),
      emit: (event) => this.#delivery.emit(event),
    });
    this.#delivery = new FaultyDelivery({
      random: this.#random,
      faults: this.#world.faults ?? {},
      after: (delay, task) => this.#after(delay, task),
      deliver: (event) => this.#listener?.(event),
    });
    this.capabilities = {
      name: "mock",
      device: options.device ?? MOCK_DEVICE,
      modes: ALL_MODES,
      reasons: true,
    };
  }

  apply(command: DriverCommand): Promise<Either<string, void>> {
    this.received.push(command);
    if (this.#closed) return Promise.resolve(left("ESP_ERR_WIFI_NOT_INIT"));
    switch (command.command) {
      case "start_wifi":
        if (this.#mode !== undefined) return Promise.resolve(left("ESP_ERR_WIFI_STATE"));
        this.#mode = command.mode;
        if (command.ap !== undefined) this.#softAp.start(command.ap);
        return Promise.resolve(right(undefined));
      case "connect_sta":
        if (this.#mode !== "sta" && this.#mode !== "apsta") {
          return Promise.resolve(left("ESP_ERR_WIFI_MODE"));
        }
        this.#connect(command);
        return Promise.resolve(right(undefined));
      case "start_sntp":
        this.#sntpHost = command.host;
        if (this.#staIp() !== undefined) this.#sync(this.#attempt);
        return Promise.resolve(right(undefined));
      case "stop_wifi":
        this.#reset();
        return Promise.resolve(right(undefined));
    }
  }

  close(): Promise<void> {
    this.#reset();
    this.#closed = true;
    this.#listener = undefined;
    return Promise.resolve();
  }

  #subscribe(listener: (event: DriverEvent) => void): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }

  #reset(): void {
    for (const cancel of this.#pending) cancel();
    this.#pending.clear();
    this.#mode = undefined;
    this.#attempt++;
    this.#softAp.reset();
    this.#sntpHost = undefined;
    this.#delivery.reset();
    this.#linkIp = undefined;
  }

  /** Runs `task` after `delay` ms unless the radio is reset first. */
  #after(delay: number, task: () => void): void {
    this.#at(this.#clock.now() + delay, task);
  }

  #at(at: number, task: () => void): void {
    const cancel = this.#clock.schedule(at, () => {
      this.#pending.delete(cancel);
      task();
    });
    this.#pending.add(cancel);
  }

  // ---- station ------------------------------------------------------------------------------

  #staIp(): string | undefined {
    return this.#linkIp;
  }

  #connect(command: StaConnect): void {
    const attempt = ++this.#attempt;
    this.hostname = command.hostname;
    this.#linkIp = undefined;
    const current = () => attempt === this.#attempt;
    this.#after(this.#random.between(800, 1500), () => {
      if (!current()) return;
      const ap = this.#strongest(command.ssid);
      if (ap === undefined) {
        this.#after(
          this.#random.between(1000, 2000),
          () => current() && this.#delivery.emit({ type: "sta_disconnected", reason: 201 }),
        );
        return;
      }
      const needs = ap.psk !== undefined && ap.psk !== "";
      if (needs && command.psk !== ap.psk) {
        const reason = this.#random.chance(0.5) ? 15 : 204;
        this.#after(
          this.#random.between(1000, 3000),
          () => current() && this.#delivery.emit({ type: "sta_disconnected", reason }),
        );
        return;
      }
      const bssid = ap.bssid ?? "a4:2b:b0:00:00:01";
      this.#delivery.emit({
        type: "sta_connected",
        ssid: ap.ssid,
        bssid,
        channel: ap.channel ?? 6,
        aid: 1,
      });
      this.#watchBeacons(ap, attempt);
      if (ap.dhcp === "silent") return;
      this.#after(this.#random.between(300, 900), () => {
        if (!current()) return;
        const subnet = ap.subnet ?? "192.168.1";
        const ip = this.#staLeases.get(bssid) ?? `${subnet}.${this.#random.between(100, 199)}`;
        this.#staLeases.set(bssid, ip);
        this.#linkIp = ip;
        this.#delivery.emit({
          type: "sta_got_ip",
          ip,
          netmask: "255.255.255.0",
          gw: `${subnet}.1`,
        });
        if (this.#sntpHost !== undefined) this.#sync(attempt);
      });
    });
  }

  #strongest(ssid: string): AccessPoint | undefined {
    const now = this.#clock.now();
    return (this.#world.access_points ?? [])
      .filter((ap) => ap.ssid === ssid && isPresent(ap, now))
      .sort((a, b) => (b.rssi ?? -60) - (a.rssi ?? -60))[0];
  }

  #watchBeacons(ap: AccessPoint, attempt: number): void {
    const gone = nextAbsence(ap, this.#clock.now());
    if (gone === undefined) return;
    this.#at(gone + BEACON_TIMEOUT_MS, () => {
      if (attempt !== this.#attempt) return;
      if (isPresent(ap, this.#clock.now())) return this.#watchBeacons(ap, attempt);
      this.#delivery.emit({ type: "sta_beacon_timeout" });
      this.#after(1500, () => {
        if (attempt !== this.#attempt) return;
        this.#attempt++;
        this.#linkIp = undefined;
        this.#delivery.emit({ type: "sta_disconnected", reason: 200 });
      });
    });
  }

  #sync(attempt: number): void {
    if (this.#world.sntp?.reachable === false) return;
    this.#after(this.#random.between(200, 800), () => {
      if (attempt !== this.#attempt || this.#sntpHost === undefined) return;
      const now = this.#clock.now();
      const epoch = this.#world.sntp?.epoch ?? DEFAULT_EPOCH;
      this.#delivery.emit({
        type: "sntp_sync",
        sec: epoch + Math.floor(now / 1000),
        usec: (now % 1000) * 1000,
      });
    });
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
