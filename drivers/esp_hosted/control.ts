/**
 * The control path: one request at a time through a queue, as the library itself allows (a
 * second request waits 3 s for the first, then fails). Each request is a `ctrl_cmd_t` with
 * `msg_type` CTRL_REQ, its `msg_id` and `cmd_timeout_sec`; each answer is checked (NULL: none in
 * time; `msg_id` the request's + 100 and the `uid` the library gave the request, else it is a
 * late answer to an earlier request), copied, and released as the library requires.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { StructView } from "../ffi/layout.ts";
import type { NativeLibrary, Pointer } from "../ffi/library.ts";
import {
  CONNECT_TIMEOUT_SEC,
  type ControlCall,
  CTRL_REQ,
  DEFAULT_TIMEOUT_SEC,
  type HOSTED_FUNCTIONS,
  REQUEST_IDS,
  RESPONSE_ID_OFFSET,
  SCAN_TIMEOUT_SEC,
  statusName,
  SUCCESS,
} from "./binding.ts";
import { CTRL_CMD, UNION_OFFSET, WIFI_AP_SCAN } from "./layouts.ts";

/** The control library, opened. */
export type HostedLibrary = NativeLibrary<typeof HOSTED_FUNCTIONS>;

/** What a request carries besides its id. */
export interface Request {
  /** Writes the request's union member into the message (which is all zeroes but the header). */
  readonly fill?: (message: Uint8Array) => void;
  /** Seconds to wait for the answer; the library's defaults otherwise (5, connect 10, scan 180). */
  readonly timeoutSec?: number;
  /** The answer carries a list (`count` at `u`, `out_list` at `u + 8`) of entries this long. */
  readonly listEntrySize?: number;
}

/** An answer, copied out of the library's memory (which has been released). */
export interface Answer {
  /** `resp_event_status`: SUCCESS, FAILURE or a `CTRL_ERR_*`. */
  readonly status: number;
  /** The whole `ctrl_cmd_t`. */
  readonly message: Uint8Array;
  /** The list the answer carried (every entry, back to back), or no bytes. */
  readonly list: Uint8Array;
}

/** Runs requests; `send` is only valid inside the task it was given to. */
export type Send = (call: ControlCall, request?: Request) => Promise<Either<string, Answer>>;

/** The library's own minimum wait for a call (it raises a shorter timeout to it). */
function minimumSec(call: ControlCall): number {
  if (call === "wifi_connect_ap") return CONNECT_TIMEOUT_SEC;
  if (call === "wifi_ap_scan_list") return SCAN_TIMEOUT_SEC;
  return 0;
}

/** The most entries a list may have before its count is taken as garbage. */
const MAX_LIST_ENTRIES = 1024;

/**
 * Releases a message the library handed over, as its `CLEANUP_CTRL_MSG` does: the block at
 * `free_buffer_handle` when both it and `free_buffer_func` are set, then the message. The FFI
 * layer cannot call through a function pointer, so the block goes to `hosted_free`, which is
 * what the library sets `free_buffer_func` to for every list it allocates (`ctrl_api.c`).
 *
 * @example
 * ```ts ignore
 * import { StructView } from "../ffi/layout.ts";
 * import { CTRL_CMD } from "./layouts.ts";
 * const copy = lib.readBytes(resp, CTRL_CMD.size);
 * releaseMessage(lib, resp, new StructView(CTRL_CMD, copy));
 * ```
 */
export function releaseMessage(
  lib: HostedLibrary,
  message: Pointer,
  copy: StructView<typeof CTRL_CMD>,
): void {
  const handle = copy.pointer("free_buffer_handle");
  if (handle !== 0n && copy.pointer("free_buffer_func") !== 0n) {
    lib.symbols.hosted_free(lib.pointerFromAddress(handle));
  }
  lib.symbols.hosted_free(message);
}

/** What the channel is built from. */
export interface ControlOptions {
  /** Seconds to wait for an ordinary answer (the library's default is 5). */
  readonly timeoutSec?: number;
  /**
   * Called (inside the queue, before the next request goes) when an answer belonged to an
   * earlier request: the library's answers are then out of step, each request getting the one
   * before's, until it is restarted.
   */
  readonly onStale?: (call: ControlCall) => Promise<void>;
}

/**
 * The requests to the ESP32, one at a time.
 *
 * @example
 * ```ts ignore
 * const channel = new ControlChannel(lib, { timeoutSec: 5 });
 * const mode = succeeded("wifi_set_mode", await channel.call("wifi_set_mode", {
 *   fill: (message) => unionView(WIFI_MODE, message).setI32("mode", WIFI_MODE_STA),
 * }));
 * ```
 */
export class ControlChannel {
  readonly #lib: HostedLibrary;
  readonly #timeoutSec: number;
  readonly #onStale: (call: ControlCall) => Promise<void>;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(lib: HostedLibrary, options: ControlOptions = {}) {
    this.#lib = lib;
    this.#timeoutSec = options.timeoutSec ?? DEFAULT_TIMEOUT_SEC;
    this.#onStale = options.onStale ?? (() => Promise.resolve());
  }

  /**
   * Runs `task` once every task queued before it has finished, with a `send` for its requests:
   * several requests that belong together (a connect and the check after it) go back to back.
   */
  task<T>(task: (send: Send) => Promise<T>): Promise<T> {
    const result = this.#tail.then(() => task((call, request) => this.#send(call, request)));
    this.#tail = result.then(() => {}, () => {});
    return result;
  }

  /** One request, queued. */
  call(call: ControlCall, request: Request = {}): Promise<Either<string, Answer>> {
    return this.task((send) => send(call, request));
  }

  /** Resolves once every task queued so far has finished. */
  idle(): Promise<void> {
    return this.#tail;
  }

  /** No request is sent after this (those queued are answered with a Left). */
  close(): void {
    this.#closed = true;
  }

  async #send(call: ControlCall, request: Request = {}): Promise<Either<string, Answer>> {
    if (this.#closed) return left(`${call}: the ESP-Hosted driver is closed`);
    const timeoutSec = request.timeoutSec ?? this.#timeoutSec;
    const message = new Uint8Array(CTRL_CMD.size);
    const header = new StructView(CTRL_CMD, message);
    header.setU8("msg_type", CTRL_REQ);
    header.setU16("msg_id", REQUEST_IDS[call]);
    header.setI32("cmd_timeout_sec", timeoutSec);
    request.fill?.(message);
    let pointer: Pointer | null;
    try {
      // `message` stays referenced here until the call returns: the library reads and writes it.
      pointer = await this.#lib.symbols[call](message);
    } catch (error) {
      return left(`${call}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (pointer === null) {
      return left(`${call}: no answer within ${Math.max(timeoutSec, minimumSec(call))} s`);
    }
    const answer = new StructView(CTRL_CMD, this.#lib.readBytes(pointer, CTRL_CMD.size));
    const list = request.listEntrySize === undefined
      ? new Uint8Array(0)
      : this.#copyList(answer.memory, request.listEntrySize);
    releaseMessage(this.#lib, pointer, answer);
    const expected = REQUEST_IDS[call] + RESPONSE_ID_OFFSET;
    const uid = header.i32("uid");
    if (answer.u16("msg_id") !== expected || (uid !== 0 && answer.i32("uid") !== uid)) {
      await this.#onStale(call);
      return left(
        `${call}: the answer was to an earlier request (msg_id ${answer.u16("msg_id")}, uid ` +
          `${answer.i32("uid")}; expected ${expected}, uid ${uid})`,
      );
    }
    return right({ status: answer.i32("resp_event_status"), message: answer.memory, list });
  }

  /** The entries at `out_list`, copied before the list is released. */
  #copyList(message: Uint8Array, entrySize: number): Uint8Array {
    const header = new StructView(WIFI_AP_SCAN, message.subarray(UNION_OFFSET));
    const count = header.i32("count");
    const address = header.pointer("out_list");
    const list = this.#lib.pointerFromAddress(address);
    if (count <= 0 || count > MAX_LIST_ENTRIES || list === null) return new Uint8Array(0);
    return this.#lib.readBytes(list, count * entrySize);
  }
}

/**
 * The answer when its status is SUCCESS; otherwise a Left naming the call and the status
 * (`wifi_connect_ap: FAILURE`), or why there was no answer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { right } from "fp-ts/lib/Either.js";
 * import { succeeded } from "./control.ts";
 * const refused = succeeded("wifi_stop_softap", right({ status: -1, message: new Uint8Array(0), list: new Uint8Array(0) }));
 * assert.deepEqual(refused, { _tag: "Left", left: "wifi_stop_softap: FAILURE" });
 * ```
 */
export function succeeded(
  call: ControlCall,
  answer: Either<string, Answer>,
): Either<string, Answer> {
  if (answer._tag === "Left" || answer.right.status === SUCCESS) return answer;
  return left(`${call}: ${statusName(answer.right.status)}`);
}
