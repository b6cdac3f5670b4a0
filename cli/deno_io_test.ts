import assert from "node:assert/strict";
import { denoIo } from "./deno_io.ts";

Deno.test("denoIo() names a directory or a missing file instead of failing mid-read", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const io = denoIo();
    assert.deepEqual(await io.readLines(dir), {
      _tag: "Left",
      left: `cannot read "${dir}": is a directory`,
    });
    assert.deepEqual(await io.readLines(`${dir}/missing.jsonl`), {
      _tag: "Left",
      left: `cannot read "${dir}/missing.jsonl": no such file`,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
