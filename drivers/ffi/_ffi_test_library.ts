/**
 * The tests' C library, native/ffi_test/ffi_test.c: its functions as an FFI table and its
 * structs as layouts, opened once per test file (built first if needed).
 *
 * @module
 */
import { ensureNative } from "../../scripts/build_native.ts";
import type { Layout } from "./layout.ts";
import { type NativeLibrary, openLibrary } from "./library.ts";

/** Every function of ffi_test.c. */
export const ffiTestFunctions = {
  ffi_test_event_base: { parameters: [], result: "pointer" },
  ffi_test_lookalike: { parameters: [], result: "pointer" },
  ffi_test_record_layout: { parameters: ["buffer", "usize"], result: "usize" },
  ffi_test_record_bump: { parameters: ["buffer"], result: "void" },
  ffi_test_apply: { parameters: ["function", "i32", "buffer"], result: "i32" },
  ffi_test_call_kinds: { parameters: ["function"], result: "u64" },
  ffi_test_u8_add: { parameters: ["u8", "u8"], result: "u8" },
  ffi_test_i8_negate: { parameters: ["i8"], result: "i8" },
  ffi_test_u16_swap: { parameters: ["u16"], result: "u16" },
  ffi_test_i16_negate: { parameters: ["i16"], result: "i16" },
  ffi_test_u32_not: { parameters: ["u32"], result: "u32" },
  ffi_test_i32_negate: { parameters: ["i32"], result: "i32" },
  ffi_test_u64_add: { parameters: ["u64", "u64"], result: "u64" },
  ffi_test_i64_negate: { parameters: ["i64"], result: "i64" },
  ffi_test_strlen: { parameters: ["buffer"], result: "usize" },
  ffi_test_not: { parameters: ["bool"], result: "bool" },
  ffi_test_echo: { parameters: ["pointer"], result: "pointer" },
  ffi_test_null: { parameters: [], result: "pointer" },
  ffi_test_register: { parameters: ["function"], result: "void" },
  ffi_test_unregister: { parameters: [], result: "void" },
  ffi_test_storm_start: { parameters: ["u32"], result: "i32" },
  // Nonblocking: the storm thread waits on JS callbacks, which a blocking join would starve.
  ffi_test_storm_join: { parameters: [], result: "u64", nonblocking: true },
} as const;

/** The library, opened. */
export type FfiTestLibrary = NativeLibrary<typeof ffiTestFunctions>;

/** `ffi_test_record_t` on a 64-bit host, in declaration order (checked against C by a test). */
export const recordLayout = {
  name: "ffi_test_record_t",
  size: 80,
  align: 8,
  fields: {
    kind: [0, 1],
    delta: [1, 1],
    port: [2, 2],
    count: [4, 4],
    level: [8, 4],
    mac: [12, 6],
    name: [18, 33],
    flag: [51, 1],
    ip: [52, 4],
    big: [56, 8],
    small: [64, 2],
    ref: [72, 8],
  },
} as const satisfies Layout;

/** `ffi_test_event_t`: what the storm thread passes by pointer. */
export const eventLayout = {
  name: "ffi_test_event_t",
  size: 32,
  align: 4,
  fields: { counter: [0, 4], tripled: [4, 4], text: [8, 24] },
} as const satisfies Layout;

/** The signature of the storm's callback: `int32_t (*)(uint32_t, const ffi_test_event_t *)`. */
export const eventCallback = { parameters: ["u32", "pointer"], result: "i32" } as const;

/** Builds (if needed) and opens the library; throws when it cannot, failing the test. */
export async function openFfiTest(): Promise<FfiTestLibrary> {
  const path = await ensureNative("ffi_test");
  const opened = await openLibrary(path, ffiTestFunctions, {
    pointerVariables: ["FFI_TEST_EVENT"],
  });
  if (opened._tag === "Left") throw new Error(opened.left);
  return opened.right;
}
