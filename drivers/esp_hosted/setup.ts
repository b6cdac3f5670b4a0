/**
 * Opening ESP-Hosted: initialising the control library (and saying what to check when it
 * cannot open `/dev/esps0`), reading the ESP32's facts (firmware version, MACs), and taking
 * charge of a radio that may still be joined or running a soft-AP from before (the ESP32 keeps
 * its state while the host's library restarts).
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import type { Device } from "../../core/device.ts";
import { WIFI_MODE_AP, WIFI_MODE_NONE, WIFI_MODE_STA } from "./binding.ts";
import { type ControlChannel, type HostedLibrary, succeeded } from "./control.ts";
import { FW_VERSION, unionView, WIFI_MAC, WIFI_MODE } from "./layouts.ts";

/** The device node the kernel module makes, which `init_hosted_control_lib` opens. */
export const DEVICE_NODE = "/dev/esps0";

/** How long init may take before the driver gives up on it (it only opens a device). */
const INIT_MS = 15_000;

const CHECKS = "Check that the ESP-Hosted kernel module is loaded (`lsmod | grep esp32`: " +
  "esp32_spi or esp32_sdio), that the ESP32 is flashed with ESP-Hosted-FG firmware, powered and " +
  `wired as the module expects (\`dmesg\` shows it coming up), and that you are root or in the ` +
  `group that owns ${DEVICE_NODE} (\`ls -l ${DEVICE_NODE}\`).`;

/** Why the device node cannot be opened, as far as the host can tell. */
async function diagnoseDeviceNode(): Promise<string> {
  try {
    await access(DEVICE_NODE, constants.R_OK | constants.W_OK);
    return `${DEVICE_NODE} exists but the library could not open it (busy, or the ESP32 is not ready)`;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return `${DEVICE_NODE} does not exist`;
    if (code === "EACCES" || code === "EPERM") {
      return `${DEVICE_NODE} may not be opened by this user`;
    }
    return `${DEVICE_NODE} cannot be checked (${code ?? String(error)})`;
  }
}

/** A promise, or undefined once `ms` have passed without it settling. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) =>
    timer = setTimeout(() => resolve(undefined), ms)
  );
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Why init failed, and whether the call returned (else the library must stay loaded). */
export interface InitFailure {
  readonly message: string;
  readonly returned: boolean;
}

/**
 * Initialises the library: a Left that says what to check when it fails (-1: the device node
 * could not be opened) or does not return.
 *
 * @example
 * ```ts ignore
 * const initialised = await initialise(lib);
 * if (initialised._tag === "Left") console.error(initialised.left.message);
 * ```
 */
export async function initialise(lib: HostedLibrary): Promise<Either<InitFailure, void>> {
  const result = await within(lib.symbols.init_hosted_control_lib(), INIT_MS);
  if (result === 0) return right(undefined);
  const what = result === undefined
    ? `init_hosted_control_lib did not return within ${INIT_MS / 1000} s`
    : `init_hosted_control_lib failed (${result}): ${await diagnoseDeviceNode()}`;
  return left({ message: `${what}. ${CHECKS}`, returned: result !== undefined });
}

/** What the ESP32 says about itself. */
export interface Facts {
  /** `FG-1.0.0.0.0`: the project and version `get_fw_version` gives. */
  readonly firmware: string;
  readonly device: Device;
}

async function readMac(channel: ControlChannel, mode: number): Promise<Either<string, string>> {
  const answer = succeeded(
    "wifi_get_mac",
    await channel.call("wifi_get_mac", {
      fill: (message) => unionView(WIFI_MAC, message).setI32("mode", mode),
    }),
  );
  if (answer._tag === "Left") return answer;
  const mac = unionView(WIFI_MAC, answer.right.message).cstring("mac").toLowerCase();
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(mac)
    ? right(mac)
    : left(`wifi_get_mac: the ESP32 answered "${mac}", which is no MAC`);
}

/**
 * The firmware's version and the station's (and soft-AP's) MAC. A Left when the ESP32 does not
 * answer: the library opened, but nobody is on the other end.
 *
 * @example
 * ```ts ignore
 * const facts = await readFacts(channel);
 * if (facts._tag === "Right") console.log(facts.right.firmware, facts.right.device.mac);
 * ```
 */
export async function readFacts(channel: ControlChannel): Promise<Either<string, Facts>> {
  const version = succeeded("get_fw_version", await channel.call("get_fw_version"));
  if (version._tag === "Left") {
    return left(`${version.left}: the ESP32 does not answer. ${CHECKS}`);
  }
  const v = unionView(FW_VERSION, version.right.message);
  const numbers = [v.u8("major_1"), v.u8("major_2"), v.u8("minor")];
  numbers.push(v.u8("revision_patch_1"), v.u8("revision_patch_2"));
  const firmware = `${v.cstring("project_name")}-${numbers.join(".")}`;
  const mac = await readMac(channel, WIFI_MODE_STA);
  if (mac._tag === "Left") return mac;
  const apMac = await readMac(channel, WIFI_MODE_AP);
  return right({
    firmware,
    device: { mac: mac.right, ...(apMac._tag === "Right" ? { ap_mac: apMac.right } : {}) },
  });
}

/**
 * Leaves whatever AP the ESP32 is joined to, stops a soft-AP left running, and turns the radio
 * off (`WIFI_MODE_NONE`) until netfsm starts it. FAILURE from the first two means there was
 * nothing to stop; a mode that cannot be set is a notice.
 *
 * @example
 * ```ts ignore
 * await takeCharge(channel, (message) => console.log(message));
 * ```
 */
export async function takeCharge(
  channel: ControlChannel,
  notice: (message: string) => void,
): Promise<void> {
  await channel.call("wifi_disconnect_ap");
  await channel.call("wifi_stop_softap");
  const off = succeeded(
    "wifi_set_mode",
    await channel.call("wifi_set_mode", {
      fill: (message) => unionView(WIFI_MODE, message).setI32("mode", WIFI_MODE_NONE),
    }),
  );
  if (off._tag === "Left") notice(`could not turn the radio off at open (${off.left})`);
}
