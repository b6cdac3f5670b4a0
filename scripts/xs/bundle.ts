/**
 * Bundling for XS: `deno bundle --format=esm --minify` with an import map of its own, which maps
 * `fp-ts/lib/*` (CommonJS, what the sources import) onto fp-ts's ES build `fp-ts/es6/*`, and
 * `io-ts` onto io-ts's ES build (whose own imports are `fp-ts/es6/*`) marked pure
 * (pure_io_ts.ts): one fp-ts in the bundle, the ES one, and of both only what netfsm uses. The
 * rest of the project keeps `fp-ts/lib`.
 *
 * Each bundle is written twice: as the ES module an XS application imports (`.mjs`), and as a
 * script (`.js`) that sets one global instead of exporting, because `xsnap` gives a nonzero status
 * for an uncaught error only in a script (toolchain.md §5).
 *
 * @module
 */

import { writePureIoTs } from "./pure_io_ts.ts";

const root = new URL("../../", import.meta.url).pathname;
/** Where the XS bundles and their import map are written (git-ignored with `tools/xsnap/`). */
export const XS_BUILD_DIR = `${root}tools/xsnap/build/`;

/** A bundle, as a module and as a script. */
export interface XsBundle {
  /** The ES module (`.mjs`), what the budget counts. */
  readonly module: string;
  /** The same code as a script that sets `globalThis[global]` to the module's exports. */
  readonly script: string;
  /** The module's size in bytes. */
  readonly bytes: number;
}

/** The version deno.json pins for an npm package (`npm:name@1.2.3` or `npm:/name@1.2.3/`). */
async function pinned(name: string): Promise<string> {
  const deno = JSON.parse(await Deno.readTextFile(`${root}deno.json`));
  for (const target of Object.values(deno.imports as Record<string, string>)) {
    const match = new RegExp(`^npm:/?${name}@([^/]+)`).exec(target);
    if (match?.[1] !== undefined) return match[1];
  }
  throw new Error(`deno.json does not import ${name}`);
}

/**
 * The XS bundles' import map: the ES builds of fp-ts and io-ts at deno.json's versions, io-ts
 * marked pure (written into `XS_BUILD_DIR`).
 */
export async function xsImportMap(): Promise<Record<string, string>> {
  const fp = await pinned("fp-ts");
  const io = await writePureIoTs(await pinned("io-ts"), `${XS_BUILD_DIR}io-ts.js`);
  return {
    // The longest prefix wins: `fp-ts/lib/` goes to the ES build, anything else stays as it is.
    "fp-ts/": `npm:/fp-ts@${fp}/`,
    "fp-ts/lib/": `npm:/fp-ts@${fp}/es6/`,
    "io-ts": io,
  };
}

/**
 * Rewrites an ES bundle's closing `export { a as b, ... }` into `globalThis[global] = { b: a }`,
 * inside a function so that its top-level names stay private. Throws on a bundle that still
 * imports: an XS script cannot.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { asScript } from "./bundle.ts";
 * const script = asScript("var a=1;function f(){return a}export{f as get,a};", "lib");
 * assert.equal(script, "(()=>{var a=1;function f(){return a}\nglobalThis.lib={get:f,a:a};})();\n");
 * ```
 */
export function asScript(esm: string, global: string): string {
  if (/^\s*import\b|[;}]import\s*[{*"]/m.test(esm)) throw new Error("the bundle still imports");
  const match = /export\s*\{([^}]*)\};?\s*$/.exec(esm);
  if (match === null) throw new Error("the bundle has no closing export statement");
  const fields = match[1]!.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => {
    const [local, exported = local] = s.split(/\s+as\s+/);
    return `${exported}:${local}`;
  });
  return `(()=>{${esm.slice(0, match.index)}\nglobalThis.${global}={${fields.join(",")}};})();\n`;
}

/**
 * Bundles `entry` (a path from the project's root) for XS into `XS_BUILD_DIR`, as `name.mjs`
 * (minified unless `minify` is false) and `name.js` (the script form, setting `global`).
 */
export async function bundleXs(
  entry: string,
  name: string,
  global: string,
  minify = true,
): Promise<XsBundle> {
  await Deno.mkdir(XS_BUILD_DIR, { recursive: true });
  const map = `${XS_BUILD_DIR}import_map.json`;
  await Deno.writeTextFile(map, JSON.stringify({ imports: await xsImportMap() }, null, 2) + "\n");
  const module = `${XS_BUILD_DIR}${name}.mjs`;
  // --no-config: deno.json's own import map would otherwise apply; the lock file goes with it.
  const args = ["bundle", "--no-config", "--no-lock", "--import-map", map, "--format=esm"];
  if (minify) args.push("--minify");
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [...args, "-o", module, `${root}${entry}`],
    stdout: "null",
  }).output();
  if (code !== 0) throw new Error(`deno bundle ${entry}: ${new TextDecoder().decode(stderr)}`);
  const text = await Deno.readTextFile(module);
  const script = `${XS_BUILD_DIR}${name}.js`;
  await Deno.writeTextFile(script, asScript(text, global));
  return { module, script, bytes: new TextEncoder().encode(text).length };
}
