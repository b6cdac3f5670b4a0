/**
 * A driver's events are checked as a trace's input lines are, with the trace reader's own codecs,
 * before they reach `step`: a driver is code the core does not control, and `step` trusts its
 * input's shape. What does not decode never reaches the core; the shell reports why.
 *
 * @module
 */
import { type Either, left } from "fp-ts/lib/Either.js";
import { type Input, type InputType, REQUEST_TYPES } from "../core/input.ts";
import { describeType, isRecord } from "../core/json.ts";
import { decodeInputLine, INPUT_TYPES } from "../core/trace/input_line.ts";

const NOT_FROM_A_DRIVER: Readonly<Partial<Record<InputType, string>>> = {
  timer: "the shell fires timers",
  ...Object.fromEntries(
    REQUEST_TYPES.map((type) => [type, "a request comes from the application"]),
  ),
};

/** The input types a driver may report. */
export const DRIVER_EVENT_TYPES: readonly InputType[] = INPUT_TYPES.filter((type) =>
  !Object.hasOwn(NOT_FROM_A_DRIVER, type)
);

/**
 * Decodes a driver's event, stamped `at`: the input `step` gets, or what is wrong with it. The
 * problem names the event type and the field, and describes values by type only, so it never
 * echoes what the event held; reading an event that throws (a hostile proxy) is a problem too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkDriverEvent } from "./event_check.ts";
 * assert.deepEqual(checkDriverEvent({ type: "sta_disconnected", reason: 201 }, 5), {
 *   _tag: "Right",
 *   right: { type: "sta_disconnected", at: 5, reason: 201 },
 * });
 * assert.deepEqual(checkDriverEvent({ type: "sta_rssi_measured", rssi: "-60" }, 5), {
 *   _tag: "Left",
 *   left: "driver event sta_rssi_measured: rssi must be an integer, got a string",
 * });
 * ```
 */
export function checkDriverEvent(event: unknown, at: number): Either<string, Input> {
  try {
    if (!isRecord(event)) {
      return left(`a driver event must be an object, got ${describeType(event)}`);
    }
    const type = event.type;
    if (typeof type !== "string") {
      return left(`a driver event needs a "type" naming a device event, got ${describeType(type)}`);
    }
    if (!(DRIVER_EVENT_TYPES as readonly string[]).includes(type)) return left(unexpected(type));
    const decoded = decodeInputLine({ ...event, at }, 0);
    return decoded._tag === "Left" ? left(`driver event ${decoded.left}`) : decoded;
  } catch {
    return left("a driver event that cannot be read: reading it threw");
  }
}

function unexpected(type: string): string {
  const why = Object.hasOwn(NOT_FROM_A_DRIVER, type)
    ? NOT_FROM_A_DRIVER[type as InputType]
    : undefined;
  if (why !== undefined) return `driver event type "${type}" is not a device event (${why})`;
  // A name is shown only when it looks like one: a driver's garbage may be long, or a secret.
  return /^[a-z][a-z0-9_]{0,39}$/.test(type)
    ? `unknown driver event type "${type}"`
    : `unknown driver event type (a string of ${type.length} characters)`;
}
