/**
 * Input lines of a trace: `{"at": ms, "type": ..., fields}`. Each type's fields are checked, so a
 * malformed line is reported precisely instead of reaching the core.
 *
 * @module
 */
import * as t from "io-ts";
import { type Either, isLeft, left, right } from "fp-ts/lib/Either.js";
import { macCodec } from "../device.ts";
import { type Input, type InputType, TIMER_NAMES, type TimerName } from "../input.ts";
import { describeType, isRecord, type Json } from "../json.ts";
import { clip, exceedsDepth, TOO_DEEP } from "../limits.ts";
import { toProblems } from "../config/problem.ts";

function checked<A>(
  name: string,
  is: (u: unknown) => u is A,
  expected: string,
): t.Type<A, A, unknown> {
  return new t.Type<A, A, unknown>(
    name,
    is,
    (u, c) => is(u) ? t.success(u) : t.failure(u, c, `must be ${expected}, got ${describeType(u)}`),
    t.identity,
  );
}

const str = checked("string", (u): u is string => typeof u === "string", "a string");
const int = checked("integer", (u): u is number => Number.isSafeInteger(u), "an integer");
/** A dotted IPv4 address, each octet 0 to 255 without leading zeros. */
export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ipv4 = checked(
  "ipv4",
  (u): u is string => typeof u === "string" && IPV4.test(u),
  "a dotted IPv4 address",
);
// Whoever decodes a line (the replayer, a shell checking a driver's event), a free-form field is
// bounded in depth: the redaction and printing downstream walk it.
const json = new t.Type<Json, Json, unknown>(
  "json",
  (u): u is Json => u !== undefined && !exceedsDepth(u),
  (u, c) => {
    if (u === undefined) return t.failure(u, c, "must be JSON, got nothing");
    return exceedsDepth(u) ? t.failure(u, c, TOO_DEEP) : t.success(u as Json);
  },
  t.identity,
);
const scanResult = t.type({
  ssid: str,
  bssid: macCodec,
  rssi: int,
  channel: int,
  authmode: str,
  hidden: t.boolean,
});
/**
 * A value the device or log did not show, written `null` (trace-format.md, "Unknown values"): a
 * field that must be there but whose value netfsm was not told.
 */
function orUnknown<A>(codec: t.Type<A, A, unknown>): t.Type<A | null, A | null, unknown> {
  return new t.Type<A | null, A | null, unknown>(
    `${codec.name} or null`,
    (u): u is A | null => u === null || codec.is(u),
    (u, c) => u === null ? t.success(null) : codec.validate(u, c),
    t.identity,
  );
}

/** Fields with `required` and `optional` keys; unknown keys are dropped (later versions may add some). */
function shape(required: t.Props = {}, optional: t.Props = {}): t.Mixed {
  return t.exact(t.intersection([t.type(required), t.partial(optional)]));
}

/** The fields of each input type, beyond `at` and `type`. */
const FIELDS: Readonly<Record<InputType, t.Mixed>> = {
  start: shape(),
  stop: shape(),
  sta_connect: shape({}, { config: json }),
  sta_disconnect: shape(),
  scan: shape({}, { options: json }),
  sta_rssi: shape(),
  sta_connected: shape({}, { ssid: str, bssid: macCodec, channel: int, aid: int }),
  sta_disconnected: shape({}, { reason: int }),
  sta_beacon_timeout: shape(),
  sta_got_ip: shape({ ip: orUnknown(ipv4), netmask: orUnknown(ipv4), gw: orUnknown(ipv4) }),
  sta_lost_ip: shape(),
  sta_got_ip6: shape({ ip6: str }),
  ap_started: shape(),
  ap_stopped: shape(),
  ap_sta_connected: shape({ mac: macCodec }, { aid: int }),
  ap_sta_disconnected: shape({ mac: macCodec }, { reason: int }),
  ap_sta_ip_assigned: shape({ ip: ipv4 }, { mac: macCodec }),
  sntp_sync: shape({ sec: orUnknown(int), usec: orUnknown(int) }),
  scan_done: shape({}, { networks: t.array(scanResult), found: int, error: str }),
  sta_rssi_measured: shape({ rssi: int }),
  driver_failed: shape({ error: str }, { command: str }),
  timer: shape({
    timer: t.keyof(Object.fromEntries(TIMER_NAMES.map((name) => [name, null])) as Record<
      TimerName,
      null
    >),
  }),
};

/** Every input type a version 1 trace may hold. */
export const INPUT_TYPES: readonly InputType[] = Object.keys(FIELDS) as InputType[];

/**
 * Decodes one parsed input line. `after` is the previous line's `at`: time must not run backwards.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeInputLine } from "./input_line.ts";
 * const input = decodeInputLine({ at: 5, type: "ap_sta_connected", mac: "AA:BB:CC:DD:EE:FF" }, 0);
 * assert.deepEqual(input._tag === "Right" && input.right, { type: "ap_sta_connected", at: 5, mac: "aa:bb:cc:dd:ee:ff" });
 * assert.equal(decodeInputLine({ at: 5, type: "sta_got_ip", ip: "1.2.3" }, 0)._tag, "Left");
 * ```
 */
export function decodeInputLine(value: unknown, after: number): Either<string, Input> {
  if (!isRecord(value)) {
    return left(`an input line must be a JSON object, got ${describeType(value)}`);
  }
  const { at, type, ...rest } = value;
  if (typeof at !== "number" || !Number.isSafeInteger(at) || at < 0) {
    const got = typeof at === "number" && Number.isSafeInteger(at) ? `${at}` : describeType(at);
    return left(`"at" must be a whole number of milliseconds, 0 or more, got ${got}`);
  }
  if (at < after) return left(`"at" runs backwards: ${at} comes after ${after}`);
  if (typeof type !== "string") {
    return left(`"type" must be a string naming the input, got ${describeType(type)}`);
  }
  const fields = Object.hasOwn(FIELDS, type) ? FIELDS[type as InputType] : undefined;
  if (fields === undefined) return left(`unknown input type "${clip(type)}"`);
  const decoded = fields.decode(rest);
  if (isLeft(decoded)) {
    return left(
      `${type}: ` + toProblems(decoded.left, type).map((p) => `${p.path} ${p.message}`).join("; "),
    );
  }
  return right({ type, at, ...(decoded.right as object) } as Input);
}
