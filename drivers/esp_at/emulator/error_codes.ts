/**
 * ESP-AT's error codes, as `ERR CODE:0x%08x` prints them before `ERROR` once `AT+SYSLOG=1` is
 * set: category 0x01 in the top byte, the subcategory (esp_at_errno_t in the firmware's
 * esp_at.h) in the next, and a command-specific extension (always 0 here) in the low 16 bits.
 *
 * @module
 */

/** The codes the emulator reports, by what went wrong. */
export const ERR = {
  /** The line does not start with `AT` (or starts `at`, `At`, `aT`): ESP_AT_SUB_NO_AT. */
  NO_AT: 0x01030000,
  /** A string out of its length bounds, or a line over 256 bytes: ESP_AT_SUB_PARA_LENGTH_MISMATCH. */
  LENGTH_MISMATCH: 0x01040000,
  /** A string where an integer belongs, or the reverse: ESP_AT_SUB_PARA_TYPE_MISMATCH. */
  TYPE_MISMATCH: 0x01050000,
  /** Too many parameters, or a required one left out: ESP_AT_SUB_PARA_NUM_MISMATCH. */
  NUM_MISMATCH: 0x01060000,
  /** A number out of range or a value the command does not take: ESP_AT_SUB_PARA_INVALID. */
  PARA_INVALID: 0x01070000,
  /** An unterminated string, a bare comma in one, junk after a quote: ESP_AT_SUB_PARA_PARSE_FAIL. */
  PARSE_FAIL: 0x01080000,
  /** No such command: ESP_AT_SUB_UNSUPPORT_CMD. */
  UNSUPPORTED: 0x01090000,
  /** The command cannot run now (the wrong Wi-Fi mode, say): ESP_AT_SUB_CMD_EXEC_FAIL. */
  EXEC_FAIL: 0x010a0000,
  /** The command has no such form (`AT+CWLIF?`): ESP_AT_SUB_CMD_OP_ERROR. */
  OP_ERROR: 0x010c0000,
} as const;

/**
 * The line the firmware prints for a code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ERR, errCodeLine } from "./error_codes.ts";
 * assert.equal(errCodeLine(ERR.UNSUPPORTED), "ERR CODE:0x01090000");
 * ```
 */
export function errCodeLine(code: number): string {
  return `ERR CODE:0x${code.toString(16).padStart(8, "0")}`;
}
