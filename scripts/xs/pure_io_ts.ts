/**
 * io-ts's ES build marked for tree-shaking. io-ts 2.2 is compiled by TypeScript to ES5: every
 * codec class is an IIFE (`var StringType = (function (_super) { ... }(Type))`) and every codec
 * an instance made at the top level (`var string = new StringType()`). A bundler must keep a call
 * it cannot prove free of effects, so it keeps all of io-ts, though netfsm uses a third of it.
 * Defining a class and constructing a codec have no effects, so this marks them
 * `/* @__PURE__ *\/`, the annotation esbuild (and so `deno bundle`) honours, as
 * babel-plugin-annotate-pure-calls does for other libraries; anything unused is then dropped.
 *
 * The marking is checked, not hoped for: {@link markPure} throws unless it marks every class and
 * every top-level construction it finds, so a new io-ts whose output differs fails the build
 * instead of quietly growing the bundle.
 *
 * @module
 */

/** io-ts's top-level calls that only build a codec from others (`Int`, `Integer`). */
const CODEC_BUILDERS = ["brand", "refinement"];

/**
 * io-ts's ES module text with its class IIFEs, top-level `new` and codec-building calls marked
 * pure. Throws when the text has no classes to mark or when a class is left unmarked.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markPure } from "./pure_io_ts.ts";
 * const io = "var T = /** @class *\/ (function (_super) { return 1; }(Type));\nexport var t = new T();\n";
 * assert.equal(
 *   markPure(io),
 *   "var T = /** @class *\/ (/* @__PURE__ *\/ function (_super) { return 1; }(Type));\n" +
 *     "export var t = /* @__PURE__ *\/ new T();\n",
 * );
 * ```
 */
export function markPure(source: string): string {
  const classes = source.split("/** @class */").length - 1;
  if (classes === 0) throw new Error("io-ts: no `/** @class */` IIFEs to mark (a new build?)");
  const builders = CODEC_BUILDERS.join("|");
  const marked = source
    .replaceAll("/** @class */ (function (", "/** @class */ (/* @__PURE__ */ function (")
    .replace(/^((?:export )?var [\w$]+ = )new /gm, "$1/* @__PURE__ */ new ")
    .replace(
      new RegExp(`^((?:export )?var [\\w$]+ = )(${builders})\\(`, "gm"),
      "$1/* @__PURE__ */ $2(",
    );
  const markedClasses = marked.split("/** @class */ (/* @__PURE__ */ function (").length - 1;
  if (markedClasses !== classes) {
    throw new Error(`io-ts: marked ${markedClasses} of ${classes} class IIFEs (a new build?)`);
  }
  const unmarked = /^(?:export )?var [\w$]+ = new /m.exec(marked);
  if (unmarked !== null) throw new Error(`io-ts: an unmarked construction: ${unmarked[0]}`);
  return marked;
}

/** Where Deno's npm cache keeps a package's files: `…/npm/registry.npmjs.org/NAME/VERSION/`. */
async function packageDir(name: string, version: string): Promise<string> {
  const info = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).output();
  const npmCache = JSON.parse(new TextDecoder().decode(info.stdout)).npmCache as string;
  const dir = `${npmCache}/registry.npmjs.org/${name}/${version}/`;
  try {
    await Deno.stat(dir);
  } catch {
    // Not fetched yet on a fresh machine: `deno cache` brings it into the cache.
    const cache = await new Deno.Command(Deno.execPath(), {
      args: ["cache", "--no-config", "--no-lock", `npm:${name}@${version}`],
      stdout: "null",
    }).output();
    if (!cache.success) throw new Error(`deno cache npm:${name}@${version} failed`);
  }
  return dir;
}

/**
 * Writes io-ts `version`'s ES build, marked pure, to `target` (a file path) and returns it. Its
 * own imports stay bare (`fp-ts/es6/Either`), for the XS import map to resolve.
 */
export async function writePureIoTs(version: string, target: string): Promise<string> {
  const dir = await packageDir("io-ts", version);
  await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(target, markPure(await Deno.readTextFile(`${dir}es6/index.js`)));
  return target;
}
