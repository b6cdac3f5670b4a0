// deno-lint-ignore-file no-console -- a build script reports on the console
/**
 * `deno task build:npm`: builds the npm package in `npm/` from the same sources, then tests it.
 *
 * 1. copies the sources into `npm/src` (tsc then resolves fp-ts from `npm/node_modules`, not
 *    from Deno's), with the version and dependencies taken from deno.json;
 * 2. compiles ESM (`esm/`), CommonJS (`script/`) and declarations with tsc 6.0.3, and the tests
 *    (`test/`);
 * 3. checks that the package depends on exactly what the built code imports;
 * 4. runs the test suite on Node against the built files (`node:test`, JUnit report in
 *    `.test-results/node-junit.xml`), then the consumer test (`scripts/npm/consumer_test.mjs`:
 *    packs, installs into a fresh project, imports, requires, type-checks, runs the bin; report in
 *    `.test-results/npm-consumer-junit.xml`).
 *
 * `--no-test` stops after step 3.
 *
 * @module
 */
import { ensureSocat } from "./ensure_socat.ts";
import { copy, walk } from "./npm/files.ts";
import { ensureNode } from "./ensure_node.ts";

/** The Node LTS lines the package supports beside the machine's own (package.json's engines). */
const SUPPORTED_NODE = [22, 24];

const root = new URL("../", import.meta.url).pathname;
const out = `${root}npm/`;
const deno = JSON.parse(await Deno.readTextFile(`${root}deno.json`));

async function sh(
  command: string,
  args: string[],
  cwd = out,
  env: Record<string, string> = {},
): Promise<void> {
  const { code } = await new Deno.Command(command, {
    args,
    cwd,
    env,
    stdout: "inherit",
    stderr: "inherit",
  })
    .output();
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${code}`);
}

/** The version deno.json's import map pins for `name` (`npm:name@1.2.3` or `npm:/name@1.2.3/`). */
function pinned(name: string): string {
  for (const target of Object.values(deno.imports as Record<string, string>)) {
    const match = new RegExp(`^npm:/?${name.replace("/", "\\/")}@([^/]+)`).exec(target);
    if (match?.[1] !== undefined) return match[1];
  }
  throw new Error(`deno.json does not import ${name}`);
}

await Deno.remove(out, { recursive: true }).catch(() => {});
await Deno.mkdir(`${out}src`, { recursive: true });
for (const dir of ["core", "drivers", "props", "cli", "examples"]) {
  await copy(`${root}${dir}`, `${out}src/${dir}`);
}
await Deno.copyFile(`${root}mod.ts`, `${out}src/mod.ts`);
// A test keeps the recorded example traces current with this script's own recorder; the FFI
// tests build their C libraries with build_native.ts.
await copy(
  `${root}scripts`,
  `${out}src/scripts`,
  (name) => name === "record_examples.ts" || name === "build_native.ts",
);
for (
  const file of [
    "tsconfig.base.json",
    "tsconfig.esm.json",
    "tsconfig.cjs.json",
    "tsconfig.test.json",
    "deno_test_globals.d.ts",
    "run-tests.mjs",
    "consumer_test.mjs",
    "README.md",
  ]
) {
  await Deno.copyFile(`${root}scripts/npm/${file}`, `${out}${file}`);
}
await Deno.copyFile(`${root}LICENSE`, `${out}LICENSE`);
// deno.json's type-checking options hold for the npm build too.
const base = JSON.parse(await Deno.readTextFile(`${out}tsconfig.base.json`));
base.compilerOptions = { ...base.compilerOptions, ...deno.compilerOptions };
await Deno.writeTextFile(`${out}tsconfig.base.json`, JSON.stringify(base, null, 2) + "\n");
const manifest = JSON.parse(await Deno.readTextFile(`${root}scripts/npm/package.json`));
manifest.version = deno.version;
manifest.dependencies = {
  "fp-ts": `^${pinned("fp-ts")}`,
  "io-ts": `^${pinned("io-ts")}`,
  // `netfsm diagram --format svg`: Graphviz as WebAssembly, loaded only when SVG is asked for.
  "@hpcc-js/wasm-graphviz": `^${pinned("@hpcc-js/wasm-graphviz")}`,
  // `--format png`: resvg as WebAssembly, and the font it sets the text in (no system font is
  // seen), both read from their packages' files only when PNG is asked for.
  "@resvg/resvg-wasm": `^${pinned("@resvg/resvg-wasm")}`,
  "@expo-google-fonts/arimo": `^${pinned("@expo-google-fonts/arimo")}`,
};
manifest.peerDependencies = { "fast-check": `^${pinned("fast-check")}` };
// Optional, so that `npm i netfsm` still installs where serialport has no prebuilt binding; the
// Node serial transport imports it only when a port is opened. npm install (below) installs it,
// so the serial tests run on Node.
// koffi likewise: the FFI layer's Node backend imports it only when a native library is opened.
manifest.optionalDependencies = {
  serialport: `^${pinned("serialport")}`,
  koffi: `^${pinned("koffi")}`,
};
// The tests need fast-check installed; the package only asks it of users who import ./props.
// The MQTT example's test (examples/mqtt/) needs its client and broker; the package never does.
manifest.devDependencies = {
  ...manifest.devDependencies,
  "fast-check": pinned("fast-check"),
  mqtt: pinned("mqtt"),
  aedes: pinned("aedes"),
  // The PNG diagram's test decodes what resvg drew.
  pngjs: pinned("pngjs"),
  "@types/pngjs": pinned("@types/pngjs"),
};
await Deno.writeTextFile(`${out}package.json`, JSON.stringify(manifest, null, 2) + "\n");

await sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
const tsc = `${out}node_modules/.bin/tsc`;
for (const config of ["tsconfig.esm.json", "tsconfig.cjs.json", "tsconfig.test.json"]) {
  await sh(tsc, ["-p", config]);
}
for (const [dir, type] of [["esm", "module"], ["script", "commonjs"], ["test", "module"]]) {
  await Deno.writeTextFile(`${out}${dir}/package.json`, JSON.stringify({ type }) + "\n");
}
// The CLI finds its scenarios beside itself, as in the source tree; the tests find their fixtures.
await copy(`${root}examples/scenarios`, `${out}esm/examples/scenarios`);
await copy(`${root}examples`, `${out}test/examples`, (name) => !name.endsWith(".ts"));
await copy(`${root}cli/import/fixtures`, `${out}test/cli/import/fixtures`);
await copy(`${root}cli/import/corpus`, `${out}test/cli/import/corpus`);
await Deno.copyFile(
  `${root}drivers/esp_idf/reference_layouts.json`,
  `${out}test/drivers/esp_idf/reference_layouts.json`,
);
// The C sources, for build_native.ts to compile into test/native/build/ (not what was built here).
for await (const entry of Deno.readDir(`${root}native`)) {
  if (entry.isDirectory && entry.name !== "build") {
    await copy(`${root}native/${entry.name}`, `${out}test/native/${entry.name}`);
  }
}
// What the CLI's help points to, where the help says: docs/ and the example scenarios and traces.
await copy(`${root}docs`, `${out}docs`);
for (const examples of ["scenarios", "traces"]) {
  await copy(`${root}examples/${examples}`, `${out}examples/${examples}`);
}
// Tests hold the repository to account: the docs' diagram and corpus table, deno.json's version.
await Deno.copyFile(`${root}README.md`, `${out}test/README.md`);
await copy(`${root}docs`, `${out}test/docs`);
await Deno.copyFile(`${root}deno.json`, `${out}test/deno.json`);
await Deno.mkdir(`${out}bin`);
await Deno.writeTextFile(
  `${out}bin/netfsm.mjs`,
  `#!/usr/bin/env node\nimport { runNodeCli } from "../esm/cli/netfsm_node.js";\n\nprocess.exitCode = await runNodeCli(process.argv.slice(2));\n`,
);
await Deno.chmod(`${out}bin/netfsm.mjs`, 0o755);

// What the built code imports, against what the package declares.
const imported = new Set<string>();
for await (const file of walk(`${out}esm`)) {
  if (!file.endsWith(".js")) continue;
  const text = await Deno.readTextFile(`${out}esm/${file}`);
  for (const match of text.matchAll(/(?:from|import|require\.resolve)\s*\(?\s*"([^".][^"]*)"/g)) {
    const specifier = match[1] ?? "";
    if (specifier.startsWith("node:")) continue;
    // A package's name is its first path segment, or its first two when scoped.
    imported.add(specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/"));
  }
}
const declared = new Set([
  ...Object.keys(manifest.dependencies),
  ...Object.keys(manifest.peerDependencies),
  ...Object.keys(manifest.optionalDependencies),
]);
const undeclared = [...imported].filter((name) => !declared.has(name));
const unused = [...declared].filter((name) => !imported.has(name));
if (undeclared.length + unused.length > 0) {
  throw new Error(
    `package dependencies are wrong: imported but not declared ${
      JSON.stringify(undeclared)
    }, declared but not imported ${JSON.stringify(unused)}`,
  );
}
console.log(`npm/: netfsm ${deno.version}, depends on ${[...declared].join(", ")}`);

if (!Deno.args.includes("--no-test")) {
  const tests: string[] = [];
  for await (const file of walk(`${out}test`)) {
    if (file.endsWith("_test.js")) tests.push(`test/${file}`);
  }
  tests.sort();
  await ensureSocat(); // the serial transports' tests join two ptys with it
  await Deno.mkdir(`${root}.test-results`, { recursive: true });
  // The machine's Node 20, then the supported LTS lines, 22 and 24, each first on the PATH so
  // that what the tests start (the bin, npm) runs on it too. Each writes its own JUnit reports.
  const runs: [string, Record<string, string>][] = [["", {}]];
  for (const major of SUPPORTED_NODE) {
    const bin = await ensureNode(major);
    const dir = bin.slice(0, bin.lastIndexOf("/"));
    runs.push([`-node${major}`, { PATH: `${dir}:${Deno.env.get("PATH") ?? ""}` }]);
  }
  const failures: string[] = [];
  for (const [suffix, env] of runs) {
    for (
      const [report, args] of [
        [`node${suffix}-junit.xml`, ["run-tests.mjs", ...tests]],
        [`npm-consumer${suffix}-junit.xml`, ["consumer_test.mjs"]],
      ] as const
    ) {
      await sh(
        "node",
        [
          "--test-reporter=spec",
          "--test-reporter-destination=stdout",
          "--test-reporter=junit",
          `--test-reporter-destination=${root}.test-results/${report}`,
          ...args,
        ],
        out,
        env,
      ).catch((error) => failures.push(String(error)));
    }
  }
  if (failures.length > 0) throw new Error(failures.join("\n"));
}
