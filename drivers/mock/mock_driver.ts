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
} from "../driver.ts";
import { Random } from "./random.ts";
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
type ApSettings = NonNullable<Extract<DriverCommand, { command: "start_wifi" }>["ap"]>;

/** The simulated ESP32 driver. Its fields are there for tests to look at. */
export class MockDriver implements Driver {
  readonly capabilities: Capabilities;
  readonly events = {
    subscribe: (listener: (event: DriverEvent) => void) => this.#subscribe(listener),
  };
  /** Every command received, in order, secrets included: this is the device. */
  readonly received: DriverCommand[] = [];
  /** Events that fault injection dropped. */
  readonly dropped: DriverEvent[] = [];
  /** The hostname the station last asked DHCP for. */
  hostname: string | undefined;
  /** MACs of soft-AP stations refused for lack of room. */
  readonly refused: string[] = [];

  readonly #clock: Clock;
  readonly #world: World;
  readonly #random: Random;
  #listener: ((event: DriverEvent) => void) | undefined;
  #pending = new Set<() => void>();
  #mode: WifiMode | undefined;
  #attempt = 0;
  #ap: ApSettings | undefined;
  #apUp = false;
  #joined = new Map<string, number>();
  #apLeases = new Map<string, string>();
  #staLeases = new Map<string, string>();
  #sntpHost: string | undefined;
  #linkIp: string | undefined;
  #held: DriverEvent | undefined;
  #closed = false;

  constructor(options: MockOptions) {
    this.#clock = options.clock;
    this.#world = options.world ?? {};
    this.#random = new Random(options.seed ?? 1);
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
        if (command.ap !== undefined) this.#startAp(command.ap);
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
    this.#ap = undefined;
    this.#apUp = false;
    this.#joined.clear();
    this.#sntpHost = undefined;
    this.#held = undefined;
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
          () => current() && this.#emit({ type: "sta_disconnected", reason: 201 }),
        );
        return;
      }
      const needs = ap.psk !== undefined && ap.psk !== "";
      if (needs && command.psk !== ap.psk) {
        const reason = this.#random.chance(0.5) ? 15 : 204;
        this.#after(
          this.#random.between(1000, 3000),
          () => current() && this.#emit({ type: "sta_disconnected", reason }),
        );
        return;
      }
      const bssid = ap.bssid ?? "a4:2b:b0:00:00:01";
      this.#emit({ type: "sta_connected", ssid: ap.ssid, bssid, channel: ap.channel ?? 6, aid: 1 });
      this.#watchBeacons(ap, attempt);
      if (ap.dhcp === "silent") return;
      this.#after(this.#random.between(300, 900), () => {
        if (!current()) return;
        const subnet = ap.subnet ?? "192.168.1";
        const ip = this.#staLeases.get(bssid) ?? `${subnet}.${this.#random.between(100, 199)}`;
        this.#staLeases.set(bssid, ip);
        this.#linkIp = ip;
        this.#emit({ type: "sta_got_ip", ip, netmask: "255.255.255.0", gw: `${subnet}.1` });
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
      this.#emit({ type: "sta_beacon_timeout" });
      this.#after(1500, () => {
        if (attempt !== this.#attempt) return;
        this.#attempt++;
        this.#linkIp = undefined;
        this.#emit({ type: "sta_disconnected", reason: 200 });
      });
    });
  }

  #sync(attempt: number): void {
    if (this.#world.sntp?.reachable === false) return;
    this.#after(this.#random.between(200, 800), () => {
      if (attempt !== this.#attempt || this.#sntpHost === undefined) return;
      const now = this.#clock.now();
      const epoch = this.#world.sntp?.epoch ?? DEFAULT_EPOCH;
      this.#emit({
        type: "sntp_sync",
        sec: epoch + Math.floor(now / 1000),
        usec: (now % 1000) * 1000,
      });
    });
  }

  // ---- soft-AP ------------------------------------------------------------------------------

  #startAp(settings: ApSettings): void {
    this.#ap = settings;
    this.#after(this.#random.between(50, 150), () => {
      this.#apUp = true;
      this.#emit({ type: "ap_started" });
      const now = this.#clock.now();
      for (const station of this.#world.stations ?? []) {
        if (station.leave !== undefined && station.leave <= now) continue;
        this.#at(Math.max(station.join, now + 1), () => this.#join(station.mac));
        if (station.leave !== undefined) this.#at(station.leave, () => this.#leave(station.mac));
      }
    });
  }

  #join(mac: string): void {
    if (!this.#apUp || this.#ap === undefined || this.#joined.has(mac)) return;
    if (this.#joined.size >= this.#ap.max_connections) {
      this.refused.push(mac);
      return;
    }
    const taken = new Set(this.#joined.values());
    let aid = 1;
    while (taken.has(aid)) aid++;
    this.#joined.set(mac, aid);
    this.#emit({ type: "ap_sta_connected", mac, aid });
    this.#after(this.#random.between(200, 500), () => {
      if (!this.#joined.has(mac)) return;
      const leased = new Set(this.#apLeases.values());
      let ip = this.#apLeases.get(mac);
      for (let host = 2; ip === undefined; host++) {
        if (!leased.has(`192.168.4.${host}`)) ip = `192.168.4.${host}`;
      }
      this.#apLeases.set(mac, ip);
      this.#emit({ type: "ap_sta_ip_assigned", ip, mac });
    });
  }

  #leave(mac: string): void {
    if (!this.#joined.delete(mac)) return;
    this.#apLeases.delete(mac);
    this.#emit({ type: "ap_sta_disconnected", mac, reason: 8 });
  }

  // ---- delivery and faults ------------------------------------------------------------------

  #emit(event: DriverEvent): void {
    const faults = this.#world.faults ?? {};
    if (this.#random.chance(faults.drop ?? 0)) {
      this.dropped.push(event);
      return;
    }
    const copies = this.#random.chance(faults.duplicate ?? 0) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      if (this.#held === undefined && this.#random.chance(faults.reorder ?? 0)) {
        // Held back until the next event has gone out, so the two arrive swapped; released on its
        // own if nothing follows.
        this.#held = event;
        this.#after(faults.max_delay ?? 2000, () => {
          if (this.#held !== event) return;
          this.#held = undefined;
          this.#listener?.(event);
        });
        continue;
      }
      const delayed = this.#random.chance(faults.delay ?? 0);
      const delay = delayed ? this.#random.between(1, faults.max_delay ?? 2000) : 0;
      if (delay === 0) this.#deliver(event);
      else this.#after(delay, () => this.#deliver(event));
    }
  }

  #deliver(event: DriverEvent): void {
    this.#listener?.(event);
    const held = this.#held;
    if (held !== undefined && held !== event) {
      this.#held = undefined;
      this.#listener?.(held);
    }
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
