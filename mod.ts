/**
 * netfsm: AtomVM's WiFi network manager (`network_fsm`) as a pure state machine, with its
 * configuration decoding and trace replay.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "./mod.ts";
 * const state = createState({ config: { ap: { psk: "12345678", ap_started: true } }, device: { mac: "24:0a:c4:12:34:56" } });
 * const [running, effects] = step(state, { type: "start", at: 0 });
 * assert.equal(running.ap, "starting");
 * assert.equal(effects.at(-1)?.type, "reply");
 * ```
 *
 * @module
 */
export * from "./core/mod.ts";
