/**
 * What the device knows about itself, read from Moddable: the MACs from `Net`, the `atomvm`
 * domain of `Preference` (NVS on ESP32, where AtomVM's provisioning keeps credentials).
 *
 * @module
 */
import { type Device, macOfBytes, type Nvs } from "../../core/device.ts";
import type { NetModule, PreferenceModule } from "./modules.ts";

/** The Preference domain AtomVM's `network` reads credentials from. */
export const NVS_DOMAIN = "atomvm";
const NVS_KEYS = ["sta_ssid", "sta_psk", "ap_ssid", "ap_psk"] as const;
const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/** A MAC as netfsm writes it (lower case), or undefined for anything else. */
export function macText(value: unknown): string | undefined {
  if (value instanceof ArrayBuffer && value.byteLength === 6) {
    return macOfBytes(new Uint8Array(value));
  }
  return typeof value === "string" && MAC.test(value) ? value.toLowerCase() : undefined;
}

/** The `atomvm` domain's credentials; keys that are absent or not strings are left out. */
export function readNvs(preference: PreferenceModule): Nvs {
  const nvs: Record<string, string> = {};
  for (const key of NVS_KEYS) {
    // A Preference read of a missing key gives undefined; a damaged store may throw.
    let value: unknown;
    try {
      value = preference.get(NVS_DOMAIN, key);
    } catch {
      value = undefined;
    }
    if (typeof value === "string") nvs[key] = value;
  }
  return nvs;
}

/**
 * The device facts. The station MAC is required (the default hostname and soft-AP SSID derive
 * from it): an error when `Net` gives none. The AP MAC is taken when `Net` gives one.
 */
export function readDevice(
  net: NetModule,
  preference: PreferenceModule,
): { readonly device: Device } | { readonly error: string } {
  const mac = macText(net.get("MAC", "station"));
  if (mac === undefined) return { error: 'Net.get("MAC", "station") gave no MAC' };
  const apMac = macText(net.get("MAC", "ap"));
  const nvs = readNvs(preference);
  return {
    device: {
      mac,
      ...(apMac === undefined ? {} : { ap_mac: apMac }),
      ...(Object.keys(nvs).length === 0 ? {} : { nvs }),
    },
  };
}
