/**
 * Replaying a trace through the core: pure, streaming, one output record per applied input and
 * per timer fired (trace-format.md, "Replaying"). Timers whose deadline is at or before an
 * input's `at` fire first, in deadline order; a trace's end fires nothing.
 *
 * @module
 */
import type { CallbackName } from "../config/resolve.ts";
import type { Command, Effect, Reply } from "../effect.ts";
import type { Input } from "../input.ts";
import type { Json } from "../json.ts";
import type { Line } from "../limits.ts";
import type { StaStatus, State } from "../state.ts";
import { advance, type Applied } from "../advance.ts";
import { replayer, shownInput } from "./replayer.ts";

/** A diagnostic as it appears in replay output. */
export interface ReplayDiagnostic {
  readonly level: string;
  readonly code: string;
  readonly message: string;
}

/** One line of `netfsm replay --json` output. */
export interface ReplayRecord {
  readonly at: number;
  readonly input: Json;
  readonly status: StaStatus;
  readonly callbacks: readonly { readonly name: CallbackName; readonly args: readonly Json[] }[];
  readonly commands: readonly Command[];
  readonly reply: Reply | null;
  /** Present only when the step emitted diagnostics (an addition to trace-format.md's fields). */
  readonly diagnostics?: readonly ReplayDiagnostic[];
}

/** What a replay yields: a record, or the error that ended it. */
export type ReplayEvent =
  | {
    readonly kind: "record";
    readonly record: ReplayRecord;
    /** The step in full: the state before and after, the input as applied, the effects. */
    readonly before: State;
    readonly applied: Applied;
    /** The trace line whose input this is (a timer fired before it carries its number too). */
    readonly line: number;
    readonly state: State;
  }
  | { readonly kind: "error"; readonly line: number; readonly message: string };

/**
 * The output record for one applied input and the effects it caused.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toRecord } from "./replay.ts";
 * import { createState } from "../state.ts";
 * const state = createState({ config: {}, device: { mac: "24:0a:c4:12:34:56" } });
 * const record = toRecord({ type: "stop", at: 7 }, state, [{ type: "reply", to: "stop", reply: "ok" }]);
 * assert.deepEqual(record, { at: 7, input: { type: "stop" }, status: "stopped", callbacks: [], commands: [], reply: "ok" });
 * ```
 */
export function toRecord(input: Input, state: State, effects: readonly Effect[]): ReplayRecord {
  const at = input.at;
  const callbacks: { name: CallbackName; args: readonly Json[] }[] = [];
  const commands: Command[] = [];
  const diagnostics: ReplayDiagnostic[] = [];
  let reply: Reply | null = null;
  for (const effect of effects) {
    if (effect.type === "callback") callbacks.push({ name: effect.name, args: effect.args });
    else if (effect.type === "command") commands.push(effect.command);
    else if (effect.type === "reply") reply = effect.reply;
    else if (effect.type === "diagnostic") {
      diagnostics.push({ level: effect.level, code: effect.code, message: effect.message });
    }
  }
  const record = {
    at,
    input: shownInput(input),
    status: state.sta,
    callbacks,
    commands,
    reply,
  };
  return diagnostics.length > 0 ? { ...record, diagnostics } : record;
}

/**
 * Applies `input` after firing every timer due by its `at`; returns the final state and one record
 * per applied input, each with the state after it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "../state.ts";
 * import { replayInput } from "./replay.ts";
 * const state = createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } });
 * const [next, records] = replayInput(state, { type: "start", at: 0 });
 * assert.equal(next.sta, "connecting");
 * assert.equal(records.length, 1);
 * ```
 */
export function replayInput(state: State, input: Input): readonly [State, readonly ReplayRecord[]] {
  const steps = advance(state, input);
  return [steps[steps.length - 1]!.state, steps.map((s) => toRecord(s.input, s.state, s.effects))];
}

/**
 * Replays trace lines as they arrive. Yields a record for every applied input and timer; on a
 * malformed line yields one error naming its line number, and stops. A line longer than
 * `MAX_LINE_BYTES` (or `OVERLONG` in its place, see limits.ts) is such a line; so is one nested
 * deeper than `MAX_DEPTH`. No error quotes the line: it may hold a psk.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { replayLines } from "./replay.ts";
 * const lines = [
 *   '{"trace": "netfsm", "version": 1, "config": {"ap": {"ap_started": true}}, "device": {"mac": "24:0a:c4:12:34:56"}}',
 *   '{"at": 0, "type": "start"}',
 *   '{"at": 40, "type": "ap_started"}',
 *   '{"at": 30, "type": "stop"}',
 * ];
 * const events = [];
 * for await (const event of replayLines(lines)) events.push(event);
 * assert.equal(events.length, 3);
 * assert.deepEqual(events[2], { kind: "error", line: 4, message: '"at" runs backwards: 30 comes after 40' });
 * ```
 */
export async function* replayLines(
  lines: AsyncIterable<Line> | Iterable<Line>,
): AsyncGenerator<ReplayEvent> {
  const replay = replayer();
  for await (const line of lines) {
    for (const event of replay.feed(line)) {
      if (event.kind === "error") {
        yield event;
        return;
      }
      const { before, applied } = event;
      const record = toRecord(applied.input, applied.state, applied.effects);
      yield { kind: "record", record, before, applied, line: event.line, state: applied.state };
    }
  }
  const error = replay.end();
  if (error !== undefined) yield error;
}
