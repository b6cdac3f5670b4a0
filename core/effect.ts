/**
 * Effects: what the core asks the world to do, as data. Driver commands and timers are imperative;
 * callbacks carry the configuration key of the application callback to call.
 *
 * Commands (what a driver must do; `psk` is always `"<redacted>"` here, see redact.ts):
 * - `start_wifi {mode, ap?}`: bring the radio up in `sta`, `ap` or `apsta` mode; with an AP,
 *   start it with `{ssid, psk?, authmode, ssid_hidden, max_connections}`.
 * - `connect_sta {ssid, psk?, hostname}`: configure the station, set its DHCP hostname, connect.
 * - `start_sntp {host}`: poll that SNTP server and report synchronisation; sent again on each
 *   new address, when it means "restart".
 * - `start_mdns {hostname, ttl, ip}`: (re)start the mDNS responder: stop any running one, then
 *   answer A queries for `<hostname>.local` (ASCII case ignored) with `ip`, for `ttl` seconds.
 *   Sent on each new station address (AtomVM's newest); no events follow, and a failure is only
 *   logged, as AtomVM ignores it.
 * - `stop_wifi`: stop SNTP and mDNS, disconnect, stop the radio and release it; no events follow.
 * - `disconnect_sta`: leave the current AP (or stop joining); the radio reports `sta_disconnected`.
 * - `scan {results, dwell_ms, show_hidden, passive}`: scan; the radio reports `scan_done`.
 * - `read_rssi`: measure the signal of the joined AP; the radio reports `sta_rssi_measured`.
 * - `start_ap {ap}` / `stop_ap`: start or stop the soft-AP while the radio runs (the fallback AP);
 *   the radio reports `ap_started` / `ap_stopped`.
 *
 * A `connect_sta` while the station is joined implies leaving first; netfsm sends `disconnect_sta`
 * before it, so a driver need not.
 *
 * @module
 */
import type { CallbackName } from "./config/resolve.ts";
import type { ConfigProblem } from "./config/problem.ts";
import type { Request, TimerName } from "./input.ts";
import type { Json } from "./json.ts";
import type { Redacted } from "./redact.ts";

/** Which interfaces the radio runs. */
export type WifiMode = "sta" | "ap" | "apsta";

/** The soft-AP as the driver starts it. */
export interface ApCommandSettings {
  readonly ssid: string;
  readonly psk?: Redacted;
  readonly authmode: "open" | "wpa_wpa2_psk";
  readonly ssid_hidden: boolean;
  readonly max_connections: number;
  /** The channel, when configured or when following the station's. */
  readonly channel?: number;
  readonly hostname: string;
}

/** How to scan. */
export interface ScanOptions {
  readonly results: number;
  readonly dwell_ms: number;
  readonly show_hidden: boolean;
  readonly passive: boolean;
}

/** A driver command. */
export type Command =
  | { readonly command: "start_wifi"; readonly mode: WifiMode; readonly ap?: ApCommandSettings }
  | {
    readonly command: "connect_sta";
    readonly ssid: string;
    readonly psk?: Redacted;
    readonly hostname: string;
  }
  | { readonly command: "start_sntp"; readonly host: string }
  | {
    readonly command: "start_mdns";
    readonly hostname: string;
    readonly ttl: number;
    readonly ip: string;
  }
  | { readonly command: "stop_wifi" }
  | { readonly command: "disconnect_sta" }
  | ({ readonly command: "scan" } & ScanOptions)
  | { readonly command: "read_rssi" }
  | { readonly command: "start_ap"; readonly ap: ApCommandSettings }
  | { readonly command: "stop_ap" };

/** A request's result: `"ok"`, or an error with a reason and, for configuration errors, the problems. */
export type Reply =
  | "ok"
  | { readonly error: string; readonly problems?: readonly ConfigProblem[] };

/** How loud a diagnostic is. */
export type DiagnosticLevel = "info" | "warning" | "error";

/** An effect of a step. */
export type Effect =
  | { readonly type: "command"; readonly command: Command }
  | { readonly type: "callback"; readonly name: CallbackName; readonly args: readonly Json[] }
  | { readonly type: "reply"; readonly to: Request["type"]; readonly reply: Reply }
  | { readonly type: "set_timer"; readonly timer: TimerName; readonly at: number }
  | { readonly type: "cancel_timer"; readonly timer: TimerName }
  | {
    readonly type: "diagnostic";
    readonly level: DiagnosticLevel;
    readonly code: string;
    readonly message: string;
  };

/** A command effect. */
export function command(command: Command): Effect {
  return { type: "command", command };
}

/** A diagnostic effect. */
export function diagnostic(level: DiagnosticLevel, code: string, message: string): Effect {
  return { type: "diagnostic", level, code, message };
}
