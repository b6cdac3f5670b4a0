/**
 * Test helpers: drive the core through a list of inputs and look at what came out, through the
 * same replay path the CLI uses.
 *
 * @module
 */
import type { Device } from "./device.ts";
import type { Input } from "./input.ts";
import { createState, type State } from "./state.ts";
import { replayInput, type ReplayRecord } from "./trace/replay.ts";

/**
 * Freezes `value` and everything inside it, so that code which mutates its input throws.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deepFreeze } from "./_testing.ts";
 * const state = deepFreeze({ timers: { reconnect: 50 } });
 * assert.throws(() => { (state.timers as { reconnect: number }).reconnect = 0; }, TypeError);
 * ```
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A device for tests. */
export const DEVICE: Device = { mac: "24:0a:c4:12:34:56" };

/** An input without its time: `at` is filled in by {@link run}. */
export type Untimed = Input extends infer I
  ? I extends Input ? Omit<I, "at"> & { at?: number } : never
  : never;

/** The outcome of a run: every record, and the final state. */
export interface Run {
  readonly records: readonly ReplayRecord[];
  readonly state: State;
  /** The record of the last input. */
  readonly last: ReplayRecord;
}

/** Runs `inputs` (timed 100 ms apart unless given an `at`) from a fresh state. */
export function run(config: unknown, inputs: readonly Untimed[], device: Device = DEVICE): Run {
  return runFrom(createState({ config, device }), inputs);
}

/** Runs `inputs` from `state`. */
export function runFrom(start: State, inputs: readonly Untimed[]): Run {
  let state = start;
  const records: ReplayRecord[] = [];
  let at = start.now;
  for (const untimed of inputs) {
    at = untimed.at ?? at + 100;
    const [next, produced] = replayInput(state, { ...untimed, at } as Input);
    records.push(...produced);
    state = next;
  }
  return { records, state, last: records[records.length - 1]! };
}

/** The names of the callbacks a record called. */
export function callbackNames(record: ReplayRecord): string[] {
  return record.callbacks.map((callback) => callback.name);
}

/** The command names a record issued. */
export function commandNames(record: ReplayRecord): string[] {
  return record.commands.map((command) => command.command);
}

/**
 * One access point as a scan reports it, heard at `rssi`: for tests of roaming and scans.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { heard } from "./_testing.ts";
 * assert.equal(heard("home", -60).rssi, -60);
 * ```
 */
export function heard(ssid: string, rssi: number) {
  return {
    ssid,
    bssid: "a4:2b:b0:00:00:01",
    rssi,
    channel: 6,
    authmode: "wpa2_psk",
    hidden: false,
  };
}
