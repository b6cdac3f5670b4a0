/**
 * Test helpers for the invariants: the steps of a run, and one invariant's verdict on a step.
 *
 * @module
 */
import { advance } from "../../core/advance.ts";
import type { Input, Untimed } from "../../core/input.ts";
import { createState, type State } from "../../core/state.ts";
import { INVARIANTS } from "../invariants.ts";
import type { Step } from "./step.ts";

/** The device every test runs on. */
export const DEVICE = { mac: "24:0a:c4:12:34:56" };
/** An address DHCP hands out. */
export const IP = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };
/** A station retrying without jitter, so that its retries come when a test says. */
export const STA = { sta: { ssid: "home", psk: "secret12", reconnect: { jitter: 0 } } };

/** An input, with its time or without (then 10 ms after the one before). */
export type TestInput = Untimed & { readonly at?: number };

/**
 * Every step of a run, timer firings included.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { STA, stepsOf } from "./_testing.ts";
 * const steps = stepsOf(STA, [{ type: "start" }, { type: "sta_connected" }]);
 * assert.deepEqual(steps.map((s) => s.after.sta), ["connecting", "associated"]);
 * ```
 */
export function stepsOf(config: unknown, inputs: readonly TestInput[]): Step[] {
  let state: State = createState({ config, device: DEVICE });
  const out: Step[] = [];
  let at = 0;
  for (const untimed of inputs) {
    at = untimed.at ?? at + 10;
    for (const applied of advance(state, { ...untimed, at } as Input)) {
      out.push({
        before: state,
        input: applied.input,
        after: applied.state,
        effects: applied.effects,
        secrets: [],
      });
      state = applied.state;
    }
  }
  return out;
}

/** The last step of a run. */
export function lastStep(config: unknown, inputs: readonly TestInput[]): Step {
  return stepsOf(config, inputs).at(-1)!;
}

/**
 * What the invariant `name` says of `step`: null, or its message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lastStep, STA, verdict } from "./_testing.ts";
 * assert.equal(verdict("station_live", lastStep(STA, [{ type: "start" }])), null);
 * ```
 */
export function verdict(name: string, step: Step): string | null {
  const invariant = INVARIANTS.find((i) => i.name === name);
  if (invariant === undefined) throw new Error(`Cannot check: no invariant "${name}"`);
  return invariant.check(step);
}

/** `step` with its state after changed by `change`: a core that behaved otherwise. */
export function otherwise(step: Step, change: Partial<State>): Step {
  return { ...step, after: { ...step.after, ...change } };
}
