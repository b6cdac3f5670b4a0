/**
 * The structs of ESP-Hosted-FG's control library (`ctrl_api.h`) as data, for LP64 hosts (x86_64,
 * and aarch64 as on a Raspberry Pi OS 64-bit: the two lay these structs out alike). Offsets and
 * sizes are those of shared/reference/drivers.md §2, measured on x86_64, and of the stand-in's
 * header (native/esp_hosted/include/ctrl_api_sim.h); layouts_test.ts compares every field with
 * what the stand-in's compiler measured (`netfsm_hosted_layouts()`).
 *
 * Every union member starts at `ctrl_cmd_t.u` (offset 16), so each is laid out relative to the
 * union and viewed over `bytes.subarray(16)`: {@link unionView}. MACs and BSSIDs are 18-byte
 * strings (`"aa:bb:cc:dd:ee:ff"` and its NUL), never 6-byte arrays.
 *
 * @module
 */
import { type Layout, StructView } from "../ffi/layout.ts";

/** `ctrl_cmd_t`: a request, its response, and an event alike. */
export const CTRL_CMD = {
  name: "ctrl_cmd_t",
  size: 328,
  align: 8,
  fields: {
    msg_type: [0, 1],
    msg_id: [2, 2],
    uid: [4, 4],
    resp_event_status: [8, 4],
    u: [16, 280],
    ctrl_resp_cb: [296, 8],
    cmd_timeout_sec: [304, 4],
    free_buffer_handle: [312, 8],
    free_buffer_func: [320, 8],
  },
} as const satisfies Layout;

/** Where the union `u` starts in `ctrl_cmd_t`. */
export const UNION_OFFSET = CTRL_CMD.fields.u[0];

/** `wifi_mac_t` (`u.wifi_mac`): which interface in, its MAC out. */
export const WIFI_MAC = {
  name: "wifi_mac_t",
  size: 24,
  align: 4,
  fields: { mode: [0, 4], mac: [4, 18] },
} as const satisfies Layout;

/** `wifi_mode_t` (`u.wifi_mode`). */
export const WIFI_MODE = {
  name: "wifi_mode_t",
  size: 4,
  align: 4,
  fields: { mode: [0, 4] },
} as const satisfies Layout;

/** `wifi_ap_scan_list_t` (`u.wifi_ap_scan`): `count` entries at `out_list`. */
export const WIFI_AP_SCAN = {
  name: "wifi_ap_scan_list_t",
  size: 16,
  align: 8,
  fields: { count: [0, 4], out_list: [8, 8] },
} as const satisfies Layout;

/** `wifi_ap_config_t` (`u.wifi_ap_config`): wifi_connect_ap's request, wifi_get_ap_config's answer. */
export const WIFI_AP_CONFIG = {
  name: "wifi_ap_config_t",
  size: 172,
  align: 4,
  fields: {
    ssid: [0, 33],
    pwd: [33, 65],
    bssid: [98, 18],
    is_wpa3_supported: [116, 1],
    rssi: [120, 4],
    channel: [124, 4],
    encryption_mode: [128, 4],
    listen_interval: [132, 2],
    status: [134, 14],
    out_mac: [148, 18],
    band_mode: [168, 4],
  },
} as const satisfies Layout;

/** `softap_config_t` (`u.wifi_softap_config`): wifi_start_softap's request. */
export const SOFTAP_CONFIG = {
  name: "softap_config_t",
  size: 144,
  align: 4,
  fields: {
    ssid: [0, 33],
    pwd: [33, 65],
    channel: [100, 4],
    encryption_mode: [104, 4],
    max_connections: [108, 4],
    ssid_hidden: [112, 1],
    bandwidth: [116, 4],
    out_mac: [120, 18],
    band_mode: [140, 4],
  },
} as const satisfies Layout;

/** `wifi_softap_conn_sta_list_t` (`u.wifi_softap_con_sta`): `count` entries at `out_list`. */
export const SOFTAP_STATIONS = {
  name: "wifi_softap_conn_sta_list_t",
  size: 16,
  align: 8,
  fields: { count: [0, 4], out_list: [8, 8] },
} as const satisfies Layout;

/** `fw_version_t` (`u.fw_version`). */
export const FW_VERSION = {
  name: "fw_version_t",
  size: 8,
  align: 1,
  fields: {
    project_name: [0, 3],
    major_1: [3, 1],
    major_2: [4, 1],
    minor: [5, 1],
    revision_patch_1: [6, 1],
    revision_patch_2: [7, 1],
  },
} as const satisfies Layout;

/** `event_heartbeat_t` (`u.e_heartbeat`). */
export const EVENT_HEARTBEAT = {
  name: "event_heartbeat_t",
  size: 12,
  align: 4,
  fields: { hb_num: [0, 4], enable: [4, 1], duration: [8, 4] },
} as const satisfies Layout;

/** `event_sta_conn_t` (`u.e_sta_conn`): event 305. */
export const EVENT_STA_CONNECTED = {
  name: "event_sta_conn_t",
  size: 72,
  align: 4,
  fields: {
    ssid: [0, 33],
    ssid_len: [36, 4],
    bssid: [40, 18],
    channel: [60, 4],
    authmode: [64, 4],
    aid: [68, 4],
  },
} as const satisfies Layout;

/** `event_sta_disconn_t` (`u.e_sta_disconn`): event 303. */
export const EVENT_STA_DISCONNECTED = {
  name: "event_sta_disconn_t",
  size: 68,
  align: 4,
  fields: { ssid: [0, 33], ssid_len: [36, 4], bssid: [40, 18], reason: [60, 4], rssi: [64, 4] },
} as const satisfies Layout;

/** `event_softap_sta_conn_t` (`u.e_softap_sta_conn`): event 306. */
export const EVENT_VISITOR_JOINED = {
  name: "event_softap_sta_conn_t",
  size: 28,
  align: 4,
  fields: { mac: [0, 18], aid: [20, 4], is_mesh_child: [24, 4] },
} as const satisfies Layout;

/** `event_softap_sta_disconn_t` (`u.e_softap_sta_disconn`): event 304. */
export const EVENT_VISITOR_LEFT = {
  name: "event_softap_sta_disconn_t",
  size: 32,
  align: 4,
  fields: { mac: [0, 18], aid: [20, 4], is_mesh_child: [24, 4], reason: [28, 4] },
} as const satisfies Layout;

/** `wifi_scanlist_t`: one entry of the scan list. */
export const SCAN_ENTRY = {
  name: "wifi_scanlist_t",
  size: 64,
  align: 4,
  fields: {
    ssid: [0, 33],
    bssid: [33, 18],
    rssi: [52, 4],
    channel: [56, 4],
    encryption_mode: [60, 4],
  },
} as const satisfies Layout;

/** `wifi_connected_stations_list_t`: one station joined to the soft-AP (`bssid` is its MAC). */
export const STATION_ENTRY = {
  name: "wifi_connected_stations_list_t",
  size: 24,
  align: 4,
  fields: { bssid: [0, 18], rssi: [20, 4] },
} as const satisfies Layout;

/** Every layout, by its C name. */
export const HOSTED_LAYOUTS: Readonly<Record<string, Layout>> = Object.fromEntries(
  [
    CTRL_CMD,
    WIFI_MAC,
    WIFI_MODE,
    WIFI_AP_SCAN,
    WIFI_AP_CONFIG,
    SOFTAP_CONFIG,
    SOFTAP_STATIONS,
    FW_VERSION,
    EVENT_HEARTBEAT,
    EVENT_STA_CONNECTED,
    EVENT_STA_DISCONNECTED,
    EVENT_VISITOR_JOINED,
    EVENT_VISITOR_LEFT,
    SCAN_ENTRY,
    STATION_ENTRY,
  ].map((layout) => [layout.name, layout]),
);

/** The union members netfsm reads or writes: `u.<member>` and its struct's C name. */
export const UNION_MEMBERS: Readonly<Record<string, string>> = {
  wifi_mac: WIFI_MAC.name,
  wifi_mode: WIFI_MODE.name,
  wifi_ap_scan: WIFI_AP_SCAN.name,
  wifi_ap_config: WIFI_AP_CONFIG.name,
  wifi_softap_config: SOFTAP_CONFIG.name,
  wifi_softap_con_sta: SOFTAP_STATIONS.name,
  fw_version: FW_VERSION.name,
  e_heartbeat: EVENT_HEARTBEAT.name,
  e_sta_conn: EVENT_STA_CONNECTED.name,
  e_sta_disconn: EVENT_STA_DISCONNECTED.name,
  e_softap_sta_conn: EVENT_VISITOR_JOINED.name,
  e_softap_sta_disconn: EVENT_VISITOR_LEFT.name,
};

/**
 * A union member's fields over the bytes of a whole `ctrl_cmd_t` (shared, not copied).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CTRL_CMD, unionView, WIFI_MODE } from "./layouts.ts";
 * const message = new Uint8Array(CTRL_CMD.size);
 * unionView(WIFI_MODE, message).setI32("mode", 3);
 * assert.equal(message[16], 3);
 * ```
 */
export function unionView<L extends Layout>(layout: L, message: Uint8Array): StructView<L> {
  return new StructView(layout, message.subarray(UNION_OFFSET));
}
