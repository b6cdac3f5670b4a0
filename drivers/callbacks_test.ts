import assert from "node:assert/strict";
import { CallbackQueue } from "./callbacks.ts";
import { VirtualClock } from "./clock.ts";
import type { Diagnostic } from "./diagnostic.ts";

function queue(limit = 1000) {
  const clock = new VirtualClock();
  const diagnostics: Diagnostic[] = [];
  let waiting = 0;
  const callbacks = new CallbackQueue({
    clock,
    limit,
    report: (d) => diagnostics.push(d),
    describe: (thrown) => thrown instanceof Error ? thrown.message : "?",
    onWaiting: () => waiting++,
  });
  return { clock, diagnostics, callbacks, waiting: () => waiting };
}

Deno.test("callbacks keep their order; a slow one holds the next until it finishes", async () => {
  const { clock, callbacks } = queue();
  const order: string[] = [];
  callbacks.call("a", async () => {
    await new Promise<void>((resolve) => clock.schedule(500, resolve));
    order.push("a");
  });
  callbacks.call("b", () => order.push("b"));
  await clock.advance(400);
  assert.deepEqual(order, []);
  await clock.advance(100);
  await callbacks.tail;
  assert.deepEqual(order, ["a", "b"]);
});

Deno.test("the limit runs from when a callback begins, not from when it was queued", async () => {
  const { clock, callbacks, diagnostics } = queue(1000);
  // As a shell's idle does: let the next callback begin before time moves on.
  clock.attach(() => new Promise((resolve) => setTimeout(resolve, 0)));
  const began: number[] = [];
  callbacks.call("a", () => {
    began.push(clock.now());
    return new Promise(() => {});
  });
  callbacks.call("b", () => {
    began.push(clock.now());
    return new Promise(() => {});
  });
  await clock.advance(1999);
  assert.deepEqual(began, [0, 1000]);
  assert.equal(diagnostics.length, 1);
  await clock.advance(1);
  assert.deepEqual(diagnostics.map((d) => d.code), ["callback_timeout", "callback_timeout"]);
});

Deno.test("a callback waiting beyond a microtask is flagged waiting, and unflagged when it ends", async () => {
  const { clock, callbacks, waiting } = queue();
  let finish = () => {};
  callbacks.call("a", () => new Promise<void>((resolve) => (finish = resolve)));
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(callbacks.waiting, true);
  assert.equal(waiting(), 1);
  finish();
  await callbacks.tail;
  assert.equal(callbacks.waiting, false);
  callbacks.call("b", () => {});
  await callbacks.tail;
  assert.equal(waiting(), 1, "a callback that returns at once never waits");
  await clock.advance(5000);
});

Deno.test("dropped: callbacks not begun when the queue closes; tasks still run", async () => {
  const { callbacks } = queue();
  const ran: string[] = [];
  callbacks.call("a", () => ran.push("a"));
  callbacks.after(() => ran.push("task"));
  callbacks.close();
  callbacks.call("b", () => ran.push("b"));
  callbacks.after(() => ran.push("task after close"));
  await callbacks.tail;
  assert.deepEqual(ran, ["task", "task after close"]);
});

Deno.test("close lets the running callback go; what it throws later is still reported", async () => {
  const { callbacks, diagnostics } = queue();
  let fail = (_: unknown) => {};
  callbacks.call("a", () => new Promise((_, reject) => (fail = reject)));
  await Promise.resolve();
  callbacks.close();
  await callbacks.tail;
  fail(new Error("late"));
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(diagnostics.map((d) => d.message), ["callback a failed: late"]);
});

Deno.test("a task that throws is reported and does not poison the queue", async () => {
  const { callbacks, diagnostics } = queue();
  const ran: string[] = [];
  callbacks.after(() => {
    throw new Error("task broke");
  });
  callbacks.call("a", () => ran.push("a"));
  await callbacks.tail;
  assert.deepEqual(ran, ["a"]);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [
    ["hook_failed", "a task after the callbacks failed: task broke"],
  ]);
});

Deno.test("a returned thenable whose then throws is a failure, not a crash", async () => {
  const { callbacks, diagnostics } = queue();
  callbacks.call("a", () => ({
    get then() {
      throw new Error("no then");
    },
  }));
  await callbacks.tail;
  assert.deepEqual(diagnostics.map((d) => d.message), ["callback a failed: no then"]);
});
