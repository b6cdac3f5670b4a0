/**
 * XS test program: runs random cases through the XS bundle's core (`globalThis.netfsm`) and checks
 * every step, timer firings included, against every invariant of props/invariants/ (bundled for
 * XS as `globalThis.netfsmProps`), on frozen states as the harness does. Runs as a script after
 * both bundles and a data script that sets `globalThis.XS_RUNS` to
 * `[{ config, device, inputs, secrets, records }]`, `records` being the `replay --json` lines of
 * the run on Deno. A case passes when no invariant breaks and its records are Deno's.
 * Synchronous, so that an error escaping it gives xsnap a nonzero status; so does any failure.
 */
(() => {
  const { createState, advance } = globalThis.netfsm;
  const { violation, INVARIANTS, toRecord } = globalThis.netfsmProps;
  const print = globalThis.print;

  function deepFreeze(value) {
    if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
      Object.freeze(value);
      for (const inner of Object.values(value)) deepFreeze(inner);
    }
    return value;
  }

  let passed = 0;
  let failed = 0;
  let steps = 0;
  globalThis.XS_RUNS.forEach((run, index) => {
    try {
      let state = deepFreeze(createState({ config: run.config, device: run.device }));
      const records = [];
      for (const input of run.inputs) {
        let before = state;
        for (const applied of advance(state, deepFreeze(input))) {
          const after = deepFreeze(applied.state);
          steps++;
          const message = violation({
            before,
            input: applied.input,
            after,
            effects: applied.effects,
            secrets: run.secrets,
          });
          if (message !== null) throw new Error(`step ${steps}: ${message}`);
          records.push(JSON.stringify(toRecord(applied.input, after, applied.effects)));
          before = after;
        }
        state = before;
      }
      const got = records.join("\n");
      if (got !== run.records.join("\n")) throw new Error("its records differ from Deno's");
      passed++;
    } catch (error) {
      failed++;
      print(`FAIL run ${index}: ${error}`);
    }
  });
  print(`${steps} steps checked against ${INVARIANTS.length} invariants`);
  print(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} runs failed on XS`);
})();
