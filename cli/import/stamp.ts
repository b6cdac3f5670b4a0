/**
 * A log line's own time. Serial monitors and SDKs stamp lines in several ways; each is read here
 * as milliseconds on its own clock: since boot (ESP-IDF's `I (1234)`, Arduino's `[  1234][I]`),
 * or since midnight (a terminal's or an SDK's `HH:MM:SS.mmm`, ESPHome's `[HH:MM:SS]`, an ISO date
 * and time, whose day counts too).
 *
 * @module
 */
import { pattern } from "./dialect.ts";

// Optional leading space and ANSI colour (ESP-IDF colours its lines; the escape comes first).
const LEAD = "^\\s*(?:\\x1b\\[[0-9;]*m)?";

const STAMPS = {
  idf: pattern(`${LEAD}[EWIDV] \\((\\d+)\\)`),
  /** ESP-IDF's `CONFIG_LOG_TIMESTAMP_SOURCE_SYSTEM`: `I (12:34:56.789)`. */
  idfClock: pattern(`${LEAD}[EWIDV] \\((\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})\\)`),
  arduino: pattern(`${LEAD}\\[\\s*(\\d+)\\]\\[[EWIDV]\\]`),
  /** `2024-03-01 12:34:56.789`, `2024-03-01T12:34:56`, optionally in brackets. */
  date: pattern(
    `${LEAD}\\[?(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,6}))?`,
  ),
  /** `[12:34:56.789]`, `12:34:56.789 ->`, `12:34:56.789 ` (Tasmota), `[12:34:56]` (ESPHome). */
  clock: pattern(`${LEAD}\\[?(\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,6}))?\\]?`),
} as const;

const DAY_MS = 86_400_000;

function clockMs(h: string, m: string, s: string, fraction = ""): number {
  // A fraction of any length, read as milliseconds: "5" is 500, "123456" is 123.
  const ms = Number((fraction + "000").slice(0, 3));
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + ms;
}

/**
 * A line's own time in milliseconds (since boot, or since midnight of 1970-01-01 for a date), or
 * undefined when it has none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timestampOf } from "./stamp.ts";
 * assert.equal(timestampOf("I (2531) wifi:connected with home"), 2531);
 * assert.equal(timestampOf("[00:00:01.250] -> WIFI CONNECTED"), 1250);
 * assert.equal(timestampOf("got ip"), undefined);
 * ```
 */
export function timestampOf(line: string): number | undefined {
  let m = STAMPS.idf.exec(line) ?? STAMPS.arduino.exec(line);
  if (m !== null) return Number(m[1]);
  if ((m = STAMPS.idfClock.exec(line))) return clockMs(m[1]!, m[2]!, m[3]!, m[4]);
  if ((m = STAMPS.date.exec(line))) {
    const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
    return Number.isFinite(day) ? day * DAY_MS + clockMs(m[4]!, m[5]!, m[6]!, m[7]) : undefined;
  }
  if ((m = STAMPS.clock.exec(line))) return clockMs(m[1]!, m[2]!, m[3]!, m[4]);
  return undefined;
}
