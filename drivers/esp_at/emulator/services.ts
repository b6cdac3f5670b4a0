/**
 * What the parts of the firmware (station, soft-AP, SNTP, scan) share: the radio under the AT
 * interpreter, the clock, NVS, and the console they print on. The firmware (firmware.ts) gives
 * each part these and nothing more.
 *
 * @module
 */
import type { Either } from "fp-ts/lib/Either.js";
import type { Clock } from "../../clock.ts";
import type { DriverCommand, EventSource } from "../../driver.ts";
import type { Link } from "../../mock/station.ts";
import type { Nvs } from "./settings.ts";

/**
 * The radio: the simulated ESP32 (MockDriver), whose commands take effect at once (the promise
 * only carries the result) and whose events come later, on the clock.
 */
export interface Radio {
  apply(command: DriverCommand): Promise<Either<string, void>>;
  readonly events: EventSource;
  /** The station's link as the radio has it. */
  readonly link: Link;
  close(): Promise<void>;
}

/** How a command ended: `OK`, or `ERROR` after `lines`, with the code `AT+SYSLOG=1` prints. */
export type Final =
  | {
    readonly ok: true;
    readonly lines?: readonly string[];
    /** Runs once `OK` is printed: `AT+RST` reboots after it. */
    readonly then?: () => void;
  }
  | { readonly ok: false; readonly code?: number; readonly lines?: readonly string[] };

/** A handler's answer: ended now, or still running (busy) until the part calls `finish`. */
export type Reply = Final | "pending";

/** `OK`, after `lines`. */
export function ok(lines: readonly string[] = []): Final {
  return { ok: true, lines };
}

/** `ERROR` with `code`, after `lines`. */
export function failed(code: number | undefined, lines: readonly string[] = []): Final {
  return code === undefined ? { ok: false, lines } : { ok: false, code, lines };
}

/** What every part of the firmware may use. */
export interface Services {
  readonly clock: Clock;
  readonly radio: Radio;
  readonly nvs: Nvs;
  /** Prints one line (CR LF is added). */
  print(line: string): void;
  /** Ends the command that answered `"pending"`: prints its lines and `OK` or `ERROR`. */
  finish(final: Final): void;
  /** Runs `task` after `ms`, unless the module resets (or hangs) first. Returns a cancel. */
  after(ms: number, task: () => void): () => void;
  /** Marks the firmware busy with work of its own (joining by itself), or done with it. */
  ownWork(busy: boolean): void;
  /** Whether a command or the firmware's own work is running. */
  busy(): boolean;
  /** The station's DHCP hostname. */
  hostname(): string;
}
