import assert from "node:assert/strict";
import { bufferedOutput, type ByteSink, standardStreams } from "./buffered_output.ts";

function recordingSink(): ByteSink & { writes: string[] } {
  const writes: string[] = [];
  return {
    writes,
    // Takes at most 100 KB a call, as a pipe may.
    write(bytes) {
      const taken = Math.min(bytes.length, 100_000);
      writes.push(new TextDecoder().decode(bytes.subarray(0, taken)));
      return Promise.resolve(taken);
    },
  };
}

const idle = () => new Promise((resolve) => setTimeout(resolve, 5));

Deno.test("bufferedOutput() holds small writes and sends them together once the program waits", async () => {
  const sink = recordingSink();
  const out = bufferedOutput(sink);
  await out.write("a\n");
  await out.write("b\n");
  assert.deepEqual(sink.writes, []);
  await idle();
  assert.deepEqual(sink.writes, ["a\nb\n"]);
});

Deno.test("bufferedOutput() writes at 64 KiB without waiting, in order, and all of it on flush", async () => {
  const sink = recordingSink();
  const out = bufferedOutput(sink);
  const line = "x".repeat(1023) + "\n";
  for (let i = 0; i < 64; i++) await out.write(line);
  assert.equal(sink.writes.join(""), line.repeat(64));
  await out.write("tail\n");
  await out.flush();
  assert.equal(sink.writes.join(""), line.repeat(64) + "tail\n");
});

Deno.test("bufferedOutput(): a failed background write is reported by the next write", async () => {
  const out = bufferedOutput({ write: () => Promise.reject(new Error("broken pipe")) });
  await out.write("lost\n");
  await idle();
  await assert.rejects(out.write("next\n"), /broken pipe/);
  await assert.rejects(out.flush(), /broken pipe/);
});

Deno.test("standardStreams(): an error is written after the output that came before it", async () => {
  const order: string[] = [];
  const sink = (name: string): ByteSink => ({
    write(bytes) {
      order.push(`${name}:${new TextDecoder().decode(bytes)}`);
      return Promise.resolve(bytes.length);
    },
  });
  const streams = standardStreams(sink("out"), sink("err"));
  await streams.write("record\n");
  await streams.writeError("problem\n");
  await streams.write("more\n");
  await streams.flush();
  assert.deepEqual(order, ["out:record\n", "err:problem\n", "out:more\n"]);
});
