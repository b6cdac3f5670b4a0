/**
 * The corpus of real logs (corpus/): each `NAME.log` is an excerpt of a device's serial output as
 * posted in a public thread, and `NAME.json` says where it comes from and which inputs importing
 * it must give (after `start`, without `at`). `NETFSM_CORPUS=part` runs the cases whose name
 * holds `part`.
 */
import assert from "node:assert/strict";
import { replayLines } from "../../core/trace/replay.ts";
import { main } from "../main.ts";
import { memoryIo } from "../memory_io.ts";
import { corpusTable, readCorpus } from "./corpus.ts";
import { importText } from "./_testing.ts";
import { READERS } from "./recognize.ts";

const only = Deno.env.get("NETFSM_CORPUS") ?? "";
const DIALECTS: readonly string[] = READERS.map((reader) => reader.dialect);

for (const [name, meta, log] of await readCorpus()) {
  if (!name.includes(only)) continue;
  Deno.test(`corpus ${name} (${meta.dialect} ${meta.version}): the inputs it shows, and a trace that replays`, async () => {
    assert.ok(DIALECTS.includes(meta.dialect), `unknown dialect ${meta.dialect}`);
    assert.match(
      meta.source,
      /^https:\/\/github\.com\/[^/]+\/[^/]+\/(issues|pull|discussions)\/\d+/,
    );
    assert.ok(
      meta.source.includes(`${meta.repo}/`) && meta.source.endsWith(`/${meta.thread}`) ||
        meta.source.includes(`/${meta.thread}#`),
      `${meta.source} is not ${meta.repo}#${meta.thread}`,
    );
    const { trace, importer } = importText(log);
    const inputs = trace.slice(2).map((line) => {
      const { at: _at, ...input } = JSON.parse(line);
      return input;
    });
    assert.deepEqual(inputs, meta.expected);
    assert.ok(importer.summary.dialects.includes(meta.dialect), importer.summary.dialects.join());
    for await (const event of replayLines(trace)) {
      if (event.kind === "error") assert.fail(`replay line ${event.line}: ${event.message}`);
    }
  });
}

Deno.test("netfsm import LOG | netfsm replay - works for a log of every dialect", async () => {
  const cases = await readCorpus();
  for (const dialect of DIALECTS) {
    const found = cases.find(([, meta]) => meta.dialect === dialect);
    assert.ok(found !== undefined, `the corpus has no ${dialect} log`);
    const [name, , log] = found;
    const imported = memoryIo({ [`${name}.log`]: log });
    assert.equal(await main(["import", `${name}.log`], imported), 0, imported.stderr.join(""));
    assert.match(imported.stderr.join(""), new RegExp(`\\(.*${dialect}.*\\)`));
    const replayed = memoryIo({ stdin: imported.stdout.join("") });
    assert.equal(await main(["replay", "-", "--check"], replayed), 0, replayed.stderr.join(""));
    assert.ok(replayed.stdout.join("").split("\n").length > 2, `${name}: nothing replayed`);
  }
});

Deno.test("docs/cli.md's table of the corpus is the corpus's own (deno task corpus:table)", async () => {
  const readme = await Deno.readTextFile(new URL("../../docs/cli.md", import.meta.url));
  assert.ok(readme.includes(corpusTable(await readCorpus())), "run deno task corpus:table");
});
