/**
 * A finished scan, read: on WIFI_EVENT_SCAN_DONE, `esp_wifi_scan_get_ap_num` and
 * `esp_wifi_scan_get_ap_records` (which also frees ESP-IDF's list, as it requires after every
 * scan), the records decoded with the version's `wifi_ap_record_t` layout.
 *
 * @module
 */
import { authmodeName } from "../authmodes.ts";
import type { DriverEvent } from "../driver.ts";
import { StructView } from "../ffi/layout.ts";
import type { NativeLibrary } from "../ffi/library.ts";
import type { IDF_FUNCTIONS } from "./binding.ts";
import { espErrorName } from "./errors.ts";
import type { Layouts } from "./layouts.ts";

/** The `scan_done` event for a scan that ended (`failed`: its status said so), at most `results`. */
export function readScan(
  lib: NativeLibrary<typeof IDF_FUNCTIONS>,
  layouts: Layouts,
  results: number,
  failed: boolean,
): DriverEvent {
  if (failed) {
    return { type: "scan_done", error: "the scan failed (WIFI_EVENT_SCAN_DONE status 1)" };
  }
  const s = lib.symbols;
  const count = new Uint8Array(2);
  const counted = s.esp_wifi_scan_get_ap_num(count);
  if (counted !== 0) {
    return { type: "scan_done", error: `esp_wifi_scan_get_ap_num: ${espErrorName(counted)}` };
  }
  const found = new DataView(count.buffer).getUint16(0, true);
  const record = layouts.wifi_ap_record_t;
  const wanted = Math.min(found, Math.max(1, results));
  const records = new Uint8Array(record.size * wanted);
  const number = new Uint8Array(2);
  new DataView(number.buffer).setUint16(0, wanted, true);
  const read = s.esp_wifi_scan_get_ap_records(number, records);
  if (read !== 0) {
    return { type: "scan_done", error: `esp_wifi_scan_get_ap_records: ${espErrorName(read)}` };
  }
  const got = new DataView(number.buffer).getUint16(0, true);
  const networks = [];
  for (let i = 0; i < got; i++) {
    const view = new StructView(record, records.subarray(i * record.size, (i + 1) * record.size));
    const ssid = view.cstring("ssid");
    networks.push({
      ssid,
      bssid: view.mac("bssid"),
      rssi: view.i8("rssi"),
      channel: view.u8("primary"),
      authmode: authmodeName(view.u32("authmode")),
      hidden: ssid === "",
    });
  }
  return { type: "scan_done", networks, found };
}
