/**
 * For the tests: the ESP-Hosted stand-in (native/esp_hosted/, `libesp_hosted_rpc_sim.so`) and
 * its scripted world (`netfsm_hosted_sim.h`), opened through the same FFI layer the driver uses
 * (the process shares one copy of the library, so the world is the driver's), a device node for
 * it to open, and a session running the shell on the driver.
 *
 * Every session turns strict_rx on: answers then travel through the library's one thread, as in
 * the real library, so a driver that called the library from inside an event callback would
 * see its requests time out and get stale answers.
 *
 * @module
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import type { IpInfo } from "../../core/input.ts";
import { ensureNative } from "../../scripts/build_native.ts";
import { type RecordedRun, recordedRun } from "../_session.ts";
import { type NativeLibrary, openLibrary } from "../ffi/library.ts";
import { ownCopy } from "../ffi/_own_copy.ts";
import { type EspHostedDriver, type EspHostedOptions, openEspHosted } from "./esp_hosted_driver.ts";
import type { AddressSource } from "./host_address.ts";

/** The world's functions, and the library's own that the tests read. */
export const SIM_FUNCTIONS = {
  netfsm_hosted_sim_reset: { parameters: [], result: "void" },
  netfsm_hosted_sim_add_ap: {
    parameters: ["buffer", "buffer", "buffer", "i32", "i32", "i32"],
    result: "i32",
  },
  netfsm_hosted_sim_set_ap_present: { parameters: ["buffer", "i32"], result: "i32" },
  netfsm_hosted_sim_visitor_join: { parameters: ["buffer", "i32"], result: "i32" },
  netfsm_hosted_sim_visitor_leave: { parameters: ["buffer", "i32"], result: "i32" },
  netfsm_hosted_sim_set_delay: { parameters: ["buffer", "i32"], result: "i32" },
  netfsm_hosted_sim_set_firmware: { parameters: ["i32"], result: "i32" },
  netfsm_hosted_sim_set_connect_failure: { parameters: ["i32", "i32"], result: "i32" },
  netfsm_hosted_sim_set_strict_rx: { parameters: ["i32"], result: "i32" },
  netfsm_hosted_sim_set_unresponsive: { parameters: ["i32"], result: "i32" },
  netfsm_hosted_sim_set_quiet: { parameters: ["i32"], result: "void" },
  netfsm_hosted_sim_esp_reset: { parameters: [], result: "i32" },
  netfsm_hosted_sim_storm: { parameters: ["i32", "i32"], result: "i32" },
  netfsm_hosted_sim_wait_idle: { parameters: ["i32"], result: "i32", nonblocking: true },
  netfsm_hosted_sim_last_mode: { parameters: [], result: "i32" },
  netfsm_hosted_sim_state_json: { parameters: [], result: "pointer" },
  netfsm_hosted_sim_live_allocations: { parameters: [], result: "i64" },
  netfsm_hosted_layouts: { parameters: [], result: "pointer" },
  get_event_callback: { parameters: ["i32"], result: "pointer" },
} as const;

/** The stand-in's world, opened. */
export type Sim = NativeLibrary<typeof SIM_FUNCTIONS>;

/** Firmware generations (`NETFSM_HOSTED_SIM_FW_*`). */
export const FIRMWARE = { blocking: 0, asyncConnect: 1, classic: 2 } as const;

/** `wifi_auth_mode_e` values the tests give their APs. */
export const AUTH = { open: 0, wpa2: 3 } as const;

const text = (s: string) => new TextEncoder().encode(s + "\0");

/**
 * The stand-in's path, its world (reset, quiet, strict_rx on), and a device node for it: a file
 * in a temporary folder, named in `NETFSM_HOSTED_DEVICE` (read at each init).
 */
export async function openSim(): Promise<{ path: string; sim: Sim }> {
  // This test file's own copy: a file running beside it in the process has its own world.
  const path = ownCopy(await ensureNative("esp_hosted_rpc_sim"));
  const opened = await openLibrary(path, SIM_FUNCTIONS);
  if (opened._tag === "Left") throw new Error(opened.left);
  const sim = opened.right;
  sim.symbols.netfsm_hosted_sim_set_quiet(1);
  sim.symbols.netfsm_hosted_sim_reset();
  sim.symbols.netfsm_hosted_sim_set_strict_rx(1);
  deviceNode ??= mkdtemp(join(tmpdir(), "netfsm-hosted-")).then(async (folder) => {
    const device = join(folder, "esps0");
    await writeFile(device, "");
    return device;
  });
  process.env.NETFSM_HOSTED_DEVICE = await deviceNode;
  return { path, sim };
}

/** The device node of this process's tests (one, however many tests open the stand-in). */
let deviceNode: Promise<string> | undefined;

/** Adds an access point (`psk` "" or absent: open); returns its index. */
export function addAp(
  sim: Sim,
  ap: { ssid: string; psk?: string; bssid: string; channel: number; rssi: number },
): number {
  const auth = ap.psk === undefined || ap.psk === "" ? AUTH.open : AUTH.wpa2;
  const index = sim.symbols.netfsm_hosted_sim_add_ap(
    text(ap.ssid),
    text(ap.psk ?? ""),
    text(ap.bssid),
    ap.channel,
    ap.rssi,
    auth,
  );
  if (index < 0) throw new Error(`netfsm_hosted_sim_add_ap(${ap.ssid}) = ${index}`);
  return index;
}

/** Makes the APs named `name` (ssid or bssid) present or absent. */
export function setPresent(sim: Sim, name: string, present: boolean): void {
  sim.symbols.netfsm_hosted_sim_set_ap_present(text(name), present ? 1 : 0);
}

/** Sets one of the world's delays, in ms. */
export function setDelay(sim: Sim, which: string, ms: number): void {
  const result = sim.symbols.netfsm_hosted_sim_set_delay(text(which), ms);
  if (result !== 0) throw new Error(`netfsm_hosted_sim_set_delay(${which}, ${ms}) = ${result}`);
}

/** A station joins (`join`) or leaves the soft-AP. */
export function visitor(sim: Sim, mac: string, join: boolean): number {
  return join
    ? sim.symbols.netfsm_hosted_sim_visitor_join(text(mac), -40)
    : sim.symbols.netfsm_hosted_sim_visitor_leave(text(mac), 8);
}

/** The stand-in's state, as JSON. */
// deno-lint-ignore no-explicit-any -- the stand-in's JSON, read field by field in the tests
export function simState(sim: Sim): any {
  const pointer = sim.symbols.netfsm_hosted_sim_state_json();
  return pointer === null ? {} : JSON.parse(sim.readCString(pointer));
}

/**
 * A FAKE of the host's DHCP client, standing in for the real `ethsta0`, which the tests cannot
 * create: while the stand-in's station is joined, "the interface" has `address`, else none.
 */
export function fakeHostDhcp(sim: Sim, address: IpInfo): AddressSource {
  return (_iface) => {
    const joined = simState(sim).station?.connected === true;
    return Promise.resolve({ _tag: "Right", right: joined ? address : {} });
  };
}

/** The address the fake DHCP client hands out. */
export const LEASE: IpInfo = { ip: "192.168.7.23", netmask: "255.255.255.0", gw: "192.168.7.1" };

/** Opens the driver on the stand-in, with the fake DHCP client. */
export async function openDriver(
  path: string,
  sim: Sim,
  options: Partial<EspHostedOptions> = {},
): Promise<{ driver: EspHostedDriver; notices: string[] }> {
  const notices: string[] = [];
  const opened = await openEspHosted({
    lib: path,
    onNotice: (notice) => notices.push(notice),
    addressSource: fakeHostDhcp(sim, LEASE),
    addressPollMs: 50,
    ...options,
  });
  if (opened._tag === "Left") throw new Error(opened.left);
  return { driver: opened.right, notices };
}

/** The shell on the driver, recording what it does. */
export interface HostedSession extends RecordedRun {
  readonly driver: EspHostedDriver;
  readonly notices: string[];
}

/** Opens the driver on the stand-in and starts the network with `config`. */
export async function session(
  path: string,
  sim: Sim,
  config: unknown,
  options: Partial<EspHostedOptions> = {},
): Promise<HostedSession> {
  const { driver, notices } = await openDriver(path, sim, options);
  return { driver, notices, ...recordedRun(driver, config) };
}

export { callbacksOf, countCallbacks as count, inputsOf } from "../_session.ts";
