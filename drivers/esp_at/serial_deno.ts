/**
 * Serial ports and pseudo-terminals on Deno, through libc over FFI (Linux with glibc, and macOS).
 *
 * Permissions: `--allow-ffi` and nothing else (measured: a script opening a pty and a serial port
 * runs with `deno run --allow-ffi` alone). Deno's own `Deno.open` on a device under /dev needs
 * `--allow-all`, and the npm `serialport` package fails on Deno ("Bad file descriptor"), which is
 * why the I/O goes through libc.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { ByteStream, OpenSerial, SerialOptions } from "./byte_stream.ts";
import { FdStream } from "./fd_stream.ts";
import { type Libc, loadLibc } from "./libc.ts";
import { checkBaud } from "./serial.ts";

/** Room for any platform's `struct termios` (glibc's is 60 bytes, macOS's 72). */
const TERMIOS_BYTES = 256;

/**
 * Opens the serial port at `path` through libc: `open` (non-blocking, not as the controlling
 * terminal), refusing anything that is not a terminal, then raw mode at `baud`, 8N1, with the
 * receiver on and modem lines ignored, and pending input discarded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openPty, openSerialDeno } from "./serial_deno.ts";
 * const pty = await openPty();
 * if (pty._tag === "Left") throw new Error(pty.left);
 * const port = await openSerialDeno(pty.right.path, { baud: 115200 });
 * if (port._tag === "Left") throw new Error(port.left);
 * await port.right.write(new TextEncoder().encode("AT\r\n"));
 * await port.right.close();
 * await pty.right.close();
 * assert.match((await openSerialDeno("/dev/null", { baud: 115200 }))._tag, /Left/);
 * ```
 */
export const openSerialDeno: OpenSerial = (
  path: string,
  options: SerialOptions,
): Promise<Either<string, ByteStream>> => Promise.resolve(open(path, options.baud));

function open(path: string, baud: number): Either<string, ByteStream> {
  const checked = checkBaud(baud);
  if (checked._tag === "Left") return left(`cannot open ${path}: ${checked.left}`);
  const loaded = loadLibc();
  if (loaded._tag === "Left") return left(`cannot open ${path}: ${loaded.left}`);
  const libc = loaded.right;
  const { O_RDWR, O_NOCTTY, O_NONBLOCK } = libc.platform;
  const fd = libc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return left(`cannot open ${path}: ${libc.describe(libc.errno())}`);
  const failure = !libc.isatty(fd)
    ? `cannot open ${path}: it is not a serial device (not a terminal)`
    : configure(libc, fd, path, baud);
  if (failure !== undefined) {
    libc.close(fd);
    return left(failure);
  }
  return right(new FdStream(libc, fd, path));
}

/** Raw mode (and, given a baud, that speed with the receiver on); a message when it fails. */
function configure(libc: Libc, fd: number, path: string, baud?: number): string | undefined {
  const { platform } = libc;
  const termios = new Uint8Array(TERMIOS_BYTES);
  const fail = (what: string) => `cannot set up ${path}: ${what}: ${libc.describe(libc.errno())}`;
  if (libc.tcgetattr(fd, termios) !== 0) return fail("tcgetattr");
  libc.cfmakeraw(termios); // 8N1, no echo, no line editing, no translation of CR or LF
  if (baud !== undefined) {
    const speed = platform.speeds[baud];
    if (speed === undefined) return `cannot set up ${path}: no speed code for baud ${baud}`;
    if (libc.cfsetspeed(termios, speed) !== 0) return fail(`cfsetspeed ${baud}`);
    // CREAD: receive at all; CLOCAL: a USB adapter without modem lines is not "hung up". The bits
    // sit in the low word of c_cflag on both platforms (u32 on Linux; u64, little-endian, on macOS).
    const view = new DataView(termios.buffer);
    const cflag = view.getUint32(platform.cflagOffset, true);
    view.setUint32(platform.cflagOffset, (cflag | platform.CREAD | platform.CLOCAL) >>> 0, true);
  }
  if (libc.tcsetattrNow(fd, termios) !== 0) return fail("tcsetattr");
  if (libc.tcflushInput(fd) !== 0) return fail("tcflush");
  return undefined;
}

/** A pseudo-terminal: a device at `path` that a driver opens as a serial port, and its far end. */
export interface Pty {
  /** The slave's path (`/dev/pts/N`), to give the driver as its port. */
  readonly path: string;
  /** The master side: what the driver writes to `path` arrives here, and the reverse. */
  readonly stream: ByteStream;
  /** Closes both sides; the same as `stream.close()`. */
  close(): Promise<void>;
}

/**
 * Opens a pseudo-terminal, so that an emulated device can sit behind a serial port with no extra
 * tool (such as socat). The slave is made raw (a driver opening it gets no echo and no line
 * editing) and held open until close: a master whose slave nobody holds reads EIO, each time the
 * driver closes or reopens the port.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openPty } from "./serial_deno.ts";
 * import { openSerial } from "./serial.ts";
 * const pty = await openPty();
 * if (pty._tag === "Left") throw new Error(pty.left);
 * const port = await openSerial(pty.right.path, { baud: 115200 });
 * if (port._tag === "Left") throw new Error(port.left);
 * const heard = new Promise<string>((resolve) =>
 *   pty.right.stream.listen({ data: (b) => resolve(new TextDecoder().decode(b)), closed: () => {} })
 * );
 * await port.right.write(new TextEncoder().encode("AT\r\n"));
 * assert.equal(await heard, "AT\r\n");
 * await port.right.close();
 * await pty.right.close();
 * ```
 */
export function openPty(): Promise<Either<string, Pty>> {
  return Promise.resolve(openPtyNow());
}

function openPtyNow(): Either<string, Pty> {
  const loaded = loadLibc();
  if (loaded._tag === "Left") return left(`cannot open a pseudo-terminal: ${loaded.left}`);
  const libc = loaded.right;
  const { O_RDWR, O_NOCTTY, O_NONBLOCK } = libc.platform;
  const flags = O_RDWR | O_NOCTTY | O_NONBLOCK;
  const fail = (what: string) => `cannot open a pseudo-terminal: ${what}: ${describeErrno(libc)}`;
  // glibc's posix_openpt passes O_NONBLOCK on to open; macOS's refuses any flag but O_RDWR and
  // O_NOCTTY, so there it is the open of /dev/ptmx that posix_openpt does. (fcntl, which could
  // set O_NONBLOCK afterwards, is variadic: FFI cannot call it portably.)
  const master = libc.platform.os === "darwin"
    ? libc.open("/dev/ptmx", flags)
    : libc.posixOpenpt(flags);
  if (master < 0) return left(fail("posix_openpt"));
  const path = libc.grantpt(master) !== 0
    ? left(fail("grantpt"))
    : libc.unlockpt(master) !== 0
    ? left(fail("unlockpt"))
    : slavePath(libc, master);
  if (path._tag === "Left") {
    libc.close(master);
    return path;
  }
  const slave = libc.open(path.right, flags);
  if (slave < 0) {
    libc.close(master);
    return left(`cannot open ${path.right}: ${describeErrno(libc)}`);
  }
  const failure = configure(libc, slave, path.right);
  if (failure !== undefined) {
    libc.close(slave);
    libc.close(master);
    return left(failure);
  }
  const stream = new FdStream(libc, master, `the pseudo-terminal behind ${path.right}`, [slave]);
  return right({ path: path.right, stream, close: () => stream.close() });
}

function slavePath(libc: Libc, master: number): Either<string, string> {
  const path = libc.ptsname(master);
  return path === undefined
    ? left(`cannot open a pseudo-terminal: ptsname: ${describeErrno(libc)}`)
    : right(path);
}

function describeErrno(libc: Libc): string {
  return libc.describe(libc.errno());
}
