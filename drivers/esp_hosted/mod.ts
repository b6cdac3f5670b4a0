/**
 * netfsm's ESP-Hosted driver: an ESP32 running ESP-Hosted (first generation) as the WiFi
 * co-processor of a Linux host, through its host control library `libesp_hosted_rpc.so`.
 *
 * @example
 * ```ts ignore
 * import { start } from "../../mod.ts";
 * import { openEspHosted } from "./mod.ts";
 * const driver = await openEspHosted({ lib: "libesp_hosted_rpc.so" });
 * if (driver._tag === "Left") throw new Error(driver.left);
 * await start({ sta: { ssid: "home", psk: "secret12" } }, { driver: driver.right });
 * ```
 *
 * @module
 */
export * from "./esp_hosted_driver.ts";
