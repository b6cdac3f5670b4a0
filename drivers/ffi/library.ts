/**
 * Calling C from Deno and from Node with one source text: a small type vocabulary, loading a
 * shared library, pointers, exported pointer variables, and callbacks that C may call from any
 * thread. On Deno it uses Deno FFI (library_deno.ts), on Node the koffi package
 * (library_node.ts); each is imported only on its own runtime.
 *
 * Permissions on Deno: `--allow-ffi`, unscoped (`--allow-ffi=PATH` loads a library but refuses
 * callbacks). On Node: the optional dependency `koffi` installed.
 *
 * Callbacks ({@link NativeLibrary.threadSafeCallback}): `fn` runs on the JS thread; a call from
 * another C thread is queued to the event loop, in order, and its C caller blocks until `fn`
 * returns, so data passed by pointer must be copied inside `fn`. Join such threads with a
 * `nonblocking: true` function (a blocking join deadlocks: the JS thread would wait for the C
 * thread, which waits for the JS thread). Close a callback only once the C side can no longer
 * call it (unregistered, its threads joined): a later call is undefined behaviour on both
 * runtimes (measured: a crash on Deno, a call through garbage on Node). A process that exits
 * while a C thread still calls in crashes on both (SIGSEGV): stop C threads before exiting, and
 * use `keepAlive: true` while a C side may call at any time.
 *
 * @module
 */
import { type Either, left } from "fp-ts/lib/Either.js";
import { isDeno } from "../runtime.ts";

/** The C types a parameter, result or callback may have. */
export type NativeType =
  | "void"
  | "bool"
  | "u8"
  | "i8"
  | "u16"
  | "i16"
  | "u32"
  | "i32"
  | "u64"
  | "i64"
  | "usize"
  | "pointer"
  | "buffer"
  | "function";

/** A C function's signature. `nonblocking` runs it on a worker thread and returns a Promise. */
export interface ForeignFunction {
  readonly parameters: readonly NativeType[];
  readonly result: NativeType;
  readonly nonblocking?: boolean;
}

/** The functions to bind, by their C names. */
export type ForeignFunctions = Readonly<Record<string, ForeignFunction>>;

declare const pointerBrand: unique symbol;

/**
 * An opaque C pointer: a PointerObject on Deno, a bigint on Node. NULL is `null`. Compare with
 * {@link NativeLibrary.samePointer}, never `===` (Deno's pointer objects are not interned).
 */
export interface Pointer {
  readonly [pointerBrand]: "Pointer";
}

/** A JS function that C may call (see {@link NativeLibrary.threadSafeCallback}). */
export interface NativeCallback {
  /** The C function pointer: pass it as a `"function"` (or `"pointer"`) parameter. */
  readonly pointer: Pointer;
  readonly closed: boolean;
  /** Releases the callback; idempotent. Only once the C side can no longer call it. */
  close(): void;
}

/** The JS value passed for a parameter of C type `T`. */
export type ArgumentValue<T extends NativeType> = T extends "bool" ? boolean
  : T extends "u64" | "i64" | "usize" ? number | bigint
  : T extends "pointer" ? Pointer | null
  : T extends "buffer" ? Uint8Array
  : T extends "function" ? NativeCallback | Pointer | null
  : T extends "void" ? never
  : number;

/** The JS value a C result (or a callback's parameter) of type `T` arrives as. */
export type ReturnedValue<T extends NativeType> = T extends "void" ? undefined
  : T extends "bool" ? boolean
  : T extends "u64" | "i64" | "usize" ? bigint
  : T extends "pointer" | "buffer" | "function" ? Pointer | null
  : number;

/** The arguments of a function with these parameter types. */
export type ArgumentValues<P extends readonly NativeType[]> = {
  -readonly [K in keyof P]: ArgumentValue<P[K]>;
};

/** The returned values a callback with these parameter types receives. */
export type ReturnedValues<P extends readonly NativeType[]> = {
  -readonly [K in keyof P]: ReturnedValue<P[K]>;
};

/** A bound C function: synchronous, or a Promise when declared `nonblocking: true`. */
export type ForeignCall<F extends ForeignFunction> = (
  ...args: ArgumentValues<F["parameters"]>
) => F extends { readonly nonblocking: true } ? Promise<ReturnedValue<F["result"]>>
  : ReturnedValue<F["result"]>;

/** A callback's C signature; pointers (and buffers) arrive as {@link Pointer}. */
export interface CallbackSignature {
  readonly parameters: readonly Exclude<NativeType, "void" | "function" | "buffer">[];
  readonly result: Exclude<NativeType, "function" | "buffer">;
}

/** What a callback's JS function is: it receives C values and returns the C result. */
export type CallbackFunction<S extends CallbackSignature> = (
  ...args: ReturnedValues<S["parameters"]>
) => S["result"] extends "void" ? void : ArgumentValue<S["result"]>;

/** How a callback behaves besides calling `fn`. */
export interface CallbackOptions {
  /** Keep the process alive while the callback is open. Default false, on both runtimes. */
  readonly keepAlive?: boolean;
  /**
   * Called on the JS thread with what `fn` threw; the C caller then gets 0, false or NULL.
   * Default: the error is rethrown from a microtask, so it is not lost.
   */
  readonly onError?: (error: unknown) => void;
}

/** A loaded library. */
export interface NativeLibrary<F extends ForeignFunctions> {
  readonly path: string;
  readonly runtime: "deno" | "node";
  /** The functions, typed from the table given to {@link openLibrary}. */
  readonly symbols: { readonly [K in keyof F]: ForeignCall<F[K]> };
  /**
   * The value an exported pointer variable holds: for ESP-IDF's `const char *const WIFI_EVENT`,
   * the address of the string, which is what `esp_event_handler_register` compares.
   */
  pointerVariable(name: string): Either<string, Pointer | null>;
  /** A copy of `length` bytes at `pointer` + `offset`. */
  readBytes(pointer: Pointer, length: number, offset?: number): Uint8Array;
  /** The NUL-terminated UTF-8 text at `pointer`. */
  readCString(pointer: Pointer): string;
  /** Whether two pointers hold the same address; null equals only null. */
  samePointer(a: Pointer | null, b: Pointer | null): boolean;
  /** A pointer's address (0n for null), for struct fields, messages and arithmetic. */
  address(pointer: Pointer | null): bigint;
  /** The pointer at `address` (null for 0n): one C wrote into a struct or an out-parameter. */
  pointerFromAddress(address: bigint): Pointer | null;
  /**
   * Where `buffer`'s bytes are (its byteOffset included), to store in a struct C reads later.
   * C may use it only while the buffer is referenced from JS: keep it (a field, a closure).
   */
  bufferAddress(buffer: Uint8Array): bigint;
  /**
   * A C function pointer that runs `fn`; C may call it from any thread (see the module's
   * documentation for the contract). A Left when the runtime refuses to make one.
   */
  threadSafeCallback<const S extends CallbackSignature>(
    signature: S,
    fn: CallbackFunction<S>,
    options?: CallbackOptions,
  ): Either<string, NativeCallback>;
  /** Unloads the library; its functions must not be called after. Close callbacks first. */
  close(): void;
}

/** What {@link openLibrary} checks besides the functions. */
export interface OpenOptions {
  /** Exported pointer variables that must exist (a missing one makes the open a Left). */
  readonly pointerVariables?: readonly string[];
}

/** What each runtime's backend provides. */
export type OpenBackend = <F extends ForeignFunctions>(
  path: string,
  functions: F,
) => Promise<Either<string, NativeLibrary<F>>>;

/**
 * Opens the shared library at `path` and binds `functions`. A Left names the path and says
 * why: the system's dlopen message (no such file, or a library it needs, such as
 * libprotobuf-c.so.1, is missing), a symbol it lacks, or a runtime without FFI.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openLibrary } from "./library.ts";
 * const missing = await openLibrary("/no/such/libx.so", {
 *   x_init: { parameters: [], result: "i32" },
 * });
 * assert.ok(missing._tag === "Left" && missing.left.includes("/no/such/libx.so"));
 * ```
 *
 * @example
 * ```ts ignore
 * import { openLibrary } from "./library.ts";
 * const opened = await openLibrary("native/build/libffi_test.so", {
 *   ffi_test_u64_add: { parameters: ["u64", "u64"], result: "u64" },
 *   ffi_test_storm_join: { parameters: [], result: "u64", nonblocking: true },
 * }, { pointerVariables: ["FFI_TEST_EVENT"] });
 * if (opened._tag === "Right") {
 *   const sum: bigint = opened.right.symbols.ffi_test_u64_add(1, 2n); // 3n
 *   const joined: Promise<bigint> = opened.right.symbols.ffi_test_storm_join();
 * }
 * ```
 */
export async function openLibrary<const F extends ForeignFunctions>(
  path: string,
  functions: F,
  options: OpenOptions = {},
): Promise<Either<string, NativeLibrary<F>>> {
  const open: OpenBackend = isDeno()
    ? (await import("./library_deno.ts")).openDeno
    : (await import("./library_node.ts")).openNode;
  const opened = await open(path, functions);
  if (opened._tag === "Left") return opened;
  for (const name of options.pointerVariables ?? []) {
    const variable = opened.right.pointerVariable(name);
    if (variable._tag === "Left") {
      opened.right.close();
      return left(variable.left);
    }
  }
  return opened;
}
