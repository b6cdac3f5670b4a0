// The serial transports against real ptys. On Deno this tests serial_deno.ts (libc over FFI); the
// npm build runs the same file on Node, where it tests serial_node.ts (the serialport package).
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ByteStream } from "./byte_stream.ts";
import { socatPair } from "./pty_pair.ts";
import { isDeno } from "../runtime.ts";
import { openSerial } from "./serial.ts";
import { loadLibc } from "./libc.ts";
import { openPty } from "./serial_deno.ts";

const encode = (text: string) => new TextEncoder().encode(text);
const onDeno = isDeno();

async function open(path: string): Promise<ByteStream> {
  const opened = await openSerial(path, { baud: 115200 });
  if (opened._tag === "Left") throw new Error(opened.left);
  return opened.right;
}

/** Collects what `stream` receives; `until(n)` resolves once `n` bytes have arrived. */
function collect(stream: ByteStream) {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let waiter: { count: number; resolve: () => void } | undefined;
  const closes: string[] = [];
  let closed: () => void = () => {};
  const closedOnce = new Promise<void>((resolve) => closed = resolve);
  stream.listen({
    data(bytes) {
      chunks.push(bytes);
      total += bytes.byteLength;
      if (waiter !== undefined && total >= waiter.count) waiter.resolve();
    },
    closed(reason) {
      closes.push(reason);
      closed();
    },
  });
  return {
    closes,
    closedOnce,
    until: (count: number, ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${total} of ${count} bytes`)), ms);
        waiter = { count, resolve: () => (clearTimeout(timer), resolve()) };
        if (total >= count) waiter.resolve();
      }),
    bytes: () => {
      const all = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) all.set(chunk, (offset += chunk.byteLength) - chunk.byteLength);
      return all;
    },
  };
}

/** Runs `body` with a socat pair opened as two serial ports, and tears everything down. */
async function withPair(
  body: (a: ByteStream, b: ByteStream, paths: { a: string; b: string }) => Promise<void>,
): Promise<void> {
  const pair = await socatPair();
  const streams: ByteStream[] = [];
  try {
    streams.push(await open(pair.a), await open(pair.b));
    await body(streams[0]!, streams[1]!, pair);
  } finally {
    for (const stream of streams) await stream.close();
    await pair.close();
  }
}

Deno.test("serial: bytes travel both ways between two ports", async () => {
  await withPair(async (a, b) => {
    const atB = collect(b);
    const atA = collect(a);
    await a.write(encode("AT\r\n"));
    await atB.until(4);
    assert.equal(new TextDecoder().decode(atB.bytes()), "AT\r\n");
    await b.write(new Uint8Array([0, 255, 13, 10, 3]));
    await atA.until(5);
    assert.deepEqual([...atA.bytes()], [0, 255, 13, 10, 3]);
  });
});

Deno.test("serial: 64 KiB in one write arrives intact and in order", async () => {
  await withPair(async (a, b) => {
    const payload = new Uint8Array(64 * 1024).map((_, i) => (i * 7 + (i >> 8)) & 0xff);
    const atB = collect(b);
    await a.write(payload);
    await atB.until(payload.byteLength, 15000);
    assert.deepEqual(atB.bytes(), payload);
  });
});

Deno.test("serial: the far side going away is told once, and later writes name the port", async () => {
  const pair = await socatPair();
  const a = await open(pair.a);
  try {
    const atA = collect(a);
    // socat holds both slaves itself, so closing the other port would not reach a; socat going
    // (as a USB adapter unplugged) closes a's master, and a hangs up.
    await pair.close();
    await atA.closedOnce;
    await assert.rejects(a.write(encode("AT\r\n")), (error: Error) => {
      assert.ok(error.message.includes(pair.a), error.message);
      return true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(atA.closes.length, 1, atA.closes.join("; "));
    assert.ok(atA.closes[0]!.includes(pair.a), atA.closes[0]);
  } finally {
    await a.close();
    await pair.close();
  }
});

Deno.test("serial: a path that does not exist is a Left naming it", async () => {
  const path = "/dev/netfsm-no-such-port";
  const opened = await openSerial(path, { baud: 115200 });
  assert.ok(opened._tag === "Left");
  assert.ok(opened.left.includes(path), opened.left);
  assert.match(opened.left, /ENOENT|no such file/i);
});

Deno.test("serial: a regular file is a Left", async () => {
  const dir = await mkdtemp(join(tmpdir(), "netfsm-serial-"));
  const path = join(dir, "not-a-port");
  await writeFile(path, "hello");
  try {
    const opened = await openSerial(path, { baud: 115200 });
    assert.ok(opened._tag === "Left", "a regular file opened as a serial port");
    assert.ok(opened.left.includes(path), opened.left);
  } finally {
    await rm(dir, { recursive: true });
  }
});

Deno.test("serial: a baud rate that is not standard is a Left listing the rates", async () => {
  const opened = await openSerial("/dev/ttyUSB0", { baud: 12345 });
  assert.ok(opened._tag === "Left");
  assert.match(opened.left, /12345/);
  assert.match(opened.left, /9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600/);
  const fraction = await openSerial("/dev/ttyUSB0", { baud: 115200.5 });
  assert.ok(fraction._tag === "Left");
});

Deno.test("serial: closing twice is harmless, and a closed port refuses writes", async () => {
  await withPair(async (a) => {
    const atA = collect(a);
    await a.close();
    await a.close();
    assert.equal(atA.closes.length, 1);
    await assert.rejects(a.write(encode("AT")), /closed/);
  });
});

Deno.test({
  name: "serial: openPty gives a device that openSerial opens, bytes both ways",
  ignore: !onDeno,
  fn: async () => {
    const pty = await openPty();
    if (pty._tag === "Left") throw new Error(pty.left);
    const port = await open(pty.right.path);
    try {
      const atDevice = collect(pty.right.stream);
      const atHost = collect(port);
      await port.write(encode("AT+GMR\r\n"));
      await atDevice.until(8);
      assert.equal(new TextDecoder().decode(atDevice.bytes()), "AT+GMR\r\n");
      await pty.right.stream.write(encode("OK\r\n"));
      await atHost.until(4);
      assert.equal(new TextDecoder().decode(atHost.bytes()), "OK\r\n");
      // The driver closing and reopening the port does not end the device's side.
      await port.close();
      const again = await open(pty.right.path);
      await again.write(encode("AT\r\n"));
      await atDevice.until(12);
      await again.close();
      assert.deepEqual(atDevice.closes, []);
    } finally {
      await port.close();
      await pty.right.close();
    }
  },
});

Deno.test({
  name: "serial: a write larger than the device's buffer waits for room, and loses nothing",
  ignore: !onDeno,
  fn: async () => {
    const pty = await openPty();
    if (pty._tag === "Left") throw new Error(pty.left);
    const port = await open(pty.right.path);
    try {
      // Nobody reads the port yet: the pty fills, the master's write meets EAGAIN and polls.
      const payload = new Uint8Array(256 * 1024).map((_, i) => (i ^ (i >> 9)) & 0xff);
      const written = pty.right.stream.write(payload);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const atHost = collect(port);
      await written;
      await atHost.until(payload.byteLength, 15000);
      assert.deepEqual(atHost.bytes(), payload);
    } finally {
      await port.close();
      await pty.right.close();
    }
  },
});

Deno.test({
  name: "serial: the port is raw, at the baud asked, with the receiver on and modem lines ignored",
  ignore: !onDeno,
  fn: async () => {
    const libc = loadLibc();
    if (libc._tag === "Left") throw new Error(libc.left);
    const { platform } = libc.right;
    const pty = await openPty();
    if (pty._tag === "Left") throw new Error(pty.left);
    const opened = await openSerial(pty.right.path, { baud: 9600 });
    if (opened._tag === "Left") throw new Error(opened.left);
    // A tty's settings belong to the device, so a second fd reads what the port set.
    const fd = libc.right.open(pty.right.path, platform.O_RDWR | platform.O_NOCTTY);
    try {
      const termios = new Uint8Array(256);
      assert.equal(libc.right.tcgetattr(fd, termios), 0);
      assert.equal(libc.right.cfgetispeed(termios), platform.speeds[9600]);
      const cflag = new DataView(termios.buffer).getUint32(platform.cflagOffset, true);
      assert.equal(cflag & (platform.CREAD | platform.CLOCAL), platform.CREAD | platform.CLOCAL);
    } finally {
      libc.right.close(fd);
      await opened.right.close();
      await pty.right.close();
    }
  },
});

const script = `
import { openSerial } from ${JSON.stringify(new URL("./serial.ts", import.meta.url).href)};
import { openPty } from ${JSON.stringify(new URL("./serial_deno.ts", import.meta.url).href)};
const pty = await openPty();
if (pty._tag === "Left") { console.log(pty.left); Deno.exit(1); }
const port = await openSerial(pty.right.path, { baud: 115200 });
if (port._tag === "Left") { console.log(port.left); Deno.exit(1); }
const heard = new Promise((resolve) => pty.right.stream.listen({ data: resolve, closed() {} }));
await port.right.write(new TextEncoder().encode("AT"));
console.log(new TextDecoder().decode(await heard));
await port.right.close();
await pty.right.close();
`;

/** The part of Deno.Command used here (the npm build's Deno shim does not declare it). */
interface Command {
  new (command: string, options: { args: string[]; stdout: "piped"; stderr: "piped" }): {
    output(): Promise<{ code: number; stdout: Uint8Array }>;
  };
}

/**
 * Runs deno with `args`. Not through node:child_process: Deno runs a child Deno spawned that way
 * with the parent's permissions, whatever its arguments say.
 */
async function deno(args: string[]): Promise<{ code: number; stdout: string }> {
  const { Command } = Deno as unknown as { Command: Command };
  const command = new Command(Deno.execPath(), { args, stdout: "piped", stderr: "piped" });
  const { code, stdout } = await command.output();
  return { code, stdout: new TextDecoder().decode(stdout) };
}

Deno.test({
  name: "serial: the Deno transport needs --allow-ffi and no other permission",
  ignore: !onDeno,
  fn: async () => {
    const dir = await mkdtemp(join(tmpdir(), "netfsm-ffi-"));
    const file = join(dir, "ffi_only.ts");
    await writeFile(file, script);
    const config = fileURLToPath(new URL("../../deno.json", import.meta.url));
    try {
      const allowed = await deno(["run", "--no-prompt", "--allow-ffi", "--config", config, file]);
      assert.deepEqual(allowed, { code: 0, stdout: "AT\n" });
      const denied = await deno(["run", "--no-prompt", "--config", config, file]);
      assert.equal(denied.code, 1, JSON.stringify(denied));
      assert.match(denied.stdout, /--allow-ffi/);
    } finally {
      await rm(dir, { recursive: true });
    }
  },
});
