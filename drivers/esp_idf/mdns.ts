/**
 * The mDNS responder through ESP-IDF's mdns component (espressif/mdns): `mdns_init`, then
 * `mdns_hostname_set`; `mdns_free` to stop. The component follows the default interfaces by
 * itself (it registers its own WIFI_EVENT and IP_EVENT handlers and answers with each
 * interface's own address), and its A records' TTL is its own (120 s, `MDNS_ANSWER_A_TTL`): the
 * core's `ip` and `ttl` are not passed anywhere. A firmware may be built without the component,
 * so its functions are opened apart from the WiFi ones and their absence refuses only
 * `start_mdns`.
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";
import { type NativeLibrary, openLibrary } from "../ffi/library.ts";
import { MDNS_FUNCTIONS } from "./binding.ts";
import { espErrorName } from "./errors.ts";

/** The mdns component's functions, opened. */
export type MdnsLibrary = NativeLibrary<typeof MDNS_FUNCTIONS>;

/**
 * The responder of one driver. Its calls run one after another (each `mdns_init` and
 * `mdns_free` runs on a worker thread), so a restart never overlaps a stop.
 *
 * @example
 * ```ts ignore
 * import { Mdns } from "./mdns.ts";
 * const mdns = await Mdns.open("native/build/libesp_idf_sim_5.5.so");
 * console.log(mdns.available, await mdns.start("sensor-7")); // true undefined
 * await mdns.stop();
 * mdns.close();
 * ```
 */
export class Mdns {
  readonly #lib: Either<string, MdnsLibrary>;
  #queue: Promise<unknown> = Promise.resolve();
  #running = false;

  private constructor(lib: Either<string, MdnsLibrary>) {
    this.#lib = lib;
  }

  /** Opens the component's functions in the library at `path`; absent ones are not an error. */
  static async open(path: string): Promise<Mdns> {
    return new Mdns(await openLibrary(path, MDNS_FUNCTIONS));
  }

  /** Whether the library has the mdns component. */
  get available(): boolean {
    return this.#lib._tag === "Right";
  }

  /**
   * (Re)starts the responder answering for `<hostname>.local`: frees the running one, then
   * `mdns_init` and `mdns_hostname_set`. Returns what went wrong, naming the call and ESP-IDF's
   * error, or that the library lacks the component.
   */
  start(hostname: string): Promise<string | undefined> {
    return this.#serially(async () => {
      if (this.#lib._tag === "Left") {
        return `start_mdns: the library has no mdns component (${this.#lib.left})`;
      }
      const s = this.#lib.right.symbols;
      // Restart, as the core means it: mdns_init on a running server would keep the old one.
      await this.#free();
      const initialised = await s.mdns_init();
      if (initialised !== 0) return `mdns_init: ${espErrorName(initialised)}`;
      this.#running = true;
      const named = s.mdns_hostname_set(new TextEncoder().encode(hostname + "\0"));
      if (named === 0) return undefined;
      // A responder without a name answers nothing: do not leave it running.
      await this.#free();
      return `mdns_hostname_set(${JSON.stringify(hostname)}): ${espErrorName(named)}`;
    });
  }

  /** Stops the responder, if this driver started it. */
  stop(): Promise<void> {
    return this.#serially(() => this.#free());
  }

  /** Unloads the component's functions; call once stopped. */
  close(): void {
    if (this.#lib._tag === "Right") this.#lib.right.close();
  }

  async #free(): Promise<void> {
    if (!this.#running || this.#lib._tag === "Left") return;
    this.#running = false;
    await this.#lib.right.symbols.mdns_free();
  }

  #serially<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(step);
    this.#queue = next.catch(() => {});
    return next;
  }
}
