// Runs the compiled Deno test files on Node: @deno/shim-deno collects each Deno.test, and this
// registers it with node:test, so Node's own reporters (and their counts) apply.
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { Deno } from "@deno/shim-deno";
import { testDefinitions } from "@deno/shim-deno/test-internals";

globalThis.Deno = Deno;

function wrap(context) {
  return {
    name: context.name,
    step: async (nameOrDefinition, fn) => {
      const definition = typeof nameOrDefinition === "string"
        ? { name: nameOrDefinition, fn }
        : nameOrDefinition;
      await context.test(
        definition.name,
        { skip: definition.ignore === true },
        (inner) => definition.fn(wrap(inner)),
      );
      return true;
    },
  };
}

for (const file of process.argv.slice(2)) {
  const before = testDefinitions.length;
  await import(pathToFileURL(file).href);
  for (const definition of testDefinitions.slice(before)) {
    test(`${file.replace(/^test\//, "")} => ${definition.name}`, {
      skip: definition.ignore === true,
    }, (context) => definition.fn(wrap(context)));
  }
}
