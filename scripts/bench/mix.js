/**
 * The benchmark's input mix, shared by Deno and the Node runner (plain JavaScript, so that Node 20
 * runs it as it is): every example trace (examples/traces/*.jsonl) decoded with the core's own
 * trace decoders, its inputs replayed from the trace's initial state, round after round. Time
 * passes as `advance` makes it pass: the timers due before an input fire first, each a step, so
 * one round of the ten traces is 133 steps (timer 30, sta_disconnected 28, sta_connected 13,
 * sta_got_ip 13, start 10, stop 9, then the soft-AP, scan, SNTP, rssi and request inputs;
 * `describeMix` counts them from the traces themselves).
 *
 * The API is passed in (`core/mod.ts` on Deno, the npm build's `esm/core/mod.js` on Node), so one
 * loop measures either.
 *
 * @module
 */

/**
 * Decodes trace texts into runs: the initial state, the inputs, and `expanded`, the inputs with the
 * timer firings `advance` adds, as the competitors receive them.
 *
 * @example
 * ```js ignore
 * import * as core from "../../core/mod.ts";
 * const mix = loadMix(core, [{ name: "sta.jsonl", text: await Deno.readTextFile("examples/traces/sta.jsonl") }]);
 * // mix[0].expanded.length === 11
 * ```
 * @param {any} api the core: createState, advance, decodeHeader, decodeInputLine
 * @param {{ name: string, text: string }[]} traces
 */
export function loadMix(api, traces) {
  return traces.map(({ name, text }) => {
    const lines = text.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
    const header = api.decodeHeader(JSON.parse(lines[0]));
    if (header._tag === "Left") throw new Error(`${name}: ${header.left}`);
    const inputs = [];
    let at = 0;
    for (const line of lines.slice(1)) {
      const input = api.decodeInputLine(JSON.parse(line), at);
      if (input._tag === "Left") throw new Error(`${name}: ${input.left}`);
      inputs.push(input.right);
      at = input.right.at;
    }
    const { config, device } = header.right;
    const initial = api.createState({ config, device });
    // Untimed: what netfsm did, step by step, which the competitors replay and are checked on.
    const expanded = [];
    const statuses = [];
    let state = initial;
    for (const input of inputs) {
      for (const applied of api.advance(state, input)) {
        expanded.push(applied.input);
        statuses.push(applied.state.sta);
        state = applied.state;
      }
    }
    const sta = typeof config === "object" && config !== null && "sta" in config;
    return { name, initial, inputs, expanded, statuses, sta };
  });
}

/**
 * The steps of one round by input type, most frequent first (timer firings by timer name).
 *
 * @example
 * ```js ignore
 * describeMix(mix); // { steps: 133, byType: [["timer", 30], ["sta_disconnected", 28], ...] }
 * ```
 * @param {ReturnType<typeof loadMix>} mix
 */
export function describeMix(mix) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  let steps = 0;
  for (const run of mix) {
    for (const input of run.expanded) {
      counts.set(input.type, (counts.get(input.type) ?? 0) + 1);
      steps++;
    }
  }
  const byType = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { traces: mix.length, steps, byType };
}

/**
 * netfsm's loop: each trace's inputs through `advance` from its initial state, rounds until
 * `steps` steps have run; returns the steps run and a checksum the optimiser cannot drop.
 *
 * @example
 * ```js ignore
 * const { steps, ms } = netfsmLoop(core, mix, 1_000_000);
 * ```
 * @param {any} api
 * @param {ReturnType<typeof loadMix>} mix
 * @param {number} steps
 */
export function netfsmLoop(api, mix, steps) {
  const advance = api.advance;
  let done = 0;
  let check = 0;
  const started = performance.now();
  while (done < steps) {
    for (const run of mix) {
      let state = run.initial;
      const inputs = run.inputs;
      for (let i = 0; i < inputs.length; i++) {
        const applied = advance(state, inputs[i]);
        done += applied.length;
        state = applied[applied.length - 1].state;
      }
      check += state.sta.length;
    }
  }
  return { steps: done, ms: performance.now() - started, check };
}
