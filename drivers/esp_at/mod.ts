/**
 * netfsm's ESP-AT driver: an ESP32 (or ESP8266) running Espressif's AT firmware, on a serial
 * port. Open the port, open the driver on it, and hand the driver to `start` or a `Shell`.
 *
 * @example
 * ```ts ignore
 * import { start } from "../../mod.ts";
 * import { openEspAt, openSerial } from "./mod.ts";
 * const port = await openSerial("/dev/ttyUSB0", { baud: 115200 });
 * if (port._tag === "Left") throw new Error(port.left);
 * const driver = await openEspAt(port.right, { onNotice: console.warn });
 * if (driver._tag === "Left") throw new Error(driver.left);
 * await start({ sta: { ssid: "home", psk: "secret12", got_ip: (ip) => console.log(ip) } }, {
 *   driver: driver.right,
 * });
 * ```
 *
 * @module
 */
export { type ByteStream, memoryPipe, type OpenSerial, type SerialOptions } from "./byte_stream.ts";
export { DEFAULT_MDNS_SERVICE, type MdnsService } from "./commands.ts";
export { type EspAtDriver, type EspAtOptions, openEspAt } from "./esp_at_driver.ts";
export { reasonForJoinFailure } from "./reasons.ts";
export { openSerial, standardBauds } from "./serial.ts";
