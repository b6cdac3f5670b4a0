/**
 * The Deno backend of library.ts: `Deno.dlopen`, `Deno.UnsafePointerView`, and
 * `Deno.UnsafeCallback.threadSafe` for callbacks. Needs `--allow-ffi`, unscoped (a path-scoped
 * permission loads the library but refuses callbacks with NotCapable).
 *
 * The Deno FFI is typed here by hand, as drivers/esp_at/libc.ts does, so that this file also
 * type-checks in the npm build (where `Deno` is @deno/shim-deno, which has no FFI); nothing here
 * runs on Node.
 *
 * Measured (Deno 2.9.6): a thread-safe callback holds the event loop open until closed, so it is
 * unref'd here unless `keepAlive` is asked for; an unref'd callback is still delivered while
 * anything else (a pending nonblocking call, a timer) keeps the loop running. A call that was
 * queued when the callback was closed crashes the process: close only after joining. So does
 * exiting while a C thread still calls in (SIGSEGV).
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import {
  converter,
  describeMissingSymbol,
  describeOpenFailure,
  fromC,
  guardCallback,
  messageOf,
  toC,
} from "./_backend.ts";
import type {
  CallbackOptions,
  CallbackSignature,
  ForeignFunctions,
  NativeCallback,
  NativeLibrary,
  NativeType,
  Pointer,
} from "./library.ts";

type DenoPointer = object | null;

interface DenoSignature {
  readonly parameters: readonly string[];
  readonly result: string;
  readonly nonblocking?: boolean;
}

interface DenoCallback {
  readonly pointer: object;
  unref(): number;
  close(): void;
}

/** The part of the Deno namespace used here. */
interface DenoFfi {
  dlopen(
    path: string,
    symbols: Record<string, DenoSignature | { readonly type: "pointer" }>,
  ): { readonly symbols: Record<string, unknown>; close(): void };
  readonly UnsafePointer: {
    equals(a: DenoPointer, b: DenoPointer): boolean;
    value(pointer: DenoPointer): number | bigint;
    create(address: bigint): DenoPointer;
    of(buffer: Uint8Array): DenoPointer;
  };
  readonly UnsafePointerView: {
    new (pointer: object): {
      copyInto(destination: Uint8Array, offset?: number): void;
      getPointer(offset?: number): DenoPointer;
    };
    getCString(pointer: object): string;
  };
  readonly UnsafeCallback: {
    threadSafe(
      definition: DenoSignature,
      callback: (...args: unknown[]) => unknown,
    ): DenoCallback;
  };
}

function bindFunction(
  native: (...args: unknown[]) => unknown,
  signature: DenoSignature & { readonly parameters: readonly NativeType[] },
): (...args: unknown[]) => unknown {
  const convertArguments = converter(signature.parameters, toC);
  const convertResult = fromC(signature.result as NativeType);
  const call = convertArguments === undefined
    ? native
    : (...args: unknown[]) => native(...convertArguments(args));
  if (convertResult === undefined) return call;
  if (signature.nonblocking === true) {
    return (...args) => (call(...args) as Promise<unknown>).then(convertResult);
  }
  return (...args) => convertResult(call(...args));
}

/**
 * Opens `path` with Deno FFI and binds `functions`; a Left names the path and, for a missing
 * symbol, the symbol (Deno binds the whole table at once and names the first that fails).
 * Use `openLibrary` from library.ts, which picks the backend.
 *
 * @example
 * ```ts ignore
 * import { openDeno } from "./library_deno.ts";
 * const opened = await openDeno("native/build/libffi_test.so", {
 *   ffi_test_not: { parameters: ["bool"], result: "bool" },
 * });
 * ```
 */
export function openDeno<F extends ForeignFunctions>(
  path: string,
  functions: F,
): Promise<Either<string, NativeLibrary<F>>> {
  return Promise.resolve(open(path, functions));
}

function open<F extends ForeignFunctions>(
  path: string,
  functions: F,
): Either<string, NativeLibrary<F>> {
  const deno = (globalThis as unknown as { Deno?: Partial<DenoFfi> }).Deno;
  if (deno?.dlopen === undefined || deno.UnsafeCallback === undefined) {
    return left(`cannot open ${path}: this runtime has no Deno.dlopen`);
  }
  const ffi = deno as DenoFfi;
  let handle: ReturnType<DenoFfi["dlopen"]>;
  try {
    handle = ffi.dlopen(path, functions as Record<string, DenoSignature>);
  } catch (error) {
    const message = messageOf(error);
    const symbol = /^Failed to register symbol (\S+):/.exec(message)?.[1];
    if (symbol !== undefined) return left(describeMissingSymbol(path, symbol, message));
    const hint = /Requires ffi access|NotCapable/.test(`${message} ${String(error)}`)
      ? " (run deno with --allow-ffi, unscoped)"
      : "";
    return left(`${describeOpenFailure(path, message)}${hint}`);
  }
  const symbols: Record<string, unknown> = {};
  for (const [name, signature] of Object.entries(functions)) {
    const native = handle.symbols[name] as (...args: unknown[]) => unknown;
    symbols[name] = bindFunction(native, signature);
  }
  let closed = false;
  const library: NativeLibrary<ForeignFunctions> = {
    path,
    runtime: "deno",
    symbols: symbols as NativeLibrary<ForeignFunctions>["symbols"],
    pointerVariable: (name) => {
      if (closed) return left(`${path} is closed: cannot read ${name}`);
      return pointerVariable(ffi, path, name);
    },
    readBytes: (pointer, length, offset = 0) => {
      const bytes = new Uint8Array(length);
      if (length > 0) new ffi.UnsafePointerView(pointer as object).copyInto(bytes, offset);
      return bytes;
    },
    readCString: (pointer) => ffi.UnsafePointerView.getCString(pointer as object),
    samePointer: (a, b) => ffi.UnsafePointer.equals(a as DenoPointer, b as DenoPointer),
    address: (pointer) => BigInt(ffi.UnsafePointer.value(pointer as DenoPointer)),
    pointerFromAddress: (address) => ffi.UnsafePointer.create(address) as Pointer | null,
    bufferAddress: (buffer) => BigInt(ffi.UnsafePointer.value(ffi.UnsafePointer.of(buffer))),
    threadSafeCallback: (signature, fn, options) =>
      threadSafeCallback(ffi, signature, fn as (...args: never[]) => unknown, options),
    close: () => {
      if (closed) return;
      closed = true;
      handle.close();
    },
  };
  return right(library as unknown as NativeLibrary<F>);
}

/**
 * Deno's statics give a variable's address; the value it holds is read through it. The extra
 * dlopen only raises the library's reference count, and is closed at once.
 */
function pointerVariable(ffi: DenoFfi, path: string, name: string): Either<string, Pointer | null> {
  let handle: ReturnType<DenoFfi["dlopen"]>;
  try {
    handle = ffi.dlopen(path, { [name]: { type: "pointer" } });
  } catch (error) {
    return left(describeMissingSymbol(path, name, messageOf(error)));
  }
  try {
    const address = handle.symbols[name] as object;
    return right(new ffi.UnsafePointerView(address).getPointer(0) as Pointer | null);
  } finally {
    handle.close();
  }
}

function threadSafeCallback(
  ffi: DenoFfi,
  signature: CallbackSignature,
  fn: (...args: never[]) => unknown,
  options: CallbackOptions = {},
): Either<string, NativeCallback> {
  let closed = false;
  const guarded = guardCallback(fn, signature.result, () => closed, options.onError);
  const convertArguments = converter(signature.parameters, fromC);
  const deliver = convertArguments === undefined
    ? guarded
    : (...args: unknown[]) => guarded(...convertArguments(args));
  let native: DenoCallback;
  try {
    native = ffi.UnsafeCallback.threadSafe(signature, deliver);
  } catch (error) {
    return left(
      `cannot make a callback: ${messageOf(error)} (run deno with --allow-ffi, unscoped)`,
    );
  }
  if (options.keepAlive !== true) native.unref();
  return right({
    pointer: native.pointer as Pointer,
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      native.close();
    },
  });
}
