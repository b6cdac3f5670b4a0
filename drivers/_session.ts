/**
 * For the drivers' end-to-end tests: the shell running a configuration on a driver in real time,
 * every step recorded as `netfsm replay --json` prints it, and the helpers the tests read those
 * records with. One of these serves the ESP-AT, ESP-IDF and ESP-Hosted suites alike.
 *
 * @module
 */
import type { Applied } from "../core/advance.ts";
import { type ReplayRecord, toRecord } from "../core/trace/replay.ts";
import { realClock } from "./clock.ts";
import type { Driver, DriverEvent } from "./driver.ts";
import { Shell } from "./shell.ts";

/** A run in progress. */
export interface RecordedRun {
  readonly shell: Shell;
  readonly records: ReplayRecord[];
  /** Every event the driver reported, as it reported it. */
  readonly events: DriverEvent[];
  /** Resolves once `check` holds of the records, or throws after `ms` naming `what`. */
  until(
    check: (records: readonly ReplayRecord[]) => boolean,
    what: string,
    ms?: number,
  ): Promise<void>;
  /** Stops the network (a real input, as a run ends) and closes the shell and its driver. */
  end(): Promise<void>;
}

/** Starts the network with `config` on `driver`; throws when `start` is refused. */
export function recordedRun(driver: Driver, config: unknown): RecordedRun {
  const records: ReplayRecord[] = [];
  const events: DriverEvent[] = [];
  const shell = new Shell({
    driver: {
      capabilities: driver.capabilities,
      apply: (command) => driver.apply(command),
      close: () => driver.close(),
      events: {
        subscribe: (listener) =>
          driver.events.subscribe((event) => {
            events.push(event);
            listener(event);
          }),
      },
    },
    clock: realClock(),
    config,
    onStep: (applied: Applied) =>
      records.push(toRecord(applied.input, applied.state, applied.effects)),
  });
  const reply = shell.request({ type: "start" });
  if (reply !== "ok") throw new Error(`start: ${JSON.stringify(reply)}`);
  return {
    shell,
    records,
    events,
    async until(check, what, ms = 20_000) {
      const end = Date.now() + ms;
      while (!check(records)) {
        if (Date.now() > end) {
          throw new Error(`no ${what} within ${ms} ms: ${JSON.stringify(records.map(brief))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async end() {
      if (shell.state.active !== null) shell.request({ type: "stop" });
      await shell.close();
    },
  };
}

/** A record in a few words, for failure messages. */
export function brief(record: ReplayRecord): string {
  const input = record.input as { type?: string; timer?: string };
  return `${record.at} ${input.type}${
    input.timer === undefined ? "" : ":" + input.timer
  } ${record.status}`;
}

/** The callbacks of the records, `name args` each, in order. */
export function callbacksOf(records: readonly ReplayRecord[]): string[] {
  return records.flatMap((r) => r.callbacks.map((c) => `${c.name} ${JSON.stringify(c.args)}`));
}

/** How many callbacks `name` the records hold. */
export function countCallbacks(records: readonly ReplayRecord[], name: string): number {
  return callbacksOf(records).filter((c) => c.startsWith(name + " ")).length;
}

/** The input types of the records, in order. */
export function inputsOf(records: readonly ReplayRecord[]): string[] {
  return records.map((r) => (r.input as { type: string }).type);
}
