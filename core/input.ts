/**
 * Inputs to the core: requests from the application (imperative) and events from the device (past
 * tense, the driver's message names), each stamped with `at`, milliseconds since the run began.
 * The vocabulary is trace-format.md's, version 1.
 *
 * @module
 */
import type { Json } from "./json.ts";

/**
 * Names of the core's timers; a firing arrives as a `timer` input. `reconnect` waits out a
 * backoff, `fallback` the station's time without an address, `roam` the next look for a better
 * network; the rest are deadlines (config/deadlines.ts): `join` (a connect_sta unanswered),
 * `dhcp` (associated without an address), `leave` (a disconnect_sta unanswered), `link` (the next
 * check of a joined link), `scan` (no scan_done), `ap` (the soft-AP starting or stopping).
 */
export type TimerName =
  | "reconnect"
  | "fallback"
  | "join"
  | "dhcp"
  | "leave"
  | "link"
  | "roam"
  | "scan"
  | "ap";

/** Every timer name. */
export const TIMER_NAMES: readonly TimerName[] = [
  "reconnect",
  "fallback",
  "join",
  "dhcp",
  "leave",
  "link",
  "roam",
  "scan",
  "ap",
];

/**
 * IPv4 settings from DHCP: dotted strings, or `null` for one the device did not tell (an imported
 * log's `WIFI GOT IP` without its numbers; Moddable's `Net`, which has no netmask or gateway). A
 * value netfsm was not told is never invented (trace-format.md, "Unknown values"). (A type
 * alias, so that it is assignable to Json.)
 */
export type IpInfo = {
  readonly ip: string | null;
  readonly netmask: string | null;
  readonly gw: string | null;
};

/** One access point in scan results. (A type alias, so that it is assignable to Json.) */
export type ScanResult = {
  readonly ssid: string;
  readonly bssid: string;
  readonly rssi: number;
  readonly channel: number;
  readonly authmode: string;
  readonly hidden: boolean;
};

/** Application requests. */
export type Request =
  | { readonly type: "start"; readonly at: number }
  | { readonly type: "stop"; readonly at: number }
  | { readonly type: "sta_connect"; readonly at: number; readonly config?: Json }
  | { readonly type: "sta_disconnect"; readonly at: number }
  | { readonly type: "scan"; readonly at: number; readonly options?: Json }
  | { readonly type: "sta_rssi"; readonly at: number };

/** Events from the device and its driver, and timer firings. */
export type DeviceEvent =
  | {
    readonly type: "sta_connected";
    readonly at: number;
    readonly ssid?: string;
    readonly bssid?: string;
    readonly channel?: number;
    readonly aid?: number;
  }
  | { readonly type: "sta_disconnected"; readonly at: number; readonly reason?: number }
  | { readonly type: "sta_beacon_timeout"; readonly at: number }
  | ({ readonly type: "sta_got_ip"; readonly at: number } & IpInfo)
  | { readonly type: "sta_lost_ip"; readonly at: number }
  | { readonly type: "sta_got_ip6"; readonly at: number; readonly ip6: string }
  | { readonly type: "ap_started"; readonly at: number }
  | { readonly type: "ap_stopped"; readonly at: number }
  | {
    readonly type: "ap_sta_connected";
    readonly at: number;
    readonly mac: string;
    readonly aid?: number;
  }
  | {
    readonly type: "ap_sta_disconnected";
    readonly at: number;
    readonly mac: string;
    readonly reason?: number;
  }
  | {
    readonly type: "ap_sta_ip_assigned";
    readonly at: number;
    readonly ip: string;
    readonly mac?: string;
  }
  | {
    readonly type: "sntp_sync";
    readonly at: number;
    /** The time set, or `null` when the source did not show it (an imported log). */
    readonly sec: number | null;
    readonly usec: number | null;
  }
  | {
    readonly type: "scan_done";
    readonly at: number;
    readonly networks?: readonly ScanResult[];
    /** How many networks the scan found; may exceed the list's length. */
    readonly found?: number;
    readonly error?: string;
  }
  | { readonly type: "sta_rssi_measured"; readonly at: number; readonly rssi: number }
  | {
    readonly type: "driver_failed";
    readonly at: number;
    readonly error: string;
    readonly command?: string;
  }
  | { readonly type: "timer"; readonly at: number; readonly timer: TimerName };

/** Anything `step` accepts. */
export type Input = Request | DeviceEvent;
/** The `type` of an input. */
export type InputType = Input["type"];
/** The input of a given type. */
export type InputOf<K extends InputType> = Extract<Input, { type: K }>;

// A record, so that the compiler insists on every request type.
const REQUESTS: Readonly<Record<Request["type"], true>> = {
  start: true,
  stop: true,
  sta_connect: true,
  sta_disconnect: true,
  scan: true,
  sta_rssi: true,
};

/** The request types, in the order trace-format.md lists them (netfsm's own last). */
export const REQUEST_TYPES: readonly Request["type"][] = Object.keys(REQUESTS) as Request["type"][];

/**
 * True when the input is an application request, which always gets a reply.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isRequest } from "./input.ts";
 * assert.equal(isRequest({ type: "stop", at: 0 }), true);
 * assert.equal(isRequest({ type: "ap_started", at: 0 }), false);
 * ```
 */
export function isRequest(input: Input): input is Request {
  return (REQUEST_TYPES as readonly string[]).includes(input.type);
}

/** An input without its time, as a driver or an application hands it over before it is stamped. */
export type Untimed<I extends Input = Input> = I extends Input ? Omit<I, "at"> : never;
