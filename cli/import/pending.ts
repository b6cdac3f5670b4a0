/**
 * The events an import has read but not yet written: the last one, with what it implies, so that
 * a later line can still complete it (Arduino's `Reason:` line, ESP-AT's `+CIPSTA:`, ESPHome's
 * indented block) or turn out to be the same happening logged again in another dialect (ESP-IDF's
 * `wifi:` line and AtomVM's `network_driver` line for one connect). The next happening writes it:
 * a trace follows a live console one event behind, and memory stays flat however long the log.
 *
 * What the log implies but does not show is added as each event comes: a station joins only a
 * running AP, and an address (IPv4 or IPv6) comes only after associating; excerpts often start
 * after either.
 *
 * @module
 */
import type { Untimed } from "../../core/input.ts";
import type { Dialect, Shown } from "./dialect.ts";

/** An event read from the log, at its time; `implied` when the log only implies it. */
export interface Held {
  readonly event: Untimed & Readonly<Record<string, unknown>>;
  readonly at: number;
  readonly dialect: Dialect;
  readonly implied: boolean;
  /** Fields the line only suggests (dialect.ts); a stated value replaces them. */
  readonly inferred: readonly string[];
  /** The form of its line (see {@link formOf}); "" for an implied event. */
  readonly form: string;
}

/** What is read of a line for its form: enough to tell two kinds of line apart. */
const FORM_UNITS = 160;

/**
 * A line's form: the line without its digits (times, counters, codes), cut short. Two lines of
 * one form are one kind of line; a log that says the same thing twice in one form saw it twice.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formOf } from "./pending.ts";
 * assert.equal(formOf("I (655082) OPC: EVENT_5"), formOf("I (657492) OPC: EVENT_5"));
 * assert.notEqual(formOf("WIFI DISCONNECT"), formOf("+CWJAP:3"));
 * ```
 */
export function formOf(line: string): string {
  let form = "";
  for (let i = 0; i < line.length && form.length < FORM_UNITS; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) form += line[i];
  }
  return form;
}

/** Two lines of one happening are at most this far apart in the log's time. */
const SAME_HAPPENING_MS = 300;

type Fields = Readonly<Record<string, unknown>>;

/** True for a value a line showed: not absent, not null. */
export const isKnown = (value: unknown): boolean => value !== undefined && value !== null;

/** `event` with the fields of `more` it does not know yet (absent, null, or only inferred). */
function withKnown<E extends Fields>(event: E, more: Fields, inferred: readonly string[] = []): E {
  const added = Object.entries(more).filter(([key, value]) =>
    isKnown(value) && (!isKnown(event[key]) || inferred.includes(key))
  );
  return added.length === 0 ? event : { ...event, ...Object.fromEntries(added) };
}

/** True when the two state different values for one field (inferred ones do not count). */
function disagree(a: Held, b: Fields, inferred: readonly string[]): boolean {
  return Object.entries(b).some(([key, value]) =>
    isKnown(value) && isKnown(a.event[key]) && a.event[key] !== value &&
    !a.inferred.includes(key) && !inferred.includes(key)
  );
}

/** True when an event shows nothing beyond its type. */
const bare = (event: Fields) =>
  Object.entries(event).every(([key, value]) => key === "type" || !isKnown(value));

/** The held events, and what the log has shown of the AP and the station so far. */
export class Pending {
  #held: Held[] = [];
  #apUp = false;
  #associated = false;

  /** `warn` hears, once per kind, what the import assumed. */
  constructor(private readonly warn: (warning: string) => void) {}

  /**
   * Takes an event read at `at` from a line of form `form` (formOf; `inferred`: the fields its
   * line only suggests); returns the held events it pushes out, oldest first.
   */
  add(
    event: Held["event"],
    at: number,
    dialect: Dialect,
    form: string,
    inferred: readonly string[] = [],
  ): Held[] {
    const last = this.#held.at(-1);
    if (last !== undefined && this.#same(last, event, at, form, inferred)) {
      const merged = withKnown(last.event, event, last.inferred);
      // A field stays inferred only while no line of the happening has stated it.
      const stillInferred = [...last.inferred, ...inferred].filter((key) =>
        !(isKnown(event[key]) && !inferred.includes(key)) &&
        !(isKnown(last.event[key]) && !last.inferred.includes(key))
      );
      this.#held[this.#held.length - 1] = { ...last, event: merged, inferred: stillInferred };
      return [];
    }
    // A new happening: what was held is complete, and written.
    const released = this.#held.splice(0);
    if (event.type.startsWith("ap_sta_") && !this.#apUp) {
      this.warn(
        "the log does not show the access point starting; ap_started is assumed before its first station",
      );
      this.#push({ type: "ap_started" }, at, dialect, "", []);
    }
    if ((event.type === "sta_got_ip" || event.type === "sta_got_ip6") && !this.#associated) {
      this.warn(
        "the log shows an address without the association before it; sta_connected is assumed",
      );
      this.#push({ type: "sta_connected" }, at, dialect, "", []);
    }
    this.#push(event, at, dialect, form, inferred);
    return released;
  }

  /**
   * Completes the held `of` event (the happening's own, or the association it implies) with the
   * fields it does not know yet; a detail with no such event is dropped.
   */
  detail(of: string, fields: Readonly<Record<string, Shown>>): void {
    for (let i = this.#held.length - 1; i >= 0; i--) {
      const held = this.#held[i]!;
      if (held.event.type === of) {
        this.#held[i] = { ...held, event: withKnown(held.event, fields, held.inferred) };
        return;
      }
    }
  }

  /** The events still held, oldest first. */
  get held(): readonly Held[] {
    return this.#held;
  }

  /** Every held event, oldest first; none are held after. */
  drain(): Held[] {
    return this.#held.splice(0);
  }

  #push(
    event: Held["event"],
    at: number,
    dialect: Dialect,
    form: string,
    inferred: readonly string[],
  ): void {
    this.#held.push({ event, at, dialect, implied: form === "", inferred, form });
    if (event.type === "ap_started" || event.type.startsWith("ap_sta_")) this.#apUp = true;
    if (event.type === "ap_stopped") this.#apUp = false;
    if (event.type === "sta_connected" || event.type.startsWith("sta_got_ip")) {
      this.#associated = true;
    }
    if (event.type === "sta_disconnected") this.#associated = false;
  }

  #same(
    last: Held,
    event: Held["event"],
    at: number,
    form: string,
    inferred: readonly string[],
  ): boolean {
    if (last.event.type !== event.type || last.event.mac !== event.mac) return false;
    // A second report of an address that shows nothing new (ESPHome's `WiFi Connected!` after
    // its `Event: Got IP`, Tasmota's `WIF: Connected` after `WIF: IPv4`) is the same address,
    // however late: no disconnect came between, or it would be the latest event.
    if (event.type === "sta_got_ip" && bare(event)) return true;
    // A log that says the same thing twice, in the same form, saw it twice: this keeps apart the
    // repeated disconnects of a log without stamps, whose lines all share one time.
    if (last.form === form) return false;
    // Two real disconnects, or two joins of one MAC, are rarely 300 ms apart; two log lines for
    // one happening often are (ESP-IDF and AtomVM, or Arduino's verbose and debug lines). Lines
    // that disagree on a value they both state are two happenings however close.
    return at - last.at <= SAME_HAPPENING_MS && !disagree(last, event, inferred);
  }
}
