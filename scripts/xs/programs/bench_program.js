/**
 * XS benchmark program: netfsm's step throughput on the XS bundle (`globalThis.netfsm`) beside a
 * bare 4-state `switch` reducer, in one machine. A data script sets `globalThis.XS_BENCH` to
 * `{ traces, netfsmSteps, switchSteps }`: the traces are decoded here, untimed, then their inputs
 * are replayed from each trace's initial state, round after round, until `netfsmSteps` steps
 * (timer firings included) have run. Prints one JSON line of figures.
 */
(() => {
  const { advance, createState } = globalThis.netfsm;
  const { decodeHeader, decodeInputLine } = globalThis.netfsmTrace;
  const { traces, netfsmSteps, switchSteps } = globalThis.XS_BENCH;
  const print = globalThis.print;

  const runs = traces.map((text) => {
    const lines = text.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
    const header = decodeHeader(JSON.parse(lines[0]));
    if (header._tag === "Left") throw new Error(header.left);
    const inputs = [];
    let at = 0;
    for (const line of lines.slice(1)) {
      const input = decodeInputLine(JSON.parse(line), at);
      if (input._tag === "Left") throw new Error(input.left);
      inputs.push(input.right);
      at = input.right.at;
    }
    // States are immutable: each round starts again from the same initial state.
    return {
      initial: createState({ config: header.right.config, device: header.right.device }),
      inputs,
    };
  });

  globalThis.gc();
  let steps = 0;
  let rounds = 0;
  let started = performance.now();
  while (steps < netfsmSteps) {
    for (const { initial, inputs } of runs) {
      let state = initial;
      for (const input of inputs) {
        const applied = advance(state, input);
        steps += applied.length;
        state = applied[applied.length - 1].state;
      }
    }
    rounds++;
  }
  const netfsmMs = performance.now() - started;

  // The baseline of toolchain.md §6, with `disconnect` back to idle so that the four events
  // cycle (cycle[i & 3]) and every one is a transition: idle -start-> connecting -assoc->
  // connected -dhcp-> got_ip -disconnect-> idle.
  const cycle = ["start", "assoc", "dhcp", "disconnect"];
  function reduce(s, e) {
    switch (s) {
      case "idle":
        return e === "start" ? "connecting" : s;
      case "connecting":
        return e === "assoc" ? "connected" : s;
      case "connected":
        return e === "dhcp" ? "got_ip" : s;
      case "got_ip":
        return e === "disconnect" ? "idle" : s;
      default:
        return s;
    }
  }
  globalThis.gc();
  let s = "idle";
  let changed = 0;
  started = performance.now();
  for (let i = 0; i < switchSteps; i++) {
    const next = reduce(s, cycle[i & 3]);
    if (next !== s) changed++;
    s = next;
  }
  const switchMs = performance.now() - started;
  if (changed !== switchSteps) throw new Error(`the switch missed ${switchSteps - changed} events`);
  print(JSON.stringify({ steps, rounds, netfsmMs, switchSteps, switchMs }));
})();
