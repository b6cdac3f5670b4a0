/**
 * `esp_err_t` values by name, as ESP-IDF defines them: a refused call is reported with its name
 * (`ESP_ERR_WIFI_NOT_STARTED`), never a bare number.
 *
 * @module
 */

const NAMES: ReadonlyMap<number, string> = new Map([
  [-1, "ESP_FAIL"],
  [0x101, "ESP_ERR_NO_MEM"],
  [0x102, "ESP_ERR_INVALID_ARG"],
  [0x103, "ESP_ERR_INVALID_STATE"],
  [0x104, "ESP_ERR_INVALID_SIZE"],
  [0x105, "ESP_ERR_NOT_FOUND"],
  [0x106, "ESP_ERR_NOT_SUPPORTED"],
  [0x107, "ESP_ERR_TIMEOUT"],
  [0x3001, "ESP_ERR_WIFI_NOT_INIT"],
  [0x3002, "ESP_ERR_WIFI_NOT_STARTED"],
  [0x3003, "ESP_ERR_WIFI_NOT_STOPPED"],
  [0x3004, "ESP_ERR_WIFI_IF"],
  [0x3005, "ESP_ERR_WIFI_MODE"],
  [0x3006, "ESP_ERR_WIFI_STATE"],
  [0x3007, "ESP_ERR_WIFI_CONN"],
  [0x3008, "ESP_ERR_WIFI_NVS"],
  [0x3009, "ESP_ERR_WIFI_MAC"],
  [0x300a, "ESP_ERR_WIFI_SSID"],
  [0x300b, "ESP_ERR_WIFI_PASSWORD"],
  [0x300c, "ESP_ERR_WIFI_TIMEOUT"],
  [0x300d, "ESP_ERR_WIFI_WAKE_FAIL"],
  [0x300e, "ESP_ERR_WIFI_WOULD_BLOCK"],
  [0x300f, "ESP_ERR_WIFI_NOT_CONNECT"],
  [0x3012, "ESP_ERR_WIFI_POST"],
  [0x3013, "ESP_ERR_WIFI_INIT_STATE"],
  [0x3014, "ESP_ERR_WIFI_STOP_STATE"],
  [0x3015, "ESP_ERR_WIFI_NOT_ASSOC"],
]);

/**
 * The name of an `esp_err_t`: `ESP_OK` for 0, the name ESP-IDF gives it, or its hex value for a
 * code ESP-IDF does not name here.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { espErrorName } from "./errors.ts";
 * assert.equal(espErrorName(0x3002), "ESP_ERR_WIFI_NOT_STARTED");
 * assert.equal(espErrorName(0x3006), "ESP_ERR_WIFI_STATE");
 * assert.equal(espErrorName(0x4321), "esp_err_t 0x4321");
 * ```
 */
export function espErrorName(code: number): string {
  if (code === 0) return "ESP_OK";
  return NAMES.get(code) ?? `esp_err_t 0x${(code >>> 0).toString(16)}`;
}
