/**
 * The pure core of netfsm: a total reducer `step(state, input) -> [state, effects]` over AtomVM's
 * network vocabulary, and the decoding of its configuration.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "./mod.ts";
 * let state = createState({
 *   config: { sta: { ssid: "home", psk: "secret12", got_ip: true } },
 *   device: { mac: "24:0a:c4:12:34:56" },
 * });
 * [state] = step(state, { type: "start", at: 0 });
 * [state] = step(state, { type: "sta_connected", at: 800 });
 * const [next, effects] = step(state, { type: "sta_got_ip", at: 1500, ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" });
 * assert.equal(next.sta, "connected");
 * assert.equal(effects[0]?.type, "callback");
 * ```
 *
 * @module
 */
export * from "./advance.ts";
export * from "./backoff.ts";
export * from "./config/problem.ts";
export * from "./config/resolve.ts";
export * from "./config/schema.ts";
export * from "./connection.ts";
export * from "./device.ts";
export * from "./effect.ts";
export * from "./input.ts";
export * from "./json.ts";
export * from "./link.ts";
export * from "./redact.ts";
export * from "./state.ts";
export * from "./step.ts";
export * from "./table.ts";
export * from "./timers.ts";
export * from "./trace/header.ts";
export * from "./trace/input_line.ts";
export * from "./trace/replay.ts";
export * from "./trace/writer.ts";
