/**
 * Turning a serial log into a trace, a line at a time. One event is held back: a fragment that
 * follows it (Arduino's `Reason:` line, ESP-AT's `+CWJAP:` code or `+CIPSTA:` address) completes
 * it, and the same happening logged again in another dialect within 300 ms (ESP-IDF's `wifi:` line
 * and AtomVM's `network_driver` line for one connect) is merged into it. Memory stays flat however
 * long the log.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { AP_CALLBACKS, STA_CALLBACKS } from "../../core/config/schema.ts";
import type { Device } from "../../core/device.ts";
import type { Input, Untimed } from "../../core/input.ts";
import { type Line, LINE_TOO_LONG, lineTooLong } from "../../core/limits.ts";
import { headerLine, inputLine } from "../../core/trace/writer.ts";
import { type Dialect, recognize, timestampOf } from "./recognize.ts";

/** How to import. */
export interface ImportOptions {
  /** The configuration the device ran with (JSON); default: every callback registered. */
  readonly config?: unknown;
  /** The station MAC; default: the one the log names, or 00:00:00:00:00:00. */
  readonly mac?: string;
  /** Refuse lines netfsm does not know (or past the line limit) instead of skipping them. */
  readonly strict?: boolean;
}

/** What an import found. */
export interface ImportSummary {
  /** Every line read, blank ones included. */
  readonly lines: number;
  readonly events: number;
  readonly skipped: number;
  readonly dialects: readonly Dialect[];
  readonly warnings: readonly string[];
}

interface Held {
  readonly event: Untimed & Record<string, unknown>;
  readonly at: number;
  readonly dialect: Dialect;
}

const SAME_HAPPENING_MS = 300;
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
  #held: Held | undefined;
  #started = false;
  #firstAt: number | undefined;
  #apUp = false;
  #associated = false;
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
      this.#origin ??= stamp;
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
    this.#firstAt ??= this.#at;
    const out: string[] = [];
    const held = this.#held;
    switch (said.kind) {
      case "mode":
        this.#staMac ??= said.sta;
        this.#apMac ??= said.ap;
        this.#mode ??= { sta: said.sta !== undefined, ap: said.ap !== undefined };
        break;
      case "reason":
        if (held?.event.type === "sta_disconnected" && held.event.reason === undefined) {
          this.#held = { ...held, event: { ...held.event, reason: said.reason } };
        }
        break;
      case "address":
        if (held?.event.type === "sta_got_ip") {
          this.#held = { ...held, event: { ...held.event, [said.field]: said.value } };
        }
        break;
      case "event": {
        const event = said.event as Held["event"];
        if (held !== undefined && this.#same(held, event)) {
          this.#held = {
            ...held,
            event: {
              ...event,
              ...Object.fromEntries(
                Object.entries(held.event).filter(([, v]) => v !== undefined && v !== ""),
              ),
            } as Held["event"],
          };
        } else {
          out.push(...this.#release());
          this.#held = { event, at: this.#at, dialect: said.dialect };
        }
        break;
      }
    }
    return right(out);
  }

  /** The log has ended: returns the last trace lines. */
  end(): string[] {
    return this.#release();
  }

  #same(held: Held, event: Held["event"]): boolean {
    // Two real disconnects, or two joins of one MAC, are never 300 ms apart; two log lines for
    // one happening often are (ESP-IDF and AtomVM, or Arduino's verbose and debug lines).
    return held.event.type === event.type && held.event.mac === event.mac &&
      this.#at - held.at <= SAME_HAPPENING_MS;
  }

  #release(): string[] {
    const held = this.#held;
    if (held === undefined) return [];
    this.#held = undefined;
    const out: string[] = [];
    if (!this.#started) {
      this.#started = true;
      out.push(this.#header(held), inputLine({ type: "start", at: this.#firstAt ?? held.at }));
    }
    let event = held.event;
    // What the log implies but does not show: a station joins only a running AP, and an address
    // comes only after associating. Excerpts often start after either.
    if (event.type.startsWith("ap_sta_") && !this.#apUp) {
      this.#warnings.add(
        "the log does not show the access point starting; ap_started is assumed before its first station",
      );
      out.push(inputLine({ type: "ap_started", at: held.at }));
      this.#apUp = true;
    }
    if (event.type === "sta_got_ip" && !this.#associated) {
      this.#warnings.add(
        "the log shows an address without the association before it; sta_connected is assumed",
      );
      out.push(inputLine({ type: "sta_connected", at: held.at }));
    }
    if (event.type === "ap_started") this.#apUp = true;
    if (event.type === "ap_stopped") this.#apUp = false;
    if (event.type === "sta_connected") this.#associated = true;
    if (event.type === "sta_disconnected") this.#associated = false;
    if (event.type === "sta_got_ip") {
      const missing = ["ip", "netmask", "gw"].filter((field) => !event[field]);
      if (missing.length > 0) {
        this.#warnings.add(
          "an address was reported without its numbers (ESP-AT's WIFI GOT IP, Arduino's STA_GOT_IP); 0.0.0.0 stands in",
        );
        event = { ...event, ...Object.fromEntries(missing.map((field) => [field, "0.0.0.0"])) };
      }
    }
    this.#events++;
    out.push(inputLine({ ...event, at: held.at } as Input));
    return out;
  }

  #header(first: Held): string {
    const mode = this.#mode ?? { sta: true, ap: true };
    const ssid = first.event.type === "sta_connected" && typeof first.event.ssid === "string"
      ? first.event.ssid
      : "imported";
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
