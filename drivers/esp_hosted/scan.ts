/**
 * A scan: `wifi_ap_scan_list` answers with every AP it heard (a list the library allocated),
 * which becomes `scan_done`. The list has no options: dwell time and passive scanning are not
 * ESP-Hosted's to set, and hidden networks (an empty SSID) are left out unless asked for.
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";
import { authmodeName } from "../authmodes.ts";
import type { DriverCommand, DriverEvent } from "../driver.ts";
import { StructView } from "../ffi/layout.ts";
import { SCAN_TIMEOUT_SEC } from "./binding.ts";
import { type Answer, type ControlChannel, succeeded } from "./control.ts";
import { SCAN_ENTRY } from "./layouts.ts";

type Scan = Extract<DriverCommand, { command: "scan" }>;

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/**
 * The `scan_done` of a scan list's answer: the networks strongest first, at most `results` of
 * them, and how many there were; or the error, naming the call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { left } from "fp-ts/lib/Either.js";
 * import { scanDone } from "./scan.ts";
 * const command = { command: "scan", results: 5, dwell_ms: 120, show_hidden: false, passive: false } as const;
 * assert.deepEqual(scanDone(command, left("wifi_ap_scan_list: no answer within 180 s")), {
 *   type: "scan_done",
 *   error: "wifi_ap_scan_list: no answer within 180 s",
 * });
 * ```
 */
export function scanDone(command: Scan, answer: Either<string, Answer>): DriverEvent {
  if (answer._tag === "Left") {
    // The firmware answers FAILURE when no AP is in range, and for a scan that failed alike.
    const hint = answer.left.endsWith(": FAILURE") ? " (no AP in range, or the scan failed)" : "";
    return { type: "scan_done", error: answer.left + hint };
  }
  const networks = [];
  const list = answer.right.list;
  for (let at = 0; at + SCAN_ENTRY.size <= list.length; at += SCAN_ENTRY.size) {
    const entry = new StructView(SCAN_ENTRY, list.subarray(at, at + SCAN_ENTRY.size));
    const ssid = entry.cstring("ssid");
    const bssid = entry.cstring("bssid").toLowerCase();
    if (!MAC.test(bssid) || (ssid === "" && !command.show_hidden)) continue;
    networks.push({
      ssid,
      bssid,
      rssi: entry.i32("rssi"),
      channel: entry.i32("channel"),
      authmode: authmodeName(entry.i32("encryption_mode")),
      hidden: ssid === "",
    });
  }
  networks.sort((a, b) => b.rssi - a.rssi);
  return {
    type: "scan_done",
    networks: networks.slice(0, command.results),
    found: networks.length,
  };
}

/**
 * Scans (queued: it holds the library until the ESP32 answers) and reports `scan_done`.
 *
 * @example
 * ```ts ignore
 * scan(channel, { command: "scan", results: 5, dwell_ms: 120, show_hidden: false, passive: false }, emit);
 * ```
 */
export function scan(channel: ControlChannel, command: Scan, emit: (e: DriverEvent) => void): void {
  void channel.call("wifi_ap_scan_list", {
    timeoutSec: SCAN_TIMEOUT_SEC,
    listEntrySize: SCAN_ENTRY.size,
  }).then((answer) => emit(scanDone(command, succeeded("wifi_ap_scan_list", answer))));
}
