/**
 * Exhaustive exploration: every input sequence over a small alphabet, up to a depth, for a
 * station, an access point, both (with a fallback AP), and a roaming station (explore/spaces.ts),
 * each step checked against every invariant.
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
import type { Input, TimerName } from "../core/input.ts";
import { createState, type State } from "../core/state.ts";
import { nextTimer } from "../core/timers.ts";
import { headerLine, inputLine } from "../core/trace/writer.ts";
import { type Letter, type Space, SPACES } from "./explore/spaces.ts";
import { violation } from "./invariants.ts";

export { type Letter, type Space, SPACES } from "./explore/spaces.ts";

/** What an exploration covered, and the first problem it found. */
export interface Exploration {
  readonly name: string;
  readonly depth: number;
  /** Every sequence of 1 to `depth` letters: all are covered. */
  readonly sequences: number;
  readonly states: number;
  readonly transitions: number;
  /** The timers that fired somewhere in the exploration: what its time letters reached. */
  readonly fired: readonly TimerName[];
  readonly failure: { readonly message: string; readonly inputs: readonly Input[] } | null;
}

const DEVICE = { mac: "24:0a:c4:12:34:56" };

/** How long after `state`'s time `letter` comes. */
function gapOf(letter: Letter, state: State): number {
  if (letter.gap !== "next_timer") return letter.gap;
  const next = nextTimer(state);
  return next === undefined ? 0 : Math.max(0, next.at - state.now);
}

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
 * const n = SPACES[1]!.alphabet.length;
 * assert.equal(result.sequences, n + n ** 2 + n ** 3);
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
  const fired = new Set<TimerName>();
  for (let level = 0; level < depth; level++) {
    const next: typeof frontier = [];
    for (const { state, path } of frontier) {
      for (const letter of space.alphabet) {
        const input = { ...letter.input, at: state.now + gapOf(letter, state) } as Input;
        let before = state;
        for (const applied of advance(state, input)) {
          transitions++;
          if (applied.input.type === "timer") fired.add(applied.input.timer);
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
              fired: [...fired],
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
  return {
    name: space.name,
    depth,
    sequences,
    states: seen.size,
    transitions,
    fired: [...fired],
    failure: null,
  };
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
