import assert from "node:assert/strict";
import fc from "fast-check";
import { describeJsonProblem, findJsonProblem, parseJson } from "./json_parse.ts";
import { MAX_DEPTH } from "./limits.ts";

function problemOf(text: string): string {
  const parsed = parseJson(text);
  assert.equal(parsed._tag, "Left", text);
  return parsed._tag === "Left" ? describeJsonProblem(parsed.left) : "";
}

Deno.test("parseJson() names the line, the column and the problem, and never quotes the text", () => {
  const cases: [string, string][] = [
    ['{"psk": PSKLEAK123"}', "not valid JSON at line 1, column 9: expected a value"],
    ['{"sta": {"psk": "PSKLEAK123', "not valid JSON at line 1, column 17: unterminated string"],
    [
      '{"sta": ',
      "not valid JSON at line 1, column 9: unexpected end of input: an object is not closed",
    ],
    [
      "[1, 2",
      "not valid JSON at line 1, column 6: unexpected end of input: an array is not closed",
    ],
    [
      '{\n  "a": 1\n  "b": 2\n}',
      'not valid JSON at line 3, column 3: expected "," or "}" after a value',
    ],
    ['{"a" 1}', 'not valid JSON at line 1, column 6: expected ":" after a property name'],
    [
      "{PSKLEAK: 1}",
      "not valid JSON at line 1, column 2: expected a property name in double quotes",
    ],
    ["[1, 2,]", "not valid JSON at line 1, column 7: a trailing comma is not allowed"],
    ['["a\\qPSKLEAK"]', "not valid JSON at line 1, column 4: invalid escape in a string"],
    ['["\\u12PSKLEAK"]', "not valid JSON at line 1, column 3: invalid \\u escape in a string"],
    [
      '["a\tb"]',
      "not valid JSON at line 1, column 4: a control character in a string must be escaped",
    ],
    ["[01]", "not valid JSON at line 1, column 2: a number must not start with 0"],
    ["[1.]", "not valid JSON at line 1, column 4: a number needs a digit after the decimal point"],
    ["[1e+]", "not valid JSON at line 1, column 5: a number needs a digit in its exponent"],
    ["[-x]", "not valid JSON at line 1, column 3: a number needs a digit after the minus sign"],
    ["tru", "not valid JSON at line 1, column 1: expected a value"],
    ['{"a": 1} PSKLEAK', "not valid JSON at line 1, column 10: unexpected text after the value"],
    ["", "not valid JSON at line 1, column 1: unexpected end of input: there is no value"],
  ];
  for (const [text, message] of cases) {
    assert.equal(problemOf(text), message, text);
    assert.ok(!problemOf(text).includes("PSKLEAK"), text);
  }
});

Deno.test("parseJson() refuses input nested deeper than the limit, at the bracket that passes it", () => {
  const ok = "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH);
  assert.equal(parseJson(ok)._tag, "Right");
  const deep = "[".repeat(5000) + "]".repeat(5000);
  assert.equal(
    problemOf(deep),
    `nested deeper than ${MAX_DEPTH} levels (netfsm's limit) at line 1, column ${MAX_DEPTH + 1}`,
  );
  const objects = '{"a": '.repeat(5000) + "1" + "}".repeat(5000);
  assert.match(
    problemOf(objects),
    /^nested deeper than 64 levels \(netfsm's limit\) at line 1, column 385$/,
  );
  const broken = "[".repeat(5000);
  assert.match(
    problemOf(broken),
    /^nested deeper than 64 levels/,
    "the limit is found before the end",
  );
});

Deno.test("a single line is described by its column alone", () => {
  const parsed = parseJson('{"at": 1, "type": PSKLEAK}');
  assert.equal(
    parsed._tag === "Left" && describeJsonProblem(parsed.left, { line: false }),
    "not valid JSON at column 19: expected a value",
  );
});

Deno.test("the scan finds a problem exactly where JSON.parse fails; parseJson() returns its value", () => {
  const mutated = fc.tuple(
    fc.json(),
    fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 2, unit: "binary-ascii" }))),
  ).map(
    ([text, edits]) =>
      edits.reduce((acc, [at, insert]) => {
        const i = at % (acc.length + 1);
        return insert === ""
          ? acc.slice(0, i) + acc.slice(i + 1)
          : acc.slice(0, i) + insert + acc.slice(i);
      }, text),
  );
  fc.assert(
    fc.property(
      fc.oneof(fc.json(), mutated, fc.string(), fc.string({ unit: "binary" })),
      (text) => {
        let expected: unknown;
        let valid = true;
        try {
          expected = JSON.parse(text);
        } catch {
          valid = false;
        }
        assert.equal(findJsonProblem(text, Infinity) === undefined, valid, text);
        const parsed = parseJson(text, Infinity);
        assert.equal(parsed._tag === "Right", valid, text);
        if (parsed._tag === "Right") assert.deepEqual(parsed.right, expected);
      },
    ),
    { numRuns: 3000 },
  );
});
