// Callbacks from a C thread of its own (native/ffi_test/ffi_test.c's storm): every call arrives,
// in order, with its payload copied, while the JS thread was busy when they were made; and a
// closed callback does not keep the process alive. Runs on Deno and, compiled, on Node.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { ensureNative, root } from "../../scripts/build_native.ts";
import { eventCallback, eventLayout, openFfiTest } from "./_ffi_test_library.ts";
import { isDeno } from "../runtime.ts";
import { StructView } from "./layout.ts";

const library = await openFfiTest();
const c = library.symbols;

/** Keeps the JS thread from its event loop for `ms`, as a long synchronous task would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

Deno.test("a storm of 10,000 calls from a C thread: all arrive, in order, copied", async () => {
  const calls = 10_000;
  const counters: number[] = [];
  const events: { counter: number; tripled: number; text: string }[] = [];
  const callback = library.threadSafeCallback(eventCallback, (counter, event) => {
    // The event lives on the C thread's stack only during this call: copy it now.
    const copy = new StructView(eventLayout, library.readBytes(event!, eventLayout.size));
    counters.push(counter);
    events.push({
      counter: copy.u32("counter"),
      tripled: copy.u32("tripled"),
      text: copy.cstring("text"),
    });
    return counter % 7;
  });
  assert.ok(callback._tag === "Right", "callback made");
  c.ffi_test_register(callback.right);
  assert.equal(c.ffi_test_storm_start(calls), 0);
  busy(200);
  assert.equal(counters.length, 0, "nothing runs on the JS thread while it is busy");
  const sum = await c.ffi_test_storm_join();
  c.ffi_test_unregister();
  callback.right.close();
  assert.equal(callback.right.closed, true);

  assert.equal(counters.length, calls);
  const inOrder = counters.every((counter, index) => counter === index + 1);
  assert.ok(inOrder, "delivered in the order the C thread made them");
  const wrong = events.findIndex((event, index) =>
    event.counter !== index + 1 || event.tripled !== 3 * (index + 1) ||
    event.text !== `event ${index + 1}`
  );
  assert.equal(wrong, -1, `event ${wrong + 1} arrived with the wrong payload`);
  let expected = 0n;
  for (let counter = 1; counter <= calls; counter++) expected += BigInt(counter % 7);
  assert.equal(sum, expected, "the C thread got each return value: it waited for each call");
});

Deno.test("a storm can run again with a new callback once the first is closed", async () => {
  let count = 0;
  const callback = library.threadSafeCallback(eventCallback, () => {
    count++;
    return 1;
  });
  assert.ok(callback._tag === "Right");
  c.ffi_test_register(callback.right);
  assert.equal(c.ffi_test_storm_start(100), 0);
  assert.equal(c.ffi_test_storm_start(100), -1, "one storm at a time");
  assert.equal(await c.ffi_test_storm_join(), 100n);
  c.ffi_test_unregister();
  callback.right.close();
  assert.equal(count, 100);
});

/** A script that runs a short storm in a process of its own, then ends or waits. */
function stormScript(libraryModule: string, path: string, keepAlive: boolean, close: boolean) {
  return `
const { openLibrary } = await import(${JSON.stringify(libraryModule)});
const opened = await openLibrary(${JSON.stringify(path)}, {
  ffi_test_register: { parameters: ["function"], result: "void" },
  ffi_test_unregister: { parameters: [], result: "void" },
  ffi_test_storm_start: { parameters: ["u32"], result: "i32" },
  ffi_test_storm_join: { parameters: [], result: "u64", nonblocking: true },
});
if (opened._tag === "Left") throw new Error(opened.left);
const library = opened.right;
let calls = 0;
const callback = library.threadSafeCallback(
  { parameters: ["u32", "pointer"], result: "i32" },
  () => { calls++; return 1; },
  { keepAlive: ${keepAlive} },
);
if (callback._tag === "Left") throw new Error(callback.left);
library.symbols.ffi_test_register(callback.right);
library.symbols.ffi_test_storm_start(100);
await library.symbols.ffi_test_storm_join();
library.symbols.ffi_test_unregister();
if (${close}) { callback.right.close(); library.close(); }
console.log("calls " + calls);
`;
}

interface Outcome {
  readonly exited: boolean;
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs the storm script; whether it ended by itself. It is killed after `deadlineMs`, or
 * `graceMs` after it reported its calls when that is given.
 */
async function runStorm(
  keepAlive: boolean,
  close: boolean,
  { deadlineMs = 20_000, graceMs }: { deadlineMs?: number; graceMs?: number } = {},
): Promise<Outcome> {
  const path = await ensureNative("ffi_test");
  const module = new URL(
    import.meta.url.endsWith(".ts") ? "./library.ts" : "./library.js",
    import.meta.url,
  ).href;
  const directory = await mkdtemp(join(tmpdir(), "netfsm-ffi-"));
  const script = join(directory, "storm.mjs");
  await writeFile(script, stormScript(module, path, keepAlive, close));
  const args = isDeno()
    ? ["run", "--allow-ffi", "--no-lock", "--config", join(root, "deno.json"), script]
    : [script];
  try {
    return await new Promise<Outcome>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      const timers = [setTimeout(() => child.kill("SIGKILL"), deadlineMs)];
      child.stdout.on("data", (chunk) => {
        output += String(chunk);
        if (graceMs !== undefined && /calls \d+/.test(output) && timers.length === 1) {
          timers.push(setTimeout(() => child.kill("SIGKILL"), graceMs));
        }
      });
      child.stderr.on("data", (chunk) => output += String(chunk));
      child.on("error", reject);
      child.on("close", (code, signal) => {
        timers.forEach(clearTimeout);
        resolve({ exited: signal === null, code, output });
      });
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

Deno.test("a closed callback does not keep the process alive", async () => {
  const outcome = await runStorm(false, true);
  assert.ok(outcome.exited, `the process had to be killed: ${outcome.output}`);
  assert.equal(outcome.code, 0, outcome.output);
  assert.match(outcome.output, /calls 100/);
});

Deno.test("an open callback does not keep the process alive either, by default", async () => {
  const outcome = await runStorm(false, false);
  assert.ok(outcome.exited, `the process had to be killed: ${outcome.output}`);
  assert.equal(outcome.code, 0, outcome.output);
});

Deno.test("keepAlive: an open callback keeps the process alive until closed", async () => {
  const held = await runStorm(true, false, { graceMs: 1_000 });
  assert.match(held.output, /calls 100/, "the storm ran");
  assert.equal(held.exited, false, "still running a second after the storm, until killed");
  const released = await runStorm(true, true);
  assert.ok(released.exited, `closing it let the process end: ${released.output}`);
});
