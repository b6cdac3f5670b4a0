/**
 * The spaces the exhaustive exploration covers, each a configuration and an alphabet: the inputs
 * of its space (driver refusals and repeated reports among them, since any letter may follow
 * itself) and two ways for time to pass, the next timer firing and a long wait.
 *
 * @module
 */
import type { Untimed } from "../../core/input.ts";
import { heard } from "../../core/_testing.ts";

/**
 * A letter of the alphabet: an input, and how long after the previous one it comes: a number of
 * ms, or `"next_timer"`, the moment the earliest armed timer is due (so that exactly the timers
 * due then fire first; with none armed, no time passes).
 */
export interface Letter {
  readonly input: Untimed;
  readonly gap: number | "next_timer";
}

/** What to explore. */
export interface Space {
  readonly name: string;
  readonly config: unknown;
  readonly alphabet: readonly Letter[];
  readonly secrets: readonly string[];
}

const IP_A = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };
const IP_B = { ip: "192.168.1.21", netmask: "255.255.255.0", gw: "192.168.1.1" };
const SECRET = "§explore-secret";
/**
 * An input no space reacts to (none configures SNTP), to let time pass: with it, the timers due
 * fire, and a failing sequence still ends on an input a trace can hold (a trace holds no timers).
 */
const IDLE: Untimed = { type: "sntp_sync", sec: 0, usec: 0 };
// The next armed timer fires: every timer is fired, alone, from every state that arms it.
const TICK: Letter = { input: IDLE, gap: "next_timer" };
// A pause long enough for every pending timer, and those they arm, to fire.
const WAIT: Letter = { input: IDLE, gap: 400_000 };

/**
 * Device events and requests come at the same moment as the step before: time passes only by
 * TICK and WAIT, so that a state's timers, kept relative to its time, do not tell apart states
 * that differ only in how much time went by between two events.
 */
const letters = (...inputs: Untimed[]): Letter[] => inputs.map((input) => ({ input, gap: 0 }));

const failed = (command: string): Untimed => ({
  type: "driver_failed",
  command,
  error: "ESP_ERR_WIFI_STATE",
});

/**
 * Deadlines short and distinct, so that they come in an order of their own and before a retry's
 * backoff grows long: a leave's before a retry, a join's before the fallback AP's.
 */
const DEADLINES = {
  join_ms: 3000,
  dhcp_ms: 2000,
  leave_ms: 500,
  // Long, as by default: a long wait would otherwise check a joined link a hundred times over.
  link_check_ms: 60_000,
  degraded_ms: 1500,
  scan_ms: 2500,
  ap_start_ms: 700,
  ap_stop_ms: 600,
};

/**
 * The spaces: a station, an access point, both (with a fallback AP), and a roaming station.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SPACES } from "./spaces.ts";
 * assert.deepEqual(SPACES.map((s) => s.name), ["sta", "ap", "sta+ap", "roam"]);
 * ```
 */
export const SPACES: readonly Space[] = [
  {
    name: "sta",
    config: {
      sta: {
        ssid: "home",
        psk: SECRET,
        connected: true,
        disconnected: true,
        got_ip: true,
        beacon_timeout: true,
        scan_done: true,
        reconnect: { jitter: 0 },
      },
      deadlines: DEADLINES,
    },
    secrets: [SECRET, "§other-secret"],
    alphabet: [
      ...letters(
        { type: "start" },
        { type: "stop" },
        { type: "sta_connect", config: { ssid: "office", psk: "§other-secret" } },
        { type: "sta_disconnect" },
        { type: "scan" },
        { type: "sta_rssi" },
        { type: "sta_connected", channel: 6 },
        { type: "sta_disconnected", reason: 201 },
        { type: "sta_disconnected", reason: 8 },
        { type: "sta_beacon_timeout" },
        { type: "sta_got_ip", ...IP_A },
        { type: "sta_got_ip", ...IP_B },
        { type: "sta_lost_ip" },
        { type: "scan_done", found: 0, networks: [] },
        failed("connect_sta"),
        failed("disconnect_sta"),
        failed("read_rssi"),
        failed("scan"),
      ),
      TICK,
      WAIT,
    ],
  },
  {
    name: "ap",
    config: {
      ap: {
        psk: SECRET,
        max_connections: 2,
        ap_started: true,
        sta_connected: true,
        sta_disconnected: true,
        sta_ip_assigned: true,
      },
      deadlines: DEADLINES,
    },
    secrets: [SECRET],
    alphabet: [
      ...letters(
        { type: "start" },
        { type: "stop" },
        { type: "ap_started" },
        { type: "ap_stopped" },
        { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03" },
        { type: "ap_sta_connected", mac: "f0:18:98:aa:bb:cc" },
        { type: "ap_sta_connected", mac: "00:11:22:33:44:55" },
        { type: "ap_sta_disconnected", mac: "3c:22:fb:01:02:03" },
        { type: "ap_sta_disconnected", mac: "f0:18:98:aa:bb:cc" },
        { type: "ap_sta_ip_assigned", ip: "192.168.4.2" },
        { type: "ap_sta_ip_assigned", mac: "3c:22:fb:01:02:03", ip: "192.168.4.3" },
        { type: "sta_connect" },
        failed("start_ap"),
      ),
      TICK,
      WAIT,
    ],
  },
  {
    name: "sta+ap",
    config: {
      sta: {
        ssid: "home",
        psk: SECRET,
        connected: true,
        disconnected: true,
        got_ip: true,
        reconnect: { jitter: 0 },
      },
      ap: {
        psk: "§ap-secret",
        fallback_after_ms: 5000,
        ap_started: true,
        sta_connected: true,
        sta_disconnected: true,
      },
      deadlines: DEADLINES,
    },
    secrets: [SECRET, "§ap-secret"],
    alphabet: [
      ...letters(
        { type: "start" },
        { type: "stop" },
        { type: "sta_connect" },
        { type: "sta_disconnect" },
        { type: "sta_connected", channel: 11 },
        { type: "sta_disconnected", reason: 201 },
        { type: "sta_got_ip", ...IP_A },
        { type: "sta_lost_ip" },
        { type: "sta_beacon_timeout" },
        { type: "ap_started" },
        { type: "ap_stopped" },
        { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03" },
        { type: "ap_sta_disconnected", mac: "3c:22:fb:01:02:03" },
        failed("connect_sta"),
        failed("start_ap"),
      ),
      TICK,
      WAIT,
    ],
  },
  {
    name: "roam",
    config: {
      sta: {
        networks: [{ ssid: "home", psk: SECRET, priority: 1 }, { ssid: "phone", priority: 0 }],
        roam: { interval_ms: 10_000, rssi_margin: 5 },
        connected: true,
        disconnected: true,
        got_ip: true,
        scan_done: true,
        reconnect: { jitter: 0 },
      },
      ap: { psk: "§ap-secret", sta_connected: true },
      // The first look for a better network comes before the soft-AP's start deadline (and the
      // first link check): a move is then within eight letters (home failing twice, a retry of
      // phone, its address, the look, the move), so that the test's depth reaches it.
      deadlines: { ...DEADLINES, ap_start_ms: 20_000 },
    },
    secrets: [SECRET, "§ap-secret"],
    alphabet: [
      ...letters(
        { type: "start" },
        { type: "sta_disconnect" },
        { type: "sta_connected", channel: 6 },
        { type: "sta_disconnected", reason: 201 },
        { type: "sta_got_ip", ...IP_A },
        { type: "sta_rssi_measured", rssi: -50 },
        { type: "scan_done", networks: [heard("phone", -50), heard("home", -52)] },
        { type: "scan_done", networks: [heard("phone", -50), heard("home", -80)] },
        { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03" },
      ),
      TICK,
      WAIT,
    ],
  },
];
