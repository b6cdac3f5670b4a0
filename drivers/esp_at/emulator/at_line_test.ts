import assert from "node:assert/strict";
import { type AtCommand, type AtParam, parseAtLine } from "./at_line.ts";
import { ERR } from "./error_codes.ts";
import { ParamReader } from "./params.ts";

function parsed(line: string): AtCommand {
  const result = parseAtLine(line);
  if (result._tag === "Left") throw new Error(`${line}: error 0x${result.left.toString(16)}`);
  return result.right;
}

function values(params: readonly AtParam[]): (string | number | null)[] {
  return params.map((p) => (p.kind === "empty" ? null : p.value));
}

Deno.test("at_line: AT, basic commands and the four forms of an extended one", () => {
  assert.deepEqual(parsed("AT"), { name: "", form: "execute", params: [] });
  assert.deepEqual(parsed("ATE0"), { name: "E0", form: "execute", params: [] });
  assert.deepEqual(parsed("AT+CWQAP"), { name: "+CWQAP", form: "execute", params: [] });
  assert.deepEqual(parsed("AT+CWMODE?"), { name: "+CWMODE", form: "query", params: [] });
  assert.deepEqual(parsed("AT+CWMODE=?"), { name: "+CWMODE", form: "test", params: [] });
  assert.equal(parsed("AT+CWMODE=3").form, "set");
  assert.deepEqual(parsed("AT+CWLAP=").params, []);
});

Deno.test("at_line: quoted strings with the three escapes, and any other escaped character", () => {
  // The documentation's own example: SSID `ab\,c`, password `0123456789"\`.
  const command = parsed('AT+CWJAP="ab\\\\\\,c","0123456789\\"\\\\"');
  assert.deepEqual(values(command.params), ["ab\\,c", '0123456789"\\']);
  assert.deepEqual(values(parsed('AT+CWHOSTNAME="a\\b"').params), ["ab"]);
  assert.deepEqual(values(parsed('AT+CWJAP="café ☕",""').params), ["café ☕", ""]);
});

Deno.test("at_line: empty middle fields, leading and trailing", () => {
  assert.deepEqual(values(parsed('AT+CWJAP="home","secret12",,,0').params), [
    "home",
    "secret12",
    null,
    null,
    0,
  ]);
  assert.deepEqual(values(parsed("AT+CWLAP=,,,1,120,120").params), [null, null, null, 1, 120, 120]);
  assert.deepEqual(values(parsed("AT+CWRECONNCFG=1,").params), [1, null]);
});

Deno.test("at_line: integers keep their text, for timezones such as -0530 and +0800", () => {
  const [enable, zone] = parsed('AT+CIPSNTPCFG=1,-0530,"pool.ntp.org"').params;
  assert.deepEqual(enable, { kind: "integer", value: 1, text: "1", span: { start: 14, end: 15 } });
  assert.equal(zone?.kind === "integer" && zone.text, "-0530");
  assert.equal(zone?.kind === "integer" && zone.value, -530);
  const plus = parsed("AT+CIPSNTPCFG=1,+0800").params[1];
  assert.equal(plus?.kind === "integer" && plus.value, 800);
});

Deno.test("at_line: spans locate each parameter in the line", () => {
  const line = 'AT+CWSAP="esp","12345678",5,3';
  const pwd = parsed(line).params[1]!;
  assert.equal(line.slice(pwd.span.start, pwd.span.end), '"12345678"');
});

Deno.test("at_line: malformed lines are the firmware's error codes", () => {
  const code = (line: string) => {
    const result = parseAtLine(line);
    return result._tag === "Left" ? result.left : undefined;
  };
  assert.equal(code("at"), ERR.NO_AT);
  assert.equal(code("aT+CWMODE?"), ERR.NO_AT);
  assert.equal(code("+CWMODE?"), ERR.NO_AT);
  assert.equal(code("AT?"), ERR.UNSUPPORTED);
  assert.equal(code("AT+"), ERR.UNSUPPORTED);
  assert.equal(code("AT+CWMODE?x"), ERR.PARSE_FAIL);
  assert.equal(code('AT+CWJAP="home'), ERR.PARSE_FAIL);
  assert.equal(code('AT+CWJAP="ho"me"'), ERR.PARSE_FAIL);
  // An unescaped comma splits the string, as the firmware's parser does.
  assert.equal(code('AT+CWJAP="my,net","pw"'), ERR.PARSE_FAIL);
  assert.equal(code('AT+CWJAP="home\\'), ERR.PARSE_FAIL);
  assert.equal(code("AT+CWJAP=home,pw"), ERR.TYPE_MISMATCH);
  assert.equal(code("AT+CWMODE=1.5"), ERR.TYPE_MISMATCH);
  assert.equal(code("AT+CWMODE=99999999999999999999"), ERR.PARA_INVALID);
});

Deno.test("params: counts, types and ranges are checked; the first problem wins", () => {
  const reader = (line: string, max: number) => new ParamReader(parsed(line).params, max);
  assert.equal(reader("AT+CWMODE=1,1,1", 2).error, ERR.NUM_MISMATCH);
  const type = reader('AT+CWMODE="1"', 2);
  type.integer(0, 0, 3);
  assert.equal(type.error, ERR.TYPE_MISMATCH);
  const range = reader("AT+CWMODE=4", 2);
  range.integer(0, 0, 3);
  assert.equal(range.error, ERR.PARA_INVALID);
  const missing = reader("AT+CWMODE=", 2);
  missing.integer(0, 0, 3);
  assert.equal(missing.error, ERR.NUM_MISMATCH);
  const long = reader(`AT+CWHOSTNAME="${"x".repeat(33)}"`, 1);
  long.text(0, 1, 32);
  assert.equal(long.error, ERR.LENGTH_MISMATCH);
  const first = reader('AT+CWSAP="",1', 6);
  first.text(0, 1, 32);
  first.text(1, 0, 64);
  assert.equal(first.error, ERR.LENGTH_MISMATCH);
});
