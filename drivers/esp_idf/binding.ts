/**
 * The ESP-IDF functions netfsm calls, as FFI declarations, and the enum values it passes. The
 * names and signatures are ESP-IDF's (v5.1 to 6.0 keep their shape); `netfsm_wifi_init_default`
 * is the project's few lines of C for `WIFI_INIT_CONFIG_DEFAULT()`, a macro over globals that no
 * FFI can expand (native/esp_idf/glue/).
 *
 * @module
 */
import type { ForeignFunctions } from "../ffi/library.ts";

const ERR = "i32" as const;

/** Every function the driver binds. */
export const IDF_FUNCTIONS = {
  netfsm_wifi_init_default: { parameters: [], result: ERR },
  esp_wifi_deinit: { parameters: [], result: ERR },
  esp_wifi_set_mode: { parameters: ["i32"], result: ERR },
  esp_wifi_start: { parameters: [], result: ERR },
  esp_wifi_stop: { parameters: [], result: ERR },
  esp_wifi_connect: { parameters: [], result: ERR },
  esp_wifi_disconnect: { parameters: [], result: ERR },
  esp_wifi_scan_start: { parameters: ["pointer", "bool"], result: ERR },
  esp_wifi_scan_get_ap_num: { parameters: ["buffer"], result: ERR },
  esp_wifi_scan_get_ap_records: { parameters: ["buffer", "buffer"], result: ERR },
  esp_wifi_get_mac: { parameters: ["i32", "buffer"], result: ERR },
  esp_wifi_set_config: { parameters: ["i32", "buffer"], result: ERR },
  esp_wifi_set_storage: { parameters: ["i32"], result: ERR },
  esp_wifi_sta_get_rssi: { parameters: ["buffer"], result: ERR },
  esp_event_loop_create_default: { parameters: [], result: ERR },
  esp_event_handler_instance_register: {
    parameters: ["pointer", "i32", "function", "pointer", "buffer"],
    result: ERR,
  },
  // Nonblocking: ESP-IDF's unregister and delete wait for a handler that is running, and that
  // handler may be this very driver's, waiting for the JS thread.
  esp_event_handler_instance_unregister: {
    parameters: ["pointer", "i32", "pointer"],
    result: ERR,
    nonblocking: true,
  },
  esp_event_loop_delete_default: { parameters: [], result: ERR, nonblocking: true },
  esp_netif_init: { parameters: [], result: ERR },
  esp_netif_create_default_wifi_sta: { parameters: [], result: "pointer" },
  esp_netif_create_default_wifi_ap: { parameters: [], result: "pointer" },
  esp_netif_set_hostname: { parameters: ["pointer", "buffer"], result: ERR },
  esp_netif_sntp_init: { parameters: ["buffer"], result: ERR },
  esp_netif_sntp_deinit: { parameters: [], result: "void", nonblocking: true },
} as const satisfies ForeignFunctions;

/**
 * The mdns component's calls (espressif/mdns, a managed component: a firmware may lack it), bound
 * apart from {@link IDF_FUNCTIONS} so that a library without them still drives WiFi. `init` and
 * `free` register and unregister event handlers, which waits while the event loop is calling one
 * (perhaps this driver's, waiting for the JS thread): nonblocking.
 */
export const MDNS_FUNCTIONS = {
  mdns_init: { parameters: [], result: ERR, nonblocking: true },
  mdns_free: { parameters: [], result: "void", nonblocking: true },
  mdns_hostname_set: { parameters: ["buffer"], result: ERR },
} as const satisfies ForeignFunctions;

/** `wifi_mode_t`. */
export const WIFI_MODE = { off: 0, sta: 1, ap: 2, apsta: 3 } as const;
/** `wifi_interface_t`. */
export const WIFI_IF_STA = 0;
export const WIFI_IF_AP = 1;
/** `wifi_storage_t`: RAM only, so netfsm's configuration is never written to flash. */
export const WIFI_STORAGE_RAM = 1;
/** `wifi_auth_mode_t` values netfsm sets. */
export const WIFI_AUTH_OPEN = 0;
export const WIFI_AUTH_WPA_WPA2_PSK = 4;
/** `ESP_EVENT_ANY_ID`. */
export const ANY_EVENT = -1;

/** `wifi_event_t` ids netfsm handles. */
export const WIFI_EVENT_ID = {
  SCAN_DONE: 1,
  STA_START: 2,
  STA_STOP: 3,
  STA_CONNECTED: 4,
  STA_DISCONNECTED: 5,
  AP_START: 12,
  AP_STOP: 13,
  AP_STACONNECTED: 14,
  AP_STADISCONNECTED: 15,
  STA_BEACON_TIMEOUT: 21,
} as const;

/** `ip_event_t` ids netfsm handles. */
export const IP_EVENT_ID = { STA_GOT_IP: 0, STA_LOST_IP: 1, AP_STAIPASSIGNED: 2 } as const;

/** The event handler's C signature: `void (*)(void *arg, esp_event_base_t, int32_t, void *)`. */
export const EVENT_HANDLER = {
  parameters: ["pointer", "pointer", "i32", "pointer"],
  result: "void",
} as const;

/** `void (*esp_sntp_time_cb_t)(struct timeval *tv)`. */
export const SNTP_SYNC_CALLBACK = { parameters: ["pointer"], result: "void" } as const;
