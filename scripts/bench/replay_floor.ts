/**
 * The floor `netfsm replay --json` is measured against: read a file line by line, `JSON.parse`
 * each line and `JSON.stringify` it to stdout, through a 64 KiB buffer. Nothing else: no
 * decoding, no state, so it is what any line-by-line JSON tool costs on this runtime.
 *
 * Usage: deno run --allow-read scripts/bench/replay_floor.ts FILE > /dev/null
 *
 * @module
 */

const encoder = new TextEncoder();

async function writeAll(bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await Deno.stdout.write(bytes.subarray(at));
}

if (import.meta.main) {
  const file = await Deno.open(Deno.args[0]!);
  const decoder = new TextDecoder();
  let pending = "";
  let out: string[] = [];
  let size = 0;
  const emit = async (line: string) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const text = JSON.stringify(JSON.parse(line));
    out.push(text);
    size += text.length + 1;
    if (size >= 65536) {
      await writeAll(encoder.encode(out.join("\n") + "\n"));
      out = [];
      size = 0;
    }
  };
  for await (const chunk of file.readable) {
    const text = pending + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      await emit(text.slice(start, nl));
      start = nl + 1;
    }
    pending = text.slice(start);
  }
  await emit(pending + decoder.decode());
  if (out.length > 0) await writeAll(encoder.encode(out.join("\n") + "\n"));
}
