/**
 * A received command line made safe to log: the password of `AT+CWJAP=` and `AT+CWSAP=` (their
 * second parameter) becomes `<redacted>`. A line the parser cannot read that may carry one loses
 * everything after `=`.
 *
 * @module
 */
import { parseAtLine } from "./at_line.ts";

const CARRIES_SECRET = /^at\+cw(jap|sap)=/i;

/**
 * The line with its password replaced.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactLine } from "./redact_line.ts";
 * assert.equal(redactLine('AT+CWJAP="home","secret12",,,0'), 'AT+CWJAP="home",<redacted>,,,0');
 * assert.equal(redactLine('AT+CWSAP="esp","12345678",5,3'), 'AT+CWSAP="esp",<redacted>,5,3');
 * assert.equal(redactLine('AT+CWJAP="home","sec,ret"'), "AT+CWJAP=<redacted>");
 * assert.equal(redactLine("AT+CWMODE=1"), "AT+CWMODE=1");
 * ```
 */
export function redactLine(line: string): string {
  const prefix = CARRIES_SECRET.exec(line)?.[0];
  if (prefix === undefined) return line;
  const parsed = parseAtLine(line);
  const password = parsed._tag === "Right" ? parsed.right.params[1] : undefined;
  if (parsed._tag === "Left" || parsed.right.form !== "set") return `${prefix}<redacted>`;
  if (password === undefined || password.kind === "empty") return line;
  return line.slice(0, password.span.start) + "<redacted>" + line.slice(password.span.end);
}
