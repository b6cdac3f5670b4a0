/**
 * The simulated soft-AP: it starts 50-150 ms after `start_wifi`, lets the world's stations join at
 * their times (turning them away past `max_connections`), leases them 192.168.4.2, .3, ... and
 * sees them leave with reason 8.
 *
 * @module
 */
import type { DriverCommand, DriverEvent } from "../driver.ts";
import type { Random } from "./random.ts";
import type { Station } from "./world.ts";

/** The soft-AP settings of a `start_wifi` command. */
export type SoftApSettings = NonNullable<Extract<DriverCommand, { command: "start_wifi" }>["ap"]>;

/** What the soft-AP needs from the simulated device around it. */
export interface SoftApContext {
  readonly random: Random;
  readonly stations: readonly Station[];
  readonly now: () => number;
  /** Runs a task at a time, unless the radio is reset first. */
  readonly at: (at: number, task: () => void) => void;
  readonly emit: (event: DriverEvent) => void;
}

/** A simulated soft-AP and its clients. */
export class SimulatedSoftAp {
  /** MACs of stations turned away for lack of room. */
  readonly refused: string[] = [];
  readonly #context: SoftApContext;
  #settings: SoftApSettings | undefined;
  #up = false;
  #joined = new Map<string, number>();
  #leases = new Map<string, string>();

  constructor(context: SoftApContext) {
    this.#context = context;
  }

  /** Starts the AP with `settings`, and schedules the world's stations. */
  start(settings: SoftApSettings): void {
    const { random, now, at, emit } = this.#context;
    this.#settings = settings;
    at(now() + random.between(50, 150), () => {
      if (this.#settings !== settings) return;
      this.#up = true;
      emit({ type: "ap_started" });
      const started = now();
      for (const station of this.#context.stations) {
        if (station.leave !== undefined && station.leave <= started) continue;
        at(Math.max(station.join, started + 1), () => this.#join(station.mac));
        if (station.leave !== undefined) at(station.leave, () => this.#leave(station.mac));
      }
    });
  }

  /** Whether the AP is started or starting. */
  get running(): boolean {
    return this.#settings !== undefined;
  }

  /** Stops the AP on request: its clients are dropped and `ap_stopped` follows. */
  stop(): void {
    this.reset();
    this.#context.at(this.#context.now() + 20, () => this.#context.emit({ type: "ap_stopped" }));
  }

  /** Takes the AP down silently, as the radio stops. */
  reset(): void {
    this.#settings = undefined;
    this.#up = false;
    this.#joined.clear();
  }

  #join(mac: string): void {
    const settings = this.#settings;
    if (!this.#up || settings === undefined || this.#joined.has(mac)) return;
    if (this.#joined.size >= settings.max_connections) {
      this.refused.push(mac);
      return;
    }
    const { random, now, at, emit } = this.#context;
    const taken = new Set(this.#joined.values());
    let aid = 1;
    while (taken.has(aid)) aid++;
    this.#joined.set(mac, aid);
    emit({ type: "ap_sta_connected", mac, aid });
    at(now() + random.between(200, 500), () => {
      if (!this.#joined.has(mac)) return;
      const leased = new Set(this.#leases.values());
      let ip = this.#leases.get(mac);
      for (let host = 2; ip === undefined; host++) {
        if (!leased.has(`192.168.4.${host}`)) ip = `192.168.4.${host}`;
      }
      this.#leases.set(mac, ip);
      emit({ type: "ap_sta_ip_assigned", ip, mac });
    });
  }

  #leave(mac: string): void {
    if (!this.#joined.delete(mac)) return;
    this.#leases.delete(mac);
    this.#context.emit({ type: "ap_sta_disconnected", mac, reason: 8 });
  }
}
