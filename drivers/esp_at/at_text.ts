/**
 * The text of ESP-AT's protocol: how a string parameter is written on the wire, and how the
 * fields of the lines the firmware prints are read back. Pure functions, no I/O.
 *
 * @module
 */

/**
 * A string parameter as ESP-AT reads it: in double quotes, with `\`, `,` and `"` escaped by a
 * backslash (the firmware's parser splits on unescaped commas even inside quotes).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quoteAt } from "./at_text.ts";
 * assert.equal(quoteAt('my "net", 2'), '"my \\"net\\"\\, 2"');
 * assert.equal(quoteAt("a\\b"), '"a\\\\b"');
 * ```
 */
export function quoteAt(value: string): string {
  return `"${value.replace(/[\\,"]/g, (c) => "\\" + c)}"`;
}

/**
 * A command line's bytes, CR LF included, and its length check: ESP-AT takes at most 256 bytes
 * a command (its own buffer); a longer one is refused by the firmware, so netfsm refuses it
 * first, naming only the command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeCommand } from "./at_text.ts";
 * const ok = encodeCommand("AT+CWQAP");
 * assert.equal(ok._tag === "Right" && new TextDecoder().decode(ok.right), "AT+CWQAP\r\n");
 * assert.equal(encodeCommand("AT+CWJAP=" + "x".repeat(300))._tag, "Left");
 * ```
 */
export function encodeCommand(
  line: string,
): { _tag: "Left"; left: string } | { _tag: "Right"; right: Uint8Array } {
  const bytes = new TextEncoder().encode(line + "\r\n");
  if (bytes.length > MAX_COMMAND_BYTES) {
    return {
      _tag: "Left",
      left: `${
        commandName(line)
      } would be ${bytes.length} bytes; ESP-AT takes at most ${MAX_COMMAND_BYTES}`,
    };
  }
  return { _tag: "Right", right: bytes };
}

/** The most bytes ESP-AT reads as one command, CR LF included. */
export const MAX_COMMAND_BYTES = 256;

/**
 * A command's name without its parameters, safe to show: `AT+CWJAP="home","secret"` is
 * `AT+CWJAP`. Messages name commands this way, so a psk on the wire never reaches one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandName } from "./at_text.ts";
 * assert.equal(commandName('AT+CWJAP="home","secret12",,,0'), "AT+CWJAP");
 * assert.equal(commandName("AT+CIPSTA?"), "AT+CIPSTA?");
 * assert.equal(commandName("ATE0"), "ATE0");
 * ```
 */
export function commandName(line: string): string {
  const match = /^AT(\+[A-Z0-9_]+\??|[A-Z0-9]*)/.exec(line);
  return match === null ? "a command" : "AT" + match[1];
}

/**
 * The value of a quoted field as the firmware prints it: `"192.168.4.1"` is `192.168.4.1`.
 * Returns undefined for a field that is not in quotes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unquote } from "./at_text.ts";
 * assert.equal(unquote('"ab:cd"'), "ab:cd");
 * assert.equal(unquote("3"), undefined);
 * ```
 */
export function unquote(field: string): string | undefined {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"')
    ? field.slice(1, -1)
    : undefined;
}
