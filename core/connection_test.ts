import assert from "node:assert/strict";
import {
  type ConnectionAction,
  type ConnectionInput,
  type ConnectionPolicy,
  type ConnectionState,
  createConnection,
  decideConnection,
  type LinkDown,
} from "./connection.ts";

const POLICY: ConnectionPolicy = { initial_ms: 500, max_ms: 30_000, multiplier: 2, jitter: 0.2 };
const WHYS: readonly LinkDown[] = ["disconnected", "lost_ip", "ap_stopped", "stopped"];

/** Runs `inputs` from a new connection; returns the state reached. */
function reach(inputs: readonly ConnectionInput[], seed = 7): ConnectionState {
  let state = createConnection(seed);
  for (const input of inputs) state = decideConnection(state, input, POLICY)[0];
  return state;
}

/** One state of each phase, and states that got there in other ways (after failures, a retry). */
const REACHED: ReadonlyArray<readonly [string, ConnectionState]> = [
  ["waiting (new)", reach([])],
  [
    "waiting (after a link_down)",
    reach([{ type: "link_up" }, { type: "link_down", why: "lost_ip" }]),
  ],
  ["opening", reach([{ type: "link_up" }])],
  [
    "opening (after a retry)",
    reach([
      { type: "link_up" },
      { type: "socket_failed", generation: 1, error: "ECONNREFUSED" },
      { type: "retry_due", generation: 1 },
    ]),
  ],
  ["open", reach([{ type: "link_up" }, { type: "socket_opened", generation: 1 }])],
  [
    "backing_off",
    reach([
      { type: "link_up" },
      { type: "socket_failed", generation: 1, error: "ECONNREFUSED" },
    ]),
  ],
  [
    "backing_off (after the peer closed)",
    reach([
      { type: "link_up" },
      { type: "socket_opened", generation: 1 },
      { type: "socket_closed", generation: 1 },
    ]),
  ],
  ["closed (application)", reach([{ type: "link_up" }, { type: "close" }])],
  ["closed (stopped)", reach([{ type: "link_down", why: "stopped" }])],
];

/** Every input, with the state's own generation and a stale one (older, and never issued). */
function inputsFor(state: ConnectionState): ConnectionInput[] {
  const inputs: ConnectionInput[] = [{ type: "link_up" }, { type: "close" }];
  for (const why of WHYS) inputs.push({ type: "link_down", why });
  for (const generation of [state.generation, state.generation - 1, state.generation + 5]) {
    inputs.push(
      { type: "socket_opened", generation },
      { type: "socket_failed", generation, error: "ECONNREFUSED" },
      { type: "socket_closed", generation },
      { type: "socket_closed", generation, error: "ECONNRESET" },
      { type: "retry_due", generation },
    );
  }
  return inputs;
}

const kinds = (actions: readonly ConnectionAction[]) => actions.map((a) => a.action);

Deno.test("the reached states cover every phase", () => {
  const phases = new Set(REACHED.map(([, state]) => state.phase));
  assert.deepEqual([...phases].sort(), ["backing_off", "closed", "open", "opening", "waiting"]);
});

for (const [name, state] of REACHED) {
  Deno.test(`decideConnection from ${name}: every input follows the table's rules`, () => {
    for (const input of inputsFor(state)) {
      const label = `${name} + ${JSON.stringify(input)}`;
      const [next, actions] = decideConnection(state, input, POLICY);
      const matching = "generation" in input && input.generation === state.generation;
      if (state.phase === "closed") {
        // Absorbing: only a socket that opens late is closed, and nothing else happens.
        assert.deepEqual(next, state, label);
        const expected = input.type === "socket_opened"
          ? [{ action: "close_socket", generation: input.generation }]
          : [];
        assert.deepEqual(actions, expected, label);
        continue;
      }
      checkRetryRules(state, next, actions, label);
      checkSocketRules(state, next, actions, input, label);
      if (input.type === "link_down" && input.why === "stopped" || input.type === "close") {
        assert.equal(next.phase, "closed", label);
      }
      if (input.type === "link_down" && input.why !== "stopped") {
        assert.equal(next.phase, "waiting", label);
      }
      if (input.type === "link_down" || input.type === "close") {
        const why = input.type === "close" ? "application" : input.why;
        const closed = actions.filter((a) => a.action === "emit" && a.event.type === "closed");
        // Closed is reported only for a socket the application had.
        assert.deepEqual(
          closed,
          state.phase === "open" ? [{ action: "emit", event: { type: "closed", why } }] : [],
          label,
        );
      }
      if (input.type === "link_up") {
        assert.equal(next.phase, state.phase === "waiting" ? "opening" : state.phase, label);
        if (state.phase === "waiting") assert.equal(next.attempt, 0, label);
      }
      if (input.type === "socket_opened" && matching && state.phase === "opening") {
        assert.equal(next.phase, "open", label);
        assert.equal(next.attempt, 0, label);
        assert.deepEqual(actions, [{ action: "emit", event: { type: "opened" } }], label);
      }
      if ("generation" in input && !matching) {
        // Stale: nothing changes, and a stale socket that opened is closed.
        assert.deepEqual(next, state, label);
        const expected = input.type === "socket_opened"
          ? [{ action: "close_socket", generation: input.generation }]
          : [];
        assert.deepEqual(actions, expected, label);
      }
    }
  });
}

/** arm_retry only on entering backing_off, with a delay in bounds; leaving it disarms. */
function checkRetryRules(
  before: ConnectionState,
  next: ConnectionState,
  actions: readonly ConnectionAction[],
  label: string,
): void {
  const arms = actions.filter((a) => a.action === "arm_retry");
  const entering = next.phase === "backing_off" && before.phase !== "backing_off";
  assert.equal(arms.length, entering ? 1 : 0, label);
  for (const arm of arms) {
    assert.equal(arm.generation, next.generation, label);
    const low = Math.max(1, Math.floor(POLICY.initial_ms * (1 - POLICY.jitter)));
    assert.ok(arm.delay_ms >= low && arm.delay_ms <= POLICY.max_ms, `${label}: ${arm.delay_ms}`);
    const retrying = actions.find((a) => a.action === "emit" && a.event.type === "retrying");
    assert.deepEqual(retrying && retrying.action === "emit" && retrying.event, {
      type: "retrying",
      in_ms: arm.delay_ms,
      attempt: next.attempt,
      error: (retrying as { event: { error: string } }).event.error,
    }, label);
    assert.equal(next.attempt, before.attempt + 1, label);
  }
  // Leaving backing_off disarms the retry, unless it is that retry firing.
  const leaving = before.phase === "backing_off" && next.phase !== "backing_off" &&
    next.phase !== "opening";
  assert.equal(kinds(actions).includes("disarm_retry"), leaving, label);
}

/** At most one socket generation is live; a socket the connection held is closed on leaving. */
function checkSocketRules(
  before: ConnectionState,
  next: ConnectionState,
  actions: readonly ConnectionAction[],
  input: ConnectionInput,
  label: string,
): void {
  const opens = actions.filter((a) => a.action === "open");
  assert.ok(opens.length <= 1, label);
  for (const open of opens) {
    assert.equal(next.phase, "opening", label);
    assert.equal(open.generation, next.generation, label);
    assert.ok(open.generation > before.generation, label);
  }
  const holding = before.phase === "opening" || before.phase === "open";
  const keeps = next.phase === "opening" || next.phase === "open";
  const closes = actions.filter((a) => a.action === "close_socket");
  if (holding && !keeps && !(input.type === "socket_failed" || input.type === "socket_closed")) {
    assert.deepEqual(closes, [{ action: "close_socket", generation: before.generation }], label);
  }
  if (keeps && next.generation !== before.generation) {
    assert.ok(!holding, `${label}: a second live socket`);
  }
  if ((next.phase === "waiting" || next.phase === "closed") && next.phase !== before.phase) {
    // Whatever the released attempt still reports is stale from now on.
    assert.ok(next.generation > before.generation, label);
  }
}

Deno.test("the backoff grows from initial_ms to max_ms, and starts over on link_up and socket_opened", () => {
  const policy = { ...POLICY, jitter: 0, max_ms: 4000 };
  let state = decideConnection(createConnection(1), { type: "link_up" }, policy)[0];
  const delays: number[] = [];
  for (let i = 0; i < 6; i++) {
    const failed: ConnectionInput = {
      type: "socket_failed",
      generation: state.generation,
      error: "ECONNREFUSED",
    };
    const [next, actions] = decideConnection(state, failed, policy);
    const arm = actions.find((a) => a.action === "arm_retry");
    delays.push(arm?.action === "arm_retry" ? arm.delay_ms : -1);
    state = decideConnection(next, { type: "retry_due", generation: next.generation }, policy)[0];
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 4000, 4000]);
  assert.equal(state.attempt, 6);
  // The link goes and comes back: the first retry is initial_ms again.
  state = decideConnection(state, { type: "link_down", why: "disconnected" }, policy)[0];
  state = decideConnection(state, { type: "link_up" }, policy)[0];
  assert.equal(state.attempt, 0);
  const fail = (s: ConnectionState) =>
    decideConnection(s, { type: "socket_failed", generation: s.generation, error: "x" }, policy);
  assert.deepEqual(fail(state)[1][0], {
    action: "arm_retry",
    generation: state.generation,
    delay_ms: 500,
  });
  // An open succeeds after failures: the next failure starts over too.
  state = fail(state)[0];
  state = decideConnection(state, { type: "retry_due", generation: state.generation }, policy)[0];
  state = decideConnection(state, { type: "socket_opened", generation: state.generation }, policy)[
    0
  ];
  assert.equal(state.attempt, 0);
  const ended = decideConnection(
    state,
    { type: "socket_closed", generation: state.generation },
    policy,
  );
  assert.deepEqual(ended[1], [
    { action: "emit", event: { type: "closed", why: "peer" } },
    { action: "arm_retry", generation: state.generation, delay_ms: 500 },
    {
      action: "emit",
      event: { type: "retrying", in_ms: 500, attempt: 1, error: "closed by the peer" },
    },
  ]);
});

Deno.test("an open socket that fails is closed with why error and its message", () => {
  const state = reach([{ type: "link_up" }, { type: "socket_opened", generation: 1 }]);
  const [next, actions] = decideConnection(
    state,
    { type: "socket_closed", generation: 1, error: "ECONNRESET" },
    POLICY,
  );
  assert.equal(next.phase, "backing_off");
  assert.deepEqual(actions[0], {
    action: "emit",
    event: { type: "closed", why: "error", error: "ECONNRESET" },
  });
  assert.equal(kinds(actions).includes("close_socket"), false, "it ended by itself");
});

Deno.test("stop closes for good: nothing afterwards opens it again", () => {
  for (const [name, state] of REACHED) {
    let [next] = decideConnection(state, { type: "link_down", why: "stopped" }, POLICY);
    assert.equal(next.phase, "closed", name);
    for (const input of inputsFor(next)) {
      const [after, actions] = decideConnection(next, input, POLICY);
      assert.ok(!kinds(actions).includes("open"), name);
      next = after;
    }
    assert.equal(next.phase, "closed", name);
  }
});

Deno.test("delays stay within [max(1, initial*(1-jitter)), max_ms] for any policy and seed", () => {
  const policies: ConnectionPolicy[] = [
    { initial_ms: 1, max_ms: 1, multiplier: 1, jitter: 1 },
    { initial_ms: 100, max_ms: 100, multiplier: 3, jitter: 0.5 },
    { initial_ms: 500, max_ms: 30_000, multiplier: 2, jitter: 0.2 },
    { initial_ms: 1000, max_ms: 600_000, multiplier: 10, jitter: 0 },
  ];
  for (const policy of policies) {
    for (let seed = 0; seed < 50; seed++) {
      let state = decideConnection(createConnection(seed * 7919), { type: "link_up" }, policy)[0];
      for (let i = 0; i < 12; i++) {
        const failed = { type: "socket_failed", generation: state.generation, error: "x" } as const;
        const [next, actions] = decideConnection(state, failed, policy);
        const arm = actions.find((a) => a.action === "arm_retry");
        assert.ok(arm?.action === "arm_retry");
        const low = Math.max(1, Math.floor(policy.initial_ms * (1 - policy.jitter)));
        assert.ok(arm.delay_ms >= low && arm.delay_ms <= policy.max_ms, JSON.stringify(policy));
        state =
          decideConnection(next, { type: "retry_due", generation: next.generation }, policy)[0];
      }
    }
  }
});
