/**
 * Opening a serial port on whichever runtime this is: through libc on Deno (serial_deno.ts, which
 * needs only `--allow-ffi`), through the `serialport` package on Node (serial_node.ts). Each is
 * imported only when used, so neither runtime loads the other's code.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { isDeno } from "../runtime.ts";
import type { ByteStream, OpenSerial, SerialOptions } from "./byte_stream.ts";

/** The baud rates a port may be opened at. ESP-AT's factory rate is 115200. */
export const standardBauds: readonly number[] = [
  9600,
  19200,
  38400,
  57600,
  115200,
  230400,
  460800,
  921600,
];

/**
 * The baud rate if it is one of {@link standardBauds}, else a message naming it and them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkBaud } from "./serial.ts";
 * assert.deepEqual(checkBaud(115200), { _tag: "Right", right: 115200 });
 * const odd = checkBaud(12345);
 * assert.ok(odd._tag === "Left" && /baud 12345 .* 9600, .*115200/.test(odd.left));
 * ```
 */
export function checkBaud(baud: number): Either<string, number> {
  if (standardBauds.includes(baud)) return right(baud);
  return left(
    `baud ${baud} is not a standard rate: use one of ${
      standardBauds.join(", ")
    } (ESP-AT's factory rate is 115200)`,
  );
}

/**
 * Opens the serial port at `path`: a stream, or a message naming the port and what went wrong (a
 * path that does not exist, a file that is no serial device, a baud rate that is not standard).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openSerial } from "./serial.ts";
 * const opened = await openSerial("/dev/no-such-port", { baud: 115200 });
 * assert.equal(opened._tag, "Left");
 * if (opened._tag === "Left") assert.match(opened.left, /\/dev\/no-such-port/);
 * ```
 */
export const openSerial: OpenSerial = async (
  path: string,
  options: SerialOptions,
): Promise<Either<string, ByteStream>> => {
  const baud = checkBaud(options.baud);
  if (baud._tag === "Left") return left(`cannot open ${path}: ${baud.left}`);
  const transport = isDeno()
    ? (await import("./serial_deno.ts")).openSerialDeno
    : (await import("./serial_node.ts")).openSerialNode;
  return transport(path, options);
};
