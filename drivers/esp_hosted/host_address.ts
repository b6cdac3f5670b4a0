/**
 * The station's address, which ESP-Hosted never reports: the ESP32 carries frames, and the host
 * runs its own DHCP client on the station's network interface (`ethsta0`). So once the station
 * has joined, the driver asks the host: the interface's IPv4 address and netmask
 * (`os.networkInterfaces()`, on Node and Deno) and the gateway of its default route
 * (`/proc/net/route`), and reports `sta_got_ip` once it has all three, and again when they
 * change. {@link AddressSource} is the seam: tests, which cannot make an interface, inject one.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { readFile } from "node:fs/promises";
import { networkInterfaces } from "node:os";
import type { IpInfo } from "../../core/input.ts";
import type { Clock } from "../clock.ts";

/** What the host knows of an interface's IPv4 settings; any of it may be missing yet. */
export interface HostAddress {
  readonly ip?: string;
  readonly netmask?: string;
  readonly gw?: string;
}

/** Where the driver reads an interface's address from; a Left says why it cannot. */
export type AddressSource = (iface: string) => Promise<Either<string, HostAddress>>;

/** RTF_UP | RTF_GATEWAY (linux/route.h): a route that is up and goes through a gateway. */
const UP_GATEWAY = 0x3;

/** A `/proc/net/route` hex word (host order: little-endian on x86_64 and aarch64) as dotted. */
function dottedFromHex(hex: string): string {
  const word = parseInt(hex, 16);
  return [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24].join(".");
}

/**
 * The gateway of `iface`'s default route in a `/proc/net/route` text (the one of lowest metric
 * when there are several), or undefined when it has none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultGateway } from "./host_address.ts";
 * const table = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\n" +
 *   "ethsta0\t00000000\t0107A8C0\t0003\t0\t0\t202\t00000000\n" +
 *   "ethsta0\t0007A8C0\t00000000\t0001\t0\t0\t202\t00FFFFFF\n";
 * assert.equal(defaultGateway(table, "ethsta0"), "192.168.7.1");
 * assert.equal(defaultGateway(table, "eth0"), undefined);
 * ```
 */
export function defaultGateway(routeTable: string, iface: string): string | undefined {
  const [heading, ...rows] = routeTable.split("\n").map((line) => line.trim().split(/\s+/));
  const column = (name: string) => heading?.indexOf(name) ?? -1;
  const at = {
    iface: column("Iface"),
    destination: column("Destination"),
    gateway: column("Gateway"),
    flags: column("Flags"),
    metric: column("Metric"),
    mask: column("Mask"),
  };
  if (Object.values(at).some((index) => index < 0)) return undefined;
  let best: { gateway: string; metric: number } | undefined;
  for (const row of rows) {
    if (row[at.iface] !== iface || row[at.destination] !== "00000000") continue;
    if (row[at.mask] !== "00000000") continue;
    const flags = parseInt(row[at.flags] ?? "0", 16);
    const gateway = row[at.gateway] ?? "";
    if ((flags & UP_GATEWAY) !== UP_GATEWAY || !/^[0-9A-Fa-f]{8}$/.test(gateway)) continue;
    const metric = Number(row[at.metric] ?? 0);
    if (best === undefined || metric < best.metric) best = { gateway, metric };
  }
  return best === undefined ? undefined : dottedFromHex(best.gateway);
}

/**
 * `iface`'s first IPv4 address and netmask as the host has them (nothing yet when the interface
 * has no address, or does not exist).
 *
 * @example
 * ```ts ignore
 * import { interfaceAddress } from "./host_address.ts";
 * interfaceAddress("lo"); // Right({ ip: "127.0.0.1", netmask: "255.0.0.0" })
 * ```
 */
export function interfaceAddress(iface: string): Either<string, HostAddress> {
  let interfaces: ReturnType<typeof networkInterfaces>;
  try {
    interfaces = networkInterfaces();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return left(`cannot list the host's network interfaces (on Deno: --allow-sys): ${message}`);
  }
  // Node 18.0 to 18.3 gave the family as a number.
  const ipv4 = interfaces[iface]?.find((entry) =>
    String(entry.family) === "IPv4" || String(entry.family) === "4"
  );
  return right(ipv4 === undefined ? {} : { ip: ipv4.address, netmask: ipv4.netmask });
}

/**
 * The real source: `iface`'s address and netmask from the host, the gateway from
 * `/proc/net/route` (Linux; elsewhere a Left).
 *
 * @example
 * ```ts ignore
 * import { hostAddressSource } from "./host_address.ts";
 * const address = await hostAddressSource("ethsta0");
 * ```
 */
export const hostAddressSource: AddressSource = async (iface) => {
  const address = interfaceAddress(iface);
  if (address._tag === "Left") return address;
  let routes: string;
  try {
    routes = await readFile("/proc/net/route", "utf8");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return left(`cannot read the host's routes from /proc/net/route: ${message}`);
  }
  const gw = defaultGateway(routes, iface);
  return right(gw === undefined ? address.right : { ...address.right, gw });
};

/** The address once all of it is there. */
function complete(address: HostAddress): IpInfo | undefined {
  const { ip, netmask, gw } = address;
  return ip === undefined || netmask === undefined || gw === undefined
    ? undefined
    : { ip, netmask, gw };
}

/** What a watch is built from. */
export interface AddressWatchOptions {
  readonly source: AddressSource;
  readonly iface: string;
  readonly clock: Clock;
  /** Milliseconds between two looks. */
  readonly everyMs: number;
  readonly onAddress: (address: IpInfo) => void;
  readonly notice: (message: string) => void;
}

/**
 * Watches the host's interface while the station is joined.
 *
 * @example
 * ```ts ignore
 * const watch = new AddressWatch({
 *   source: hostAddressSource, iface: "ethsta0", clock: realClock(), everyMs: 1000,
 *   onAddress: (address) => emit({ type: "sta_got_ip", ...address }), notice: console.log,
 * });
 * watch.start(); // after 305
 * watch.stop(); // after 303
 * ```
 */
export class AddressWatch {
  readonly #options: AddressWatchOptions;
  #generation = 0;
  #cancel: () => void = () => {};
  #reported: IpInfo | undefined;

  constructor(options: AddressWatchOptions) {
    this.#options = options;
  }

  /** Starts looking (again, forgetting what was reported: a new association, a new address). */
  start(): void {
    this.stop();
    const generation = this.#generation;
    this.#reported = undefined;
    void this.#look(generation, undefined);
  }

  /** Stops looking; an answer still on its way is ignored. */
  stop(): void {
    this.#generation++;
    this.#cancel();
    this.#cancel = () => {};
  }

  async #look(generation: number, lastProblem: string | undefined): Promise<void> {
    const { source, iface, clock, everyMs } = this.#options;
    if (generation !== this.#generation) return;
    let problem: string | undefined;
    try {
      const address = await source(iface);
      if (generation !== this.#generation) return;
      if (address._tag === "Left") problem = address.left;
      else this.#found(address.right);
    } catch (error) {
      if (generation !== this.#generation) return;
      problem = `reading ${iface}'s address failed: ${
        error instanceof Error ? error.message : error
      }`;
    }
    // Told once, not every look.
    if (problem !== undefined && problem !== lastProblem) this.#options.notice(problem);
    this.#cancel = clock.schedule(
      clock.now() + everyMs,
      () => void this.#look(generation, problem),
    );
  }

  #found(address: HostAddress): void {
    const whole = complete(address);
    if (whole === undefined) return;
    const last = this.#reported;
    if (last?.ip === whole.ip && last.netmask === whole.netmask && last.gw === whole.gw) return;
    this.#reported = whole;
    this.#options.onAddress(whole);
  }
}
