/**
 * The FFI devices of `netfsm run`: ESP-IDF's WiFi API in a shared library, and ESP-Hosted's
 * control library on a Linux host. Imported only when one is asked for, so that the other
 * commands never load FFI.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { realClock } from "../drivers/clock.ts";
import { describeThrown } from "../drivers/describe.ts";
import type { DeviceChoice, RunDevice } from "./run_devices.ts";

/** Opens an `esp-idf` or `esp-hosted` device; an error names the library and what failed. */
export async function openNativeDevice(
  choice: Extract<DeviceChoice, { driver: "esp-idf" | "esp-hosted" }>,
  onNotice: (message: string) => void,
): Promise<Either<string, RunDevice>> {
  try {
    if (choice.driver === "esp-idf") {
      const { openEspIdf } = await import("../drivers/esp_idf/esp_idf_driver.ts");
      const opened = await openEspIdf({ lib: choice.lib, idf: choice.idf, onNotice });
      if (opened._tag === "Left") return left(about(choice.lib, opened.left));
      const driver = opened.right;
      return right({
        driver,
        clock: realClock(),
        description:
          `ESP-IDF ${choice.idf} WiFi API in ${choice.lib}, MAC ${driver.capabilities.device.mac}`,
      });
    }
    const { openEspHosted } = await import("../drivers/esp_hosted/esp_hosted_driver.ts");
    const opened = await openEspHosted({ lib: choice.lib, onNotice });
    if (opened._tag === "Left") return left(about(choice.lib, opened.left));
    const driver = opened.right;
    return right({
      driver,
      clock: realClock(),
      description:
        `ESP-Hosted through ${choice.lib}: ${driver.firmware}, MAC ${driver.capabilities.device.mac}`,
    });
  } catch (error) {
    return left(`${choice.lib}: cannot open: ${describeThrown(error)}`);
  }
}

/** `message`, saying which library it is about if it does not already. */
function about(lib: string, message: string): string {
  return message.includes(lib) ? message : `${lib}: ${message}`;
}
