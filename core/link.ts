/**
 * What a connection that follows the network (connection.ts) needs to know of the core's state:
 * whether the interface it uses has an address, and why not when it lost it. Pure.
 *
 * @module
 */
import type { ConnectionInput, LinkDown } from "./connection.ts";
import type { State } from "./state.ts";

/** The interface a connection uses: the station's, or the soft-AP's. */
export type NetworkInterface = "sta" | "ap";

/** An interface as a connection sees it. */
export interface Link {
  readonly up: boolean;
  /** Its address while up; null when the device did not say (trace-format's unknown). */
  readonly address: string | null;
  /** Why it is down; null while up. */
  readonly why: LinkDown | null;
}

/** The soft-AP's own address: ESP-IDF's default, which every driver here keeps. */
export const SOFT_AP_ADDRESS = "192.168.4.1";

/**
 * The interface `iface` in `state`. The station is up while it has an address (connected, or
 * degraded after a beacon timeout: the address is still its own); the soft-AP while started.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "./state.ts";
 * import { linkOf } from "./link.ts";
 * const state = createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } });
 * assert.deepEqual(linkOf(state, "sta"), { up: false, address: null, why: "stopped" });
 * ```
 */
export function linkOf(state: State, iface: NetworkInterface): Link {
  if (state.active === null) return { up: false, address: null, why: "stopped" };
  if (iface === "ap") {
    return state.ap === "started"
      ? { up: true, address: SOFT_AP_ADDRESS, why: null }
      : { up: false, address: null, why: "ap_stopped" };
  }
  if (state.ip !== null && (state.sta === "connected" || state.sta === "degraded")) {
    return { up: true, address: state.ip.ip, why: null };
  }
  return { up: false, address: null, why: state.sta === "associated" ? "lost_ip" : "disconnected" };
}

/**
 * The connection inputs a change of link makes: `link_up` when it comes up, `link_down` (with
 * why) when it goes, both when the address changes under it (what was bound to the old one is
 * no longer reachable), and `link_down` `stopped` when the network stops.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linkInputs } from "./link.ts";
 * const up = { up: true, address: "192.168.1.20", why: null } as const;
 * const down = { up: false, address: null, why: "disconnected" } as const;
 * assert.deepEqual(linkInputs(down, up), [{ type: "link_up" }]);
 * assert.deepEqual(linkInputs(up, { ...up, address: "192.168.1.21" }), [{ type: "link_down", why: "lost_ip" }, { type: "link_up" }]);
 * ```
 */
export function linkInputs(before: Link, after: Link): ConnectionInput[] {
  if (after.why === "stopped" && before.why !== "stopped") {
    return [{ type: "link_down", why: "stopped" }];
  }
  if (before.up && after.up) {
    return before.address === after.address
      ? []
      : [{ type: "link_down", why: "lost_ip" }, { type: "link_up" }];
  }
  if (after.up) return [{ type: "link_up" }];
  if (before.up) return [{ type: "link_down", why: after.why ?? "disconnected" }];
  return [];
}
