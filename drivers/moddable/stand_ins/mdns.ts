/**
 * A stand-in of Moddable's `mdns` module, its host-name claiming (modules/network/mdns/mdns.js
 * of Moddable-OpenSource/moddable at 48ee02d; documentation/network/network.md, "class MDNS"),
 * on the world's clock, with the world's other hosts as the LAN:
 *
 * - The constructor opens UDP port 5353 on every interface: a second open instance is refused
 *   ("socket bind failed", lwIP's udp_bind on a bound port). With a `hostName`, probing starts
 *   on a 0 ms timer: message 1 with `""`, then a probe every 250 ms; after the third, if no host
 *   answered for the name, message 1 with the claimed name (about 1 s in all).
 * - A host that holds the name answers a probe (before the next one): at the next tick message
 *   2 with the name; the callback's result decides: undefined renames (attempt 2 appends `-2`,
 *   later attempts replace the last `-part` with `-N`: `esp-32` becomes `esp-32-2`, then
 *   `esp-32-3`), a string is the next candidate (attempts count from 1 again), true gives up
 *   (message -1, no name). Probing restarts 1 ms later.
 * - Nothing is answered while probing. Once claimed, an A query for `<name>.local` (ASCII case
 *   ignored) gets one A record, TTL 120 s whatever was asked, with the station's address, while
 *   the station has one. A host that takes the name after the claim is not noticed (mdns.js
 *   leaves that to do).
 * - `close()` stops probing and frees the port; no goodbye is sent. It does not clear the 0 ms
 *   timer that starts probing: an instance closed before that has run probes anyway, and its first
 *   probe, 250 ms later, writes to the closed socket, which throws in a Timer callback: an XS
 *   abort (recorded in `aborts`; on a device, the program ends).
 *
 * Not modelled: the tie-break with a host probing for the same name at the same moment, and the
 * packets themselves (unicast or multicast answers), which only a real LAN shows.
 *
 * @module
 */
import type { MdnsCallback, MdnsInstance, MdnsModule } from "../modules.ts";
import type { Radio } from "./wifi.ts";
import type { ModdableWorld } from "./world.ts";

/** One A record the device gives for a query. */
export interface MdnsAnswer {
  readonly name: string;
  readonly ip: string;
  readonly ttl: number;
}

/**
 * The device's mDNS side of the LAN: its open instances, and what they answer.
 *
 * @example
 * ```ts ignore
 * const { MDNS, mdns } = standIns(world); // services.ts
 * new MDNS({ hostName: "netfsm" }, (message, value) => trace(`${message} ${value}\n`));
 * await clock.advance(1100);
 * mdns.ask("NetFSM"); // [{ name: "netfsm.local", ip: world.ip, ttl: 120 }] with an address
 * ```
 */
export class MdnsLan {
  /** The device's instances still holding port 5353. */
  readonly open = new Set<StandInMdns>();
  /** Every name the device claimed, in order. */
  readonly claims: string[] = [];
  /** XS aborts: an exception thrown in a Timer callback ends the device's program. */
  readonly aborts: string[] = [];

  constructor(readonly world: ModdableWorld, readonly radio: Radio) {}

  /** What the device answers to an A query for `<name>.local`: nothing while it probes. */
  ask(name: string): readonly MdnsAnswer[] {
    const ip = this.radio.station === "addressed" ? this.world.ip : undefined;
    if (ip === undefined) return [];
    return [...this.open].filter((mdns) => mdns.claimed?.toLowerCase() === name.toLowerCase())
      .map((mdns) => ({ name: `${mdns.claimed}.local`, ip, ttl: 120 }));
  }

  /** Whether another host on the LAN answers for `name` (the world's `mdnsHosts`). */
  taken(name: string): boolean {
    return this.world.mdnsHosts.has(name.toLowerCase());
  }
}

/** One instance, as mdns.js runs it. */
class StandInMdns implements MdnsInstance {
  /** The name once claimed; undefined while probing, after giving up, or without a name. */
  claimed: string | undefined;
  #hostName: string | undefined;
  #probing = 0;
  #attempt = 1;
  #closed = false;
  /** The probe timer (mdns.js's `probeTimer`), the only timer `close()` clears. */
  #probeTimer: () => void = () => {};

  constructor(
    readonly lan: MdnsLan,
    hostName: string | undefined,
    readonly client: MdnsCallback,
  ) {
    if (lan.open.size > 0) throw new Error("socket bind failed");
    lan.open.add(this);
    if (hostName) {
      this.#hostName = hostName;
      this.#probing = 1;
      this.lan.world.after(0, () => this.#probe());
    }
  }

  close(): void {
    this.#closed = true;
    this.#probeTimer();
    this.lan.open.delete(this);
  }

  /**
   * mdns.js's `probe`, on the constructor's 0 ms timer, which `close()` does not clear: an
   * instance closed before it runs still probes, and its first probe writes to a closed socket.
   * The callback hears `""` before the probe timer exists, so closing in it clears nothing.
   */
  #probe(): void {
    this.#probing = 1;
    this.#attempt = 1;
    this.client(1, "");
    this.#repeat(250);
  }

  /** Timer.repeat at 250 ms; a tick may move the next one (Timer.schedule). */
  #repeat(ms: number): void {
    this.#probeTimer = this.lan.world.after(ms, () => {
      const next = this.#tick();
      if (next !== undefined) this.#repeat(next);
    });
  }

  /** One tick of mdns.js's probe timer: the delay to the next, or undefined when done. */
  #tick(): number | undefined {
    let next = 250;
    if (this.#probing < 0) {
      const answer = this.client(2, this.#hostName);
      if (typeof answer === "string") {
        this.#hostName = answer;
        this.#attempt = 1;
      } else if (answer) {
        this.#hostName = undefined;
        this.client(-1);
        return undefined;
      } else {
        let name = this.#hostName!;
        if (this.#attempt > 2) name = name.split("-").slice(0, -1).join("-");
        if (this.#attempt >= 2) name += `-${this.#attempt}`;
        this.#hostName = name;
      }
      next = -this.#probing;
      this.#probing = 1;
    }
    if (this.#probing === 4) {
      this.#probing = 0;
      this.claimed = this.#hostName;
      this.lan.claims.push(this.#hostName!);
      this.client(1, this.#hostName);
      return undefined;
    }
    if (this.#closed) {
      // Socket.write on a closed socket throws (xsGetHostDataValidate), uncaught in a Timer.
      this.lan.aborts.push("XS abort: unhandled exception: C: xsGetHostData: invalid host data");
      return undefined;
    }
    // The probe goes out; a host holding the name answers before the next tick.
    this.#probing += 1;
    if (this.lan.taken(this.#hostName!)) {
      this.#probing = -1;
      this.#attempt += 1;
    }
    return next;
  }
}

/** The `MDNS` class over the device's side of the LAN. */
export function standInMdns(lan: MdnsLan): MdnsModule {
  return class MDNS extends StandInMdns {
    constructor(dictionary: { readonly hostName?: string } = {}, callback?: MdnsCallback) {
      super(lan, dictionary.hostName, callback ?? (() => {}));
    }
  };
}
