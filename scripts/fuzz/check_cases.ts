/**
 * Hostile configurations for `netfsm check` (and `import --config`): valid ones with the psk
 * planted, written as JSON or as an Erlang term, then edited (hostile values, prototype keys,
 * deep nesting, a psk without its quotes, broken syntax, invalid UTF-8).
 *
 * @module
 */
import fc from "fast-check";
import { validConfigArb } from "../../props/arbitraries/config.ts";
import { type CliCase, withNoise } from "./cli_case.ts";
import type { Corpus } from "./corpus.ts";
import { hostileErlangArb, toErlang } from "./erlang.ts";
import { applyEdit, editArb, oneIn, type Plan, render } from "./hostile.ts";
import { plantedPskArb, plantPsk } from "./planted.ts";
import { applyByteEdit, applyTextEdit, byteEditArb, textEditArb } from "./text_edits.ts";

/** A configuration file: its name and content. */
export interface ConfigFile {
  readonly path: string;
  readonly content: string | Uint8Array;
  readonly family: string;
}

/**
 * A hostile configuration file that plants `psk`, drawn from `corpus` and from generated ones.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { configFileArb } from "./check_cases.ts";
 * const files = fc.sample(configFileArb({ traces: [], scenarios: [], logs: [], configs: [{ ap: {} }] }, "PSKLEAK12345678"), 10);
 * assert.ok(files.every((f) => f.path === "config.json" || f.path === "config.erl"));
 * ```
 */
export const configFileArb = (corpus: Corpus, psk: string): fc.Arbitrary<ConfigFile> =>
  fc.record({
    config: corpus.configs.length > 0
      ? fc.oneof(fc.constantFrom(...corpus.configs), validConfigArb)
      : validConfigArb,
    erlang: fc.boolean(),
    style: fc.record({ binaries: fc.boolean(), fun: fc.nat() }),
    pretty: fc.boolean(),
    edits: fc.nat({ max: 3 }),
  }).chain((plan) =>
    fc.record({
      edits: fc.array(editArb(psk, plan.erlang ? hostileErlangArb : undefined), {
        maxLength: plan.edits,
      }),
      textEdit: oneIn(3, textEditArb),
      byteEdit: oneIn(8, byteEditArb),
    }).map(({ edits, textEdit, byteEdit }): ConfigFile => {
      let config = plantPsk(plan.config, psk) as Plan;
      for (const edit of edits) config = applyEdit(config, edit);
      let text = plan.erlang
        ? toErlang(config, plan.style)
        : render(config, plan.pretty ? 2 : undefined);
      if (textEdit !== null) text = applyTextEdit(text, textEdit, psk);
      const family = [
        plan.erlang ? "erlang" : "json",
        `${edits.length} edits`,
        ...(textEdit !== null ? [`text ${textEdit.kind}`] : []),
        ...(byteEdit !== null ? ["bad UTF-8"] : []),
      ].join(", ");
      return {
        path: plan.erlang ? "config.erl" : "config.json",
        content: byteEdit === null ? text : applyByteEdit(text, byteEdit),
        family,
      };
    })
  );

/**
 * Check cases drawn from `corpus`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { checkCaseArb } from "./check_cases.ts";
 * const cases = fc.sample(checkCaseArb({ traces: [], scenarios: [], logs: [], configs: [{ ap: {} }] }), 10);
 * assert.ok(cases.every((c) => c.argv[0] === "check"));
 * ```
 */
export const checkCaseArb = (corpus: Corpus): fc.Arbitrary<CliCase> =>
  plantedPskArb.chain((psk) =>
    fc.tuple(configFileArb(corpus, psk), fc.boolean(), oneIn(20, fc.nat())).map((
      [file, json, noise],
    ): CliCase => ({
      command: "check",
      argv: withNoise(["check", file.path, ...(json ? ["--json"] : [])], noise),
      files: { [file.path]: file.content },
      psk,
      family: file.family,
    }))
  );
