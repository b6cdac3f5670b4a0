/**
 * The replayer's synchronous core: one trace line in, the steps it causes out, through a
 * generator that a caller can pause between any two steps (a gap of years fires a million timers,
 * and the output of each may have to be written before the next). `replayLines` and
 * `netfsm replay` are both built on it.
 *
 * @module
 */
import type { Applied } from "../advance.ts";
import type { Effect } from "../effect.ts";
import type { Input } from "../input.ts";
import { describeJsonProblem, parseJson } from "../json_parse.ts";
import {
  type Line,
  LINE_TOO_LONG,
  lineTooLong,
  MAX_TIMERS_PER_INPUT,
  TOO_MANY_TIMERS,
} from "../limits.ts";
import type { Json } from "../json.ts";
import { redactSecrets } from "../redact.ts";
import { createState, type State } from "../state.ts";
import { step } from "../step.ts";
import { nextTimer } from "../timers.ts";
import { fastInputLine } from "./fast_input.ts";
import { toRecord } from "./replay.ts";
import { decodeHeader } from "./header.ts";
import { decodeInputLine } from "./input_line.ts";

/** One applied input of a replay, with the state before it and the trace line it came from. */
export interface ReplayStep {
  readonly kind: "step";
  readonly before: State;
  readonly applied: Applied;
  readonly line: number;
}

/** The error that ends a replay, naming its line; it never quotes the line (it may hold a psk). */
export interface ReplayError {
  readonly kind: "error";
  readonly line: number;
  readonly message: string;
}

/** Feeds a replay one line at a time; see {@link replayer}. */
export interface Replayer {
  /** The steps `line` causes, one by one; an error, if any, comes last. */
  feed(line: Line): Generator<ReplayStep | ReplayError, void, undefined>;
  /** The error for a trace that ended too soon (no header), or undefined. */
  end(): ReplayError | undefined;
}

function isSkipped(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === "" || trimmed.startsWith("#");
}

/**
 * A replay's state between lines: the header, the core's state, the last line's `at`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { replayer } from "./replayer.ts";
 * const replay = replayer();
 * const header = '{"trace": "netfsm", "version": 1, "config": {}, "device": {"mac": "24:0a:c4:12:34:56"}}';
 * assert.deepEqual([...replay.feed(header)], []);
 * const [started] = [...replay.feed('{"at": 0, "type": "start"}')];
 * assert.equal(started?.kind === "step" && started.applied.input.type, "start");
 * assert.equal(replay.end(), undefined);
 * ```
 */
export function replayer(): Replayer {
  let state: State | undefined;
  let lastAt = 0;
  let lineNumber = 0;
  const fail = (message: string): ReplayError => ({ kind: "error", line: lineNumber, message });
  return {
    *feed(line) {
      lineNumber++;
      if (lineTooLong(line)) return yield fail(LINE_TOO_LONG);
      const text = line as string;
      if (isSkipped(text)) return;
      // parseJson checks the depth of the whole line: its fields need no second look.
      const parsed = parseJson(text);
      if (parsed._tag === "Left") {
        return yield fail(describeJsonProblem(parsed.left, { line: false }));
      }
      if (state === undefined) {
        const decoded = decodeHeader(parsed.right);
        if (decoded._tag === "Left") return yield fail(decoded.left);
        state = createState({ config: decoded.right.config, device: decoded.right.device });
        return;
      }
      let input = fastInputLine(parsed.right, lastAt, true);
      if (input === undefined) {
        const decoded = decodeInputLine(parsed.right, lastAt);
        if (decoded._tag === "Left") return yield fail(decoded.left);
        input = decoded.right;
      }
      lastAt = input.at;
      // Timers fire one at a time, each yielded as it fires, so that a gap of years (periodic
      // link checks) streams instead of piling up, and a bound ends one no device could live.
      let fired = 0;
      for (
        let due = nextTimer(state);
        due !== undefined && due.at <= lastAt;
        due = nextTimer(state)
      ) {
        if (++fired > MAX_TIMERS_PER_INPUT) return yield fail(TOO_MANY_TIMERS);
        const timer: Input = { type: "timer", at: due.at, timer: due.timer };
        const before: State = state;
        const [next, effects] = step(before, timer);
        state = next;
        yield {
          kind: "step",
          before,
          applied: { input: timer, state: next, effects },
          line: lineNumber,
        };
      }
      // Every timer due by `at` has fired: what `advance` would do next is this one step.
      const before: State = state;
      const [next, effects] = step(before, input);
      state = next;
      yield { kind: "step", before, applied: { input, state: next, effects }, line: lineNumber };
    },
    end() {
      return state === undefined ? fail("the trace is empty: it needs a header line") : undefined;
    },
  };
}

// Inputs whose fields are free-form JSON (or records the codecs keep whole) may hold a psk.
const MAY_HOLD_SECRETS = new Set(["sta_connect", "scan", "scan_done"]);

/** The input as a record shows it: without `at`, a psk redacted where the input can hold one. */
export function shownInput(input: Input): Json {
  const shown: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (key !== "at") shown[key] = (input as unknown as Record<string, unknown>)[key];
  }
  return (MAY_HOLD_SECRETS.has(input.type) ? redactSecrets(shown) : shown) as Json;
}

/**
 * `JSON.stringify(toRecord(input, state, effects))`, with the psk redacted only where an input
 * can hold one: the line `netfsm replay --json` prints for one applied input.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordJson } from "./replayer.ts";
 * import { createState } from "../state.ts";
 * const state = createState({ config: {}, device: { mac: "24:0a:c4:12:34:56" } });
 * assert.equal(recordJson({ type: "stop", at: 7 }, state, [{ type: "reply", to: "stop", reply: "ok" }]), '{"at":7,"input":{"type":"stop"},"status":"stopped","callbacks":[],"commands":[],"reply":"ok"}');
 * ```
 */
export function recordJson(input: Input, state: State, effects: readonly Effect[]): string {
  return JSON.stringify(toRecord(input, state, effects));
}
