/**
 * The simulated ESP32's world: the access points around it, the stations that visit its soft-AP,
 * the SNTP server, and the faults to inject. Scenario files describe one as JSON.
 *
 * @module
 */
import * as t from "io-ts";
import { boundedText, flag, integerIn } from "../../core/config/codecs.ts";
import { macCodec } from "../../core/device.ts";
import { describeType } from "../../core/json.ts";

type Codec<A> = t.Type<A, unknown, unknown>;

/** A time span in ms since the run began; without `until` it lasts to the end. */
export interface Span {
  readonly from: number;
  readonly until?: number;
}

/** An access point the station may join. Absent `psk`: open. Absent `present`: always there. */
export interface AccessPoint {
  readonly ssid: string;
  readonly psk?: string;
  readonly bssid?: string;
  readonly channel?: number;
  readonly rssi?: number;
  readonly subnet?: string;
  readonly present?: readonly Span[];
  readonly flap?: { readonly every: number; readonly down_for: number };
  readonly dhcp?: "answers" | "silent";
  /** Spans in which the DHCP server does not answer: renewals fail and a lease may run out. */
  readonly dhcp_outage?: readonly Span[];
  /** How long the leases it grants last, in ms (default {@link DEFAULT_LEASE_MS}). */
  readonly lease?: number;
  /** Hides the SSID: scans show it only with `show_hidden`. */
  readonly hidden?: boolean;
  /** Offers IPv6: the station gets a link-local address after its IPv4 one. */
  readonly ipv6?: boolean;
}

/** A client of the soft-AP: it joins at `join` and leaves at `leave`. */
export interface Station {
  readonly mac: string;
  readonly join: number;
  readonly leave?: number;
}

/** Faults injected into the events the device reports, each at a rate from 0 to 1. */
export interface Faults {
  readonly drop?: number;
  readonly duplicate?: number;
  readonly delay?: number;
  readonly max_delay?: number;
  readonly reorder?: number;
}

/** The world around the simulated device. */
export interface World {
  readonly access_points?: readonly AccessPoint[];
  readonly stations?: readonly Station[];
  readonly sntp?: { readonly reachable?: boolean; readonly epoch?: number };
  readonly faults?: Faults;
}

/** A lease's length when the AP does not say: two hours, what ESP-IDF's own DHCP server grants. */
export const DEFAULT_LEASE_MS = 7_200_000;

const ms: Codec<number> = integerIn(0, Number.MAX_SAFE_INTEGER, "milliseconds");
const rate: Codec<number> = new t.Type<number, number, unknown>(
  "rate",
  (u): u is number => typeof u === "number" && u >= 0 && u <= 1,
  (u, c) =>
    typeof u === "number" && u >= 0 && u <= 1 ? t.success(u) : t.failure(
      u,
      c,
      `must be a rate from 0 to 1, got ${typeof u === "number" ? u : describeType(u)}`,
    ),
  t.identity,
);
const prefix: Codec<string> = new t.Type<string, string, unknown>(
  "subnet",
  (u): u is string => typeof u === "string" && /^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(u),
  (u, c) =>
    typeof u === "string" && /^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(u)
      ? t.success(u)
      : t.failure(u, c, "must be the first three octets of a /24, such as 192.168.1"),
  t.identity,
);
const span: Codec<Span> = t.exact(t.intersection([t.type({ from: ms }), t.partial({ until: ms })]));

const accessPointCodec: Codec<AccessPoint> = t.exact(t.intersection([
  t.type({ ssid: boundedText(1, 32) }),
  t.partial({
    psk: boundedText(0, 64),
    bssid: macCodec,
    channel: integerIn(1, 14),
    rssi: integerIn(-100, 0, "dBm"),
    subnet: prefix,
    present: t.readonlyArray(span),
    flap: t.exact(t.type({ every: integerIn(1, Number.MAX_SAFE_INTEGER), down_for: ms })),
    dhcp: t.keyof({ answers: null, silent: null }),
    dhcp_outage: t.readonlyArray(span),
    // A lease shorter than a second would expire during its own handshake.
    lease: integerIn(1000, Number.MAX_SAFE_INTEGER, "milliseconds"),
    hidden: flag,
    ipv6: flag,
  }),
]));

const stationCodec: Codec<Station> = t.exact(
  t.intersection([t.type({ mac: macCodec, join: ms }), t.partial({ leave: ms })]),
);

const faultsCodec: Codec<Faults> = t.exact(t.partial({
  drop: rate,
  duplicate: rate,
  delay: rate,
  max_delay: ms,
  reorder: rate,
}));

/** io-ts codec for {@link World}. */
export const worldCodec: Codec<World> = t.exact(t.partial({
  access_points: t.readonlyArray(accessPointCodec),
  stations: t.readonlyArray(stationCodec),
  sntp: t.exact(t.partial({ reachable: flag, epoch: ms })),
  faults: faultsCodec,
}));

/**
 * Whether `ap` is on the air at `now`: inside one of its `present` spans (always, without any),
 * and not in the down part of a flap.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPresent } from "./world.ts";
 * const ap = { ssid: "home", present: [{ from: 0, until: 1000 }], flap: { every: 300, down_for: 100 } };
 * assert.equal(isPresent(ap, 50), true);
 * assert.equal(isPresent(ap, 250), false);
 * assert.equal(isPresent(ap, 1500), false);
 * ```
 */
export function isPresent(ap: AccessPoint, now: number): boolean {
  const spans = ap.present ?? [{ from: 0 }];
  if (!spans.some((s) => within(s, now))) return false;
  if (ap.flap === undefined) return true;
  return now % ap.flap.every < ap.flap.every - ap.flap.down_for;
}

/**
 * Whether `ap`'s DHCP server answers at `now`: it is not `silent`, the AP is on the air, and no
 * `dhcp_outage` span covers `now`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dhcpAnswers } from "./world.ts";
 * const ap = { ssid: "home", dhcp_outage: [{ from: 1000, until: 2000 }] };
 * assert.deepEqual([500, 1000, 2000].map((at) => dhcpAnswers(ap, at)), [true, false, true]);
 * assert.equal(dhcpAnswers({ ssid: "home", dhcp: "silent" }, 500), false);
 * ```
 */
export function dhcpAnswers(ap: AccessPoint, now: number): boolean {
  if (ap.dhcp === "silent" || !isPresent(ap, now)) return false;
  return !(ap.dhcp_outage ?? []).some((s) => within(s, now));
}

function within(span: Span, now: number): boolean {
  return now >= span.from && (span.until === undefined || now < span.until);
}

/**
 * The next time after `now` at which `ap` goes off the air, if it does.
 */
export function nextAbsence(ap: AccessPoint, now: number): number | undefined {
  let candidate: number | undefined;
  for (const s of ap.present ?? []) {
    if (now >= s.from && s.until !== undefined && s.until > now) {
      candidate = Math.min(candidate ?? Infinity, s.until);
    }
  }
  if (ap.flap !== undefined) {
    const cycleStart = now - (now % ap.flap.every);
    const down = cycleStart + ap.flap.every - ap.flap.down_for;
    candidate = Math.min(candidate ?? Infinity, down > now ? down : down + ap.flap.every);
  }
  return candidate;
}
