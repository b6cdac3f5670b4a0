import assert from "node:assert/strict";
import { LineAssembler } from "./line_assembler.ts";
import { redactLine } from "./redact_line.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const texts = (assembler: LineAssembler, text: string) =>
  assembler.push(bytes(text)).map((line) => (line.overlong ? "<overlong>" : line.text));

Deno.test("line_assembler: CR LF, a lone LF and a lone CR each end a line", () => {
  const lines = new LineAssembler();
  assert.deepEqual(texts(lines, "AT\r\nATE0\nAT+GMR\rAT+CWQAP\r\n"), [
    "AT",
    "ATE0",
    "AT+GMR",
    "AT+CWQAP",
  ]);
  // Blank lines come through as empty lines; the firmware ignores them.
  assert.deepEqual(texts(lines, "\r\n\n"), ["", ""]);
});

Deno.test("line_assembler: a line may arrive a byte at a time, CR and LF in different chunks", () => {
  const lines = new LineAssembler();
  const seen: string[] = [];
  for (const c of 'AT+CWJAP="home","secret12"\r\n') seen.push(...texts(lines, c));
  assert.deepEqual(seen, ['AT+CWJAP="home","secret12"']);
  assert.deepEqual(texts(lines, "AT\r"), ["AT"]);
  assert.deepEqual(texts(lines, "\nAT\r\n"), ["AT"]);
});

Deno.test("line_assembler: 254 bytes and CR LF fit the firmware's 256; one more is overlong", () => {
  const lines = new LineAssembler();
  const fits = "AT+CWHOSTNAME=" + "x".repeat(240);
  assert.equal(fits.length, 254);
  assert.deepEqual(texts(lines, fits + "\r\n"), [fits]);
  assert.deepEqual(texts(lines, fits + "y\r\nAT\r\n"), ["<overlong>", "AT"]);
});

Deno.test("line_assembler: UTF-8 split across chunks is put back together", () => {
  const lines = new LineAssembler();
  const encoded = bytes('AT+CWJAP="café",""\r\n');
  const cut = encoded.indexOf(0xc3) + 1;
  assert.deepEqual(lines.push(encoded.subarray(0, cut)), []);
  assert.deepEqual(lines.push(encoded.subarray(cut)).map((l) => l.text), ['AT+CWJAP="café",""']);
});

Deno.test("redact_line: passwords of CWJAP and CWSAP never reach a log", () => {
  assert.equal(redactLine('AT+CWJAP="home","secret12"'), 'AT+CWJAP="home",<redacted>');
  assert.equal(
    redactLine('AT+CWJAP="home","sec\\"ret",,,0,,,,1'),
    'AT+CWJAP="home",<redacted>,,,0,,,,1',
  );
  assert.equal(
    redactLine('AT+CWSAP="esp","12345678",5,3,4,0'),
    'AT+CWSAP="esp",<redacted>,5,3,4,0',
  );
  assert.equal(redactLine('AT+CWJAP="home",12345678'), 'AT+CWJAP="home",<redacted>');
  assert.equal(redactLine('at+cwjap="home","secret12"'), "at+cwjap=<redacted>");
  assert.equal(redactLine('AT+CWJAP="home","unterminated'), "AT+CWJAP=<redacted>");
  assert.equal(redactLine('AT+CWJAP="open",""'), 'AT+CWJAP="open",<redacted>');
  assert.equal(redactLine('AT+CWJAP="home"'), 'AT+CWJAP="home"');
  assert.equal(redactLine("AT+CWJAP?"), "AT+CWJAP?");
});
