import assert from "node:assert/strict";
import { bundleXs, XS_BUILD_DIR } from "./bundle.ts";
import { markPure, writePureIoTs } from "./pure_io_ts.ts";

const IO_TS = "2.2.22";

Deno.test("markPure marks every class IIFE and top-level construction of the real io-ts", async () => {
  const target = await writePureIoTs(IO_TS, `${XS_BUILD_DIR}io-ts.check.js`);
  const marked = await Deno.readTextFile(target);
  await Deno.remove(target);
  const classes = marked.split("/** @class */").length - 1;
  assert.ok(classes > 30, `only ${classes} classes`);
  assert.equal(marked.split("/** @class */ (/* @__PURE__ */ function (").length - 1, classes);
  assert.doesNotMatch(marked, /^(?:export )?var [\w$]+ = new /m);
  assert.match(marked, /^export var string = \/\* @__PURE__ \*\/ new StringType\(\);$/m);
  assert.match(marked, /^export var Int = \/\* @__PURE__ \*\/ brand\(/m);
});

Deno.test("markPure refuses a text it cannot mark, rather than leave io-ts whole", () => {
  assert.throws(() => markPure("export var x = 1;\n"), /no `\/\*\* @class \*\/` IIFEs/);
  const odd = "var T = /** @class */ (function () { return 1; }());\n" +
    "var U = /** @class */ function (_super) { return 2; }(T);\n";
  assert.throws(() => markPure(odd), /marked 1 of 2 class IIFEs/);
});

Deno.test("with io-ts marked pure, a bundle keeps only the codecs it uses", async () => {
  await Deno.mkdir(XS_BUILD_DIR, { recursive: true });
  const entry = `${XS_BUILD_DIR}io_ts_string_entry.ts`;
  await Deno.writeTextFile(entry, 'export { string } from "io-ts";\n');
  const relative = entry.slice(new URL("../../", import.meta.url).pathname.length);
  const bundle = await bundleXs(relative, "io_ts_string", "ioTsString");
  const text = await Deno.readTextFile(bundle.module);
  // The string codec stays; the names of codecs it does not need go with their classes.
  assert.match(text, /"string"/);
  for (const unused of ['"bigint"', '"Int"', '"never"', '"Function"', '"UnknownArray"']) {
    assert.ok(!text.includes(unused), `${unused} is still in the bundle`);
  }
  for (const path of [entry, bundle.module, bundle.script]) await Deno.remove(path);
});
