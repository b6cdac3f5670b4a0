/**
 * The driver's struct layouts against the stand-in's, as its C compiler measured them
 * (`netfsm_hosted_layouts()`): every field's offset and size, every struct's size and
 * alignment, and where each union member sits in `ctrl_cmd_t`.
 */
import assert from "node:assert/strict";
import { checkLayout } from "../ffi/layout.ts";
import { HOSTED_LAYOUTS, UNION_MEMBERS, UNION_OFFSET } from "./layouts.ts";
import { openSim } from "./_sim.ts";

type Measured = Record<string, Record<string, [number, number]>>;

Deno.test("esp-hosted layouts: every field is where the stand-in's compiler put it (LP64)", async () => {
  const { sim } = await openSim();
  try {
    const pointer = sim.symbols.netfsm_hosted_layouts();
    assert.ok(pointer !== null);
    const measured: Measured = JSON.parse(sim.readCString(pointer));
    for (const [name, layout] of Object.entries(HOSTED_LAYOUTS)) {
      assert.equal(checkLayout(layout)._tag, "Right", `${name} is consistent`);
      const c = measured[name];
      assert.ok(c !== undefined, `the stand-in measured ${name}`);
      assert.deepEqual([layout.size, layout.align], [c.sizeof?.[1], c.alignof?.[1]], name);
      for (const [field, where] of Object.entries(layout.fields)) {
        assert.deepEqual(where, c[field], `${name}.${field}`);
      }
      // Every field the stand-in measured is one the driver knows (none forgotten).
      const fields = Object.keys(c).filter((f) => f !== "sizeof" && f !== "alignof");
      const known = fields.filter((f) => !f.startsWith("u."));
      assert.deepEqual(known.sort(), Object.keys(layout.fields).sort(), `${name}'s fields`);
    }
  } finally {
    sim.close();
  }
});

Deno.test("esp-hosted layouts: each union member starts at u (16) and fits it", async () => {
  const { sim } = await openSim();
  try {
    const measured: Measured = JSON.parse(sim.readCString(sim.symbols.netfsm_hosted_layouts()!));
    const command = measured.ctrl_cmd_t!;
    const union = command.u!;
    assert.equal(union[0], UNION_OFFSET);
    for (const [member, struct] of Object.entries(UNION_MEMBERS)) {
      const layout = HOSTED_LAYOUTS[struct]!;
      assert.deepEqual(command[`u.${member}`], [UNION_OFFSET, layout.size], `u.${member}`);
      assert.ok(layout.size <= union[1], `${struct} fits the union`);
    }
  } finally {
    sim.close();
  }
});
