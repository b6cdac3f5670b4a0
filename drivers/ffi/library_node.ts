/**
 * The Node backend of library.ts, over koffi 3 (an optional dependency of the npm package, with
 * prebuilt binaries: no compiler needed). koffi's pointers are bigints, which this layer passes
 * around as opaque {@link Pointer}s.
 *
 * Callbacks are koffi's registered callbacks. Measured (koffi 3.3.4, Node 20): a call from the
 * JS thread runs at once; a call from another thread goes through one napi thread-safe function
 * (its "async broker", created unref'd, so it never keeps the process alive) and the C thread
 * waits on a condition variable until the JS function has run, so calls are delivered in order
 * and event data passed by pointer is valid during the call. A call that was queued when the
 * callback was unregistered runs through a freed slot (garbage results), and a process that
 * exits while a C thread still calls in crashes (SIGSEGV, as on Deno): join threads first.
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

type Koffi = typeof import("koffi").default;
type KoffiType = ReturnType<Koffi["proto"]>;

/** koffi's name for each type; pointers, buffers and function pointers are all `void *`. */
const koffiTypes: Readonly<Record<NativeType, string>> = {
  void: "void",
  bool: "bool",
  u8: "uint8_t",
  i8: "int8_t",
  u16: "uint16_t",
  i16: "int16_t",
  u32: "uint32_t",
  i32: "int32_t",
  u64: "uint64_t",
  i64: "int64_t",
  usize: "size_t",
  pointer: "void *",
  buffer: "void *",
  function: "void *",
};

interface KoffiFunction {
  (...args: unknown[]): unknown;
  async(...args: unknown[]): void;
}

function bindFunction(
  native: KoffiFunction,
  parameters: readonly NativeType[],
  result: NativeType,
  nonblocking: boolean,
): (...args: unknown[]) => unknown {
  const convertArguments = converter(parameters, toC) ?? ((args: unknown[]) => args);
  const convertResult = fromC(result) ?? ((value: unknown) => value);
  if (nonblocking) {
    return (...args) =>
      new Promise((resolve, reject) =>
        native.async(...convertArguments(args), (error: unknown, value: unknown) => {
          if (error !== null && error !== undefined) reject(error);
          else resolve(convertResult(value));
        })
      );
  }
  return (...args) => convertResult(native(...convertArguments(args)));
}

/**
 * Opens `path` with koffi and binds `functions`; a Left names the path and the symbol, or says
 * to install koffi. Use `openLibrary` from library.ts, which picks the backend.
 *
 * @example
 * ```ts ignore
 * import { openNode } from "./library_node.ts";
 * const opened = await openNode("native/build/libffi_test.so", {
 *   ffi_test_not: { parameters: ["bool"], result: "bool" },
 * });
 * ```
 */
export async function openNode<F extends ForeignFunctions>(
  path: string,
  functions: F,
): Promise<Either<string, NativeLibrary<F>>> {
  let koffi: Koffi;
  try {
    // ESM gives the default export; CommonJS (through tsc's interop) the same object.
    koffi = (await import("koffi")).default;
  } catch (error) {
    return left(
      `cannot open ${path}: install the koffi package (npm install koffi) to call native code ` +
        `on Node (${messageOf(error)})`,
    );
  }
  let handle: ReturnType<Koffi["load"]>;
  try {
    handle = koffi.load(path);
  } catch (error) {
    return left(describeOpenFailure(path, messageOf(error)));
  }
  const symbols: Record<string, unknown> = {};
  for (const [name, signature] of Object.entries(functions)) {
    let native: KoffiFunction;
    try {
      native = handle.func(
        name,
        koffiTypes[signature.result],
        signature.parameters.map((type) => koffiTypes[type]),
      ) as unknown as KoffiFunction;
    } catch (error) {
      handle.unload();
      return left(describeMissingSymbol(path, name, messageOf(error)));
    }
    symbols[name] = bindFunction(
      native,
      signature.parameters,
      signature.result,
      signature.nonblocking === true,
    );
  }
  let closed = false;
  const library: NativeLibrary<ForeignFunctions> = {
    path,
    runtime: "node",
    symbols: symbols as NativeLibrary<ForeignFunctions>["symbols"],
    pointerVariable: (name) => {
      if (closed) return left(`${path} is closed: cannot read ${name}`);
      try {
        const address = handle.symbol(name) as bigint;
        return right(koffi.decode(address, "void *") as Pointer | null);
      } catch (error) {
        return left(describeMissingSymbol(path, name, messageOf(error)));
      }
    },
    readBytes: (pointer, length, offset = 0) => {
      if (length === 0) return new Uint8Array(0);
      const start = (pointer as unknown as bigint) + BigInt(offset);
      return new Uint8Array(koffi.view(start, length)).slice();
    },
    readCString: (pointer) => koffi.decode.string(pointer),
    samePointer: (a, b) => a === b,
    address: (pointer) => pointer === null ? 0n : pointer as unknown as bigint,
    pointerFromAddress: (address) => address === 0n ? null : address as unknown as Pointer,
    bufferAddress: (buffer) => koffi.address(buffer),
    threadSafeCallback: (signature, fn, options) =>
      registerCallback(koffi, signature, fn as (...args: never[]) => unknown, options),
    close: () => {
      if (closed) return;
      closed = true;
      handle.unload();
    },
  };
  return right(library as unknown as NativeLibrary<F>);
}

/** One koffi prototype per signature: each `koffi.proto` call makes a new type. */
const prototypes = new Map<string, KoffiType>();

function prototypeOf(koffi: Koffi, signature: CallbackSignature): KoffiType {
  const key = `${signature.result}(${signature.parameters.join(",")})`;
  let prototype = prototypes.get(key);
  if (prototype === undefined) {
    prototype = koffi.proto(
      koffiTypes[signature.result],
      signature.parameters.map((type) => koffiTypes[type]),
    );
    prototypes.set(key, prototype);
  }
  return prototype;
}

/** A long timer that holds the process open, for `keepAlive` (koffi's broker never does). */
const KEEP_ALIVE_MS = 2 ** 30;

function registerCallback(
  koffi: Koffi,
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
  let pointer: bigint;
  try {
    pointer = koffi.register(deliver, koffi.pointer(prototypeOf(koffi, signature)));
  } catch (error) {
    return left(`cannot make a callback: ${messageOf(error)}`);
  }
  const keepAlive = options.keepAlive === true ? setInterval(() => {}, KEEP_ALIVE_MS) : undefined;
  return right({
    pointer: pointer as unknown as Pointer,
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      if (keepAlive !== undefined) clearInterval(keepAlive);
      koffi.unregister(pointer);
    },
  });
}
