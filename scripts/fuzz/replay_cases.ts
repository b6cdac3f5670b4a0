/**
 * Hostile traces for `netfsm replay`: the example traces with the psk planted in their headers
 * and NVS and in the requests that carry one, then edited line by line (values swapped for
 * hostile ones, lines cut, dropped, repeated, their psk unquoted, invalid UTF-8 let in).
 *
 * @module
 */
import fc from "fast-check";
import { type CliCase, withNoise } from "./cli_case.ts";
import type { Corpus } from "./corpus.ts";
import { applyEdit, editArb, hostileValueArb, oneIn, type Plan, render } from "./hostile.ts";
import { plantedPskArb, plantPsk } from "./planted.ts";
import { applyByteEdit, applyTextEdit, byteEditArb, textEditArb } from "./text_edits.ts";

/** Input lines that carry a psk of their own, or a field the core echoes. */
const secretLineArb = (psk: string): fc.Arbitrary<Record<string, Plan>> =>
  fc.constantFrom<Record<string, Plan>>(
    { type: "sta_connect", config: { ssid: "home", psk } },
    { type: "sta_connect", config: { sta: { ssid: "office", psk, got_ip: true } } },
    { type: "sta_connect", config: { networks: [{ ssid: "home", psk }] } },
    { type: "scan", options: { results: 5, psk } },
    { type: "scan_done", found: 1, networks: [] },
    { type: "driver_failed", error: "ESP_FAIL", command: "connect_sta" },
    { type: "sta_connected", ssid: "home", channel: 6 },
    { type: "sta_got_ip", ip: "10.0.0.2", netmask: "255.0.0.0", gw: "10.0.0.1" },
    { type: "start" },
    { type: "stop" },
  );

/** The fields a trace reader keeps whole and the core echoes: where a hostile value gets far. */
const ECHOED: readonly (readonly [string, string])[] = [
  ["scan", "options"],
  ["sta_connect", "config"],
  ["scan_done", "networks"],
  ["scan_done", "error"],
  ["driver_failed", "error"],
  ["driver_failed", "command"],
  ["sta_connected", "ssid"],
  ["sta_got_ip6", "ip6"],
];

/** An input line with a hostile value in a field that is echoed, or one that holds a psk. */
const extraLineArb = (psk: string): fc.Arbitrary<Record<string, Plan>> =>
  fc.oneof(
    secretLineArb(psk),
    fc.tuple(fc.constantFrom(...ECHOED), hostileValueArb(psk, false)).map((
      [[type, field], value],
    ) =>
      type === "scan_done" && field === "networks"
        ? {
          type,
          networks: [{
            ssid: "home",
            bssid: "a4:2b:b0:11:22:33",
            rssi: -50,
            channel: 6,
            authmode: "wpa2_psk",
            hidden: false,
            psk,
          }, value],
        }
        : { type, [field]: value }
    ),
  );

/** A line to edit: the header (where the psk is) as often as any other. */
const lineArb = fc.oneof(fc.constant(0), fc.nat());

/** Line-level damage: an index picks the line. */
type LineEdit =
  | { readonly kind: "drop" | "repeat" | "garbage"; readonly line: number }
  | { readonly kind: "swap"; readonly line: number; readonly with: number };

const lineEditArb: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ kind: fc.constantFrom("drop", "repeat", "garbage"), line: fc.nat() }) as fc.Arbitrary<
    LineEdit
  >,
  fc.record({ kind: fc.constant("swap"), line: fc.nat(), with: fc.nat() }) as fc.Arbitrary<
    LineEdit
  >,
);

const GARBAGE = ["not json", "{", "]", "\u0000", "# a comment", "   ", "null", '"x"', "[]", "{}"];

function applyLineEdit(lines: string[], edit: LineEdit): string[] {
  if (lines.length === 0) return lines;
  const i = edit.line % lines.length;
  const out = [...lines];
  if (edit.kind === "drop") out.splice(i, 1);
  else if (edit.kind === "repeat") out.splice(i, 0, out[i]!);
  else if (edit.kind === "garbage") out.splice(i, 0, GARBAGE[edit.line % GARBAGE.length]!);
  else if (edit.kind === "swap") {
    const j = edit.with % lines.length;
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Replay cases drawn from `corpus`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { loadCorpus } from "./corpus.ts";
 * import { replayCaseArb } from "./replay_cases.ts";
 * const corpus = await loadCorpus(new URL("../../", import.meta.url));
 * for (const c of fc.sample(replayCaseArb(corpus), 20)) assert.equal(c.argv[0], "replay");
 * ```
 */
export const replayCaseArb = (corpus: Corpus): fc.Arbitrary<CliCase> =>
  plantedPskArb.chain((psk) =>
    fc.record({
      trace: fc.constantFrom(...corpus.traces),
      nvs: fc.boolean(),
      extra: fc.array(fc.record({ after: fc.nat(), line: extraLineArb(psk) }), { maxLength: 3 }),
      edits: fc.array(fc.record({ line: lineArb, edit: editArb(psk) }), { maxLength: 3 }),
      // Each of these stops the replay at its line: one in a few, or few lines would be replayed.
      lineEdits: oneIn(3, lineEditArb).map((edit) => edit === null ? [] : [edit]),
      textEdit: oneIn(3, fc.record({ line: lineArb, edit: textEditArb })),
      byteEdit: oneIn(8, byteEditArb),
      stdin: fc.boolean(),
      json: fc.boolean(),
      check: fc.boolean(),
      noise: oneIn(20, fc.nat()),
    }).map((plan): CliCase => {
      const [header, ...inputs] = plantPsk(plan.trace, psk) as Record<string, Plan>[];
      const device = (header!.device ?? {}) as Record<string, Plan>;
      const planted: Plan[] = [
        plan.nvs
          ? { ...header!, device: { ...device, nvs: { sta_psk: psk, ap_psk: psk } } }
          : header!,
        ...inputs,
      ];
      for (const { after, line } of plan.extra) {
        // At the time of the line before it, so that the trace stays in order.
        const i = 1 + (after % Math.max(1, inputs.length));
        const at = (planted[i - 1] as { at?: Plan }).at ?? 0;
        planted.splice(i, 0, { at, ...line });
      }
      const edited = [...planted];
      for (const { line, edit } of plan.edits) {
        const i = line % edited.length;
        edited[i] = applyEdit(edited[i]!, edit);
      }
      let lines = edited.map((line) => render(line));
      for (const edit of plan.lineEdits) lines = applyLineEdit(lines, edit);
      if (plan.textEdit !== null && lines.length > 0) {
        const i = plan.textEdit.line % lines.length;
        lines[i] = applyTextEdit(lines[i]!, plan.textEdit.edit, psk);
      }
      const text = lines.join("\n") + "\n";
      const content = plan.byteEdit === null ? text : applyByteEdit(text, plan.byteEdit);
      const path = plan.stdin ? "-" : "trace.jsonl";
      return {
        command: "replay",
        argv: withNoise(
          ["replay", path, ...(plan.json ? ["--json"] : []), ...(plan.check ? ["--check"] : [])],
          plan.noise,
        ),
        files: { [plan.stdin ? "stdin" : path]: content },
        psk,
        family: familyOf(plan),
      };
    })
  );

function familyOf(
  plan: { edits: readonly unknown[]; textEdit: unknown; byteEdit: unknown },
): string {
  const parts = [`${plan.edits.length} edits`];
  if (plan.textEdit !== null) {
    parts.push(`text ${(plan.textEdit as { edit: { kind: string } }).edit.kind}`);
  }
  if (plan.byteEdit !== null) parts.push("bad UTF-8");
  return parts.join(", ");
}
