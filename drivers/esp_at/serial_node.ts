/**
 * Serial ports on Node, over the `serialport` package (v13, whose prebuilt bindings need no
 * compiler). The package is an optional dependency of netfsm and is imported only when a port is
 * opened, so netfsm installs and runs without it where no binding exists.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { isatty } from "node:tty";
import type { SerialPort } from "serialport";
import type { ByteStream, OpenSerial, SerialOptions, StreamListener } from "./byte_stream.ts";
import { checkBaud } from "./serial.ts";

/**
 * Opens the serial port at `path` through the `serialport` package; a Left names the port and
 * gives the system's words (or says to install the package).
 *
 * @example
 * ```ts ignore
 * import { openSerialNode } from "./serial_node.ts";
 * const port = await openSerialNode("/dev/ttyUSB0", { baud: 115200 });
 * if (port._tag === "Right") await port.right.write(new TextEncoder().encode("AT\r\n"));
 * ```
 */
export const openSerialNode: OpenSerial = async (
  path: string,
  options: SerialOptions,
): Promise<Either<string, ByteStream>> => {
  const baud = checkBaud(options.baud);
  if (baud._tag === "Left") return left(`cannot open ${path}: ${baud.left}`);
  let Port: typeof SerialPort;
  try {
    Port = (await import("serialport")).SerialPort;
  } catch (error) {
    return left(
      `cannot open ${path}: install the serialport package (npm install serialport) to use a ` +
        `serial port on Node (${messageOf(error)})`,
    );
  }
  let port: SerialPort;
  try {
    port = new Port({ path, baudRate: baud.right, autoOpen: false });
  } catch (error) {
    return left(`cannot open ${path}: ${messageOf(error)}`);
  }
  const failure = await new Promise<Error | null>((resolve) => port.open(resolve));
  if (failure !== null) return left(`cannot open ${path}: ${openFailure(failure)}`);
  return right(new NodePort(port, path));
};

/** How often a port is checked for having hung up (see {@link NodePort}'s watch). */
const HANG_UP_CHECK_MS = 250;

/** The system's words in an error, without serialport's ", cannot open PATH" tail. */
function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Error: /, "").replace(/, cannot open .*$/, "");
}

/** Why an open failed, saying so plainly when the path is no terminal at all. */
function openFailure(error: Error): string {
  const words = messageOf(error);
  return /Inappropriate ioctl|ENOTTY/i.test(words) ? `it is not a serial device (${words})` : words;
}

/**
 * A serialport port as a ByteStream. serialport does not notice every hang-up: measured on Linux,
 * a pty whose master closed goes unreported while serialport's poll is armed (the kernel hangs up
 * an unplugged USB adapter's tty the same way; not measured here). A hung-up tty is no longer a
 * terminal (its ioctls fail), so the port's fd is checked with isatty a few times a second.
 */
class NodePort implements ByteStream {
  readonly #port: SerialPort;
  #watch: ReturnType<typeof setInterval> | undefined;
  #listener: StreamListener | undefined;
  /** Bytes that arrived before anyone listened. */
  readonly #backlog: Uint8Array[] = [];
  #ended: string | undefined;
  #closing = false;
  #closed: Promise<void> | undefined;

  constructor(port: SerialPort, readonly name: string) {
    this.#port = port;
    // A "data" listener starts the flow; bytes before `listen` are kept for the first listener.
    port.on("data", (chunk: Uint8Array) => {
      if (this.#closing) return;
      const bytes = new Uint8Array(chunk);
      if (this.#listener === undefined) this.#backlog.push(bytes);
      else this.#listener.data(bytes);
    });
    port.on("error", (error: Error) => this.#end(`${name} failed: ${messageOf(error)}`));
    port.on("close", (error: (Error & { disconnected?: boolean }) | null) => {
      this.#end(
        error === null || error?.disconnected === true
          ? `${name} hung up`
          : `${name} failed: ${messageOf(error)}`,
      );
    });
    const fd = (port.port as { fd?: unknown } | undefined)?.fd;
    if (typeof fd === "number") {
      this.#watch = setInterval(() => {
        if (!isatty(fd)) this.#end(`${name} hung up`);
      }, HANG_UP_CHECK_MS);
    }
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.#closing) return Promise.reject(new Error(`${this.name} is closed`));
    if (this.#ended !== undefined) {
      return Promise.reject(new Error(`cannot write to ${this.name}: ${this.#ended}`));
    }
    return new Promise((resolve, reject) => {
      const fail = (error: Error | null | undefined) => {
        // EIO: the other side of the tty is gone, the same hang-up the watch looks for.
        const hungUp = (error as { code?: string } | null | undefined)?.code === "EIO";
        const why = hungUp ? `${this.name} hung up` : messageOf(error);
        if (hungUp) this.#end(why);
        reject(new Error(`cannot write to ${this.name}: ${why}`));
      };
      this.#port.write(bytes, (error) => {
        if (error) return fail(error);
        // Resolves once the bytes left for the device, as the Deno transport's writes do.
        this.#port.drain((drained) => drained ? fail(drained) : resolve());
      });
    });
  }

  listen(listener: StreamListener): void {
    this.#listener = listener;
    if (this.#closing) return;
    for (const bytes of this.#backlog.splice(0)) listener.data(bytes);
    if (this.#ended !== undefined) listener.closed(this.#ended);
  }

  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    this.#end(`${this.name} closed here`);
    this.#closing = true;
    this.#listener = undefined;
    if (!this.#port.isOpen) return;
    // An error here (the port already went away) leaves nothing more to release.
    await new Promise<void>((resolve) => this.#port.close(() => resolve()));
  }

  #end(reason: string): void {
    if (this.#ended !== undefined) return;
    this.#ended = reason;
    clearInterval(this.#watch);
    this.#listener?.closed(reason);
  }
}
