/**
 * The simulated ESP32's mDNS responder, as AtomVM's newest runs it: one at a time, bound to the
 * station's address when started, answering A queries for `<hostname>.local` with ASCII case
 * ignored. It answers only while the station still holds that address: on any other network a
 * query never reaches it.
 *
 * @module
 */

/** What the responder answers a query with. */
export interface MdnsAnswer {
  readonly ip: string;
  readonly ttl: number;
}

/** A running responder. */
interface Running extends MdnsAnswer {
  readonly hostname: string;
}

/** The responder of one simulated device. */
export class SimulatedMdns {
  #running: Running | undefined;
  /** How many responders were started, restarts included. */
  starts = 0;

  /** The responder's name, while one runs. */
  get hostname(): string | undefined {
    return this.#running?.hostname;
  }

  /** Stops any running responder and starts one for `hostname` on `ip`. */
  start(hostname: string, ttl: number, ip: string): void {
    this.#running = { hostname, ttl, ip };
    this.starts += 1;
  }

  stop(): void {
    this.#running = undefined;
  }

  /**
   * The answer to a query for `name` asked on the network where the station holds
   * `stationAddress`, or undefined when nothing answers.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { SimulatedMdns } from "./mdns.ts";
   * const mdns = new SimulatedMdns();
   * mdns.start("dev", 120, "192.168.4.2");
   * assert.deepEqual(mdns.resolve("DEV.local", "192.168.4.2"), { ip: "192.168.4.2", ttl: 120 });
   * assert.equal(mdns.resolve("dev.local", "192.168.4.9"), undefined);
   * ```
   */
  resolve(name: string, stationAddress: string | undefined): MdnsAnswer | undefined {
    const running = this.#running;
    if (running === undefined || stationAddress !== running.ip) return undefined;
    const [host, domain, ...rest] = name.split(".");
    const matches = rest.length === 0 && domain?.toLowerCase() === "local" &&
      host?.toLowerCase() === running.hostname.toLowerCase();
    return matches ? { ip: running.ip, ttl: running.ttl } : undefined;
  }
}
