/**
 * When the simulated station's DHCP client (lwIP's, as ESP-IDF builds it) talks to the server:
 * the renewals of a lease and the retries of a DISCOVER that goes unanswered. Times only; whether
 * the server answers is the world's business (world.ts, `dhcpAnswers`).
 *
 * @module
 */

/** lwIP asks again at half the time left, but never sooner than this (its coarse-timer floor). */
const MIN_RETRY_MS = 60_000;

/** When a client renews a lease and when the lease runs out, all in ms since the run began. */
export interface LeaseTimes {
  /** Every REQUEST the client sends to keep its address, in order. */
  readonly attempts: readonly number[];
  /** When the lease runs out if no attempt was answered: the address is gone. */
  readonly expiry: number;
}

/**
 * The renewal schedule of a lease bound at `boundAt` for `lease` ms, as lwIP keeps it: renew
 * (unicast, to the server that granted it) at T1 = half the lease, rebind (broadcast) at T2 = 7/8
 * of it, and between them and before the end ask again at half the time left while that is at
 * least a minute. The lease ends at T0 = `boundAt + lease`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leaseTimes } from "./dhcp.ts";
 * assert.deepEqual(leaseTimes(1_000, 60_000), { attempts: [31_000, 53_500], expiry: 61_000 });
 * const hour = leaseTimes(0, 3_600_000);
 * assert.deepEqual(hour.attempts.slice(0, 3), [1_800_000, 2_475_000, 2_812_500]);
 * assert.equal(hour.expiry, 3_600_000);
 * ```
 */
export function leaseTimes(boundAt: number, lease: number): LeaseTimes {
  const attempts: number[] = [];
  const phase = (start: number, end: number) => {
    for (let at = start;; at += (end - at) / 2) {
      attempts.push(Math.round(at));
      if ((end - at) / 2 < MIN_RETRY_MS) return;
    }
  };
  phase(boundAt + lease / 2, boundAt + (lease * 7) / 8);
  phase(boundAt + (lease * 7) / 8, boundAt + lease);
  return { attempts, expiry: boundAt + lease };
}

/**
 * How long the client waits for an answer to its `tries`-th DISCOVER (counting from 1) before it
 * sends the next: 2, 4, 8, 16, 32 s, then every 60 s, for as long as it has a link (lwIP's
 * `dhcp_discover`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { discoverBackoff } from "./dhcp.ts";
 * assert.deepEqual([1, 2, 5, 6, 40].map(discoverBackoff), [2_000, 4_000, 32_000, 60_000, 60_000]);
 * ```
 */
export function discoverBackoff(tries: number): number {
  return tries < 6 ? 1000 * 2 ** tries : 60_000;
}
