/**
 * The parts of a `sta` section that are netfsm's own: several networks with priorities, and the
 * reconnection policy.
 *
 * @module
 */
import type * as t from "io-ts";
import { boundedList, boundedText, flag, integerIn, numberIn, strictSection } from "./codecs.ts";

/** One of several networks the station may join; higher `priority` first. */
export interface NetworkEntry {
  readonly ssid: string;
  readonly psk?: string;
  readonly priority?: number;
}

/** How the station reconnects after a disconnect. */
export interface ReconnectSection {
  /** Off: the station stays disconnected until the application calls `sta_connect`. */
  readonly enabled?: boolean;
  /** The first delay, in ms. */
  readonly initial_ms?: number;
  /** The longest delay, in ms. */
  readonly max_ms?: number;
  /** Each further attempt waits this many times longer. */
  readonly multiplier?: number;
  /** Each delay is moved by up to this fraction either way, so that devices do not retry in step. */
  readonly jitter?: number;
  /** The first delay after wrong credentials or a handshake timeout: a password will not fix itself. */
  readonly credentials_ms?: number;
  /** How long until a failing network gets one point of priority back. */
  readonly recovery_ms?: number;
  /** Seeds the jitter (default: from the station MAC). */
  readonly seed?: number;
}

type Codec<A> = t.Type<A, unknown, unknown>;

const entry: Codec<NetworkEntry> = strictSection("network", {
  ssid: boundedText(1, 32),
  psk: boundedText(0, 64),
  priority: integerIn(-1000, 1000),
}, {}) as Codec<NetworkEntry>;

/** `sta.networks`: 1 to 16 networks. */
export const networksCodec: Codec<readonly NetworkEntry[]> = boundedList(entry, 16);

const DAY_MS = 86_400_000;

/** `sta.reconnect`. */
export const reconnectCodec: Codec<ReconnectSection> = strictSection("reconnect", {
  enabled: flag,
  initial_ms: integerIn(100, DAY_MS, "milliseconds; below 100 ms a retry loop starves the radio"),
  max_ms: integerIn(100, DAY_MS, "milliseconds"),
  multiplier: numberIn(1, 10),
  jitter: numberIn(0, 1),
  credentials_ms: integerIn(100, DAY_MS, "milliseconds"),
  recovery_ms: integerIn(1000, DAY_MS, "milliseconds"),
  seed: integerIn(0, 2 ** 32 - 1),
}, {});

/** A policy with every default filled in. */
export interface ReconnectPolicy {
  readonly enabled: boolean;
  readonly initial_ms: number;
  readonly max_ms: number;
  readonly multiplier: number;
  readonly jitter: number;
  readonly credentials_ms: number;
  readonly recovery_ms: number;
  readonly seed: number;
}

/**
 * The defaults, and why: a first retry after 1 s catches a blip; doubling to a 2-minute cap keeps
 * a device whose AP is gone to a few dozen attempts an hour (AtomVM retried without pause, which
 * starves the radio and, in STA+AP, the soft-AP's clients); ±20% jitter keeps a building full of
 * devices from retrying in step after a power cut; wrong credentials start at 30 s, since a
 * password does not fix itself and each failed handshake counts against the device at the AP;
 * a failing network regains a point of priority every 5 minutes.
 */
export const RECONNECT_DEFAULTS: Omit<ReconnectPolicy, "seed"> = {
  enabled: true,
  initial_ms: 1000,
  max_ms: 120_000,
  multiplier: 2,
  jitter: 0.2,
  credentials_ms: 30_000,
  recovery_ms: 300_000,
};

/**
 * `sta.roam`: while joined to a network of lower priority than another configured one, scan now
 * and then and move to the better one once it is heard. Off unless the section is given.
 */
export interface RoamSection {
  /** How often to look, in ms. */
  readonly interval_ms?: number;
  /**
   * How much weaker (in dB) than the current network a higher-priority one may be heard and still
   * be worth the move; a network at the edge of range would only drop the station again.
   */
  readonly rssi_margin?: number;
  /** Move even while the soft-AP serves stations (their connections drop with the channel). */
  readonly with_visitors?: boolean;
}

/** A roaming policy with every default filled in. */
export type RoamPolicy = Readonly<Required<RoamSection>>;

/** `sta.roam`. */
export const roamCodec: Codec<RoamSection> = strictSection("roam", {
  interval_ms: integerIn(10_000, DAY_MS, "milliseconds; a scan interrupts traffic"),
  rssi_margin: integerIn(-50, 50, "dB"),
  with_visitors: flag,
}, {});

/**
 * The defaults: a look every 5 minutes costs a second or two of traffic; a preferred network up
 * to 10 dB weaker than the current one is still a good link; visitors of the soft-AP are not cut
 * off unless the application allows it.
 */
export const ROAM_DEFAULTS: RoamPolicy = {
  interval_ms: 300_000,
  rssi_margin: 10,
  with_visitors: false,
};

/** A connection's retry policy as an application writes it (drivers/connections/). */
export interface ConnectionPolicySection {
  /** The first delay after a failure, in ms. */
  readonly initial_ms?: number;
  /** The longest delay, in ms. */
  readonly max_ms?: number;
  /** Each further attempt waits this many times longer. */
  readonly multiplier?: number;
  /** Each delay is moved by up to this fraction either way. */
  readonly jitter?: number;
}

/** A connection's `policy`, bounded as `sta.reconnect` is. */
export const connectionPolicyCodec: Codec<ConnectionPolicySection> = strictSection("policy", {
  initial_ms: integerIn(10, DAY_MS, "milliseconds"),
  max_ms: integerIn(10, DAY_MS, "milliseconds"),
  multiplier: numberIn(1, 10),
  jitter: numberIn(0, 1),
}, {});
