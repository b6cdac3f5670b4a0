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
 * It never throws: it walks without recursion, so any depth is safe; a cycle is copied as a
 * cycle; a `__proto__` key stays a key. A value it cannot read (a getter or proxy that throws)
 * comes back as `"<redacted>"` whole, since what it held cannot be known to be no secret.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactSecrets } from "./redact.ts";
 * assert.deepEqual(redactSecrets({ sta: { ssid: "home", psk: "secret12" } }), { sta: { ssid: "home", psk: "<redacted>" } });
 * ```
 */
export function redactSecrets<T>(value: T): T {
  try {
    return quickCopy(value, 0, { nodes: 0 }) as T;
  } catch (error) {
    if (error !== GIVE_UP) return REDACTED as T;
  }
  try {
    return copyRedacted(value) as T;
  } catch {
    return REDACTED as T;
  }
}

// The common case, a small tree, copied recursively: fast, and never deeper than QUICK_DEPTH
// frames. Anything deeper, cyclic, or large enough that sharing could multiply the work goes to
// the iterative copy instead.
const QUICK_DEPTH = 64;
const QUICK_NODES = 10_000;
const GIVE_UP = Symbol("give up");

function quickCopy(value: unknown, depth: number, budget: { nodes: number }): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > QUICK_DEPTH || ++budget.nodes > QUICK_NODES) throw GIVE_UP;
  if (Array.isArray(value)) return value.map((item) => quickCopy(item, depth + 1, budget));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const copy = secretKey(key, inner) ? REDACTED : quickCopy(inner, depth + 1, budget);
    setKey(out, key, copy);
  }
  return out;
}

function secretKey(key: string, inner: unknown): boolean {
  // An empty psk means an open network: that is no secret, and replays differently.
  return SECRET_KEYS.has(key) && inner !== undefined && inner !== null && inner !== "";
}

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  // Assigning "__proto__" would set the prototype (where the engine has the accessor) instead.
  if (key === "__proto__") {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else out[key] = value;
}

function copyRedacted(root: unknown): unknown {
  if (typeof root !== "object" || root === null) return root;
  const copies = new Map<object, unknown[] | Record<string, unknown>>();
  const pending: [object, unknown[] | Record<string, unknown>][] = [];
  const copyOf = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    const copy = Array.isArray(value) ? [] : {};
    copies.set(value, copy);
    pending.push([value, copy]);
    return copy;
  };
  const top = copyOf(root);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, copy] = next;
    if (Array.isArray(source)) {
      for (const item of source) (copy as unknown[]).push(copyOf(item));
      continue;
    }
    for (const [key, inner] of Object.entries(source)) {
      setKey(
        copy as Record<string, unknown>,
        key,
        secretKey(key, inner) ? REDACTED : copyOf(inner),
      );
    }
  }
  return top;
}
