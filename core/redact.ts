/**
 * Secrets stay out of effects. A command that needs a psk carries `"<redacted>"`; the shell swaps
 * the real one in with {@link revealCommand} at the last moment, as it hands the command to a
 * driver. So no effect, diagnostic, trace line or output ever holds a psk.
 *
 * @module
 */
import type { Command } from "./effect.ts";
import type { State } from "./state.ts";

/** What a psk looks like wherever it is shown. */
export const REDACTED = "<redacted>" as const;
/** The type of {@link REDACTED}. */
export type Redacted = typeof REDACTED;

/**
 * The command with its psk placeholders replaced by the secrets in `state`, for a driver only.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, revealCommand, step } from "./mod.ts";
 * const state = createState({ config: { sta: { ssid: "home", psk: "secret12" } }, device: { mac: "24:0a:c4:12:34:56" } });
 * const [running, effects] = step(state, { type: "start", at: 0 });
 * const connect = effects.flatMap((e) => e.type === "command" && e.command.command === "connect_sta" ? [e.command] : [])[0]!;
 * assert.equal(connect.command === "connect_sta" && connect.psk, "<redacted>");
 * const real = revealCommand(running, connect);
 * assert.equal(real.command === "connect_sta" && real.psk, "secret12");
 * ```
 */
export function revealCommand(
  state: State,
  command: Command,
): Command | { readonly [key: string]: unknown } {
  const active = state.active;
  if (active === null) return command;
  const network = active.sta?.networks[state.target];
  if (command.command === "connect_sta" && command.psk !== undefined && network?.psk != null) {
    return { ...command, psk: network.psk };
  }
  if (
    (command.command === "start_wifi" || command.command === "start_ap") &&
    command.ap?.psk !== undefined && active.ap?.psk != null
  ) {
    return { ...command, ap: { ...command.ap, psk: active.ap.psk } };
  }
  return command;
}

const SECRET_KEYS = new Set(["psk", "sta_psk", "ap_psk"]);

/**
 * A copy of a JSON value with every psk-like key's value replaced by `"<redacted>"`, at any
 * depth: for trace headers, echoed inputs, anything shown to a person or written to a file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactSecrets } from "./redact.ts";
 * assert.deepEqual(redactSecrets({ sta: { ssid: "home", psk: "secret12" } }), { sta: { ssid: "home", psk: "<redacted>" } });
 * ```
 */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactSecrets) as T;
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // An empty psk means an open network: that is no secret, and replays differently.
    const secret = SECRET_KEYS.has(key) && inner !== undefined && inner !== null && inner !== "";
    out[key] = secret ? REDACTED : redactSecrets(inner);
  }
  return out as T;
}
