import assert from "node:assert/strict";
import { INVARIANTS, violation } from "./invariants.ts";

Deno.test("the invariants: each named once, with a promise, the README's order", () => {
  const names = INVARIANTS.map((i) => i.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(
    INVARIANTS.every((i) => i.promise.length > 20),
    "every invariant says what it promises",
  );
  assert.deepEqual(names.slice(0, 3), [
    "total",
    "registered_callbacks_only",
    "no_callback_after_stop",
  ]);
  assert.ok(names.indexOf("station_live") > names.indexOf("disconnect_stops_retrying"));
});

Deno.test("violation names the first invariant broken", () => {
  const broken = INVARIANTS.find((i) => i.name === "total")!;
  const step = {
    before: undefined as never,
    input: { type: "stop", at: 0 } as const,
    after: undefined as never,
    effects: [{ type: "diagnostic", level: "error", code: "internal_error", message: "" } as const],
    secrets: [],
  };
  assert.equal(broken.check(step), "step hit an internal error");
  assert.equal(violation(step), "total: step hit an internal error");
});
