/**
 * What the ESP-Hosted driver is opened with, and what it is beyond a {@link Driver}.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { Driver } from "../driver.ts";
import type { MdnsResponderOptions } from "../mdns/mod.ts";
import type { AddressSource } from "./host_address.ts";

/** How the driver opens the library. */
export interface EspHostedOptions {
  /** The control library: `libesp_hosted_rpc.so` (the loader's path), or a path to it. */
  readonly lib: string;
  /** Told of what no event carries: an ESP32 that reset itself, an address it cannot read. */
  readonly onNotice?: (message: string) => void;
  /** Time for polling and retries; the runtime's timers by default. */
  readonly clock?: Clock;
  /** The host's network interface for the station (ESP-Hosted's `ethsta0`). */
  readonly stationInterface?: string;
  /** Where the station's address is read (the host's interface; tests inject their own). */
  readonly addressSource?: AddressSource;
  /** Milliseconds between two looks at the station's address while joined (1000). */
  readonly addressPollMs?: number;
  /** Milliseconds between two reads of the soft-AP's station list (5000; 0: never). */
  readonly visitorPollMs?: number;
  /** The SNTP server's UDP port (123). */
  readonly sntpPort?: number;
  /** Where the mDNS responder binds, joins and answers (0.0.0.0:5353, 224.0.0.251). */
  readonly mdns?: MdnsResponderOptions;
  /** Seconds an ordinary control call waits for its answer (the library's default, 5). */
  readonly timeoutSec?: number;
}

/** A driver for an ESP32 running ESP-Hosted-FG. */
export interface EspHostedDriver extends Driver {
  /** The firmware's project and version, `FG-1.0.0.0.0`. */
  readonly firmware: string;
}
