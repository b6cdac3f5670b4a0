/**
 * Hostile serial logs for `netfsm import`: lines of the real fixture logs spliced together and
 * damaged, lines that carry a credential as real firmware prints it (ESP-IDF's station example,
 * ESP-AT's `AT+CWJAP`), lines crafted to make a pattern backtrack, and a hostile `--config`.
 *
 * @module
 */
import fc from "fast-check";
import { configFileArb } from "./check_cases.ts";
import { type CliCase, withNoise } from "./cli_case.ts";
import type { Corpus } from "./corpus.ts";
import { oneIn } from "./hostile.ts";
import { plantedPskArb } from "./planted.ts";
import { applyByteEdit, applyTextEdit, byteEditArb, textEditArb } from "./text_edits.ts";

/** Lines real firmware prints with a credential in them. */
const secretLines = (psk: string): readonly string[] => [
  `I (5123) wifi station: connected to ap SSID:home password:${psk}`,
  `I (9120) wifi station: Failed to connect to SSID:home, password:${psk}`,
  `AT+CWJAP="home","${psk}"`,
  `AT+CWJAP_CUR="home","${psk}","a4:2b:b0:11:22:33"`,
  `AT+CWJAP_DEF="home","${psk}"`,
  `AT+CWSAP="sensor-setup","${psk}",5,3`,
  `[  1020][D][WiFiSTA.cpp:153] begin(): ssid=home password=${psk}`,
  `I (2100) network_driver: psk: ${psk}`,
  `wifi:connected with home, aid = 1, channel 6, BW20, bssid = a4:2b:b0:11:22:33 psk=${psk}`,
];

/**
 * The literal starts of the importer's patterns, each with what follows it in a real line but
 * never its end: repeated, a backtracking pattern retries from each copy.
 */
const BACKTRACKERS: readonly (readonly [string, string])[] = [
  ["I (1) wifi:connected with ", "x, aid = 1, channel 1,"],
  ["wifi:connected with ", ", aid = 1, channel 1, bssid = "],
  ["wifi:state: ", "run -> "],
  ["wifi:mode : ", "sta ("],
  ["_arduino_event_cb(): STA Disconnected: ", "Reason: x"],
  ["esp_netif_handlers: sta ip: ", "1.1.1.1, mask: "],
  ["wifi:station: ", "aa:bb:cc:dd:ee:ff join, AID="],
  ["+DIST_STA_IP:", '"aa:bb:cc:dd:ee:ff",'],
  ["", "\u001b[0;32m"],
];

/** A line built to backtrack, about `length` characters long. */
const backtrackerArb: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom(...BACKTRACKERS),
  // Mostly a size any linear pattern reads in a blink; rarely one a superlinear one cannot, and
  // each of those holds its process until the watchdog gives up on it.
  fc.oneof(
    { weight: 30, arbitrary: fc.constant(1_000) },
    { weight: 10, arbitrary: fc.constant(20_000) },
    { weight: 2, arbitrary: fc.constantFrom(100_000, 1_500_000) },
  ),
  fc.boolean(),
).map(([[start, filler], length, repeatStart]) => {
  const unit = repeatStart ? start + filler : filler;
  return start + unit.repeat(Math.ceil(length / unit.length));
});

/** A line a log should not hold: time stamps past any clock, control bytes, a huge one. */
const oddLineArb: fc.Arbitrary<string> = fc.constantFrom(
  "I (99999999999999999999) wifi:bcn_timeout, ap_ts 1",
  "I (-5) wifi:bcn_timeout, ap_ts 1",
  "[99:99:99.999] WIFI CONNECTED",
  "I (1e309) wifi:bcn_timeout",
  "\u0000\u0000\u0000",
  "\u001b[0;32mI (10) wifi:state: run -> init (c800)\u001b[0m",
  "I (10) wifi:state: run -> init (ffffffffffffffffffffffff)",
  "+CWJAP:99999999999999999999",
  '+CIPSTA:ip:"999.999.999.999"',
  '+STA_CONNECTED:"zz:zz:zz:zz:zz:zz"',
  "I (10) network_driver: __proto__ received",
  "I (10) network_driver: constructor received",
  "[  10][D][WiFiGeneric.cpp:1] _eventCallback(): Event: 1 - toString",
  "x".repeat(2_000_000),
);

type LineSource =
  | {
    readonly kind: "fixture";
    readonly log: number;
    readonly line: number;
    readonly count: number;
  }
  | { readonly kind: "secret"; readonly which: number }
  | { readonly kind: "backtracker"; readonly line: string }
  | { readonly kind: "odd"; readonly line: string };

const sourceArb: fc.Arbitrary<LineSource> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("fixture" as const),
      log: fc.nat(),
      line: fc.nat(),
      count: fc.integer({ min: 1, max: 20 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("secret" as const), which: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("backtracker" as const), line: backtrackerArb }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("odd" as const), line: oddLineArb }) },
);

const MACS = ["24:0a:c4:12:34:56", "24:0A:C4:12:34:56", "zz", "", "24:0a:c4:12:34:56:78", "-5"];

/**
 * Import cases drawn from `corpus`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { importCaseArb } from "./import_cases.ts";
 * const corpus = { traces: [], scenarios: [], logs: [["WIFI CONNECTED"]], configs: [{ ap: {} }] };
 * assert.ok(fc.sample(importCaseArb(corpus), 10).every((c) => c.argv[0] === "import"));
 * ```
 */
export const importCaseArb = (corpus: Corpus): fc.Arbitrary<CliCase> =>
  plantedPskArb.chain((psk) =>
    fc.record({
      sources: fc.array(sourceArb, { minLength: 1, maxLength: 6 }),
      textEdits: fc.array(fc.record({ line: fc.nat(), edit: textEditArb }), { maxLength: 2 }),
      byteEdit: oneIn(6, byteEditArb),
      crlf: fc.boolean(),
      strict: fc.boolean(),
      config: oneIn(3, configFileArb(corpus, psk)),
      mac: oneIn(4, fc.constantFrom(...MACS)),
      stdin: fc.boolean(),
      noise: oneIn(20, fc.nat()),
    }).map((plan): CliCase => {
      const secrets = secretLines(psk);
      const lines = plan.sources.flatMap((source): string[] => {
        if (source.kind === "secret") return [secrets[source.which % secrets.length]!];
        if (source.kind !== "fixture") return [source.line];
        const log = corpus.logs[source.log % corpus.logs.length] ?? [];
        const start = log.length === 0 ? 0 : source.line % log.length;
        return log.slice(start, start + source.count);
      });
      for (const { line, edit } of plan.textEdits) {
        if (lines.length === 0) break;
        const i = line % lines.length;
        lines[i] = applyTextEdit(lines[i]!, edit, psk);
      }
      const text = lines.join(plan.crlf ? "\r\n" : "\n") + "\n";
      const log = plan.stdin ? "-" : "boot.log";
      const files: Record<string, string | Uint8Array> = {
        [plan.stdin ? "stdin" : log]: plan.byteEdit === null
          ? text
          : applyByteEdit(text, plan.byteEdit),
      };
      const argv = ["import", log];
      if (plan.strict) argv.push("--strict");
      if (plan.config !== null) {
        files[plan.config.path] = plan.config.content;
        argv.push("--config", plan.config.path);
      }
      if (plan.mac !== null) argv.push("--mac", plan.mac);
      const kinds = [...new Set(plan.sources.map((s) => s.kind))].join("+");
      return {
        command: "import",
        argv: withNoise(argv, plan.noise),
        files,
        psk,
        family: `${kinds}${plan.config !== null ? `, --config ${plan.config.family}` : ""}`,
      };
    })
  );
