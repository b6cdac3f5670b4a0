import assert from "node:assert/strict";
import fc from "fast-check";
import { validConfigArb } from "../../props/arbitraries/config.ts";
import { runCli } from "./cli_case.ts";
import { toErlang } from "./erlang.ts";
import type { Plan } from "./hostile.ts";

Deno.test("a valid configuration written as an Erlang term checks as valid, in every style", async () => {
  await fc.assert(
    fc.asyncProperty(
      validConfigArb,
      fc.record({ binaries: fc.boolean(), fun: fc.nat() }),
      async (config, style) => {
        const outcome = await runCli({
          command: "check",
          argv: ["check", "app.erl"],
          files: { "app.erl": toErlang(config as Plan, style) },
          psk: "PSKLEAK12345678",
          family: "",
        });
        assert.equal(outcome.exitCode, 0, outcome.texts.stdout! + outcome.texts.stderr!);
      },
    ),
    { numRuns: 100 },
  );
});
