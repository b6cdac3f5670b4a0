/**
 * The competitors, each over the same loop as netfsm's (mix.js): every trace of the mix from its
 * initial state, round after round, one event per netfsm step. Plain JavaScript shared by Deno and
 * the Node runner.
 *
 * What they model: the station's status as the mix drives it, with the same inputs as events
 * (netfsm's decoded inputs, timer firings included, so the step counts are equal):
 * stopped -start-> connecting (inactive when the trace configures no station), connecting
 * -sta_connected-> associated -sta_got_ip-> connected, any joined or joining status
 * -sta_disconnected-> disconnected -timer(reconnect) or sta_connect-> connecting, connected
 * -sta_disconnect-> disconnected, and every running status -stop-> stopped; every other input
 * (soft-AP, scan, SNTP, rssi, ...) is a no-op. On the mix they agree with netfsm's status on 131
 * of the 133 steps of a round (competitors_test.ts checks it).
 *
 * What they leave out, and netfsm does: effects as data (no commands, no callbacks' events), the
 * timers themselves (arming, cancelling and deadlines: a firing is just an event here), backoff
 * and jitter, configuration decoding on start, managed mode (a managed station's start waits in
 * `disconnected` for `sta_connect`), networks and fallback, the soft-AP and its
 * stations, scans, SNTP, addresses, `degraded` and `disconnecting` (folded into `connected`), and
 * the input validation of a total reducer. They are as small as each library allows, so the
 * ratios flatter the competitors, not netfsm.
 *
 * Per run: XState's actor is created and started each time (netfsm's `start` decodes its
 * configuration each time); XState's pure `transition()` starts from an initial snapshot made
 * once, untimed, as netfsm starts from a state made once; robot3 interprets afresh each time.
 *
 * @module
 */
import { createActor, createMachine, initialTransition, transition as xTransition } from "xstate";
import { createMachine as robotMachine, guard, interpret, state, transition } from "robot3";

const STOP = { stop: "stopped" };

/** The XState v5 machine. */
export const xstateMachine = createMachine({
  id: "station",
  context: ({ input }) => ({ sta: input.sta }),
  initial: "stopped",
  states: {
    stopped: {
      on: { start: [{ target: "connecting", guard: ({ context }) => context.sta }, "inactive"] },
    },
    inactive: { on: STOP },
    connecting: {
      on: { sta_connected: "associated", sta_disconnected: "disconnected", ...STOP },
    },
    associated: { on: { sta_got_ip: "connected", sta_disconnected: "disconnected", ...STOP } },
    connected: {
      on: { sta_disconnected: "disconnected", sta_disconnect: "disconnected", ...STOP },
    },
    disconnected: {
      on: {
        timer: { target: "connecting", guard: ({ event }) => event.timer === "reconnect" },
        sta_connect: "connecting",
        ...STOP,
      },
    },
  },
});

const stop = () => transition("stop", "stopped");

/** The robot3 machine. */
export const robotStation = robotMachine("stopped", {
  stopped: state(
    transition("start", "connecting", guard((ctx) => ctx.sta)),
    transition("start", "inactive"),
  ),
  inactive: state(stop()),
  connecting: state(
    transition("sta_connected", "associated"),
    transition("sta_disconnected", "disconnected"),
    stop(),
  ),
  associated: state(
    transition("sta_got_ip", "connected"),
    transition("sta_disconnected", "disconnected"),
    stop(),
  ),
  connected: state(
    transition("sta_disconnected", "disconnected"),
    transition("sta_disconnect", "disconnected"),
    stop(),
  ),
  disconnected: state(
    transition("timer", "connecting", guard((_ctx, event) => event.timer === "reconnect")),
    transition("sta_connect", "connecting"),
    stop(),
  ),
}, (initial) => ({ sta: initial.sta }));

/**
 * The bare switch: the same statuses and events, by hand.
 *
 * @example
 * ```js ignore
 * switchStep("stopped", { type: "start", at: 0 }, true); // "connecting"
 * ```
 * @param {string} s @param {{ type: string, timer?: string }} e @param {boolean} sta
 */
export function switchStep(s, e, sta) {
  const type = e.type;
  switch (s) {
    case "stopped":
      return type === "start" ? (sta ? "connecting" : "inactive") : s;
    case "inactive":
      return type === "stop" ? "stopped" : s;
    case "connecting":
      if (type === "sta_connected") return "associated";
      if (type === "sta_disconnected") return "disconnected";
      return type === "stop" ? "stopped" : s;
    case "associated":
      if (type === "sta_got_ip") return "connected";
      if (type === "sta_disconnected") return "disconnected";
      return type === "stop" ? "stopped" : s;
    case "connected":
      if (type === "sta_disconnected" || type === "sta_disconnect") return "disconnected";
      return type === "stop" ? "stopped" : s;
    case "disconnected":
      if (type === "timer") return e.timer === "reconnect" ? "connecting" : s;
      if (type === "sta_connect") return "connecting";
      return type === "stop" ? "stopped" : s;
    default:
      return s;
  }
}

/** Each competitor's status after every event of one run, for the fairness check. */
export function competitorStatuses(run) {
  const out = { xstateActor: [], xstateTransition: [], robot3: [], switch: [] };
  const actor = createActor(xstateMachine, { input: { sta: run.sta } }).start();
  let snapshot = initialTransition(xstateMachine, { sta: run.sta })[0];
  const service = interpret(robotStation, () => {}, { sta: run.sta });
  let s = "stopped";
  for (const event of run.expanded) {
    actor.send(event);
    out.xstateActor.push(actor.getSnapshot().value);
    snapshot = xTransition(xstateMachine, snapshot, event)[0];
    out.xstateTransition.push(snapshot.value);
    service.send(event);
    out.robot3.push(service.machine.current);
    s = switchStep(s, event, run.sta);
    out.switch.push(s);
  }
  actor.stop();
  return out;
}

function loop(mix, steps, runOne) {
  let done = 0;
  let check = 0;
  const started = performance.now();
  while (done < steps) {
    for (const run of mix) {
      check += runOne(run).length;
      done += run.expanded.length;
    }
  }
  return { steps: done, ms: performance.now() - started, check };
}

/** XState v5, an actor: createActor, start, send each event, getSnapshot. */
export function xstateActorLoop(mix, steps) {
  return loop(mix, steps, (run) => {
    const actor = createActor(xstateMachine, { input: { sta: run.sta } }).start();
    const events = run.expanded;
    for (let i = 0; i < events.length; i++) actor.send(events[i]);
    const value = actor.getSnapshot().value;
    actor.stop();
    return value;
  });
}

/** XState v5's pure `transition(machine, snapshot, event)`. */
export function xstateTransitionLoop(mix, steps) {
  const initials = new Map(mix.map((run) => [run, initialTransition(xstateMachine, run)[0]]));
  return loop(mix, steps, (run) => {
    let snapshot = initials.get(run);
    const events = run.expanded;
    for (let i = 0; i < events.length; i++) {
      snapshot = xTransition(xstateMachine, snapshot, events[i])[0];
    }
    return snapshot.value;
  });
}

/** robot3: interpret, send each event. */
export function robot3Loop(mix, steps) {
  return loop(mix, steps, (run) => {
    const service = interpret(robotStation, () => {}, { sta: run.sta });
    const events = run.expanded;
    for (let i = 0; i < events.length; i++) service.send(events[i]);
    return service.machine.current;
  });
}

/** The bare switch. */
export function switchLoop(mix, steps) {
  return loop(mix, steps, (run) => {
    let s = "stopped";
    const events = run.expanded;
    const sta = run.sta;
    for (let i = 0; i < events.length; i++) s = switchStep(s, events[i], sta);
    return s;
  });
}
