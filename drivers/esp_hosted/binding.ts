/**
 * ESP-Hosted-FG's host control library (`libesp_hosted_rpc.so`, `ctrl_api.h`) as an FFI table,
 * and the numbers of its API: message types and ids, events, statuses, modes.
 *
 * Every control call waits for the ESP32's answer, up to its timeout (seconds), so each is
 * declared `nonblocking`: on a worker thread, JavaScript (and the events with it) keeps running.
 * `init`/`deinit` too: deinit joins the library's thread, which may be waiting on a callback.
 *
 * @module
 */

const REQUEST = { parameters: ["buffer"], result: "pointer", nonblocking: true } as const;

/** The functions netfsm binds. */
export const HOSTED_FUNCTIONS = {
  init_hosted_control_lib: { parameters: [], result: "i32", nonblocking: true },
  deinit_hosted_control_lib: { parameters: [], result: "i32", nonblocking: true },
  set_event_callback: { parameters: ["i32", "function"], result: "i32" },
  reset_event_callback: { parameters: ["i32"], result: "i32" },
  wifi_get_mac: REQUEST,
  wifi_set_mode: REQUEST,
  wifi_ap_scan_list: REQUEST,
  wifi_get_ap_config: REQUEST,
  wifi_connect_ap: REQUEST,
  wifi_disconnect_ap: REQUEST,
  wifi_start_softap: REQUEST,
  wifi_stop_softap: REQUEST,
  wifi_get_softap_connected_station_list: REQUEST,
  get_fw_version: REQUEST,
  // The library's allocator: what it hands over is released with it (it is libc's free).
  hosted_free: { parameters: ["pointer"], result: "void" },
} as const;

/** The control calls: each takes a request `ctrl_cmd_t` and returns its response. */
export type ControlCall = {
  [K in keyof typeof HOSTED_FUNCTIONS]: (typeof HOSTED_FUNCTIONS)[K] extends typeof REQUEST ? K
    : never;
}[keyof typeof HOSTED_FUNCTIONS];

/** The event callback's C signature: `int (*)(ctrl_cmd_t *event)`. */
export const EVENT_CALLBACK = { parameters: ["pointer"], result: "i32" } as const;

/** `msg_type`. */
export const CTRL_REQ = 1;
export const CTRL_RESP = 2;
export const CTRL_EVENT = 3;

/** A response's `msg_id` is its request's + this (CTRL_RESP_BASE - CTRL_REQ_BASE). */
export const RESPONSE_ID_OFFSET = 100;

/** Each control call's request `msg_id` (`AppMsgId_e`). */
export const REQUEST_IDS: Readonly<Record<ControlCall, number>> = {
  wifi_get_mac: 101,
  wifi_set_mode: 104,
  wifi_ap_scan_list: 105,
  wifi_get_ap_config: 106,
  wifi_connect_ap: 107,
  wifi_disconnect_ap: 108,
  wifi_start_softap: 111,
  wifi_get_softap_connected_station_list: 112,
  wifi_stop_softap: 113,
  get_fw_version: 123,
};

/** The events netfsm subscribes to (302 heartbeat and 307/308 it does not need). */
export const EVENT = {
  espInit: 301,
  stationDisconnectedFromAp: 303,
  visitorLeft: 304,
  stationConnectedToAp: 305,
  visitorJoined: 306,
} as const;

/** Every event netfsm registers a callback for. */
export const SUBSCRIBED_EVENTS: readonly number[] = Object.values(EVENT);

/** `set_event_callback`'s success. */
export const CALLBACK_SET_SUCCESS = 0;

/** `resp_event_status`: SUCCESS, FAILURE, or one of the library's `CTRL_ERR_*`. */
export const SUCCESS = 0;
export const FAILURE = -1;
export const CTRL_ERR_NOT_CONNECTED = 1;
export const CTRL_ERR_NO_AP_FOUND = 2;
export const CTRL_ERR_INVALID_PASSWORD = 3;

const STATUS_NAMES: Readonly<Record<number, string>> = {
  [SUCCESS]: "SUCCESS",
  [FAILURE]: "FAILURE",
  1: "CTRL_ERR_NOT_CONNECTED",
  2: "CTRL_ERR_NO_AP_FOUND",
  3: "CTRL_ERR_INVALID_PASSWORD",
  4: "CTRL_ERR_INVALID_ARGUMENT",
  5: "CTRL_ERR_OUT_OF_RANGE",
  6: "CTRL_ERR_MEMORY_FAILURE",
  7: "CTRL_ERR_UNSUPPORTED_MSG",
  8: "CTRL_ERR_INCORRECT_ARG",
  9: "CTRL_ERR_PROTOBUF_ENCODE",
  10: "CTRL_ERR_PROTOBUF_DECODE",
  11: "CTRL_ERR_SET_ASYNC_CB",
  12: "CTRL_ERR_TRANSPORT_SEND",
  13: "CTRL_ERR_REQUEST_TIMEOUT",
  14: "CTRL_ERR_REQ_IN_PROG",
};

/**
 * The library's name for a `resp_event_status`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { statusName } from "./binding.ts";
 * assert.equal(statusName(-1), "FAILURE");
 * assert.equal(statusName(2), "CTRL_ERR_NO_AP_FOUND");
 * assert.equal(statusName(77), "status 77");
 * ```
 */
export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? `status ${status}`;
}

/** `wifi_mode_e`. */
export const WIFI_MODE_NONE = 0;
export const WIFI_MODE_STA = 1;
export const WIFI_MODE_AP = 2;
export const WIFI_MODE_APSTA = 3;

/** netfsm's modes as `wifi_mode_e`. */
export const MODE_NUMBERS = {
  sta: WIFI_MODE_STA,
  ap: WIFI_MODE_AP,
  apsta: WIFI_MODE_APSTA,
} as const;

/** `wifi_auth_mode_e` values the soft-AP uses (the same numbers as ESP-IDF's). */
export const WIFI_AUTH_OPEN = 0;
export const WIFI_AUTH_WPA_WPA2_PSK = 4;

/** `wifi_bandwidth_e`: HT20. The library refuses a zeroed (0) bandwidth before sending. */
export const WIFI_BW_HT20 = 1;

/** Default response timeouts of the library (`DEFAULT_CTRL_RESP_*`), seconds. */
export const DEFAULT_TIMEOUT_SEC = 5;
export const CONNECT_TIMEOUT_SEC = 10;
export const SCAN_TIMEOUT_SEC = 180;

/** What `ctrl_app_send_req` accepts: soft-AP stations, SSID and password lengths. */
export const MAX_SOFTAP_CONNECTIONS = 10;
