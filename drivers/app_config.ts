/**
 * The application's configuration: AtomVM's keys, with callbacks as functions; and how to split it
 * into the JSON the core reads (callbacks `true`) and the functions the shell calls.
 *
 * @module
 */
import type { ApSection, MdnsSection, StaSection } from "../core/config/schema.ts";
import type { Reply } from "../core/effect.ts";
import type { IpInfo, ScanResult } from "../core/input.ts";
import type { Disconnect } from "../core/reasons.ts";
import type { Applied } from "../core/advance.ts";
import type { Clock } from "./clock.ts";
import type { Driver } from "./driver.ts";
import type { World } from "./mock/world.ts";
import type { Diagnostic, Handlers } from "./shell.ts";

type Callback<A extends unknown[]> = (...args: A) => unknown;

/** What `scan_done` receives: the networks found, or why the scan failed. */
export type ScanReport = ScanFound | { readonly error: string };

/** A scan's results: how many networks it found, and the strongest of them. */
export interface ScanFound {
  readonly found: number;
  readonly networks: readonly ScanResult[];
}

/**
 * The station, with its callbacks as functions. `disconnected` receives the disconnect, named and
 * classified (AtomVM's took no argument; a trace shows it with none).
 */
export interface StaConfig extends
  Omit<
    StaSection,
    "connected" | "disconnected" | "got_ip" | "beacon_timeout" | "scan_done" | "got_ip6"
  > {
  readonly connected?: Callback<[]>;
  readonly disconnected?: Callback<[Disconnect]>;
  readonly got_ip?: Callback<[IpInfo]>;
  readonly beacon_timeout?: Callback<[]>;
  readonly scan_done?: Callback<[ScanReport]>;
  readonly got_ip6?: Callback<[string]>;
}

/** The soft-AP, with its callbacks as functions. */
export interface ApConfig
  extends Omit<ApSection, "ap_started" | "sta_connected" | "sta_disconnected" | "sta_ip_assigned"> {
  readonly ap_started?: Callback<[]>;
  readonly sta_connected?: Callback<[string]>;
  readonly sta_disconnected?: Callback<[string]>;
  readonly sta_ip_assigned?: Callback<[string]>;
}

/** SNTP: a host, or a host and a `synchronized` callback. */
export type SntpConfig = string | {
  readonly host: string;
  readonly synchronized?: Callback<[{ sec: number; usec: number }]>;
};

/** A network configuration for {@link start}. */
export interface Config {
  readonly sta?: StaConfig;
  readonly ap?: ApConfig;
  readonly sntp?: SntpConfig;
  /** AtomVM's newest: answer for `<hostname>.local` on every station address, `ttl` seconds. */
  readonly mdns?: MdnsSection;
}

/** How to run: which driver and clock (a simulated ESP32 on the real clock by default). */
export interface StartOptions {
  readonly driver?: Driver;
  readonly clock?: Clock;
  /** For the default simulated ESP32: its world (default: an AP matching `sta`) and seed. */
  readonly world?: World;
  readonly seed?: number;
  /**
   * Receives the diagnostics of the core and the shell (`callback_failed`, `callback_timeout`,
   * `hook_failed`, `invalid_event`, ...). When it throws, that diagnostic is lost (counted in
   * `network.shell.droppedDiagnostics`); the network runs on.
   */
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  /**
   * Sees every applied step (timers included), after its effects. Its input has every psk
   * redacted (a `sta_connect`'s configuration shows `"<redacted>"`), and its effects never hold
   * one, so both can be logged. Its state is the core's own and holds the configured psks: log
   * what you need from it (`status`, `ip`), not the whole of it. When the hook throws, that
   * becomes a `hook_failed` diagnostic.
   */
  readonly onStep?: (applied: Applied) => void;
  /**
   * Milliseconds a callback may run before the callbacks after it go ahead without it, measured
   * on `clock`: default 5000. The one that ran over is reported as `callback_timeout`; what it
   * throws later is still reported. Anything but a positive number of milliseconds (at most
   * 2^31 - 1) is refused with `badarg`.
   */
  readonly callbackTimeout?: number;
  /**
   * Receives the run as trace lines (psks redacted), header first: `netfsm replay` reproduces it.
   * When it throws, that becomes a `hook_failed` diagnostic (and the trace has a gap).
   */
  readonly record?: (line: string) => void;
}

/** Why something did not work: AtomVM's reason, and for configuration errors every problem. */
export type NetworkError = Exclude<Reply, "ok">;

/**
 * Splits a configuration into its JSON form (callbacks `true`) and the callback functions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitCallbacks } from "./app_config.ts";
 * const gotIp = () => {};
 * const { json, handlers } = splitCallbacks({ sta: { ssid: "home", got_ip: gotIp } });
 * assert.deepEqual(json, { sta: { ssid: "home", got_ip: true } });
 * assert.equal(handlers.got_ip, gotIp);
 * ```
 */
export function splitCallbacks(
  config: Config,
): { readonly json: unknown; readonly handlers: Handlers } {
  const handlers: Record<string, unknown> = {};
  const section = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        if (typeof inner !== "function") return [key, inner];
        handlers[key] = inner;
        return [key, true];
      }),
    );
  };
  const json = typeof config === "object" && config !== null
    ? Object.fromEntries(Object.entries(config).map(([key, value]) => [key, section(value)]))
    : config;
  return { json, handlers: handlers as Handlers };
}

/** A simulated world in which the configured station's network exists, for the default driver. */
export function worldFor(config: Config): World {
  const sta = config.sta;
  if (sta?.ssid === undefined) return {};
  return { access_points: [{ ssid: sta.ssid, ...(sta.psk ? { psk: sta.psk } : {}) }] };
}
