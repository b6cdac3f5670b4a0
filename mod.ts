/**
 * netfsm: AtomVM's WiFi network manager (`network_fsm`) as a pure state machine, with the shell
 * that runs it against a driver (a simulated ESP32 by default) and the application API.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { start, stop, VirtualClock } from "./mod.ts";
 * const clock = new VirtualClock();
 * const seen: (string | null)[] = [];
 * const started = await start({ sta: { ssid: "home", psk: "secret12", got_ip: (ip) => seen.push(ip.ip) } }, { clock });
 * assert.equal(started._tag, "Right");
 * await clock.advance(5000);
 * assert.equal(seen.length, 1);
 * await stop();
 * ```
 *
 * @module
 */
export * from "./core/mod.ts";
export * from "./drivers/clock.ts";
export * from "./drivers/driver.ts";
export * from "./drivers/mock/mock_driver.ts";
export * from "./drivers/mock/scenario.ts";
export * from "./drivers/mock/world.ts";
export * from "./drivers/api.ts";
export * from "./drivers/app_config.ts";
export * from "./drivers/network.ts";
export * from "./drivers/shell.ts";
export * from "./drivers/simulate.ts";
