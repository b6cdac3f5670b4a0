import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nodeIo } from "./node_io.ts";

Deno.test("nodeIo() writes a file and reads its lines back; a directory or missing file is named", async () => {
  const dir = await mkdtemp(join(tmpdir(), "netfsm-"));
  try {
    const io = nodeIo();
    const path = join(dir, "t.jsonl");
    const sink = await io.createFile(path);
    assert.equal(sink._tag, "Right");
    if (sink._tag !== "Right") return;
    await sink.right.write("one\r\ntwo\n");
    await sink.right.write("three");
    await sink.right.close();
    assert.equal(await readFile(path, "utf8"), "one\r\ntwo\nthree");
    const lines = await io.readLines(path);
    assert.equal(lines._tag, "Right");
    if (lines._tag !== "Right") return;
    const read: unknown[] = [];
    for await (const line of lines.right) read.push(line);
    assert.deepEqual(read, ["one", "two", "three"]);
    assert.deepEqual(await io.readLines(dir), {
      _tag: "Left",
      left: `cannot read "${dir}": is a directory`,
    });
    const unwritable = await io.createFile(join(dir, "missing", "x"));
    assert.equal(unwritable._tag, "Left");
    if (unwritable._tag === "Left") {
      assert.match(unwritable.left, /^cannot write ".*missing\/x": no such file$/);
    }
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("nodeIo().writeFile keeps bytes that are not text as they are; a missing directory is named", async () => {
  const dir = await mkdtemp(join(tmpdir(), "netfsm-"));
  try {
    const io = nodeIo();
    // A PNG's signature: 0x89 and a lone \r\n would not survive a trip through text.
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
    const path = join(dir, "d.png");
    assert.deepEqual(await io.writeFile(path, bytes), { _tag: "Right", right: undefined });
    assert.deepEqual(new Uint8Array(await readFile(path)), bytes);
    const missing = await io.writeFile(join(dir, "missing", "d.png"), bytes);
    assert.equal(missing._tag, "Left");
    if (missing._tag === "Left") {
      assert.match(missing.left, /^cannot write ".*missing\/d\.png": no such file$/);
    }
  } finally {
    await rm(dir, { recursive: true });
  }
});
