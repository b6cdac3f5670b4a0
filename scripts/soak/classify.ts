/**
 * Judging a run live or stuck: the core's states over its trace, what the radio had at the end,
 * and the verdict.
 *
 * @module
 */
import type { StaStatus } from "../../core/state.ts";
import { replayLines } from "../../core/trace/replay.ts";
import type { Radio, RadioChange } from "../../drivers/mock/mock_driver.ts";
import { HOLD_MS } from "./bounds.ts";

/** The core's view after one step: its station status, the address it holds, its timers. */
export interface Sample {
  readonly at: number;
  readonly status: StaStatus;
  readonly ip: string | null;
  /** The timers armed: with none, only an event can move the core on. */
  readonly timers?: readonly string[];
}

/** A run's outcome: live, or stuck with a reason (for counting) and the particulars. */
export type Verdict =
  | { readonly live: true }
  | { readonly live: false; readonly reason: string; readonly detail: string };

/**
 * Whether a run is live: at `end` the core holds an address, has held that same address since
 * `end - HOLD_MS` or earlier, and the radio is associated holding it. `samples` are the core's
 * states after each step, in order, without the run's final stop.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classify } from "./classify.ts";
 * const samples = [
 *   { at: 0, status: "connecting" as const, ip: null },
 *   { at: 1500, status: "connected" as const, ip: "192.168.1.7" },
 * ];
 * assert.deepEqual(classify(samples, { link: "associated", address: "192.168.1.7" }, 60_000), { live: true });
 * assert.equal(classify(samples, { link: "idle", address: undefined }, 60_000).live, false);
 * ```
 */
export function classify(samples: readonly Sample[], radio: Radio, end: number): Verdict {
  const last = samples.at(-1);
  if (last === undefined || last.ip === null) {
    const status = last?.status ?? "stopped";
    return {
      live: false,
      reason: `the core is ${status}, without an address`,
      detail: `at the end the core is ${status}, without an address; the radio is ${
        describeRadio(radio)
      }`,
    };
  }
  const since = end - HOLD_MS;
  // A real run starts without an address, so some sample differs; if none did, it was always held.
  const change = samples.findLastIndex((s) => s.ip !== last.ip);
  const heldSince = samples[change + 1]!.at;
  if (heldSince > since) {
    const before = samples[change];
    return {
      live: false,
      reason: `the address was not held for the last ${HOLD_MS / 1000} s`,
      detail: `the core holds ${last.ip} only since ${seconds(heldSince)}, not since ${
        seconds(since)
      } (before: ${before?.ip ?? "no address"}, ${before?.status ?? "stopped"})`,
    };
  }
  if (radio.link !== "associated" || radio.address !== last.ip) {
    return {
      live: false,
      reason: `the core is ${last.status} with an address the radio does not hold`,
      detail: `at the end the core is ${last.status} at ${last.ip}, but the radio is ${
        describeRadio(radio)
      }`,
    };
  }
  return { live: true };
}

function describeRadio(radio: Radio): string {
  return `${radio.link}${
    radio.address === undefined ? " without an address" : ` at ${radio.address}`
  }`;
}

/** A time in milliseconds as seconds, to the millisecond: `391.000 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/**
 * What the radio had just before the last `stop_wifi`, from a mock's history: a simulation
 * stops the radio when it ends, and what counts is what it had then.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { radioBeforeStop } from "./classify.ts";
 * const history = [
 *   { at: 0, link: "joining" as const, address: undefined, cause: "connect_sta" },
 *   { at: 900, link: "associated" as const, address: "192.168.1.7", cause: "sta_got_ip" },
 *   { at: 9000, link: "idle" as const, address: undefined, cause: "stop_wifi" },
 * ];
 * assert.deepEqual(radioBeforeStop(history), { link: "associated", address: "192.168.1.7" });
 * assert.deepEqual(radioBeforeStop([]), { link: "idle", address: undefined });
 * ```
 */
export function radioBeforeStop(history: readonly RadioChange[]): Radio {
  const stop = history.findLastIndex((change) => change.cause === "stop_wifi");
  const before = stop === -1 ? history.at(-1) : history[stop - 1];
  return { link: before?.link ?? "idle", address: before?.address };
}

/**
 * The core's states over a trace, by replaying it, without the final stop: what the core knew
 * after each step, as `netfsm replay` will show it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { coreSamples } from "./classify.ts";
 * const samples = await coreSamples([
 *   '{"trace": "netfsm", "version": 1, "config": {"sta": {"ssid": "home"}}, "device": {"mac": "24:0a:c4:12:34:56"}}',
 *   '{"at": 0, "type": "start"}',
 *   '{"at": 900, "type": "sta_connected"}',
 *   '{"at": 1500, "type": "sta_got_ip", "ip": "192.168.1.7", "netmask": "255.255.255.0", "gw": "192.168.1.1"}',
 *   '{"at": 9000, "type": "stop"}',
 * ]);
 * assert.deepEqual(samples.map((s) => [s.at, s.status, s.ip]), [
 *   [0, "connecting", null],
 *   [900, "associated", null],
 *   [1500, "connected", "192.168.1.7"],
 * ]);
 * assert.ok(samples.every((s) => Array.isArray(s.timers)));
 * ```
 */
export async function coreSamples(trace: readonly string[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for await (const event of replayLines(trace)) {
    if (event.kind === "error") throw new Error(`the trace does not replay: ${event.message}`);
    const { state, applied } = event;
    samples.push({
      at: applied.input.at,
      status: state.sta,
      ip: state.ip?.ip ?? null,
      timers: Object.keys(state.timers),
    });
  }
  const last = samples.at(-1);
  if (last?.status === "stopped") samples.pop();
  return samples;
}
