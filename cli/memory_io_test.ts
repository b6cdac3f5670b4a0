import assert from "node:assert/strict";
import { memoryIo } from "./memory_io.ts";

Deno.test("memoryIo() reads only the files it was given, whatever their names", async () => {
  const io = memoryIo({ "a.txt": "one\r\ntwo\n" });
  for (const name of ["constructor", "toString", "__proto__"]) {
    assert.equal((await io.readLines(name))._tag, "Left", name);
  }
  const lines = await io.readLines("a.txt");
  const read = [];
  if (lines._tag === "Right") { for await (const line of lines.right) read.push(line); }
  assert.deepEqual(read, ["one", "two"], "lines as the real runtimes split them");
});
