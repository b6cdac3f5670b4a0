import assert from "node:assert/strict";
import { judge, type Outcome } from "./verdict.ts";

const psk = "PSKLEAK12345678";
const clean: Outcome = { exitCode: 1, escaped: [], texts: { stdout: "", stderr: "" }, broken: [] };
const kinds = (outcome: Partial<Outcome>) =>
  judge({ ...clean, ...outcome }, psk).map((f) => `${f.kind}: ${f.signature}`);

Deno.test("a clean outcome keeps every promise, whatever its exit code among 0, 1 and 2", () => {
  for (const exitCode of [0, 1, 2]) {
    const texts = { stderr: "netfsm replay: t.jsonl:3: sta.psk: must be a string, got a number\n" };
    assert.deepEqual(judge({ ...clean, exitCode, texts }, psk), []);
  }
});

Deno.test("each broken promise is a failure of its kind", () => {
  assert.deepEqual(kinds({ exitCode: 3 }), ["crash: exit code 3"]);
  assert.deepEqual(kinds({ escaped: ["RangeError: Maximum call stack size exceeded"] }), [
    "crash: escaped: RangeError: Maximum call stack size exceeded",
  ]);
  assert.deepEqual(kinds({ hung: "main not done after 300 turns: of the event loop" }), [
    "hang: hang: main not done after # turns",
  ]);
  assert.deepEqual(kinds({ broken: ["stop() returned with the driver still open"] }), [
    "crash: stop() returned with the driver still open",
  ]);
});

Deno.test("a stack trace, an engine error or a prototype member in any output is a crash", () => {
  const frame = kinds({ texts: { stderr: "Error: boom\n    at step (core/step.ts:1:2)\n" } });
  assert.ok(frame.some((f) => f.startsWith("crash: a stack frame in stderr")));
  assert.deepEqual(kinds({ texts: { stdout: "x: Maximum call stack size exceeded\n" } }), [
    "crash: an engine message in stdout: Maximum call stack size exceeded",
  ]);
  assert.deepEqual(
    kinds({
      texts: {
        stdout: "c: sta.toString: belongs in the function toString() { [native code] } section",
      },
    }),
    ["crash: a prototype member in stdout: function …() { [native code] }"],
  );
  assert.deepEqual(kinds({ texts: { diagnostic: "callback failed: [object Object]" } }), [
    "crash: an object as text in diagnostic: [object Object]",
  ]);
});

Deno.test("the psk, whole or cut short by a message that quotes it, is a leak wherever it shows", () => {
  for (const where of ["stdout", "stderr", "file out.jsonl", "diagnostic", "onStep"]) {
    assert.deepEqual(
      judge({ ...clean, texts: { [where]: `{"psk":"${psk}"}` } }, psk).map((f) => f.kind),
      ["leak"],
    );
  }
  const cutShort =
    `netfsm check: c.json: not valid JSON (Unexpected token 'P', ..."psk": PSKLEAK1"...)`;
  assert.deepEqual(kinds({ texts: { stderr: cutShort } }).map((k) => k.split(":")[0]), ["leak"]);
});

Deno.test("one defect has one signature, whichever file, line or input shows it", () => {
  const leak = (file: string, line: number, context: string) =>
    judge({
      ...clean,
      texts: {
        stderr:
          `netfsm replay: ${file}:${line}: is not valid JSON (Unexpected token 'P', ...${context}${psk}"...)\n`,
      },
    }, psk)[0]!.signature;
  assert.equal(leak("a.jsonl", 1, '"me","psk":'), leak("-", 40, '"x": {"psk": '));
  const strict = (line: string) =>
    judge({
      ...clean,
      texts: { stderr: `netfsm import: boot.log: line 2: not a line netfsm knows: "${line}"\n` },
    }, psk)[0]!.signature;
  assert.equal(
    strict(`AT+CWJAP="home","${psk}"`),
    strict(`I (5) wifi station: connected to ap SSID:x password:${psk}`),
  );
});
