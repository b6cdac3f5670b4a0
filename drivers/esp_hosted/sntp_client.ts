/**
 * A minimal SNTP client (RFC 4330) over UDP (`node:dgram`, on Node and Deno), because ESP-Hosted
 * has none to offer: the ESP32 only carries the host's frames, and the host's own network stack
 * reaches the time server. One 48-byte client request (mode 3); the time reported is the
 * server's transmit timestamp, from its answer, never one made up here. Retried with backoff
 * until a server answers, then again every hour, as ESP-IDF's SNTP client polls.
 *
 * On Deno it needs `--allow-net` (to the server's port).
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { createSocket } from "node:dgram";
import type { Clock } from "../clock.ts";
import { netRefusal } from "../net_permission.ts";

/** NTP's port. */
export const NTP_PORT = 123;

/** Seconds from NTP's epoch (1900) to Unix's (1970). */
const NTP_TO_UNIX = 2_208_988_800;

/** A time, as `sntp_sync` reports it: seconds and microseconds since 1970. */
export interface SntpTime {
  readonly sec: number;
  readonly usec: number;
}

/**
 * A client request: LI 0, version 4, mode 3; `nonce` as its transmit timestamp, which the server
 * copies into its answer's originate timestamp (so an answer is known to be to this request).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sntpRequest } from "./sntp_client.ts";
 * const packet = sntpRequest(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
 * assert.equal(packet.length, 48);
 * assert.equal(packet[0], 0x23);
 * assert.deepEqual([...packet.subarray(40)], [1, 2, 3, 4, 5, 6, 7, 8]);
 * ```
 */
export function sntpRequest(nonce: Uint8Array): Uint8Array {
  const packet = new Uint8Array(48);
  packet[0] = 0x23;
  packet.set(nonce.subarray(0, 8), 40);
  return packet;
}

/**
 * The server's transmit timestamp in an answer to the request carrying `nonce`, or why the
 * answer cannot be used (not a server's, not ours, a kiss-o'-death, an unsynchronised server).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSntpAnswer } from "./sntp_client.ts";
 * const nonce = new Uint8Array([9, 9, 9, 9, 9, 9, 9, 9]);
 * const answer = new Uint8Array(48);
 * answer[0] = 0x24; // version 4, server
 * answer[1] = 2; // stratum
 * answer.set(nonce, 24);
 * new DataView(answer.buffer).setUint32(40, 3_900_000_000); // 2023-08-01
 * new DataView(answer.buffer).setUint32(44, 2 ** 31); // half a second
 * assert.deepEqual(readSntpAnswer(answer, nonce), { _tag: "Right", right: { sec: 1_691_011_200, usec: 500_000 } });
 * ```
 */
export function readSntpAnswer(answer: Uint8Array, nonce: Uint8Array): Either<string, SntpTime> {
  if (answer.length < 48) return left(`the answer is ${answer.length} bytes, not 48`);
  const data = new DataView(answer.buffer, answer.byteOffset, answer.length);
  const first = answer[0] ?? 0;
  const mode = first & 0x7;
  if (mode !== 4 && mode !== 5) return left(`the answer is not a server's (mode ${mode})`);
  if (answer[1] === 0) {
    const code = new TextDecoder().decode(answer.subarray(12, 16)).replace(/\0+$/, "");
    return left(`the server refused to answer (kiss-o'-death "${code}")`);
  }
  if (first >> 6 === 3) return left("the server is not synchronised (leap indicator 3)");
  if (!answer.subarray(24, 32).every((byte, index) => byte === nonce[index])) {
    return left("the answer is not to our request (its originate timestamp differs)");
  }
  const seconds = data.getUint32(40);
  const fraction = data.getUint32(44);
  if (seconds === 0 && fraction === 0) return left("the answer carries no time");
  // RFC 4330 §3: seconds with the top bit clear are in the era that begins in 2036.
  const sinceNtpEpoch = seconds >= 0x8000_0000 ? seconds : seconds + 2 ** 32;
  return right({
    sec: sinceNtpEpoch - NTP_TO_UNIX,
    usec: Math.floor(fraction * 1_000_000 / 2 ** 32),
  });
}

/**
 * One exchange with `host:port`: the server's time, or why there is none within `timeoutMs`.
 * `signal` abandons it (the socket is closed at once).
 *
 * @example
 * ```ts ignore
 * import { querySntp } from "./sntp_client.ts";
 * const time = await querySntp("pool.ntp.org", 123, 3000);
 * ```
 */
export function querySntp(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Either<string, SntpTime>> {
  const refused = netRefusal("SNTP", "0.0.0.0:0");
  if (refused !== undefined) return Promise.resolve(left(refused));
  return new Promise((resolve) => {
    const where = `${host}:${port}`;
    const nonce = globalThis.crypto.getRandomValues(new Uint8Array(8));
    const socket = createSocket("udp4");
    let done = false;
    const finish = (result: Either<string, SntpTime>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", abandon);
      socket.close();
      resolve(result);
    };
    const abandon = () => finish(left(`the query to ${where} was abandoned`));
    const timer = setTimeout(
      () => finish(left(`no answer from ${where} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    signal?.addEventListener("abort", abandon);
    socket.on("error", (error: Error) => finish(left(`${where}: ${error.message}`)));
    socket.on("message", (message: Uint8Array) => {
      const time = readSntpAnswer(new Uint8Array(message), nonce);
      finish(time._tag === "Left" ? left(`${where}: ${time.left}`) : time);
    });
    socket.send(sntpRequest(nonce), port, host, (error: Error | null) => {
      if (error !== null) finish(left(`cannot send to ${where}: ${error.message}`));
    });
  });
}

/** What a client is built from. */
export interface SntpClientOptions {
  readonly clock: Clock;
  readonly onSync: (time: SntpTime) => void;
  readonly notice: (message: string) => void;
  /** The server's port (123). */
  readonly port?: number;
  /** How long one request waits for its answer (3 s). */
  readonly attemptMs?: number;
  /** The first wait before a retry (1 s); it doubles up to `maxRetryMs` (64 s). */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /** How long after a synchronisation the next one is asked for (an hour). */
  readonly resyncMs?: number;
}

/**
 * Polls one server at a time.
 *
 * @example
 * ```ts ignore
 * const client = new SntpClient({ clock: realClock(), onSync: console.log, notice: console.log });
 * client.start("pool.ntp.org");
 * client.stop();
 * ```
 */
export class SntpClient {
  readonly #options: SntpClientOptions;
  #generation = 0;
  #cancel: () => void = () => {};
  #abort: AbortController | undefined;

  constructor(options: SntpClientOptions) {
    this.#options = options;
  }

  /** Starts polling `host` (a restart when it already polls one: each new address sends it). */
  start(host: string): void {
    this.stop();
    void this.#attempt(this.#generation, host, this.#options.retryMs ?? 1000, true);
  }

  /** Stops polling; a request on its way is abandoned. */
  stop(): void {
    this.#generation++;
    this.#cancel();
    this.#cancel = () => {};
    this.#abort?.abort();
    this.#abort = undefined;
  }

  async #attempt(generation: number, host: string, retryMs: number, first: boolean) {
    const { clock, port = NTP_PORT, attemptMs = 3000, maxRetryMs = 64_000 } = this.#options;
    const abort = new AbortController();
    this.#abort = abort;
    const time = await querySntp(host, port, attemptMs, abort.signal);
    if (generation !== this.#generation) return;
    this.#abort = undefined;
    let next: () => void;
    let wait: number;
    if (time._tag === "Right") {
      this.#options.onSync(time.right);
      wait = this.#options.resyncMs ?? 3_600_000;
      next = () => void this.#attempt(generation, host, this.#options.retryMs ?? 1000, false);
    } else {
      // Told of the first failure only: a server that stays away would otherwise fill the log.
      if (first) this.#options.notice(`SNTP: ${time.left}; retrying with backoff`);
      wait = retryMs;
      next = () => void this.#attempt(generation, host, Math.min(retryMs * 2, maxRetryMs), false);
    }
    this.#cancel = clock.schedule(clock.now() + wait, next);
  }
}
