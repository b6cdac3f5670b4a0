/**
 * For the tests: the ESP-IDF stand-in's world (native/esp_idf/include/netfsm_sim.h), opened
 * through the same FFI layer the driver uses, and a session running the shell on the driver.
 *
 * @module
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import {
  compileArguments,
  ensureNative,
  nativeLibraries,
  runCompiler,
} from "../../scripts/build_native.ts";
import { type RecordedRun, recordedRun } from "../_session.ts";
import { type NativeLibrary, openLibrary } from "../ffi/library.ts";
import { ownCopy } from "../ffi/_own_copy.ts";
import { type EspIdfDriver, openEspIdf } from "./esp_idf_driver.ts";
import type { IdfVersion } from "./layouts.ts";

/** The world's functions. */
export const SIM_FUNCTIONS = {
  netfsm_sim_reset: { parameters: [], result: "void" },
  netfsm_sim_set: { parameters: ["buffer", "i64"], result: "i32" },
  netfsm_sim_add_ap: {
    parameters: ["buffer", "buffer", "buffer", "i32", "i32", "i32"],
    result: "i32",
  },
  netfsm_sim_ap_present: { parameters: ["i32", "i32"], result: "i32" },
  netfsm_sim_visitor_join: { parameters: ["buffer"], result: "i32" },
  netfsm_sim_visitor_leave: { parameters: ["buffer", "i32"], result: "i32" },
  netfsm_sim_storm: { parameters: ["i64"], result: "i32" },
  netfsm_sim_state: { parameters: [], result: "pointer" },
  netfsm_sim_layouts: { parameters: [], result: "pointer" },
  netfsm_sim_pending: { parameters: [], result: "i32" },
} as const;

/** The stand-in's world, opened. */
export type Sim = NativeLibrary<typeof SIM_FUNCTIONS>;

const text = (s: string) => new TextEncoder().encode(s + "\0");
/** `aa:bb:...` as 6 bytes. */
export const macBytes = (mac: string) => new Uint8Array(mac.split(":").map((h) => parseInt(h, 16)));

/** The stand-in built for `version`, and its world, reset. */
export async function simFor(version: IdfVersion): Promise<{ path: string; sim: Sim }> {
  // This test file's own copy: a file running beside it in the process has its own world.
  const path = ownCopy(await ensureNative(`esp_idf_sim_${version}`));
  const opened = await openLibrary(path, SIM_FUNCTIONS);
  if (opened._tag === "Left") throw new Error(opened.left);
  opened.right.symbols.netfsm_sim_reset();
  return { path, sim: opened.right };
}

/**
 * The stand-in for `version` built without the mdns component (`-DNETFSM_SIM_NO_MDNS`), as a
 * firmware without espressif/mdns is: into the system's temporary directory, to be removed.
 */
export async function simWithoutMdns(version: IdfVersion): Promise<string> {
  const spec = nativeLibraries.find((library) => library.name === `esp_idf_sim_${version}`);
  if (spec === undefined) throw new Error(`no stand-in for ${version}`);
  const output = join(tmpdir(), `libesp_idf_sim_${version}_no_mdns_${process.pid}.so`);
  const flags = [...(spec.flags ?? []), "-DNETFSM_SIM_NO_MDNS"];
  const failure = await runCompiler(compileArguments({ ...spec, flags }, output));
  if (failure !== undefined) throw new Error(failure);
  return output;
}

/** Adds an access point; returns its id. */
export function addAp(
  sim: Sim,
  ap: { ssid: string; psk?: string; bssid: string; channel: number; rssi: number; subnet: number },
): number {
  const id = sim.symbols.netfsm_sim_add_ap(
    text(ap.ssid),
    text(ap.psk ?? ""),
    macBytes(ap.bssid),
    ap.channel,
    ap.rssi,
    ap.subnet,
  );
  if (id < 0) throw new Error(`netfsm_sim_add_ap(${ap.ssid}) = ${id}`);
  return id;
}

/** Sets a world setting. */
export function setWorld(sim: Sim, key: string, value: number): void {
  const result = sim.symbols.netfsm_sim_set(text(key), value);
  if (result !== 0) throw new Error(`netfsm_sim_set(${key}, ${value}) = ${result}`);
}

/** The stand-in's state, as JSON. */
export function simState(sim: Sim): Record<string, unknown> {
  const pointer = sim.symbols.netfsm_sim_state();
  return pointer === null ? {} : JSON.parse(sim.readCString(pointer));
}

/** The shell on the driver, recording what it does. */
export interface IdfSession extends RecordedRun {
  readonly driver: EspIdfDriver;
}

/** Opens the driver on the stand-in and starts the network with `config`. */
export async function idfSession(
  path: string,
  version: IdfVersion,
  config: unknown,
): Promise<IdfSession> {
  const opened = await openEspIdf({ lib: path, idf: version });
  if (opened._tag === "Left") throw new Error(opened.left);
  return { driver: opened.right, ...recordedRun(opened.right, config) };
}
