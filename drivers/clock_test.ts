import assert from "node:assert/strict";
import { VirtualClock } from "./clock.ts";

Deno.test("VirtualClock runs tasks in time order, then scheduling order, and honours cancel", async () => {
  const clock = new VirtualClock();
  const seen: string[] = [];
  clock.schedule(20, () => seen.push("b@20"));
  clock.schedule(10, () => seen.push("a@10"));
  clock.schedule(20, () => seen.push("c@20"));
  const cancel = clock.schedule(15, () => seen.push("cancelled"));
  cancel();
  await clock.runUntil(19);
  assert.deepEqual(seen, ["a@10"]);
  assert.equal(clock.now(), 19);
  assert.equal(clock.next(), 20);
  await clock.advance(1);
  assert.deepEqual(seen, ["a@10", "b@20", "c@20"]);
});

Deno.test("VirtualClock runs tasks scheduled by tasks, and one in the past runs now", async () => {
  const clock = new VirtualClock();
  const seen: number[] = [];
  clock.schedule(5, () => clock.schedule(8, () => seen.push(clock.now())));
  await clock.advance(10);
  clock.schedule(3, () => seen.push(clock.now()));
  await clock.advance(0);
  assert.deepEqual(seen, [8, 10]);
});

Deno.test("VirtualClock waits for attached work before moving time", async () => {
  const clock = new VirtualClock();
  const seen: string[] = [];
  let pending = Promise.resolve();
  const detach = clock.attach(() => pending);
  clock.schedule(10, () => {
    pending = new Promise((resolve) =>
      setTimeout(() => resolve(void seen.push("work of 10 done")), 5)
    );
  });
  clock.schedule(20, () => seen.push("task at 20"));
  await clock.advance(30);
  assert.deepEqual(seen, ["work of 10 done", "task at 20"]);
  detach();
});
