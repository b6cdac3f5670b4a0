/**
 * Turning a serial log into a trace, a line at a time: each line's time from its stamp
 * (stamp.ts), what it says from its dialect (recognize.ts), and the last few events held back
 * (pending.ts), for a later line to complete or repeat. Memory stays flat however long the log.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { AP_CALLBACKS, STA_CALLBACKS } from "../../core/config/schema.ts";
import type { Device } from "../../core/device.ts";
import type { Input } from "../../core/input.ts";
import { type Line, LINE_TOO_LONG, lineTooLong } from "../../core/limits.ts";
import { headerLine, inputLine } from "../../core/trace/writer.ts";
import { formOf, type Held, isKnown, Pending } from "./pending.ts";
import { type Dialect, recognize, timestampOf } from "./recognize.ts";

/** How to import. */
export interface ImportOptions {
  /** The configuration the device ran with (JSON); default: every callback registered. */
  readonly config?: unknown;
  /** The station MAC; default: the one the log names, or 00:00:00:00:00:00. */
  readonly mac?: string;
  /** Refuse lines netfsm does not know (or past the line limit) instead of skipping them. */
  readonly strict?: boolean;
  /** What an input's `at` is: see {@link ImportClock}; default `since-first`. */
  readonly at?: ImportClock;
}

/**
 * What `at` means in an imported trace. `since-first`: milliseconds since the log's first
 * stamped line, so every trace starts near 0 whatever the log's clock. `log-clock`: the log's own
 * stamp in milliseconds (since boot for ESP-IDF's `I (1234)` and Arduino's `[  1234][I]`, since
 * midnight for a clock `12:34:56.789`, since 1970 for a date), to line a trace up with the log.
 * Either way a line without a stamp takes the last stamp's time, and time never runs backwards.
 */
export type ImportClock = "since-first" | "log-clock";

/** The values of {@link ImportClock}, for the CLI. */
export const IMPORT_CLOCKS: readonly ImportClock[] = ["since-first", "log-clock"];

/** What an import found. */
export interface ImportSummary {
  /** Every line read, blank ones included. */
  readonly lines: number;
  readonly events: number;
  readonly skipped: number;
  readonly dialects: readonly Dialect[];
  readonly warnings: readonly string[];
}

const allCallbacks = (names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, true]));

/** Imports a log a line at a time. */
export class Importer {
  #lines = 0;
  #events = 0;
  #skipped = 0;
  #dialects = new Set<Dialect>();
  #warnings = new Set<string>();
  #origin: number | undefined;
  #at = 0;
  #pending = new Pending((warning) => this.#warnings.add(warning));
  #started = false;
  #firstAt: number | undefined;
  #staMac: string | undefined;
  #apMac: string | undefined;
  #mode: { sta: boolean; ap: boolean } | undefined;
  #overlong = 0;
  #firstOverlong = 0;

  constructor(readonly options: ImportOptions = {}) {}

  /** What the import has found so far. */
  get summary(): ImportSummary {
    const overlong = this.#overlong === 1
      ? `1 line ${LINE_TOO_LONG} was skipped; the first is line ${this.#firstOverlong}`
      : `${this.#overlong} lines ${LINE_TOO_LONG} were skipped; the first is line ${this.#firstOverlong}`;
    return {
      lines: this.#lines,
      events: this.#events,
      skipped: this.#skipped,
      dialects: [...this.#dialects],
      warnings: [...this.#warnings, ...(this.#overlong > 0 ? [overlong] : [])],
    };
  }

  /**
   * Reads one line; returns the trace lines it completes, or why it cannot (with `strict`). No
   * message shows the line: a log line may carry a password (ESP-IDF's station example logs it;
   * an ESP-AT log holds `AT+CWJAP="ssid","password"`).
   */
  feed(line: Line): Either<string, string[]> {
    // Every line counts, blank or not, so a number named is the file's line number.
    this.#lines++;
    if (lineTooLong(line)) {
      if (this.options.strict) return left(`line ${this.#lines}: ${LINE_TOO_LONG}`);
      this.#skipped++;
      if (this.#overlong++ === 0) this.#firstOverlong = this.#lines;
      return right([]);
    }
    const text = line as string;
    // Blank lines say nothing, and are not lines netfsm fails to know.
    if (text.trim() === "") return right([]);
    const stamp = timestampOf(text);
    if (stamp !== undefined) {
      this.#origin ??= this.options.at === "log-clock" ? 0 : stamp;
      if (stamp - this.#origin < this.#at) {
        this.#warnings.add(
          "the log's time ran backwards (a reboot?); those lines keep the last time",
        );
      }
      this.#at = Math.max(this.#at, stamp - this.#origin);
    }
    const said = recognize(text);
    if (said === null) {
      this.#skipped++;
      if (this.options.strict) {
        return left(
          `line ${this.#lines}: not a line netfsm knows (not shown: a log line may carry a password)`,
        );
      }
      return right([]);
    }
    this.#dialects.add(said.dialect);
    // The trace starts at the first line that says something of the network: not at an echoed
    // command or a reply (`known`), which may come long before.
    if (said.kind !== "known") this.#firstAt ??= this.#at;
    switch (said.kind) {
      case "mode":
        this.#staMac ??= said.sta;
        this.#apMac ??= said.ap;
        this.#mode ??= { sta: said.sta !== undefined, ap: said.ap !== undefined };
        return right([]);
      case "detail":
        this.#pending.detail(said.of, said.fields);
        return right([]);
      case "known":
        return right([]);
      case "event":
        return right(this.#write(
          this.#pending.add(
            said.event as Held["event"],
            this.#at,
            said.dialect,
            formOf(text),
            said.inferred,
          ),
        ));
    }
  }

  /** The log has ended: returns the last trace lines. */
  end(): string[] {
    return this.#write(this.#pending.drain());
  }

  /** The trace lines of events the window let go, after the header and `start` at first. */
  #write(released: readonly Held[]): string[] {
    const out: string[] = [];
    for (const held of released) {
      if (!this.#started) {
        this.#started = true;
        const seen = [...released, ...this.#pending.held];
        out.push(this.#header(seen), inputLine({ type: "start", at: this.#firstAt ?? held.at }));
      }
      const event = held.event;
      if (event.type === "sta_got_ip" && ["ip", "netmask", "gw"].some((f) => !isKnown(event[f]))) {
        this.#warnings.add(
          "an address was reported without all its numbers (ESP-AT's WIFI GOT IP, say); what the log does not show is null",
        );
      }
      if (!held.implied) this.#events++;
      out.push(inputLine({ ...event, at: held.at } as Input));
    }
    return out;
  }

  /** The header, from what the log showed by the first event's release. */
  #header(seen: readonly Held[]): string {
    const mode = this.#mode ?? { sta: true, ap: true };
    // The network the station joins first names the configuration's station.
    const joined = seen.find((held) =>
      held.event.type === "sta_connected" && typeof held.event.ssid === "string"
    );
    const ssid = joined === undefined ? "imported" : joined.event.ssid as string;
    const config = this.options.config ?? {
      ...(mode.sta ? { sta: { ssid, psk: "<redacted>", ...allCallbacks(STA_CALLBACKS) } } : {}),
      ...(mode.ap ? { ap: { psk: "<redacted>", ...allCallbacks(AP_CALLBACKS) } } : {}),
    };
    const device: Device = {
      mac: this.options.mac ?? this.#staMac ?? "00:00:00:00:00:00",
      ...(this.#apMac !== undefined ? { ap_mac: this.#apMac } : {}),
    };
    if (this.options.mac === undefined && this.#staMac === undefined) {
      this.#warnings.add(
        "the log names no MAC (ESP-IDF's wifi:mode line does); pass --mac for the default names",
      );
    }
    return headerLine(config, device);
  }
}
