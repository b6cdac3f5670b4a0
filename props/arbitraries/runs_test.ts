import assert from "node:assert/strict";
import fc from "fast-check";
import { advance } from "../../core/advance.ts";
import { createState, type State } from "../../core/state.ts";
import { roamingRunArb, type RunCase } from "./runs.ts";

/** The run's states and effects, by the core alone: these tests are about the runs, not checks. */
function play(run: RunCase) {
  let state: State = createState({ config: run.config, device: run.device });
  const applied = run.inputs.flatMap((input) => {
    const steps = advance(state, input);
    state = steps.at(-1)!.state;
    return steps;
  });
  return { state, applied };
}

Deno.test("a roaming run begins on a lesser network, with an address", () => {
  for (const run of fc.sample(roamingRunArb(0), { numRuns: 100, seed: 1 })) {
    const { state, applied } = play(run);
    assert.equal(state.sta, "connected");
    const networks = (run.config as { sta: { networks: { ssid: string; priority: number }[] } })
      .sta.networks;
    const second = [...networks].sort((a, b) => b.priority - a.priority)[1]!.ssid;
    const joins = applied.flatMap((a) =>
      a.effects.flatMap((e) =>
        e.type === "command" && e.command.command === "connect_sta" ? [e.command.ssid] : []
      )
    );
    assert.equal(joins.at(-1), second);
  }
});

Deno.test("roaming runs move to a better network now and then", () => {
  const runs = fc.sample(roamingRunArb(), { numRuns: 300, seed: 1 });
  const moved = runs.filter((run) =>
    play(run).applied.some((a) =>
      a.effects.some((e) => e.type === "diagnostic" && e.code === "roam")
    )
  );
  assert.ok(moved.length > 5, `${moved.length} of 300 runs roamed`);
});
