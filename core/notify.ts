/**
 * Callback effects, emitted only for the callbacks the configuration registered.
 *
 * @module
 */
import type { CallbackName } from "./config/resolve.ts";
import type { Effect } from "./effect.ts";
import type { Json } from "./json.ts";
import type { State } from "./state.ts";

const NO_ARGS: readonly Json[] = Object.freeze([]);

/**
 * Appends the callback effect to `effects` when `name` is registered in the running state.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "./mod.ts";
 * import { notify } from "./notify.ts";
 * const [running] = step(createState({ config: { ap: { ap_started: true } }, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * const effects: unknown[] = [];
 * notify(running, effects as never[], "ap_started");
 * notify(running, effects as never[], "sta_connected", "aa:bb:cc:dd:ee:ff");
 * assert.deepEqual(effects, [{ type: "callback", name: "ap_started", args: [] }]);
 * ```
 */
export function notify(state: State, effects: Effect[], name: CallbackName, arg?: Json): void {
  if (state.active?.callbacks[name] !== true) return;
  effects.push({ type: "callback", name, args: arg === undefined ? NO_ARGS : [arg] });
}
