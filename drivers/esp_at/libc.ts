/**
 * The few libc calls a serial port needs, through Deno FFI, with each platform's constants: glibc
 * Linux and macOS. Deno only; it needs `--allow-ffi` and nothing else.
 *
 * The FFI surface is typed here by hand, not through `Deno.dlopen`'s types, so that this file also
 * type-checks in the npm build (where `Deno` is @deno/shim-deno, which has no FFI); nothing here
 * runs on Node.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";

/** A libc function's FFI signature, as `Deno.dlopen` takes it. */
interface ForeignFunction {
  readonly parameters: readonly string[];
  readonly result: string;
  readonly nonblocking?: boolean;
}

/** The part of the Deno namespace used here. */
interface DenoFfi {
  readonly build: { readonly os: string };
  dlopen(path: string, symbols: Record<string, ForeignFunction>): {
    readonly symbols: Record<string, (...args: unknown[]) => unknown>;
  };
  readonly UnsafePointerView: {
    new (pointer: object): { getInt32(offset?: number): number };
    getCString(pointer: object): string;
  };
}

/** What differs between the platforms: library name, flag bits, type widths, struct layout. */
interface Platform {
  readonly os: "linux" | "darwin";
  readonly library: string;
  readonly errnoFunction: string;
  readonly O_RDWR: number;
  readonly O_NOCTTY: number;
  readonly O_NONBLOCK: number;
  readonly TCIFLUSH: number;
  /** `speed_t` and `nfds_t`, whose widths differ (unsigned int or unsigned long). */
  readonly speedType: "u32" | "u64";
  readonly nfdsType: "u32" | "u64";
  /** Where `c_cflag` sits in `struct termios` (tcflag_t is u32 on Linux, u64 on macOS). */
  readonly cflagOffset: number;
  readonly CREAD: number;
  readonly CLOCAL: number;
  /** The `speed_t` value for a baud rate: Linux's Bxxx codes, macOS's plain number. */
  readonly speeds: Readonly<Record<number, number>>;
  /** errno values whose names differ from the common table below. */
  readonly errnoNames: Readonly<Record<number, string>>;
}

const linux: Platform = {
  os: "linux",
  library: "libc.so.6",
  errnoFunction: "__errno_location",
  O_RDWR: 0o2,
  O_NOCTTY: 0o400,
  O_NONBLOCK: 0o4000,
  TCIFLUSH: 0,
  speedType: "u32",
  nfdsType: "u64",
  cflagOffset: 8,
  CREAD: 0o200,
  CLOCAL: 0o4000,
  speeds: {
    9600: 0o15,
    19200: 0o16,
    38400: 0o17,
    57600: 0o10001,
    115200: 0o10002,
    230400: 0o10003,
    460800: 0o10004,
    921600: 0o10007,
  },
  errnoNames: { 11: "EAGAIN", 35: "EDEADLK", 36: "ENAMETOOLONG", 40: "ELOOP" },
};

const macos: Platform = {
  os: "darwin",
  library: "libSystem.B.dylib",
  errnoFunction: "__error",
  O_RDWR: 0x2,
  O_NOCTTY: 0x20000,
  O_NONBLOCK: 0x4,
  TCIFLUSH: 1,
  speedType: "u64",
  nfdsType: "u32",
  cflagOffset: 16,
  CREAD: 0x800,
  CLOCAL: 0x8000,
  speeds: Object.fromEntries(
    [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600].map((baud) => [baud, baud]),
  ),
  errnoNames: { 11: "EDEADLK", 35: "EAGAIN", 62: "ELOOP", 63: "ENAMETOOLONG" },
};

/** errno names shared by Linux and macOS (1 to 34, but 11). */
const commonErrnoNames: Readonly<Record<number, string>> = {
  1: "EPERM",
  2: "ENOENT",
  3: "ESRCH",
  4: "EINTR",
  5: "EIO",
  6: "ENXIO",
  7: "E2BIG",
  8: "ENOEXEC",
  9: "EBADF",
  10: "ECHILD",
  12: "ENOMEM",
  13: "EACCES",
  14: "EFAULT",
  15: "ENOTBLK",
  16: "EBUSY",
  17: "EEXIST",
  18: "EXDEV",
  19: "ENODEV",
  20: "ENOTDIR",
  21: "EISDIR",
  22: "EINVAL",
  23: "ENFILE",
  24: "EMFILE",
  25: "ENOTTY",
  26: "ETXTBSY",
  27: "EFBIG",
  28: "ENOSPC",
  29: "ESPIPE",
  30: "EROFS",
  31: "EMLINK",
  32: "EPIPE",
  33: "EDOM",
  34: "ERANGE",
};

/** `poll` event bits, the same on both platforms. */
export const POLLIN = 0x1;
/** Ready for writing. */
export const POLLOUT = 0x4;
/** The device reported an error, hung up, or the fd is not open. */
export const POLL_ENDED = 0x8 | 0x10 | 0x20;

/** The libc calls, with results as plain numbers and paths as strings. */
export interface Libc {
  readonly platform: Platform;
  open(path: string, flags: number): number;
  close(fd: number): number;
  isatty(fd: number): boolean;
  /** Returns the byte count, or -1 (then see `errno()`). */
  read(fd: number, into: Uint8Array): number;
  write(fd: number, bytes: Uint8Array): number;
  /** Runs on a worker thread; its own errno is lost, so a failure is only -1. */
  poll(pollfd: Uint8Array, timeoutMs: number): Promise<number>;
  tcgetattr(fd: number, termios: Uint8Array): number;
  cfmakeraw(termios: Uint8Array): void;
  cfsetspeed(termios: Uint8Array, speed: number): number;
  /** The input speed in `termios` (a `speeds` value). */
  cfgetispeed(termios: Uint8Array): number;
  tcsetattrNow(fd: number, termios: Uint8Array): number;
  tcflushInput(fd: number): number;
  posixOpenpt(flags: number): number;
  grantpt(fd: number): number;
  unlockpt(fd: number): number;
  /** The slave's path, or undefined when ptsname fails. */
  ptsname(fd: number): string | undefined;
  /** The calling (main) thread's errno, right after a failed synchronous call. */
  errno(): number;
  /** `errno` as its name and the system's words: `ENOENT (No such file or directory)`. */
  describe(errno: number): string;
  errnoName(errno: number): string;
}

/** Bytes for a C string. */
function cString(text: string): Uint8Array {
  return new TextEncoder().encode(`${text}\0`);
}

let loaded: Libc | undefined;

/**
 * Opens libc once per process (dlopen is reference-counted and libc is never unloaded, so the
 * handle is kept). A Left says why not: not Deno, an unsupported platform, or no `--allow-ffi`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadLibc } from "./libc.ts";
 * const libc = loadLibc();
 * assert.equal(libc._tag, "Right");
 * if (libc._tag === "Right") assert.equal(libc.right.errnoName(2), "ENOENT");
 * ```
 */
export function loadLibc(): Either<string, Libc> {
  if (loaded !== undefined) return right(loaded);
  const deno = (globalThis as unknown as { Deno?: Partial<DenoFfi> }).Deno;
  if (deno?.dlopen === undefined || deno.UnsafePointerView === undefined) {
    return left("the libc serial port needs Deno's FFI (Deno.dlopen), which this runtime lacks");
  }
  const os = deno.build?.os;
  const platform = os === "linux" ? linux : os === "darwin" ? macos : undefined;
  if (platform === undefined) {
    return left(`a serial port through libc works on Linux and macOS, not on ${os}`);
  }
  try {
    loaded = bind(deno as DenoFfi, platform);
    return right(loaded);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return left(`cannot load ${platform.library} (run deno with --allow-ffi): ${why}`);
  }
}

function bind(deno: DenoFfi, platform: Platform): Libc {
  const { speedType, nfdsType } = platform;
  const c = deno.dlopen(platform.library, {
    open: { parameters: ["buffer", "i32"], result: "i32" },
    close: { parameters: ["i32"], result: "i32" },
    isatty: { parameters: ["i32"], result: "i32" },
    read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
    write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
    // Off the main thread (a Promise), so waiting for bytes never blocks the event loop.
    poll: { parameters: ["buffer", nfdsType, "i32"], result: "i32", nonblocking: true },
    tcgetattr: { parameters: ["i32", "buffer"], result: "i32" },
    cfmakeraw: { parameters: ["buffer"], result: "void" },
    cfsetispeed: { parameters: ["buffer", speedType], result: "i32" },
    cfsetospeed: { parameters: ["buffer", speedType], result: "i32" },
    cfgetispeed: { parameters: ["buffer"], result: speedType },
    tcsetattr: { parameters: ["i32", "i32", "buffer"], result: "i32" },
    tcflush: { parameters: ["i32", "i32"], result: "i32" },
    posix_openpt: { parameters: ["i32"], result: "i32" },
    grantpt: { parameters: ["i32"], result: "i32" },
    unlockpt: { parameters: ["i32"], result: "i32" },
    ptsname: { parameters: ["i32"], result: "pointer" },
    strerror: { parameters: ["i32"], result: "pointer" },
    [platform.errnoFunction]: { parameters: [], result: "pointer" },
  }).symbols;
  const call = (name: string, ...args: unknown[]): number => Number(c[name]!(...args));
  const width = (value: number) => speedType === "u64" ? BigInt(value) : value;
  const errnoName = (errno: number) =>
    platform.errnoNames[errno] ?? commonErrnoNames[errno] ?? `errno ${errno}`;
  return {
    platform,
    open: (path, flags) => call("open", cString(path), flags),
    close: (fd) => call("close", fd),
    isatty: (fd) => call("isatty", fd) === 1,
    read: (fd, into) => call("read", fd, into, BigInt(into.byteLength)),
    write: (fd, bytes) => call("write", fd, bytes, BigInt(bytes.byteLength)),
    poll: async (pollfd, timeoutMs) =>
      Number(await c.poll!(pollfd, nfdsType === "u64" ? 1n : 1, timeoutMs)),
    tcgetattr: (fd, termios) => call("tcgetattr", fd, termios),
    cfmakeraw: (termios) => void c.cfmakeraw!(termios),
    cfsetspeed: (termios, speed) =>
      call("cfsetispeed", termios, width(speed)) | call("cfsetospeed", termios, width(speed)),
    cfgetispeed: (termios) => call("cfgetispeed", termios),
    tcsetattrNow: (fd, termios) => call("tcsetattr", fd, 0, termios),
    tcflushInput: (fd) => call("tcflush", fd, platform.TCIFLUSH),
    posixOpenpt: (flags) => call("posix_openpt", flags),
    grantpt: (fd) => call("grantpt", fd),
    unlockpt: (fd) => call("unlockpt", fd),
    ptsname: (fd) => {
      const pointer = c.ptsname!(fd);
      return pointer === null ? undefined : deno.UnsafePointerView.getCString(pointer as object);
    },
    errno: () => {
      const pointer = c[platform.errnoFunction]!() as object;
      return new deno.UnsafePointerView(pointer).getInt32(0);
    },
    describe: (errno) => {
      const words = c.strerror!(errno);
      const text = words === null ? "" : deno.UnsafePointerView.getCString(words as object);
      return text === "" ? errnoName(errno) : `${errnoName(errno)} (${text})`;
    },
    errnoName,
  };
}
