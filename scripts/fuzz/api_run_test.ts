import assert from "node:assert/strict";
import fc from "fast-check";
import { apiCaseArb } from "./api_case.ts";
import { runApi } from "./api_run.ts";

const psk = "PSKLEAK12345678";
const base = {
  psk,
  entry: "network" as const,
  config: { sta: { ssid: "home", psk, got_ip: { $fuzz: "callback", behaviour: "ok" } } },
  onDiagnostic: null,
  onStep: null,
  record: true,
  device: { mac: "24:0a:c4:12:34:56" },
  answers: {},
  inside: null,
};

Deno.test("a well-behaved run on the hostile driver breaks nothing and records its trace", async () => {
  const outcome = await runApi({
    ...base,
    script: [
      { op: "advance", ms: 10 },
      { op: "emit", event: { type: "sta_connected", ssid: "home" } },
      {
        op: "emit",
        event: { type: "sta_got_ip", ip: "10.0.0.2", netmask: "255.0.0.0", gw: "10.0.0.1" },
      },
      { op: "waitForSta", timeout: 1000 },
      { op: "advance", ms: 1000 },
    ],
  });
  assert.deepEqual([outcome.escaped, outcome.broken, outcome.hung], [[], [], undefined]);
  assert.match(outcome.texts.record!, /"trace":"netfsm"/);
  assert.match(outcome.texts.callback!, /"got_ip"/);
});

Deno.test("the runner charges the API, not itself: an invalid configuration is an error, not a failure", async () => {
  const outcome = await runApi({ ...base, config: { sta: { ssid: 5 } }, script: [] });
  assert.deepEqual([outcome.escaped, outcome.hung], [[], undefined]);
  assert.match(outcome.texts.error!, /invalid_config/);
});

Deno.test("every generated case runs to an outcome, whatever it breaks", async () => {
  for (const input of fc.sample(apiCaseArb, { numRuns: 30, seed: 11 })) {
    const outcome = await runApi(input);
    assert.ok(Array.isArray(outcome.escaped) && typeof outcome.texts === "object");
  }
});
