// Calls into native/ffi_test/ffi_test.c: scalars, structs by pointer, pointers, the exported
// variable, synchronous callbacks, and libraries that do not open. Runs on Deno (--allow-ffi,
// --allow-run for cc) and, compiled, on Node with koffi.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCompiler } from "../../scripts/build_native.ts";
import { ffiTestFunctions, openFfiTest, recordLayout } from "./_ffi_test_library.ts";
import { isDeno } from "../runtime.ts";
import { StructView } from "./layout.ts";
import { openLibrary } from "./library.ts";

const library = await openFfiTest();
const c = library.symbols;

Deno.test("the backend is the runtime's own", () => {
  assert.equal(library.runtime, isDeno() ? "deno" : "node");
});

Deno.test("scalars round trip, 64-bit integers as bigints", () => {
  assert.equal(c.ffi_test_u8_add(250, 10), 4);
  assert.equal(c.ffi_test_i8_negate(-100), 100);
  assert.equal(c.ffi_test_u16_swap(0x1234), 0x3412);
  assert.equal(c.ffi_test_i16_negate(-32767), 32767);
  assert.equal(c.ffi_test_u32_not(0), 0xffff_ffff);
  assert.equal(c.ffi_test_i32_negate(-2_000_000_000), 2_000_000_000);
  assert.equal(c.ffi_test_u64_add(1, 2), 3n, "a small result is still a bigint");
  assert.equal(c.ffi_test_u64_add(2n ** 63n, 1n), 2n ** 63n + 1n);
  assert.equal(c.ffi_test_i64_negate(-(2n ** 62n)), 2n ** 62n);
  assert.equal(c.ffi_test_not(true), false);
  assert.equal(c.ffi_test_not(false), true);
  assert.equal(c.ffi_test_strlen(new TextEncoder().encode("hello\0")), 5n);
});

Deno.test("the record's layout is the one C compiles", () => {
  const out = new Uint8Array(4 * 16);
  const count = Number(c.ffi_test_record_layout(out, 16n));
  const words = new DataView(out.buffer);
  const values = Array.from({ length: count }, (_, index) => words.getUint32(index * 4, true));
  const offsets = Object.values(recordLayout.fields).map(([offset]) => offset);
  assert.deepEqual(values, [recordLayout.size, recordLayout.align, ...offsets]);
});

Deno.test("a struct round trips through C by pointer", () => {
  const record = new StructView(recordLayout);
  record.setU8("kind", 7);
  record.setI8("delta", -3);
  record.setU16("port", 8080);
  record.setU32("count", 21);
  record.setI32("level", -70);
  assert.equal(record.setMac("mac", "01:02:03:04:05:06")._tag, "Right");
  assert.equal(record.setCString("name", "home wifi")._tag, "Right");
  record.setBool("flag", false);
  assert.equal(record.setIpv4("ip", "10.0.0.1")._tag, "Right");
  record.setU64("big", 2n ** 64n - 2n);
  record.setI16("small", -32767);
  c.ffi_test_record_bump(record.memory);
  assert.deepEqual(
    [record.u8("kind"), record.i8("delta"), record.u16("port"), record.u32("count")],
    [8, 3, 8081, 42],
  );
  assert.equal(record.i32("level"), 70);
  assert.equal(record.mac("mac"), "06:05:04:03:02:01");
  assert.equal(record.cstring("name"), "HOME WIFI");
  assert.equal(record.bool("flag"), true);
  assert.equal(record.ipv4("ip"), "10.0.0.2");
  assert.equal(record.u64("big"), 2n ** 64n - 1n);
  assert.equal(record.i16("small"), -32768);
  assert.equal(record.pointer("ref"), library.bufferAddress(record.memory), "C stored its address");
});

Deno.test("a buffer's address and a pointer made from an address", () => {
  const bytes = new Uint8Array([10, 11, 12, 13, 14, 15, 16, 17]);
  const address = library.bufferAddress(bytes.subarray(4));
  assert.equal(address, library.bufferAddress(bytes) + 4n, "the byteOffset is included");
  const pointer = library.pointerFromAddress(address);
  assert.ok(pointer !== null);
  assert.equal(library.address(c.ffi_test_echo(pointer)), address);
  assert.deepEqual(library.readBytes(pointer, 2, 1), new Uint8Array([15, 16]));
  assert.equal(library.pointerFromAddress(0n), null);
});

Deno.test("the exported variable holds the pointer C compares, not just the same text", () => {
  const variable = library.pointerVariable("FFI_TEST_EVENT");
  assert.equal(variable._tag, "Right");
  if (variable._tag !== "Right" || variable.right === null) return;
  const base = variable.right;
  assert.ok(library.samePointer(base, c.ffi_test_event_base()));
  assert.equal(library.address(base), library.address(c.ffi_test_event_base()));
  const lookalike = c.ffi_test_lookalike();
  assert.ok(lookalike !== null);
  assert.equal(library.readCString(lookalike), library.readCString(base));
  assert.ok(!library.samePointer(base, lookalike), "the same text elsewhere is another pointer");
  assert.deepEqual(library.readBytes(base, 3, 4), new TextEncoder().encode("TES"));
  assert.ok(library.samePointer(c.ffi_test_echo(base), base));
});

Deno.test("NULL is null, both ways", () => {
  assert.equal(c.ffi_test_null(), null);
  assert.equal(c.ffi_test_echo(null), null);
  assert.ok(library.samePointer(null, null));
  assert.equal(library.address(null), 0n);
  assert.deepEqual(library.readBytes(c.ffi_test_event_base()!, 0), new Uint8Array(0));
});

Deno.test("a missing pointer variable is a Left naming it", () => {
  const missing = library.pointerVariable("NO_SUCH_EVENT");
  assert.ok(missing._tag === "Left", "no such variable");
  assert.match(missing.left, /libffi_test\.so: it has no symbol NO_SUCH_EVENT/);
});

Deno.test("a synchronous callback runs on this thread, during the call", () => {
  const record = new StructView(recordLayout);
  record.setU32("count", 100);
  const seen: number[] = [];
  const callback = library.threadSafeCallback(
    { parameters: ["i32", "pointer"], result: "i32" },
    (value, pointer) => {
      const copy = new StructView(recordLayout, library.readBytes(pointer!, recordLayout.size));
      seen.push(value);
      return value + copy.u32("count");
    },
  );
  assert.ok(callback._tag === "Right", "callback made");
  assert.equal(c.ffi_test_apply(callback.right, 20, record.memory), 121);
  assert.deepEqual(seen, [20], "called before ffi_test_apply returned");
  callback.right.close();
  assert.equal(callback.right.closed, true);
  callback.right.close();
});

Deno.test("callback parameters of every type arrive as this layer promises", () => {
  let received: unknown[] = [];
  const callback = library.threadSafeCallback(
    {
      parameters: ["u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "bool", "pointer"],
      result: "u64",
    },
    (...args) => {
      received = args;
      return 2n ** 64n - 1n;
    },
  );
  assert.ok(callback._tag === "Right");
  assert.equal(c.ffi_test_call_kinds(callback.right), 2n ** 64n - 1n);
  callback.right.close();
  const [pointer, ...rest] = [received[9], ...received.slice(0, 9)];
  assert.deepEqual(rest, [
    200,
    -5,
    60000,
    -30000,
    4_000_000_000,
    -2_000_000_000,
    9223372036854775809n,
    -4611686018427387904n,
    true,
  ]);
  assert.ok(library.samePointer(pointer as never, c.ffi_test_event_base()));
});

Deno.test("what a callback throws goes to onError, and C gets 0", () => {
  const errors: unknown[] = [];
  const callback = library.threadSafeCallback(
    { parameters: ["i32", "pointer"], result: "i32" },
    () => {
      throw new Error("boom");
    },
    { onError: (error) => errors.push(error) },
  );
  assert.ok(callback._tag === "Right");
  assert.equal(c.ffi_test_apply(callback.right, 1, new Uint8Array(recordLayout.size)), 1);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /boom/);
  callback.right.close();
});

Deno.test("a library that is not there is a Left with the path and the system's words", async () => {
  const opened = await openLibrary("/no/such/libnothing.so", ffiTestFunctions);
  assert.ok(opened._tag === "Left");
  assert.match(opened.left, /^cannot open \/no\/such\/libnothing\.so: .*No such file or directory/);
});

Deno.test("a missing symbol is a Left naming the library and the symbol", async () => {
  const opened = await openLibrary(library.path, {
    ...ffiTestFunctions,
    ffi_test_no_such_function: { parameters: [], result: "void" },
  });
  assert.ok(opened._tag === "Left");
  assert.ok(opened.left.includes(library.path), opened.left);
  assert.match(opened.left, /it has no symbol ffi_test_no_such_function/);
});

Deno.test("a missing pointer variable asked for at open is a Left", async () => {
  const opened = await openLibrary(library.path, {}, { pointerVariables: ["NO_SUCH_EVENT"] });
  assert.ok(opened._tag === "Left" && /NO_SUCH_EVENT/.test(opened.left));
});

Deno.test("a library whose dependency is missing says which one", async () => {
  const directory = await mkdtemp(join(tmpdir(), "netfsm-ffi-"));
  try {
    await writeFile(join(directory, "gone.c"), "int gone(void) { return 1; }\n");
    await writeFile(
      join(directory, "needs.c"),
      "int gone(void);\nint needs(void) { return gone(); }\n",
    );
    const dependency = join(directory, "libnetfsm_gone.so");
    assert.equal(
      await runCompiler(["-shared", "-fPIC", "-o", dependency, join(directory, "gone.c")]),
      undefined,
    );
    const needing = join(directory, "libneeds.so");
    const linked = await runCompiler([
      "-shared",
      "-fPIC",
      "-o",
      needing,
      join(directory, "needs.c"),
      `-L${directory}`,
      "-lnetfsm_gone",
    ]);
    assert.equal(linked, undefined);
    await rm(dependency);
    const opened = await openLibrary(needing, { needs: { parameters: [], result: "i32" } });
    assert.ok(opened._tag === "Left");
    assert.match(
      opened.left,
      /^cannot open .*libneeds\.so: it needs libnetfsm_gone\.so, which the dynamic loader cannot find/,
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
