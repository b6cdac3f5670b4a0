/**
 * What one line of a device's serial log says, in any dialect netfsm reads: each dialect's reader
 * is asked in turn (dialects/), the first that knows the line answers.
 *
 * @module
 */
import { type Dialect, PATTERNS, type Reader, type Said } from "./dialect.ts";
import { arduino } from "./dialects/arduino.ts";
import { atomvm } from "./dialects/atomvm.ts";
import { espAt } from "./dialects/esp_at.ts";
import { espHosted } from "./dialects/esp_hosted.ts";
import { espIdf } from "./dialects/esp_idf.ts";
import { esphome } from "./dialects/esphome.ts";
import { micropython } from "./dialects/micropython.ts";
import { tasmota } from "./dialects/tasmota.ts";

export type { Dialect, Said };
export { timestampOf } from "./stamp.ts";

/**
 * The readers, in the order they are asked. A dialect whose lines embed another's goes first
 * (AtomVM's driver runs on ESP-IDF, ESPHome and Tasmota on ESP-IDF or Arduino).
 */
export const READERS: readonly Reader[] = [
  esphome,
  tasmota,
  micropython,
  espIdf,
  atomvm,
  arduino,
  espAt,
  espHosted,
];

/** Every pattern the importer uses (stamps and all dialects), for the linearity test. */
export const IMPORT_PATTERNS: readonly RegExp[] = PATTERNS;

/**
 * What `line` says, or null when netfsm does not know it. Every pattern it uses runs in linear
 * time (dialect.ts), so no line, however crafted, costs more than a pass or two over it per
 * dialect.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recognize } from "./recognize.ts";
 * assert.deepEqual(recognize("I (60000) wifi:state: run -> init (0xc800)"), { kind: "event", event: { type: "sta_disconnected", reason: 200 }, dialect: "esp-idf", inferred: ["reason"] });
 * assert.deepEqual(recognize('+STA_CONNECTED:"3C:22:FB:01:02:03"'), { kind: "event", event: { type: "ap_sta_connected", mac: "3c:22:fb:01:02:03" }, dialect: "esp-at" });
 * assert.equal(recognize("I (71) boot: End of partition table"), null);
 * ```
 */
export function recognize(line: string): Said | null {
  for (const reader of READERS) {
    const said = reader.read(line);
    if (said !== null) return said;
  }
  return null;
}
