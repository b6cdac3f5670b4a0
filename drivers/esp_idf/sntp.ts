/**
 * SNTP through `esp_netif_sntp_init`: one server, started at once, a sync callback that ESP-IDF
 * calls on its own task with the `struct timeval` it set. `start_sntp` comes again on each new
 * address, meaning "restart": the old client is deinitialised first.
 *
 * @module
 */
import { StructView } from "../ffi/layout.ts";
import type { NativeCallback, NativeLibrary } from "../ffi/library.ts";
import type { DriverEvent } from "../driver.ts";
import { type IDF_FUNCTIONS, SNTP_SYNC_CALLBACK } from "./binding.ts";
import { espErrorName } from "./errors.ts";
import type { Layouts } from "./layouts.ts";

/** `struct timeval` on a 64-bit host: `time_t tv_sec`, `suseconds_t tv_usec`, 8 bytes each. */
const TIMEVAL_BYTES = 16;

/** The SNTP client of one driver. */
export class Sntp {
  readonly #lib: NativeLibrary<typeof IDF_FUNCTIONS>;
  readonly #layouts: Layouts;
  readonly #emit: (event: DriverEvent) => void;
  #callback: NativeCallback | undefined;
  /** The server's name, kept alive while ESP-IDF holds a pointer to it. */
  #server: Uint8Array | undefined;
  #config: Uint8Array | undefined;
  #running = false;

  constructor(
    lib: NativeLibrary<typeof IDF_FUNCTIONS>,
    layouts: Layouts,
    emit: (event: DriverEvent) => void,
  ) {
    this.#lib = lib;
    this.#layouts = layouts;
    this.#emit = emit;
  }

  /** (Re)starts the client on `host`; returns what went wrong, naming ESP-IDF's error. */
  async start(host: string): Promise<string | undefined> {
    // The old client must be gone before the new one starts: init refuses while one runs.
    await this.stop();
    const callback = this.#callback ?? this.#makeCallback();
    if (typeof callback === "string") return callback;
    this.#server = new TextEncoder().encode(host + "\0");
    const config = new StructView(this.#layouts.esp_sntp_config_t);
    config.setBool("start", true);
    config.setBool("server_from_dhcp", false);
    config.setPointer("sync_cb", this.#lib.address(callback.pointer));
    // A size_t: 4 bytes on the ESP32, 8 on a 64-bit host.
    if (config.layout.fields.num_of_servers?.[1] === 8) config.setU64("num_of_servers", 1);
    else config.setU32("num_of_servers", 1);
    config.setPointer("servers", this.#lib.bufferAddress(this.#server));
    this.#config = config.memory;
    const result = this.#lib.symbols.esp_netif_sntp_init(config.memory);
    if (result !== 0) return `esp_netif_sntp_init: ${espErrorName(result)}`;
    this.#running = true;
    return undefined;
  }

  /** Stops the client, if it runs (on a worker thread: a sync callback may be under way). */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    await this.#lib.symbols.esp_netif_sntp_deinit();
  }

  /** Releases the callback; call once the client is stopped. */
  close(): void {
    this.#callback?.close();
    this.#callback = undefined;
    this.#server = undefined;
    this.#config = undefined;
  }

  #makeCallback(): NativeCallback | string {
    const made = this.#lib.threadSafeCallback(SNTP_SYNC_CALLBACK, (tv: unknown) => {
      if (tv === null || !this.#running) return;
      const bytes = this.#lib.readBytes(tv as never, TIMEVAL_BYTES);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const sec = Number(view.getBigInt64(0, true));
      const usec = Number(view.getBigInt64(8, true));
      queueMicrotask(() => this.#emit({ type: "sntp_sync", sec, usec }));
    });
    if (made._tag === "Left") return made.left;
    this.#callback = made.right;
    return made.right;
  }
}
