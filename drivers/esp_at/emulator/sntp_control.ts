/**
 * SNTP and the module's clock: `AT+CIPSNTPCFG` starts the radio's SNTP client, `+TIME_UPDATED`
 * reports the first sync after it, and `AT+CIPSNTPTIME?` prints the time as C's `asctime` does.
 *
 * Until a sync the module's clock counts seconds since boot from 1970, with no timezone applied:
 * espressif/esp-at #315 shows `Thu Jan  1 00:02:08 1970` two minutes after boot with timezone 8.
 * After one, it is the world's time in the configured timezone.
 *
 * @module
 */
import type { DriverEvent } from "../../driver.ts";
import { ERR } from "./error_codes.ts";
import type { ParamReader } from "./params.ts";
import { asctime, URC } from "./reports.ts";
import { failed, type Final, ok, type Services } from "./services.ts";

/** The servers the firmware uses when `AT+CIPSNTPCFG=1` names none. */
export const DEFAULT_SERVERS: readonly string[] = [
  "cn.ntp.org.cn",
  "ntp.sjtu.edu.cn",
  "us.pool.ntp.org",
];

/**
 * A timezone as `AT+CIPSNTPCFG` takes it, in minutes east of UTC: whole hours from -12 to 14, or
 * `[+|-]hhmm` (hours -12 to 14, minutes 0 to 59). Undefined when invalid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timezoneMinutes } from "./sntp_control.ts";
 * assert.deepEqual(["8", "-5", "1245", "-0530", "+0100", "15", "1260"].map(timezoneMinutes),
 *   [480, -300, 765, -330, 60, undefined, undefined]);
 * ```
 */
export function timezoneMinutes(text: string): number | undefined {
  const match = /^([+-]?)(\d{1,4})$/.exec(text);
  if (match === null) return undefined;
  const sign = match[1] === "-" ? -1 : 1;
  const digits = match[2]!;
  const hours = Number(digits.length <= 2 ? digits : digits.slice(0, -2));
  const minutes = digits.length <= 2 ? 0 : Number(digits.slice(-2));
  if (sign * hours < -12 || sign * hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

/** SNTP as the firmware runs it. */
export class SntpControl {
  readonly #s: Services;
  readonly #bootAt: number;
  #enabled = false;
  #timezone = { text: "0", minutes: 0 };
  #servers: readonly string[] = DEFAULT_SERVERS;
  /** The world's time at the last sync, and when on the clock it came. */
  #synced: { readonly seconds: number; readonly at: number } | undefined;
  /** Whether the next sync prints `+TIME_UPDATED` (the first after `AT+CIPSNTPCFG=1`). */
  #announce = false;

  constructor(services: Services) {
    this.#s = services;
    this.#bootAt = services.clock.now();
  }

  /** `AT+CIPSNTPCFG=<enable>[,<timezone>][,"server1"][,"server2"][,"server3"]`. */
  configure(p: ParamReader): Final {
    const enable = p.integer(0, 0, 1);
    p.optionalInteger(1, -1459, 1459);
    const text = p.integerText(1);
    const minutes = text === undefined ? 0 : timezoneMinutes(text);
    if (minutes === undefined) p.reject(ERR.PARA_INVALID);
    const servers = [2, 3, 4].flatMap((i) => p.optionalText(i, 1, 64) ?? []);
    if (p.error !== undefined) return failed(p.error);
    this.#timezone = { text: text ?? "0", minutes: minutes ?? 0 };
    this.#enabled = enable === 1;
    if (!this.#enabled) return ok();
    this.#servers = servers.length === 0 ? DEFAULT_SERVERS : servers;
    this.#announce = true;
    this.restart();
    return ok();
  }

  /** Starts the radio's SNTP client again (the radio forgets it when it stops), if enabled. */
  restart(): void {
    if (!this.#enabled) return;
    void this.#s.radio.apply({ command: "start_sntp", host: this.#servers[0]! });
  }

  /** `AT+CIPSNTPCFG?`'s line: `+CIPSNTPCFG:<enable>,<timezone>,"server1",...`. */
  configLine(): string {
    const servers = this.#servers.map((server) => `"${server}"`).join(",");
    return `+CIPSNTPCFG:${this.#enabled ? 1 : 0},${this.#timezone.text},${servers}`;
  }

  /** `AT+CIPSNTPTIME?`'s line: `+CIPSNTPTIME:Thu Jan  1 00:00:00 1970` style. */
  timeLine(): string {
    const now = this.#s.clock.now();
    const synced = this.#synced;
    const seconds = synced === undefined
      ? (now - this.#bootAt) / 1000
      : synced.seconds + (now - synced.at) / 1000 + this.#timezone.minutes * 60;
    return `+CIPSNTPTIME:${asctime(seconds)}`;
  }

  /** A radio event: `sntp_sync` sets the clock while SNTP is enabled. */
  handle(event: DriverEvent): void {
    // The simulated radio always knows the time it sets; an unknown one sets nothing.
    if (event.type !== "sntp_sync" || !this.#enabled || event.sec === null) return;
    this.#synced = { seconds: event.sec + (event.usec ?? 0) / 1e6, at: this.#s.clock.now() };
    if (!this.#announce) return;
    this.#announce = false;
    this.#s.print(URC.timeUpdated);
  }
}
