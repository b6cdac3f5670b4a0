/**
 * Property: a simulated shell that carries out decideConnection's actions against a world that
 * resolves opens late, fails them, ends sockets and fires timers in any order, and that hears
 * stale reports too, never opens without an address, never holds two live sockets, never keeps
 * a socket after `close` or a stop, and never has a retry armed unless backing off.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type ConnectionInput,
  type ConnectionPolicy,
  createConnection,
  decideConnection,
  type LinkDown,
} from "../core/connection.ts";

type Step =
  | { readonly kind: "link_up" }
  | { readonly kind: "link_down"; readonly why: LinkDown }
  | { readonly kind: "close" }
  /** The world resolves the pending open at `index` (modulo their number). */
  | { readonly kind: "resolve"; readonly index: number; readonly ok: boolean }
  /** The live socket ends by itself. */
  | { readonly kind: "end"; readonly error: boolean }
  | { readonly kind: "fire" }
  /** A report out of nowhere: a stale or made-up generation. */
  | { readonly kind: "stale"; readonly input: ConnectionInput };

const generation = fc.integer({ min: -1, max: 12 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "link_up" } as const) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<LinkDown>("disconnected", "lost_ip", "ap_stopped", "stopped")
      .map((why) => ({ kind: "link_down", why } as const)),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "close" } as const) },
  {
    weight: 6,
    arbitrary: fc.record({ index: fc.nat(4), ok: fc.boolean() })
      .map((r) => ({ kind: "resolve", ...r } as const)),
  },
  { weight: 2, arbitrary: fc.boolean().map((error) => ({ kind: "end", error } as const)) },
  { weight: 3, arbitrary: fc.constant({ kind: "fire" } as const) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      generation.map((g): ConnectionInput => ({ type: "socket_opened", generation: g })),
      generation.map((g): ConnectionInput => ({
        type: "socket_failed",
        generation: g,
        error: "x",
      })),
      generation.map((g): ConnectionInput => ({ type: "socket_closed", generation: g })),
      generation.map((g): ConnectionInput => ({ type: "retry_due", generation: g })),
    ).map((input) => ({ kind: "stale", input } as const)),
  },
);

const policy: fc.Arbitrary<ConnectionPolicy> = fc.record({
  initial_ms: fc.integer({ min: 1, max: 5000 }),
  multiplier: fc.integer({ min: 1, max: 4 }),
  jitter: fc.constantFrom(0, 0.1, 0.5, 1),
}).chain((p) =>
  fc.integer({ min: p.initial_ms, max: 100_000 }).map((max_ms) => ({ ...p, max_ms }))
);

/** The shell and its world: opens under way, live sockets, the armed timer. */
function simulate(seed: number, p: ConnectionPolicy, steps: readonly Step[]): void {
  let state = createConnection(seed);
  const pending: number[] = [];
  const live = new Set<number>();
  let timer: number | undefined;
  /** Whether the interface has an address, as the inputs have said. */
  let link = false;
  const apply = (input: ConnectionInput, label: string) => {
    if (input.type === "link_up") link = true;
    if (input.type === "link_down") link = false;
    const before = state;
    const [next, actions] = decideConnection(state, input, p);
    state = next;
    for (const action of actions) {
      if (action.action === "open") {
        assert.ok(link, `${label}: a socket opened while the interface has no address`);
        pending.push(action.generation);
      }
      if (action.action === "close_socket") live.delete(action.generation);
      if (action.action === "arm_retry") {
        assert.equal(timer, undefined, `${label}: a second retry armed`);
        assert.ok(action.delay_ms >= 1 && action.delay_ms <= p.max_ms, label);
        const low = Math.max(1, Math.floor(p.initial_ms * (1 - p.jitter)));
        assert.ok(action.delay_ms >= low, `${label}: ${action.delay_ms} < ${low}`);
        timer = action.generation;
      }
      if (action.action === "disarm_retry") timer = undefined;
    }
    if (before.phase === "closed") assert.deepEqual(state, before, label);
    if (!link) {
      assert.ok(
        state.phase === "waiting" || state.phase === "closed",
        `${label}: ${state.phase} with no address`,
      );
    }
    assert.ok(live.size <= 1, `${label}: two live sockets`);
    for (const g of live) {
      assert.equal(state.phase, "open", `${label}: a socket kept while ${state.phase}`);
      assert.equal(g, state.generation, label);
    }
    assert.equal(
      timer !== undefined,
      state.phase === "backing_off",
      `${label}: timer while ${state.phase}`,
    );
    const opens = pending.filter((g) => g === state.generation);
    assert.ok(opens.length <= 1, label);
  };
  steps.forEach((s, i) => {
    const label = `step ${i} ${JSON.stringify(s)}`;
    switch (s.kind) {
      case "link_up":
        return apply({ type: "link_up" }, label);
      case "link_down":
        return apply({ type: "link_down", why: s.why }, label);
      case "close":
        return apply({ type: "close" }, label);
      case "resolve": {
        if (pending.length === 0) return;
        const [g] = pending.splice(s.index % pending.length, 1) as [number];
        if (!s.ok) {
          return apply({ type: "socket_failed", generation: g, error: "ECONNREFUSED" }, label);
        }
        live.add(g);
        return apply({ type: "socket_opened", generation: g }, label);
      }
      case "end": {
        const [g] = [...live];
        if (g === undefined) return;
        live.delete(g);
        return apply({
          type: "socket_closed",
          generation: g,
          ...(s.error ? { error: "EPIPE" } : {}),
        }, label);
      }
      case "fire": {
        if (timer === undefined) return;
        const g = timer;
        timer = undefined;
        return apply({ type: "retry_due", generation: g }, label);
      }
      case "stale": {
        // A report of a socket the world never opened must not open one either.
        if (
          "generation" in s.input &&
          (pending.includes(s.input.generation) || live.has(s.input.generation))
        ) return;
        if ("generation" in s.input && s.input.generation === state.generation) return;
        return apply(s.input, label);
      }
    }
  });
  // The world settles: every open under way succeeds late; then the connection closes.
  apply({ type: "close" }, "final close");
  while (pending.length > 0) {
    const g = pending.shift()!;
    live.add(g);
    apply({ type: "socket_opened", generation: g }, "late open");
  }
  assert.equal(live.size, 0, "a socket left open after close");
  assert.equal(timer, undefined, "a retry left armed after close");
}

Deno.test("any order of reports from the world leaves at most one live socket and nothing after close", () => {
  fc.assert(
    fc.property(fc.nat(), policy, fc.array(step, { maxLength: 60 }), simulate),
    { numRuns: 2000 },
  );
});
