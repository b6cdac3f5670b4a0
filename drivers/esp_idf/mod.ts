/**
 * netfsm's ESP-IDF driver: ESP-IDF's WiFi C API through FFI, on Deno and Node, with struct
 * layouts per IDF version (5.1 to 6.0).
 *
 * @example
 * ```ts ignore
 * import { start } from "../../mod.ts";
 * import { openEspIdf } from "./mod.ts";
 * const driver = await openEspIdf({ lib: "/opt/wifi/libesp_wifi_host.so", idf: "5.5" });
 * if (driver._tag === "Left") throw new Error(driver.left);
 * await start({ sta: { ssid: "home", psk: "secret12" } }, { driver: driver.right });
 * ```
 *
 * @module
 */
export { type EspIdfDriver, type EspIdfOptions, openEspIdf } from "./esp_idf_driver.ts";
export { espErrorName } from "./errors.ts";
export {
  type Abi,
  DEFAULT_IDF,
  hostAbi,
  IDF_VERSIONS,
  idfLayouts,
  type IdfVersion,
  type Layouts,
} from "./layouts.ts";
