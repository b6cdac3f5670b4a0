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
import { about, type DeviceChoice, type RunDevice } from "./run_devices.ts";

/** Opens an `esp-idf` or `esp-hosted` device; an error names the library and what failed. */
export async function openNativeDevice(
  choice: Extract<DeviceChoice, { driver: "esp-idf" | "esp-hosted" }>,
  onNotice: (message: string) => void,
): Promise<Either<string, RunDevice>> {
  try {
    const opened = choice.driver === "esp-idf"
      ? await openIdf(choice, onNotice)
      : await openHosted(choice, onNotice);
    if (opened._tag === "Left") return left(about(choice.lib, opened.left));
    return right({ ...opened.right, clock: realClock() });
  } catch (error) {
    return left(`${choice.lib}: cannot open: ${describeThrown(error)}`);
  }
}

type Opened = Either<string, Omit<RunDevice, "clock">>;

async function openIdf(
  choice: Extract<DeviceChoice, { driver: "esp-idf" }>,
  onNotice: (message: string) => void,
): Promise<Opened> {
  const { openEspIdf } = await import("../drivers/esp_idf/esp_idf_driver.ts");
  const opened = await openEspIdf({ lib: choice.lib, idf: choice.idf, onNotice });
  if (opened._tag === "Left") return opened;
  const driver = opened.right;
  const mac = driver.capabilities.device.mac;
  return right({
    driver,
    description: `ESP-IDF ${choice.idf} WiFi API in ${choice.lib}, MAC ${mac}`,
  });
}

async function openHosted(
  choice: Extract<DeviceChoice, { driver: "esp-hosted" }>,
  onNotice: (message: string) => void,
): Promise<Opened> {
  const { openEspHosted } = await import("../drivers/esp_hosted/esp_hosted_driver.ts");
  const opened = await openEspHosted({ lib: choice.lib, onNotice });
  if (opened._tag === "Left") return opened;
  const driver = opened.right;
  const mac = driver.capabilities.device.mac;
  return right({
    driver,
    description: `ESP-Hosted through ${choice.lib}: ${driver.firmware}, MAC ${mac}`,
  });
}
