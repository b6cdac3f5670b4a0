/**
 * The common case of {@link decodeInputLine}, checked by hand: a well-formed input line becomes
 * the very input the io-ts codecs would give (same keys, same order, MACs lower-cased, unknown
 * keys dropped). Anything it is unsure of gives `undefined`, and the caller asks the codecs,
 * which also word the error. So this decides nothing the codecs would decide otherwise.
 *
 * @module
 */
import type { Input, InputType } from "../input.ts";
import { MAC_PATTERN } from "../device.ts";
import { TIMER_NAMES } from "../input.ts";
import { exceedsDepth } from "../limits.ts";
import { IPV4 } from "./input_line.ts";

// The same patterns as the codecs', so that a line either path accepts reads the same.
const MAC = MAC_PATTERN;
const TIMERS: ReadonlySet<string> = new Set(TIMER_NAMES);

/** A field's check: the value to keep, or FAIL. */
type Check = (value: unknown, depthChecked: boolean) => unknown;
const FAIL = Symbol("fail");

const str: Check = (u) => typeof u === "string" ? u : FAIL;
const int: Check = (u) => Number.isSafeInteger(u) ? u : FAIL;
const ipv4: Check = (u) => typeof u === "string" && IPV4.test(u) ? u : FAIL;
const ipv4OrNull: Check = (u) => u === null ? null : ipv4(u, false);
const intOrNull: Check = (u) => u === null ? null : int(u, false);
const mac: Check = (u) => typeof u === "string" && MAC.test(u) ? u.toLowerCase() : FAIL;
const json: Check = (u, depthChecked) =>
  u !== undefined && (depthChecked || !exceedsDepth(u)) ? u : FAIL;
const timer: Check = (u) => typeof u === "string" && TIMERS.has(u) ? u : FAIL;

interface Fields {
  readonly required: readonly string[];
  readonly checks: Readonly<Record<string, Check>>;
}

function fields(
  required: Record<string, Check> = {},
  optional: Record<string, Check> = {},
): Fields {
  return { required: Object.keys(required), checks: { ...required, ...optional } };
}

// input_line.ts's FIELDS, by hand; scan_done (a list of records, rare) is left to the codecs.
const FAST: Readonly<Partial<Record<InputType, Fields>>> = {
  start: fields(),
  stop: fields(),
  sta_connect: fields({}, { config: json }),
  sta_disconnect: fields(),
  scan: fields({}, { options: json }),
  sta_rssi: fields(),
  sta_connected: fields({}, { ssid: str, bssid: mac, channel: int, aid: int }),
  sta_disconnected: fields({}, { reason: int }),
  sta_beacon_timeout: fields(),
  sta_got_ip: fields({ ip: ipv4OrNull, netmask: ipv4OrNull, gw: ipv4OrNull }),
  sta_lost_ip: fields(),
  sta_got_ip6: fields({ ip6: str }),
  ap_started: fields(),
  ap_stopped: fields(),
  ap_sta_connected: fields({ mac }, { aid: int }),
  ap_sta_disconnected: fields({ mac }, { reason: int }),
  ap_sta_ip_assigned: fields({ ip: ipv4 }, { mac }),
  sntp_sync: fields({ sec: intOrNull, usec: intOrNull }),
  sta_rssi_measured: fields({ rssi: int }),
  driver_failed: fields({ error: str }, { command: str }),
  timer: fields({ timer }),
};

/**
 * The input a well-formed line decodes to, or `undefined` when only the codecs can say. With
 * `depthChecked`, the whole value is known to be within the depth limit (parseJson checked it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fastInputLine } from "./fast_input.ts";
 * assert.deepEqual(fastInputLine({ at: 5, type: "ap_sta_connected", mac: "AA:BB:CC:DD:EE:FF" }, 0), { type: "ap_sta_connected", at: 5, mac: "aa:bb:cc:dd:ee:ff" });
 * assert.equal(fastInputLine({ at: 5, type: "sta_got_ip", ip: "1.2.3" }, 0), undefined);
 * ```
 */
export function fastInputLine(
  value: unknown,
  after: number,
  depthChecked = false,
): Input | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const { at, type } = record;
  if (!Number.isSafeInteger(at) || (at as number) < 0 || (at as number) < after) return undefined;
  if (typeof type !== "string" || !Object.hasOwn(FAST, type)) return undefined;
  const shape = FAST[type as InputType]!;
  const out: Record<string, unknown> = { type, at };
  let found = 0;
  for (const key of Object.keys(record)) {
    if (key === "at" || key === "type") continue;
    // A key the codecs strip; "__proto__" is left to them rather than assigned here.
    if (!Object.hasOwn(shape.checks, key)) {
      if (key === "__proto__") return undefined;
      continue;
    }
    const kept = shape.checks[key]!(record[key], depthChecked);
    if (kept === FAIL) return undefined;
    out[key] = kept;
    found++;
  }
  // Every required field there (the optional ones found count too, so compare by name).
  if (found < shape.required.length) return undefined;
  for (const key of shape.required) if (!Object.hasOwn(out, key)) return undefined;
  return out as unknown as Input;
}
