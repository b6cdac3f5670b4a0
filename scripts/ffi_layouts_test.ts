import assert from "node:assert/strict";
import { layoutsJson } from "./ffi_layouts.ts";

Deno.test("ffi:layouts --idf 5.5 --json: every field drivers.md measured, on the ESP32 and on a 64-bit host", async () => {
  const reference = JSON.parse(
    await Deno.readTextFile(new URL("../drivers/esp_idf/reference_layouts.json", import.meta.url)),
  );
  for (const abi of ["ilp32", "lp64"] as const) {
    const printed: Record<string, Record<string, [number, number]>> = JSON.parse(
      layoutsJson("5.5", abi),
    );
    const measured: Record<string, { fields: Record<string, [number, number]> }> =
      reference.layouts[abi]["5.5"];
    for (const [name, { fields }] of Object.entries(measured)) {
      assert.deepEqual(
        Object.fromEntries(Object.keys(fields).map((f) => [f, printed[name]?.[f]])),
        fields,
        `${abi} ${name}`,
      );
    }
  }
});
