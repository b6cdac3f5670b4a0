/**
 * What the Deno and Node backends share: the zero a C caller gets when a callback cannot
 * answer, the message for a library that did not open, and the guard around a callback's function. Internal to drivers/ffi.
 *
 * @module
 */
import type { NativeType } from "./library.ts";

/** The value C gets when a callback cannot answer (it threw, or was closed): 0, false, NULL. */
export function zeroOf(type: NativeType): unknown {
  switch (type) {
    case "void":
      return undefined;
    case "bool":
      return false;
    case "u64":
    case "i64":
    case "usize":
      return 0n;
    case "pointer":
    case "buffer":
    case "function":
      return null;
    default:
      return 0;
  }
}

/**
 * Why a library did not open, in one sentence that names it: the loader's message without the
 * runtimes' own prefixes, and a plain word when the missing file is one the library needs.
 */
export function describeOpenFailure(path: string, message: string): string {
  const system = message
    .replace(/^(Could not open library: )+/, "")
    .replace(/^Failed to load shared library: /, "")
    .replace(`${path}: `, "");
  const needed = /^([^\s:/]+\.so[^\s:]*): cannot open shared object file/.exec(system)?.[1];
  const base = path.split("/").pop();
  if (needed !== undefined && needed !== base) {
    return `cannot open ${path}: it needs ${needed}, which the dynamic loader cannot find ` +
      `(${system}); install it or add its directory to LD_LIBRARY_PATH`;
  }
  return `cannot open ${path}: ${system}`;
}

/**
 * Wraps a callback's function: no call reaches `fn` after `closed()`, and what `fn` throws goes
 * to `onError` while C gets the zero of its result type.
 */
export function guardCallback(
  fn: (...args: never[]) => unknown,
  result: NativeType,
  closed: () => boolean,
  onError: ((error: unknown) => void) | undefined,
): (...args: unknown[]) => unknown {
  const zero = zeroOf(result);
  const report = onError ?? ((error: unknown) => {
    queueMicrotask(() => {
      throw error;
    });
  });
  return (...args: unknown[]) => {
    if (closed()) return zero;
    try {
      return (fn as (...args: unknown[]) => unknown)(...args);
    } catch (error) {
      report(error);
      return zero;
    }
  };
}

/** Why a symbol could not be bound, naming the library and the symbol. */
export function describeMissingSymbol(path: string, name: string, message: string): string {
  const system = message
    .replace(/^Failed to register symbol \S+: /, "")
    .replace(/^Could not obtain symbol from the library: /, "")
    .replace(`${path}: `, "");
  return `cannot open ${path}: it has no symbol ${name} (${system})`;
}

/** An error's message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A conversion of one value, between what a runtime gives and what this layer promises. */
export type Conversion = (value: unknown) => unknown;

/**
 * Out of C: 64-bit integers always as bigints (both runtimes give a number when it is small), of
 * the declared signedness (koffi 3.3.4 hands a callback a `uint64_t` above 2^63 as negative).
 */
export function fromC(type: NativeType): Conversion | undefined {
  switch (type) {
    case "u64":
    case "usize":
      return (value) => BigInt.asUintN(64, BigInt(value as number | bigint));
    case "i64":
      return (value) => BigInt.asIntN(64, BigInt(value as number | bigint));
    default:
      return undefined;
  }
}

/** Into C: a NativeCallback passes its pointer (a Pointer or null passes as it is). */
export function toC(type: NativeType): Conversion | undefined {
  return type === "function"
    ? (value) => (value as { readonly pointer?: unknown } | null)?.pointer ?? value
    : undefined;
}

/**
 * The conversions of an argument list, or undefined when none is needed, so that calls whose
 * types all pass through as they are cost nothing extra.
 */
export function converter(
  types: readonly NativeType[],
  convert: (type: NativeType) => Conversion | undefined,
): ((args: unknown[]) => unknown[]) | undefined {
  const each = types.map(convert);
  if (each.every((step) => step === undefined)) return undefined;
  return (args) => args.map((value, index) => each[index]?.(value) ?? value);
}
