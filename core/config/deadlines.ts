/**
 * `deadlines`: how long the core waits on the device before it stops waiting. netfsm's own
 * section; AtomVM waits forever. Every status that waits on the radio has one, so a lost, late or
 * never-sent event can delay the station but never strand it.
 *
 * @module
 */
import type * as t from "io-ts";
import { integerIn, strictSection } from "./codecs.ts";

/** The `deadlines` section as written; every key optional. */
export interface DeadlinesSection {
  readonly join_ms?: number;
  readonly dhcp_ms?: number;
  readonly leave_ms?: number;
  readonly link_check_ms?: number;
  readonly degraded_ms?: number;
  readonly scan_ms?: number;
  readonly ap_start_ms?: number;
  readonly ap_stop_ms?: number;
  readonly command_ms?: number;
}

/** Every deadline, in milliseconds. */
export type Deadlines = Readonly<Required<DeadlinesSection>>;

const HOUR_MS = 3_600_000;
const ms = (min: number) => integerIn(min, HOUR_MS, "milliseconds");

/** io-ts codec for {@link DeadlinesSection}. */
export const deadlinesCodec: t.Type<DeadlinesSection, unknown, unknown> = strictSection(
  "deadlines",
  {
    join_ms: ms(1000),
    dhcp_ms: ms(1000),
    leave_ms: ms(100),
    link_check_ms: ms(1000),
    degraded_ms: ms(1000),
    scan_ms: ms(1000),
    ap_start_ms: ms(100),
    ap_stop_ms: ms(100),
    command_ms: ms(100),
  },
  {},
) as t.Type<DeadlinesSection, unknown, unknown>;

/**
 * The defaults, and why. ESP-IDF reports a failed join within about 10 s (a scan of every
 * channel, then authentication, association and the 4-way handshake, each with its own timeout),
 * so 20 s is a join that will not finish. lwIP's DHCP client gets an address in well under 10 s on
 * a working network; 30 s is a server that is not answering. A leave is reported within
 * milliseconds. After a beacon timeout ESP-IDF probes the AP five times and then disconnects, a
 * few seconds; 15 s without that disconnect means it was lost. A joined link is checked once a
 * minute (an `read_rssi` the radio refuses means the link is gone). The longest scan ESP-IDF
 * allows is 14 channels × 1.5 s; 30 s covers it. The soft-AP starts and stops in well under a
 * second. A driver command (stopping the radio included) that has not returned in 10 s is taken
 * as failed.
 */
export const DEADLINE_DEFAULTS: Deadlines = {
  join_ms: 20_000,
  dhcp_ms: 30_000,
  leave_ms: 5_000,
  link_check_ms: 60_000,
  degraded_ms: 15_000,
  scan_ms: 30_000,
  ap_start_ms: 10_000,
  ap_stop_ms: 10_000,
  command_ms: 10_000,
};
