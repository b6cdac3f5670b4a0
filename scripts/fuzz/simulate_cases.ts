/**
 * Hostile scenarios for `netfsm simulate`: the example scenarios with the psk planted in the
 * configuration, the simulated access points, NVS and the requests, then edited (hostile values,
 * prototype keys, deep nesting, a psk unquoted), run with `--record` and odd `--seed`s.
 *
 * @module
 */
import fc from "fast-check";
import { type CliCase, withNoise } from "./cli_case.ts";
import type { Corpus } from "./corpus.ts";
import { applyEdit, editArb, hostileValueArb, oneIn, type Plan, render, setAt } from "./hostile.ts";
import { plantedPskArb, plantPsk, SECRET_KEYS } from "./planted.ts";
import { applyByteEdit, applyTextEdit, byteEditArb, textEditArb } from "./text_edits.ts";

const SEEDS = ["7", "0", "4294967295", "4294967296", "-1", "1e309", "0x10", "abc", "", "1.5"];

/** Where in a scenario a hostile value gets far: each is read, decoded, echoed or recorded. */
const TARGETS: readonly (readonly (string | number)[])[] = [
  ["config", "sta", "psk"],
  ["config", "sta"],
  ["config", "ap", "psk"],
  ["config"],
  ["requests", 1, "config"],
  ["requests", 1, "options"],
  ["requests", 1],
  ["world", "access_points", 0, "psk"],
  ["world", "access_points", 0],
  ["world", "access_points"],
  ["world", "stations"],
  ["world", "faults"],
  ["world", "sntp"],
  ["device", "nvs"],
  ["device", "nvs", "sta_psk"],
  ["duration"],
  ["seed"],
];

/** A hostile value at one of the {@link TARGETS}. */
const targetedArb = (psk: string) =>
  fc.constantFrom(...TARGETS).chain((path) =>
    hostileValueArb(psk, SECRET_KEYS.includes(String(path.at(-1))))
      .map((value) => ({ path, value }))
  );

/** Requests that carry a psk, for the scenario's list. */
const secretRequests = (psk: string): readonly Plan[] => [
  { at: 2000, type: "sta_connect", config: { ssid: "home", psk } },
  { at: 3000, type: "sta_connect", config: { sta: { ssid: "home", psk, got_ip: true } } },
  { at: 4000, type: "scan", options: { psk } },
];

/**
 * Simulate cases drawn from `corpus`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { simulateCaseArb } from "./simulate_cases.ts";
 * const corpus = { traces: [], scenarios: [{ config: { ap: {} }, duration: 1000 }], logs: [], configs: [] };
 * assert.ok(fc.sample(simulateCaseArb(corpus), 10).every((c) => c.argv[0] === "simulate"));
 * ```
 */
export const simulateCaseArb = (corpus: Corpus): fc.Arbitrary<CliCase> =>
  plantedPskArb.chain((psk) =>
    fc.record({
      scenario: fc.constantFrom(...corpus.scenarios),
      nvs: fc.boolean(),
      requests: fc.subarray([0, 1, 2]),
      targeted: fc.array(targetedArb(psk), { maxLength: 2 }),
      edits: fc.array(editArb(psk), { maxLength: 2 }),
      textEdit: oneIn(3, textEditArb),
      byteEdit: oneIn(8, byteEditArb),
      json: fc.boolean(),
      record: fc.boolean(),
      seed: oneIn(3, fc.constantFrom(...SEEDS)),
      recordAs: fc.constantFrom("recorded.jsonl", "recorded.jsonl", "constructor", "__proto__"),
      noise: oneIn(20, fc.nat()),
    }).map((plan): CliCase => {
      let scenario = plantPsk(plan.scenario, psk) as Record<string, Plan>;
      const device = (scenario.device ?? { mac: "24:0a:c4:12:34:56" }) as Record<string, Plan>;
      if (plan.nvs) scenario = { ...scenario, device: { ...device, nvs: { sta_psk: psk } } };
      if (plan.requests.length > 0) {
        const own = (scenario.requests ?? [{ at: 0, type: "start" }]) as readonly Plan[];
        const extra = plan.requests.map((i) => secretRequests(psk)[i]!);
        scenario = { ...scenario, requests: [...own.slice(0, 1), ...extra, ...own.slice(1)] };
      }
      let edited: Plan = scenario;
      for (const { path, value } of plan.targeted) edited = setAt(edited, path, value);
      for (const edit of plan.edits) edited = applyEdit(edited, edit);
      let text = render(edited, 2);
      if (plan.textEdit !== null) text = applyTextEdit(text, plan.textEdit, psk);
      const argv = ["simulate", "scenario.json"];
      if (plan.json) argv.push("--json");
      if (plan.record) argv.push("--record", plan.recordAs);
      if (plan.seed !== null) argv.push("--seed", plan.seed);
      const family = [
        `${plan.targeted.length + plan.edits.length} edits`,
        ...(plan.textEdit !== null ? [`text ${plan.textEdit.kind}`] : []),
        ...(plan.byteEdit !== null ? ["bad UTF-8"] : []),
      ].join(", ");
      return {
        command: "simulate",
        argv: withNoise(argv, plan.noise),
        files: {
          "scenario.json": plan.byteEdit === null ? text : applyByteEdit(text, plan.byteEdit),
        },
        psk,
        family,
      };
    })
  );
