/**
 * `start_mdns` over Moddable's `mdns` module (modules/network/mdns/mdns.js): one `MDNS`
 * instance claiming `<hostname>.local`, closed before the next is made and on `stop_wifi`.
 *
 * What Moddable does with it, and so what netfsm gets: the instance probes for the name (three
 * probes 250 ms apart) and answers nothing until it has claimed it, about 1 s later; it answers A
 * queries with the address of the interface it was asked on (`Net.get("IP")`), so the command's
 * `ip` is not passed; its A record's TTL is 120 s whatever is asked; a name another host answers
 * for during probing is renamed by Moddable (`name-2`, then `name-3`, ...), reported as a notice.
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";
import type { MdnsInstance, MdnsModule, TimerModule } from "./modules.ts";

/** The TTL mdns.js writes into its A record, whatever is asked. */
export const MODDABLE_MDNS_TTL = 120;

/**
 * The device's responder: at most one `MDNS` instance at a time.
 *
 * @example
 * ```ts ignore
 * import MDNS from "mdns";
 * const responder = new MdnsResponder(MDNS, Timer, (text) => trace(`${text}\n`), (error) => {});
 * responder.start("netfsm", 900); // claims netfsm.local; a notice says the TTL is 120 s
 * responder.stop();
 * ```
 */
export class MdnsResponder {
  #running: Claim | undefined;
  #ttlNoted = false;

  /**
   * @param MDNS Moddable's class, or undefined in a build without the module.
   * @param Timer Moddable's timer, to close an instance whose probing has not started yet.
   * @param notice Told of a rename and of the ignored TTL.
   * @param fail Told when Moddable ends claiming without a name (a negative message).
   */
  constructor(
    readonly MDNS: MdnsModule | undefined,
    readonly Timer: TimerModule,
    readonly notice: (message: string) => void,
    readonly fail: (error: string) => void,
  ) {}

  /** Closes the running instance, then claims `hostname`; a Left when Moddable cannot start. */
  start(hostname: string, ttl: number): Either<string, void> {
    const MDNS = this.MDNS;
    if (MDNS === undefined) {
      return { _tag: "Left", left: "start_mdns: this build has no mdns module (MDNS not given)" };
    }
    this.stop();
    if (ttl !== MODDABLE_MDNS_TTL && !this.#ttlNoted) {
      this.#ttlNoted = true;
      this.notice(`mDNS TTL ${ttl} s ignored: Moddable's mdns answers with 120 s`);
    }
    const claim: Claim = { started: false };
    try {
      // The socket opens here: lwIP refuses a port 5353 still bound, ESP32 a missing netif.
      claim.instance = new MDNS({ hostName: hostname }, (message, value) => {
        const first = !claim.started;
        claim.started = true;
        // Returning undefined lets Moddable rename. A stopped claim's first message is the end
        // of mdns.js's probe(): its probe timer exists once that returns, so close then.
        if (claim === this.#running) this.#message(hostname, message, value);
        else if (first) this.Timer.set(() => claim.instance?.close(), 0);
      });
    } catch (thrown) {
      const why = thrown instanceof Error ? thrown.message : String(thrown);
      return { _tag: "Left", left: `start_mdns: new MDNS failed: ${why}` };
    }
    this.#running = claim;
    return { _tag: "Right", right: undefined };
  }

  /**
   * Closes the running instance, if any; no callback of it is heard after. One whose probing has
   * not started is closed when it starts: mdns.js's close() leaves the 0 ms timer that starts it,
   * whose first probe would then write to the closed socket and abort XS. Until then it holds
   * port 5353, so a `start` in the same turn is refused ("socket bind failed").
   */
  stop(): void {
    const running = this.#running;
    this.#running = undefined;
    if (running?.started) running.instance?.close();
  }

  #message(requested: string, message: number, value: string | undefined): void {
    if (message === 1 && value && value !== requested) {
      this.notice(`mDNS: ${requested}.local is taken; Moddable claimed ${value}.local`);
    } else if (message < 0) {
      this.stop();
      this.fail(`mDNS could not claim ${requested}.local (message ${message})`);
    }
  }
}

/** One `MDNS` instance, and whether it has started probing (its first message). */
interface Claim {
  instance?: MdnsInstance;
  started: boolean;
}
