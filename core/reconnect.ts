/**
 * Rule: this file alone decides whether and when the station reconnects after a disconnect.
 *
 * Today it follows the seed: the driver reconnected at once after every disconnect, whatever the
 * application did. A configurable policy (backoff, reasons) replaces this function's body, and
 * nothing else, when it arrives.
 *
 * @module
 */
import type { InputOf } from "./input.ts";
import type { State } from "./state.ts";

/** When to reconnect: in how many milliseconds, or `null` for not at all. */
export type ReconnectDelay = number | null;

/**
 * The delay before reconnecting after `event`, in milliseconds; 0 means now.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "./state.ts";
 * import { reconnectDelay } from "./reconnect.ts";
 * const state = createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } });
 * assert.equal(reconnectDelay(state, { type: "sta_disconnected", at: 0 }), 0);
 * ```
 */
export function reconnectDelay(_state: State, _event: InputOf<"sta_disconnected">): ReconnectDelay {
  return 0;
}
