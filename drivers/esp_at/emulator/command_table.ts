/**
 * Every command the emulator knows, and the lookup from a parsed line to its handler: an unknown
 * name is `ERR CODE:0x01090000` (not supported), a known name in a form it lacks (`AT+CWLIF?`)
 * `ERR CODE:0x010c0000`.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { AtCommand, AtForm } from "./at_line.ts";
import { BASIC_COMMANDS } from "./basic_commands.ts";
import { ERR } from "./error_codes.ts";
import { IP_COMMANDS } from "./ip_commands.ts";
import type { Handler } from "./module.ts";
import { WIFI_COMMANDS } from "./wifi_commands.ts";

const TABLE: Readonly<Record<string, Partial<Record<AtForm, Handler>>>> = {
  ...BASIC_COMMANDS,
  ...WIFI_COMMANDS,
  ...IP_COMMANDS,
};

/**
 * The handler for a command, or the error code the firmware answers it with.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { handlerFor, supportedForms } from "./command_table.ts";
 * assert.equal(handlerFor({ name: "+CWJAP", form: "set", params: [] })._tag, "Right");
 * assert.deepEqual(handlerFor({ name: "+CWLIF", form: "query", params: [] }), { _tag: "Left", left: 0x010c0000 });
 * assert.deepEqual(handlerFor({ name: "+NOPE", form: "execute", params: [] }), { _tag: "Left", left: 0x01090000 });
 * assert.ok(supportedForms().includes("AT+CWJAP?"));
 * ```
 */
export function handlerFor(command: AtCommand): Either<number, Handler> {
  const forms = Object.hasOwn(TABLE, command.name) ? TABLE[command.name] : undefined;
  if (forms === undefined) return left(ERR.UNSUPPORTED);
  const handler = forms[command.form];
  return handler === undefined ? left(ERR.OP_ERROR) : right(handler);
}

const SUFFIX: Readonly<Record<AtForm, string>> = { execute: "", query: "?", test: "=?", set: "=" };

/** Every command and form the emulator accepts, written as `AT+CWJAP?`, `AT+CWJAP=`, ... */
export function supportedForms(): string[] {
  return Object.entries(TABLE).flatMap(([name, forms]) =>
    (Object.keys(forms) as AtForm[]).map((form) => `AT${name}${SUFFIX[form]}`)
  );
}
