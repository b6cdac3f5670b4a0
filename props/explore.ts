/**
 * Exhaustive exploration: every input sequence over a small alphabet, up to a depth, for a
 * station, an access point, and both (with a fallback AP), each step checked against every
 * invariant.
 *
 * Breadth first, each distinct state expanded once, at the shallowest depth it is reached. That
 * covers every sequence: the invariants look at one step, and a step's outcome depends only on
 * the state and the input. A state's key leaves out absolute time (timers and failure times are
 * kept relative to it), and the jitter generator's state when jitter is zero, where it cannot
 * change anything. A broken invariant is written as a trace that `netfsm replay` runs.
 *
 * Usage: deno task explore [--depth N]
 *
 * @module
 */
import { advance } from "../core/advance.ts";
import type { Input, Untimed } from "../core/input.ts";
import { createState, type State } from "../core/state.ts";
import { headerLine, inputLine } from "../core/trace/writer.ts";
import { violation } from "./invariants.ts";

/** A letter of the alphabet: an input, and how long after the previous one it comes. */
export interface Letter {
  readonly input: Untimed;
  readonly gap: number;
}

/** What to explore. */
export interface Space {
  readonly name: string;
  readonly config: unknown;
  readonly alphabet: readonly Letter[];
  readonly secrets: readonly string[];
}

/** What an exploration covered, and the first problem it found. */
export interface Exploration {
  readonly name: string;
  readonly depth: number;
  /** Every sequence of 1 to `depth` letters: all are covered. */
  readonly sequences: number;
  readonly states: number;
  readonly transitions: number;
  readonly failure: { readonly message: string; readonly inputs: readonly Input[] } | null;
}

const DEVICE = { mac: "24:0a:c4:12:34:56" };
const IP_A = { ip: "192.168.1.20", netmask: "255.255.255.0", gw: "192.168.1.1" };
const IP_B = { ip: "192.168.1.21", netmask: "255.255.255.0", gw: "192.168.1.1" };
const SECRET = "§explore-secret";
const NOW = 100;
// A pause long enough for any pending timer to fire; the input itself changes nothing.
const WAIT: Letter = { input: { type: "sntp_sync", sec: 0, usec: 0 }, gap: 400_000 };

const letters = (...inputs: Untimed[]): Letter[] => inputs.map((input) => ({ input, gap: NOW }));

/** The three spaces the issue asks for: a station, an access point, and both. */
export const SPACES: readonly Space[] = [
  {
    name: "sta",
    config: {
      sta: {
        ssid: "home",
        psk: SECRET,
        connected: true,
        disconnected: true,
        got_ip: true,
        beacon_timeout: true,
        scan_done: true,
        reconnect: { jitter: 0 },
      },
    },
    secrets: [SECRET, "§other-secret"],
    alphabet: [
      ...letters(
        { type: "start" },
        { type: "stop" },
        { type: "sta_connect", config: { ssid: "office", psk: "§other-secret" } },
        { type: "sta_disconnect" },
        { type: "scan" },
        { type: "sta_connected", channel: 6 },
        { type: "sta_disconnected", reason: 201 },
        { type: "sta_disconnected", reason: 8 },
        { type: "sta_beacon_timeout" },
        { type: "sta_got_ip", ...IP_A },
        { type: "sta_got_ip", ...IP_B },
        { type: "sta_lost_ip" },
        { type: "scan_done", found: 0, networks: [] },
        { type: "driver_failed", command: "connect_sta", error: "ESP_ERR_WIFI_CONN" },
      ),
      WAIT,
    ],
  },
  {
    name: "ap",
    config: {
      ap: {
        psk: SECRET,
        max_connections: 2,
        ap_started: true,
        sta_connected: true,
        sta_disconnected: true,
        sta_ip_assigned: true,
      },
    },
    secrets: [SECRET],
    alphabet: [
      ...letters(
        { type: "start" },
        { type: "stop" },
        { type: "ap_started" },
        { type: "ap_stopped" },
        { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03" },
        { type: "ap_sta_connected", mac: "f0:18:98:aa:bb:cc" },
        { type: "ap_sta_connected", mac: "00:11:22:33:44:55" },
        { type: "ap_sta_disconnected", mac: "3c:22:fb:01:02:03" },
        { type: "ap_sta_disconnected", mac: "f0:18:98:aa:bb:cc" },
        { type: "ap_sta_ip_assigned", ip: "192.168.4.2" },
        { type: "sta_connect" },
      ),
      WAIT,
    ],
  },
  {
    name: "sta+ap",
    config: {
      sta: {
        ssid: "home",
        psk: SECRET,
        connected: true,
        disconnected: true,
        got_ip: true,
        reconnect: { jitter: 0 },
      },
      ap: {
        psk: "§ap-secret",
        fallback_after_ms: 30_000,
        ap_started: true,
        sta_connected: true,
        sta_disconnected: true,
      },
    },
    secrets: [SECRET, "§ap-secret"],
    alphabet: [
      ...letters(
        { type: "start" },
        { type: "stop" },
        { type: "sta_connect" },
        { type: "sta_disconnect" },
        { type: "sta_connected", channel: 11 },
        { type: "sta_disconnected", reason: 201 },
        { type: "sta_got_ip", ...IP_A },
        { type: "sta_beacon_timeout" },
        { type: "ap_started" },
        { type: "ap_stopped" },
        { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03" },
        { type: "ap_sta_disconnected", mac: "3c:22:fb:01:02:03" },
      ),
      WAIT,
    ],
  },
];

/** The key of a state, without absolute time. */
function keyOf(state: State): string {
  const now = state.now;
  const timers = Object.fromEntries(
    Object.entries(state.timers).map(([name, at]) => [name, (at ?? now) - now]),
  );
  const health = state.health.map((h) => ({ failures: h.failures, ago: now - h.since }));
  const jitterless = (state.active?.sta?.reconnect.jitter ?? 0) === 0;
  const retry = jitterless ? state.retry.attempt : state.retry;
  const { config: _c, device: _d, now: _n, ...rest } = state;
  return JSON.stringify({ ...rest, timers, health, retry });
}

/**
 * Explores `space` to `depth`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { explore, SPACES } from "./explore.ts";
 * const result = explore(SPACES[1]!, 3);
 * assert.equal(result.failure, null);
 * assert.equal(result.sequences, 12 + 12 ** 2 + 12 ** 3);
 * ```
 */
export function explore(space: Space, depth: number): Exploration {
  const start = createState({ config: space.config, device: DEVICE });
  const seen = new Map<string, { state: State; path: readonly Input[] }>([[keyOf(start), {
    state: start,
    path: [],
  }]]);
  let frontier = [seen.get(keyOf(start))!];
  let transitions = 0;
  for (let level = 0; level < depth; level++) {
    const next: typeof frontier = [];
    for (const { state, path } of frontier) {
      for (const letter of space.alphabet) {
        const input = { ...letter.input, at: state.now + letter.gap } as Input;
        let before = state;
        for (const applied of advance(state, input)) {
          transitions++;
          const message = violation({
            before,
            input: applied.input,
            after: applied.state,
            effects: applied.effects,
            secrets: space.secrets,
          });
          if (message !== null) {
            return {
              name: space.name,
              depth,
              sequences: 0,
              states: seen.size,
              transitions,
              failure: { message, inputs: [...path, input] },
            };
          }
          before = applied.state;
        }
        const key = keyOf(before);
        if (!seen.has(key)) {
          const entry = { state: before, path: [...path, input] };
          seen.set(key, entry);
          next.push(entry);
        }
      }
    }
    frontier = next;
  }
  let sequences = 0;
  for (let k = 1; k <= depth; k++) sequences += space.alphabet.length ** k;
  return { name: space.name, depth, sequences, states: seen.size, transitions, failure: null };
}

/** Writes a failing sequence as a trace; returns its path. */
export function writeFailure(space: Space, inputs: readonly Input[]): string {
  const dir = ".test-results/counterexamples";
  Deno.mkdirSync(dir, { recursive: true });
  const path = `${dir}/explore-${space.name.replace("+", "-")}.jsonl`;
  const lines = [headerLine(space.config, DEVICE), ...inputs.map(inputLine)];
  Deno.writeTextFileSync(path, lines.join("\n") + "\n");
  return path;
}

if (import.meta.main) {
  const at = Deno.args.indexOf("--depth");
  const depth = at >= 0 ? Number(Deno.args[at + 1]) : 10;
  let failed = false;
  for (const space of SPACES) {
    const started = performance.now();
    const result = explore(space, depth);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.failure !== null) {
      failed = true;
      const path = writeFailure(space, result.failure.inputs);
      Deno.stdout.writeSync(
        new TextEncoder().encode(
          `${space.name}: ${result.failure.message}\n  the sequence is in ${path}; run: netfsm replay ${path}\n`,
        ),
      );
      continue;
    }
    const line =
      `${space.name}: depth ${depth}, ${space.alphabet.length} inputs: ${
        result.sequences.toLocaleString("en")
      } sequences, ` +
      `${result.states.toLocaleString("en")} distinct states, ${
        result.transitions.toLocaleString("en")
      } steps checked (${seconds} s)\n`;
    Deno.stdout.writeSync(new TextEncoder().encode(line));
  }
  Deno.exit(failed ? 1 : 0);
}
