/**
 * The core's state: plain, readonly, JSON-safe data. A step copies only what it changes.
 *
 * @module
 */
import { type Either, left } from "fp-ts/lib/Either.js";
import { decodeConfig, type NetworkConfig } from "./config/schema.ts";
import type { ConfigProblem } from "./config/problem.ts";
import type { ActiveConfig, StaSettings } from "./config/resolve.ts";
import type { ScanOptions } from "./effect.ts";
import type { Disconnect } from "./reasons.ts";
import { type Device, deviceCodec } from "./device.ts";
import type { IpInfo, TimerName } from "./input.ts";
import { toProblems } from "./config/problem.ts";

/** Every station status, in AtomVM's `sta_status()` vocabulary, and `stopped`. */
export const STA_STATUSES = [
  "stopped",
  "inactive",
  "connecting",
  "associated",
  "connected",
  "degraded",
  "disconnected",
  "disconnecting",
] as const;

/** The statuses in which the station is joined to an AP. */
export const JOINED_STATUSES: readonly StaStatus[] = ["associated", "connected", "degraded"];

/** The station status, in AtomVM's `sta_status()` vocabulary; `stopped` when the network is not running. */
export type StaStatus = typeof STA_STATUSES[number];

/** The soft-AP status: `off` when not configured or not running. */
export type ApStatus = "off" | "starting" | "started" | "stopping";

/** A scan: none, one waiting for the station to finish joining, or one running. */
export type ScanState =
  | { readonly phase: "idle" }
  | {
    readonly phase: "queued" | "running";
    readonly options: ScanOptions;
    /** The core's own look for a better network (sta.roam): its results are not a callback's. */
    readonly roam?: true;
  };

/** How a network in `active.sta.networks` has fared: consecutive failures, and when the last was. */
export type NetworkHealth = { readonly failures: number; readonly since: number };

/** The address of the ESP32 soft-AP itself; its DHCP server hands out .2, .3, ... */
export const AP_ADDRESS = "192.168.4.1";

/** Everything the core knows. */
export interface State {
  /** The configuration as decoded when the state was created: problems, or the configuration. */
  readonly config: Either<readonly ConfigProblem[], NetworkConfig>;
  readonly device: Device;
  /** The latest input's `at`: time never runs backwards here. */
  readonly now: number;
  /** The resolved settings while running; null when stopped. */
  readonly active: ActiveConfig | null;
  readonly sta: StaStatus;
  readonly ip: IpInfo | null;
  readonly ip6: readonly string[];
  /** The last disconnect, named and classified; cleared when the station associates again. */
  readonly disconnect: Disconnect | null;
  /** Reconnect attempts since the last address, and the jitter generator's state. */
  readonly retry: { readonly attempt: number; readonly random: number };
  /** The index in `active.sta.networks` being joined, and how each network has fared. */
  readonly target: number;
  readonly health: readonly NetworkHealth[];
  /** True while the radio is leaving an AP because we asked it to. */
  readonly leaving: boolean;
  /** The status to go back to if a requested disconnect fails. */
  readonly resume: StaStatus | null;
  /** The station settings before an unconfirmed `sta_connect`, restored if the driver refuses it. */
  readonly rollback: StaSettings | null;
  /** The joined AP's channel and the last measured RSSI. */
  readonly channel: number | null;
  readonly rssi: number | null;
  readonly scan: ScanState;
  readonly ap: ApStatus;
  /** The channel the soft-AP is on, when known: in STA+AP it follows the station's. */
  readonly apChannel: number | null;
  /** MACs of the stations joined to the soft-AP, in joining order. */
  readonly stations: readonly string[];
  /** Addresses the soft-AP's DHCP server has handed out, so that a repeated report calls nothing. */
  readonly assigned: readonly string[];
  /** The last SNTP synchronisation, so that a repeated report calls nothing. */
  readonly synced: { readonly sec: number | null; readonly usec: number | null } | null;
  /** Deadlines of armed timers, one slot per name. */
  readonly timers: Readonly<Partial<Record<TimerName, number>>>;
}

/** The parts of a state that describe a network that is not running. */
export const STOPPED = {
  active: null,
  sta: "stopped",
  ip: null,
  ip6: [],
  disconnect: null,
  target: 0,
  health: [],
  leaving: false,
  resume: null,
  rollback: null,
  channel: null,
  rssi: null,
  scan: { phase: "idle" },
  ap: "off",
  apChannel: null,
  stations: [],
  assigned: [],
  synced: null,
  timers: {},
} as const satisfies Partial<State>;

/** A state under construction: a fresh copy that only the step making it may write to. */
export type Draft = { -readonly [K in keyof State]: State[K] };

/**
 * A fresh, writable copy of a state, field by field in createState's order. Why not `{ ...state }`:
 * a spread of an object this large is ~20 times slower on Node 20's V8 than one fixed-shape
 * literal, and this is every step's first allocation. Only State's own fields are copied.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyState, createState } from "./state.ts";
 * const state = createState({ config: {}, device: { mac: "24:0a:c4:12:34:56" } });
 * const next = copyState(state);
 * next.now = 5;
 * assert.equal(state.now, 0);
 * assert.deepEqual({ ...next, now: 0 }, state);
 * ```
 */
export function copyState(s: State): Draft {
  return {
    config: s.config,
    device: s.device,
    now: s.now,
    retry: s.retry,
    active: s.active,
    sta: s.sta,
    ip: s.ip,
    ip6: s.ip6,
    disconnect: s.disconnect,
    target: s.target,
    health: s.health,
    leaving: s.leaving,
    resume: s.resume,
    rollback: s.rollback,
    channel: s.channel,
    rssi: s.rssi,
    scan: s.scan,
    ap: s.ap,
    apChannel: s.apChannel,
    stations: s.stations,
    assigned: s.assigned,
    synced: s.synced,
    timers: s.timers,
  };
}

/** What a state is made from: a configuration (JSON, possibly invalid) and the device's facts. */
export interface StateOptions {
  readonly config: unknown;
  readonly device: Device;
}

/**
 * A stopped network, ready for `start`. An invalid configuration is kept as its problems, so that
 * `start` can reply with them: creating a state never fails.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "./state.ts";
 * const state = createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } });
 * assert.equal(state.sta, "stopped");
 * assert.equal(state.config._tag, "Right");
 * ```
 */
export function createState(options: StateOptions): State {
  const device = deviceCodec.decode(options.device);
  const config = device._tag === "Left"
    ? left(toProblems(device.left, "device").map((p) => ({ ...p, path: `device.${p.path}` })))
    : decodeConfig(options.config);
  // Through copyState, so that every state the core makes has one shape (one hidden class).
  return copyState({
    config,
    device: device._tag === "Right" ? device.right : { mac: "00:00:00:00:00:00" },
    now: 0,
    retry: { attempt: 0, random: 0 },
    ...STOPPED,
  });
}
