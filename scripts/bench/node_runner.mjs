// deno-lint-ignore-file no-console -- the runner's output is its JSON line
/**
 * The `step` section on Node, against the npm build: `node node_runner.mjs NPM_DIR STEPS REPS
 * TRACE...` imports NPM_DIR/esm/core/mod.js, runs step_suite.js over the traces, and prints one
 * JSON line: `{ node, rates }`. xstate and robot3 resolve from the project's node_modules/.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { loadMix } from "./mix.js";
import { runStepSuite } from "./step_suite.js";

const [npmDir, steps, reps, ...files] = process.argv.slice(2);
const api = await import(pathToFileURL(`${npmDir}/esm/core/mod.js`).href);
const mix = loadMix(api, files.map((f) => ({ name: basename(f), text: readFileSync(f, "utf8") })));
const rates = runStepSuite(api, mix, { steps: Number(steps), reps: Number(reps) });
console.log(JSON.stringify({ node: process.version, rates }));
