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
import { describeJsonProblem, parseJson } from "../json_parse.ts";
import {
  type Line,
  LINE_TOO_LONG,
  lineTooLong,
  MAX_TIMERS_PER_INPUT,
  TOO_MANY_TIMERS,
} from "../limits.ts";
import { redactSecrets } from "../redact.ts";
import { createState, type StaStatus, type State } from "../state.ts";
import { advance, type Applied } from "../advance.ts";
import { step } from "../step.ts";
import { nextTimer } from "../timers.ts";
import { decodeHeader, type TraceHeader } from "./header.ts";
import { decodeInputLine } from "./input_line.ts";

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
  const { at, ...shown } = input;
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
    input: redactSecrets(shown) as Json,
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

function isSkipped(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === "" || trimmed.startsWith("#");
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
  let header: TraceHeader | undefined;
  let state: State | undefined;
  let lastAt = 0;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (lineTooLong(line)) {
      yield { kind: "error", line: lineNumber, message: LINE_TOO_LONG };
      return;
    }
    const text = line as string;
    if (isSkipped(text)) continue;
    const parsed = parseJson(text);
    if (parsed._tag === "Left") {
      const message = describeJsonProblem(parsed.left, { line: false });
      yield { kind: "error", line: lineNumber, message };
      return;
    }
    if (header === undefined || state === undefined) {
      const decoded = decodeHeader(parsed.right);
      if (decoded._tag === "Left") {
        yield { kind: "error", line: lineNumber, message: decoded.left };
        return;
      }
      header = decoded.right;
      state = createState({ config: header.config, device: header.device });
      continue;
    }
    const input = decodeInputLine(parsed.right, lastAt);
    if (input._tag === "Left") {
      yield { kind: "error", line: lineNumber, message: input.left };
      return;
    }
    lastAt = input.right.at;
    // Timers fire one at a time, each yielded as it fires, so that a gap of years (periodic
    // link checks) streams instead of piling up, and a bound ends one no device could live.
    let fired = 0;
    for (
      let due = nextTimer(state);
      due !== undefined && due.at <= lastAt;
      due = nextTimer(state)
    ) {
      if (++fired > MAX_TIMERS_PER_INPUT) {
        yield { kind: "error", line: lineNumber, message: TOO_MANY_TIMERS };
        return;
      }
      const timer: Input = { type: "timer", at: due.at, timer: due.timer };
      const before = state;
      const [next, effects] = step(state, timer);
      state = next;
      const applied: Applied = { input: timer, state, effects };
      const record = toRecord(timer, state, effects);
      yield { kind: "record", record, before, applied, line: lineNumber, state };
    }
    for (const applied of advance(state, input.right)) {
      const before = state;
      state = applied.state;
      yield {
        kind: "record",
        record: toRecord(applied.input, applied.state, applied.effects),
        before,
        applied,
        line: lineNumber,
        state,
      };
    }
  }
  if (header === undefined) {
    yield {
      kind: "error",
      line: lineNumber,
      message: "the trace is empty: it needs a header line",
    };
  }
}
