/**
 * Runs an API case: starts a network on a hostile driver under a virtual clock, plays its script,
 * stops it, and reports what came out. Besides the general promises (nothing escapes, no psk in
 * any diagnostic, error, reply, recorded line or hook's input), the API's own: the driver is
 * closed after `stop()` and after a failed start, every wait settles once the network stops, no
 * callback runs after `stop()` returns, and callbacks get arguments of their documented shapes.
 *
 * @module
 */
import { type Either, isLeft } from "fp-ts/lib/Either.js";
import * as api from "../../drivers/api.ts";
import { VirtualClock } from "../../drivers/clock.ts";
import { Network } from "../../drivers/network.ts";
import type { Config, StartOptions } from "../../drivers/app_config.ts";
import type { Device } from "../../core/device.ts";
import type { ApiCase, Op } from "./api_case.ts";
import { act, type Reach, realize, show } from "./api_values.ts";
import { badArguments } from "./callback_shapes.ts";
import { HostileDriver } from "./hostile_driver.ts";
import { leakAt } from "./planted.ts";
import { describeThrown, takeStray } from "./stray.ts";
import { nextTurn, settleWithin, type TurnBudget } from "./turns.ts";
import type { Outcome } from "./verdict.ts";

/** How long stop() may take on the virtual clock: longer than any deadline it waits out. */
const STOP_SECONDS = 600;

/** The API's budget: the work moves on (virtual time, steps, commands) or it hangs. */
export const API_BUDGET: TurnBudget = { idle: 60, total: 3_000 };

/** Past this many characters a channel keeps only what shows the psk: memory stays bounded. */
const CHANNEL_CHARS = 2_000_000;

/** What the run collects, as it goes. */
class Collected {
  progress = 0;
  stopped = false;
  readonly escaped: string[] = [];
  readonly broken: string[] = [];
  readonly texts: Record<string, string[]> = {};
  readonly #sizes: Record<string, number> = {};

  constructor(readonly psk: string) {}

  add(where: string, value: unknown): void {
    this.progress++;
    const text = typeof value === "string" ? value : show(value);
    const size = (this.#sizes[where] ?? 0) + text.length;
    this.#sizes[where] = size;
    if (size <= CHANNEL_CHARS || leakAt(text, this.psk) !== -1) {
      (this.texts[where] ??= []).push(text);
    }
  }
}

/**
 * Runs `input` and returns what it did.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runApi } from "./api_run.ts";
 * const outcome = await runApi({
 *   psk: "PSKLEAK12345678", entry: "network", config: { sta: { ssid: "home", psk: "PSKLEAK12345678" } },
 *   onDiagnostic: null, onStep: null, record: true, device: { mac: "24:0a:c4:12:34:56" },
 *   answers: {}, inside: null, script: [{ op: "advance", ms: 5000 }],
 * });
 * assert.deepEqual([outcome.escaped, outcome.broken, outcome.hung], [[], [], undefined]);
 * ```
 */
export async function runApi(input: ApiCase, budget: TurnBudget = API_BUDGET): Promise<Outcome> {
  takeStray();
  const got = new Collected(input.psk);
  const clock = new VirtualClock();
  let network: Network | undefined;
  let reentries = 5;
  const stop = () => input.entry === "module" ? api.stop() : network?.stop() ?? Promise.resolve();
  const reach: Reach = {
    stop: () => guard("stop() from a callback", stop(), got),
    reenter: () => {
      // A few times only, for the same reason the driver pushes only a few events from inside.
      if (reentries-- <= 0) return;
      network?.staConnect();
      void network?.scan().then((found) => got.add("reply", found));
    },
    called: (name, args) => {
      got.add("callback", { name, args });
      if (got.stopped) got.broken.push(`callback ${name} ran after stop() returned`);
      const bad = badArguments(name, args);
      if (bad !== null) got.broken.push(`callback ${name} got ${bad}`);
    },
  };
  const driver = new HostileDriver(
    input.device as Device,
    input.answers,
    realize(input.inside, reach),
  );
  // A hook sees every step, the stop's own included: one that stopped the network each time
  // would recurse for ever by itself. An application stops once, on the first thing it sees.
  let hookStopped = false;
  const hook =
    (name: "diagnostic" | "onStep", behaviour: ApiCase["onStep"]) => (value: unknown) => {
      got.add(name, name === "onStep" ? stepShown(value) : value);
      const stops = behaviour === "stop" || behaviour === "await-stop";
      if (behaviour === null || (stops && hookStopped)) return;
      if (stops) hookStopped = true;
      act(behaviour, reach);
    };
  const options: StartOptions = {
    driver,
    clock,
    onDiagnostic: hook("diagnostic", input.onDiagnostic),
    onStep: hook("onStep", input.onStep),
    ...(input.record ? { record: (line: string) => got.add("record", line) } : {}),
  };
  const config = realize(input.config, reach) as Config;
  const progress = () => got.progress + clock.now() + driver.received.length;
  const within = async (what: string, work: Promise<unknown>): Promise<boolean> => {
    const settled = await settleWithin(guard(what, work, got), progress, budget);
    return settled.settled;
  };
  let hung: string | undefined;
  try {
    const started = input.entry === "module"
      ? await api.start(config, options)
      : Network.start(config, options);
    if (isLeft(started)) {
      got.add("error", started.left);
      for (let i = 0; i < 5 && !driver.closed; i++) await nextTurn();
      if (!driver.closed) got.broken.push("start() failed and left the driver open");
      return outcome(got, undefined);
    }
    network = started.right;
  } catch (thrown) {
    got.escaped.push(`start() threw ${describeThrown(thrown)}`);
    return outcome(got, undefined);
  }
  const waits: { what: string; done: boolean }[] = [];
  for (const op of input.script) {
    if (op.op === "advance") {
      if (!await within(`advance(${op.ms})`, clock.advance(op.ms))) {
        hung = `clock.advance() never returned: advance(${op.ms})`;
        return outcome(got, hung);
      }
      continue;
    }
    try {
      const pending = call(network, op, driver, reach, got);
      if (pending !== undefined) {
        const wait = { what: op.op, done: false };
        waits.push(wait);
        void guard(op.op, pending, got).then(() => (wait.done = true));
      }
    } catch (thrown) {
      got.escaped.push(`${op.op}() threw ${describeThrown(thrown)}`);
    }
  }
  // Time goes on while the network stops, as it would on a device: a command the driver never
  // answers runs out its deadline on the clock.
  let stopped = false;
  const stopping = guard("stop()", stop(), got).then(() => (stopped = true));
  for (let second = 0; second < STOP_SECONDS && !stopped; second++) {
    if (!await within("advance while stopping", clock.advance(1000))) {
      return outcome(got, "clock.advance() never returned: while stop() ran");
    }
  }
  if (!await within("stop()", stopping)) return outcome(got, "stop() never returned");
  got.stopped = true;
  if (!driver.closed) got.broken.push("stop() returned with the driver still open");
  // Time for every wait's timeout; each must have settled by then, if not at the stop.
  if (!await within("advance after stop", clock.advance(120_000))) {
    return outcome(got, "clock.advance after stop() never returned");
  }
  for (let i = 0; i < 3; i++) await nextTurn();
  const open = waits.filter((wait) => !wait.done).map((wait) => wait.what);
  if (open.length > 0) hung = `a wait never settled after stop(): ${open.join(", ")}`;
  return outcome(got, hung);
}

/** An applied step as a hook sees it, without the state: the state holds the psk by design. */
function stepShown(applied: unknown): unknown {
  const { input, effects } = applied as { input?: unknown; effects?: unknown };
  return { input, effects };
}

/** Makes one call of the script; returns the promise of a wait, if it is one. */
function call(
  network: Network,
  op: Exclude<Op, { op: "advance" }>,
  driver: HostileDriver,
  reach: Reach,
  got: Collected,
): Promise<unknown> | undefined {
  const timeout = (value: unknown) => realize(value, reach) as number;
  const answer = (result: Either<unknown, unknown>) =>
    got.add(isLeft(result) ? "error" : "reply", result);
  switch (op.op) {
    case "emit":
      driver.emit(realize(op.event, reach));
      return undefined;
    case "staConnect":
      answer(
        network.staConnect(
          op.config === undefined ? undefined : realize(op.config, reach) as never,
        ),
      );
      return undefined;
    case "staDisconnect":
      answer(network.staDisconnect());
      return undefined;
    case "status":
      got.add("reply", [network.status, network.ip, network.staStatus()]);
      return undefined;
    case "stop":
      return network.stop();
    case "scan":
      return network.scan(realize(op.options, reach) as never, timeout(op.timeout)).then(answer);
    case "staRssi":
      return network.staRssi(timeout(op.timeout)).then(answer);
    case "waitForSta":
      return network.waitForSta(timeout(op.timeout)).then(answer);
    case "waitForAp":
      return network.waitForAp(timeout(op.timeout)).then(answer);
  }
}

/** The promise, never rejecting: a rejection is something that escaped. */
function guard(what: string, work: Promise<unknown>, got: Collected): Promise<void> {
  return work.then(() => {}, (thrown: unknown) => {
    got.escaped.push(`${what} rejected with ${describeThrown(thrown)}`);
  });
}

function outcome(got: Collected, hung: string | undefined): Outcome {
  return {
    escaped: [...got.escaped, ...takeStray()],
    ...(hung === undefined ? {} : { hung }),
    texts: Object.fromEntries(Object.entries(got.texts).map(([k, v]) => [k, v.join("\n")])),
    broken: got.broken,
  };
}
