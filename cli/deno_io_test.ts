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

Deno.test("denoIo().writeFile keeps bytes that are not text as they are; a missing directory is named", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const io = denoIo();
    // A PNG's signature: 0x89 and a lone \r\n would not survive a trip through text.
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
    assert.deepEqual(await io.writeFile(`${dir}/d.png`, bytes), {
      _tag: "Right",
      right: undefined,
    });
    assert.deepEqual(await Deno.readFile(`${dir}/d.png`), bytes);
    assert.deepEqual(await io.writeFile(`${dir}/missing/d.png`, bytes), {
      _tag: "Left",
      left: `cannot write "${dir}/missing/d.png": no such file`,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
