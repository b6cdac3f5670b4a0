/**
 * Taking charge of a module: what the driver sends when it opens the port, and again when the
 * module has reset itself. netfsm decides when to join and reconnect, so the firmware's own
 * reconnection and auto-connect are turned off, and nothing is written to its flash.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { Device } from "../../core/device.ts";
import { readMac } from "./answers.ts";
import type { AtChannel, AtFailure } from "./channel.ts";

/** What the module told about itself. */
export interface ModuleFacts {
  readonly device: Device;
  /** `AT+GMR`'s lines: `AT version:...`, `SDK version:...`, ... */
  readonly firmware: readonly string[];
}

/** How long a plain command may take to be answered. */
export const COMMAND_MS = 3000;
/** Tries of `AT` before a port counts as not speaking ESP-AT, and how long each waits. */
export const PROBES = 10;
export const PROBE_MS = 300;
/** How long a module may take to print `ready` after `AT+RST`. */
export const BOOT_MS = 5000;

/**
 * The settings that put netfsm in charge, in order, each tolerated when an older firmware does
 * not know it (ESP-AT 2.0 has no `AT+SYSSTORE`, say): echo off, no writes to flash, no
 * reconnection of its own, no joining at power-up; and IPv6 on, without which the firmware never
 * reports an IPv6 address.
 */
export const TAKE_CHARGE: readonly string[] = [
  "ATE0",
  "AT+SYSSTORE=0",
  "AT+CWRECONNCFG=0,0",
  "AT+CWAUTOCONN=0",
  "AT+CIPV6=1",
];

/** Sends `AT` until the module answers; an error says the port does not speak ESP-AT. */
export async function probe(channel: AtChannel, port: string): Promise<Either<string, void>> {
  for (let attempt = 0; attempt < PROBES; attempt++) {
    const answer = await channel.run("AT", { timeout: PROBE_MS, probe: true });
    if (answer._tag === "Right") return right(undefined);
    if (answer.left.kind === "lost") return left(answer.left.message);
  }
  return left(
    `${port} does not answer as ESP-AT does: no OK to "AT" in ${
      PROBES * PROBE_MS / 1000
    } s (is the module flashed with ESP-AT, on this port, at this baud rate?)`,
  );
}

/**
 * Opens the module: probes it, resets it if asked, takes charge, and reads its version and MACs.
 * `notice` hears what was tolerated.
 */
export async function takeCharge(
  channel: AtChannel,
  port: string,
  reset: boolean,
  notice: (message: string) => void,
): Promise<Either<string, ModuleFacts>> {
  const answering = await probe(channel, port);
  if (answering._tag === "Left") return answering;
  if (reset) {
    const booted = channel.awaitReady(BOOT_MS);
    const restart = await channel.run("AT+RST", { timeout: COMMAND_MS });
    if (restart._tag === "Left") {
      return left(`${port}: AT+RST failed: ${describeFailure(restart.left)}`);
    }
    if (!(await booted)) return left(`${port}: no "ready" within ${BOOT_MS} ms of AT+RST`);
    const again = await probe(channel, port);
    if (again._tag === "Left") return again;
  }
  await applySettings(channel, notice);
  const version = await channel.run("AT+GMR", { timeout: COMMAND_MS });
  const firmware = version._tag === "Right" ? version.right.filter((line) => line !== "") : [];
  // Whatever the firmware joined on its own before it was told not to, it leaves.
  await channel.run("AT+CWQAP", { timeout: COMMAND_MS });
  const station = await channel.run("AT+CIPSTAMAC?", { timeout: COMMAND_MS });
  const mac = station._tag === "Right" ? readMac(station.right) : undefined;
  if (mac === undefined) {
    return left(`${port}: the module did not tell its station MAC (AT+CIPSTAMAC?)`);
  }
  const softAp = await channel.run("AT+CIPAPMAC?", { timeout: COMMAND_MS });
  const apMac = softAp._tag === "Right" ? readMac(softAp.right) : undefined;
  const off = await channel.run("AT+CWMODE=0", { timeout: COMMAND_MS });
  if (off._tag === "Left") notice(`the radio stays on until netfsm starts it (AT+CWMODE=0 failed)`);
  return right({ device: { mac, ...(apMac === undefined ? {} : { ap_mac: apMac }) }, firmware });
}

/** Sends {@link TAKE_CHARGE}; what the firmware refused is noticed, not fatal. */
export async function applySettings(
  channel: AtChannel,
  notice: (message: string) => void,
): Promise<void> {
  for (const setting of TAKE_CHARGE) {
    const answer = await channel.run(setting, { timeout: COMMAND_MS });
    if (answer._tag === "Left" && answer.left.kind !== "lost") {
      notice(
        `the firmware refused ${setting} (${describeFailure(answer.left)}); going on without it`,
      );
    }
  }
}

/**
 * A failure as a message: the firmware's `ERROR`, with its `ERR CODE` when it printed one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeFailure } from "./setup.ts";
 * assert.equal(describeFailure({ kind: "error", lines: [], code: 0x01090000 }), "ERROR (ERR CODE:0x01090000)");
 * assert.equal(describeFailure({ kind: "timeout", message: "no answer to AT within 300 ms" }), "no answer to AT within 300 ms");
 * ```
 */
export function describeFailure(failure: AtFailure): string {
  if (failure.kind !== "error") return failure.message;
  return failure.code === undefined
    ? "ERROR"
    : `ERROR (ERR CODE:0x${failure.code.toString(16).padStart(8, "0")})`;
}
