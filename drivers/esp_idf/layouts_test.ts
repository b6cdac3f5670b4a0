import assert from "node:assert/strict";
import { IDF_VERSIONS, idfLayouts } from "./layouts.ts";

Deno.test("layouts: every field lies inside its struct, for every version and ABI", () => {
  for (const version of IDF_VERSIONS) {
    for (const abi of ["ilp32", "lp64"] as const) {
      for (const [name, layout] of Object.entries(idfLayouts(version, abi))) {
        for (const [field, [offset, size]] of Object.entries(layout.fields)) {
          assert.ok(offset + size <= layout.size, `${version} ${abi} ${name}.${field}`);
        }
      }
    }
  }
});

Deno.test("layouts: the minor releases' changes, as measured", () => {
  const sta = (v: typeof IDF_VERSIONS[number]) => idfLayouts(v, "ilp32").wifi_sta_config_t;
  assert.deepEqual(IDF_VERSIONS.map((v) => sta(v).size), [180, 180, 180, 184, 184, 184]);
  const ap = (v: typeof IDF_VERSIONS[number]) => idfLayouts(v, "ilp32").wifi_ap_config_t;
  assert.deepEqual(IDF_VERSIONS.map((v) => ap(v).size), [120, 120, 124, 124, 132, 132]);
  assert.deepEqual(IDF_VERSIONS.map((v) => ap(v).fields.pairwise_cipher), [
    [108, 4],
    [108, 4],
    [112, 4],
    [112, 4],
    [112, 4],
    [112, 4],
  ]);
  const record = (v: typeof IDF_VERSIONS[number]) => idfLayouts(v, "ilp32").wifi_ap_record_t.size;
  assert.deepEqual(IDF_VERSIONS.map(record), [84, 84, 88, 92, 92, 92]);
  const gone = (v: typeof IDF_VERSIONS[number]) =>
    idfLayouts(v, "ilp32").wifi_event_ap_stadisconnected_t;
  assert.deepEqual(IDF_VERSIONS.map((v) => gone(v).size), [8, 9, 10, 10, 10, 10]);
});

interface Reference {
  readonly layouts: Record<
    string,
    Record<string, Record<string, { size: number; fields: Record<string, [number, number]> }>>
  >;
}

Deno.test("layouts: every struct, size and field drivers.md measured, for 5.1 to 6.0, both ABIs", async () => {
  const reference: Reference = JSON.parse(
    await Deno.readTextFile(new URL("./reference_layouts.json", import.meta.url)),
  );
  let checked = 0;
  for (const version of IDF_VERSIONS) {
    for (const abi of ["ilp32", "lp64"] as const) {
      const ours = idfLayouts(version, abi) as unknown as Record<string, {
        size: number;
        fields: Record<string, readonly [number, number]>;
      }>;
      for (const [name, measured] of Object.entries(reference.layouts[abi]![version]!)) {
        const layout = ours[name];
        assert.ok(layout !== undefined, `${version} ${abi}: ${name} is missing`);
        assert.equal(layout.size, measured.size, `${version} ${abi}: sizeof ${name}`);
        for (const [field, where] of Object.entries(measured.fields)) {
          assert.deepEqual(layout.fields[field], where, `${version} ${abi}: ${name}.${field}`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 500, `${checked} fields checked`);
});
