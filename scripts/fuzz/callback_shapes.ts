/**
 * The arguments each callback is documented to get (README, "Using netfsm from TypeScript"): a
 * driver's event of the wrong shape must not reach the application as a malformed argument.
 *
 * @module
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isInteger = (value: unknown) => Number.isSafeInteger(value);

function ipInfo(value: unknown): boolean {
  return isObject(value) &&
    ["ip", "netmask", "gw"].every((key) => typeof value[key] === "string" && IPV4.test(value[key]));
}

function scanReport(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (typeof value.error === "string") return true;
  return isInteger(value.found) && (value.found as number) >= 0 && Array.isArray(value.networks) &&
    value.networks.every((network) =>
      isObject(network) && typeof network.ssid === "string" && isInteger(network.rssi) &&
      isInteger(network.channel)
    );
}

function disconnect(value: unknown): boolean {
  return value === null ||
    (isObject(value) && (value.reason === null || isInteger(value.reason)) &&
      typeof value.name === "string" && typeof value.class === "string");
}

const SHAPES: Readonly<Record<string, (args: readonly unknown[]) => boolean>> = {
  connected: (args) => args.length === 0,
  beacon_timeout: (args) => args.length === 0,
  ap_started: (args) => args.length === 0,
  disconnected: (args) => args.length === 1 && disconnect(args[0]),
  got_ip: (args) => args.length === 1 && ipInfo(args[0]),
  got_ip6: (args) => args.length === 1 && typeof args[0] === "string",
  scan_done: (args) => args.length === 1 && scanReport(args[0]),
  synchronized: (args) =>
    args.length === 1 && isObject(args[0]) && isInteger(args[0].sec) && isInteger(args[0].usec),
  sta_connected: (args) => args.length === 1 && typeof args[0] === "string" && MAC.test(args[0]),
  sta_disconnected: (args) => args.length === 1 && typeof args[0] === "string" && MAC.test(args[0]),
  sta_ip_assigned: (args) => args.length === 1 && typeof args[0] === "string" && IPV4.test(args[0]),
};

/**
 * What is wrong with the arguments callback `name` got, by the kind of value (never the value:
 * it may be anything); null when they have the documented shape, or the name is not a callback.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { badArguments } from "./callback_shapes.ts";
 * assert.equal(badArguments("got_ip", [{ ip: "10.0.0.2", netmask: "255.0.0.0", gw: "10.0.0.1" }]), null);
 * assert.equal(badArguments("got_ip", [{ ip: 5, netmask: null }]), "malformed arguments (an object)");
 * ```
 */
export function badArguments(name: string, args: readonly unknown[]): string | null {
  const shape = Object.hasOwn(SHAPES, name) ? SHAPES[name] : undefined;
  if (shape === undefined || shape(args)) return null;
  const kinds = args.map((arg) =>
    arg === null
      ? "null"
      : Array.isArray(arg)
      ? "an array"
      : `a${/^[aeiou]/.test(typeof arg) ? "n" : ""} ${typeof arg}`
  );
  return `malformed arguments (${kinds.join(", ") || "none"})`;
}
