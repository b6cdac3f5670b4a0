/**
 * The psks a shell knows, so that text it did not write (what a callback threw, a driver's error)
 * can be scrubbed before it becomes a diagnostic or a trace line. The core never puts a psk in an
 * effect; this covers the application and the driver, which hold the real ones.
 *
 * @module
 */
import { REDACTED } from "../core/redact.ts";
import type { State } from "../core/state.ts";
import { bounded, describeThrown } from "./describe.ts";

/**
 * Every psk seen so far. They are remembered past a stop (the state then forgets them, but a
 * callback that threw before it may still report after it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState } from "../core/state.ts";
 * import { Secrets } from "./secrets.ts";
 * const secrets = new Secrets();
 * secrets.note(createState({ config: {}, device: { mac: "24:0a:c4:12:34:56", nvs: { sta_psk: "secret12" } } }));
 * assert.equal(secrets.scrub("joining with secret12"), "joining with <redacted>");
 * assert.equal(secrets.describe(new Error("no secret12")), "no <redacted>");
 * ```
 */
export class Secrets {
  readonly #known = new Set<string>();
  #seen: State["active"] | undefined;

  /** Remembers the psks in `state`: its device's NVS and its running configuration. */
  note(state: State): void {
    // The running configuration changes only with start and sta_connect: most steps keep it.
    if (this.#seen === state.active) return;
    this.#seen = state.active;
    const nvs = state.device.nvs;
    this.add(nvs?.sta_psk);
    this.add(nvs?.ap_psk);
    for (const network of state.active?.sta?.networks ?? []) this.add(network.psk);
    for (const network of state.rollback?.networks ?? []) this.add(network.psk);
    this.add(state.active?.ap?.psk);
  }

  /** `text` with every known psk replaced by `"<redacted>"`. */
  scrub(text: string): string {
    let out = text;
    // Longest first, so that a psk holding another is replaced whole.
    for (const secret of [...this.#known].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** `text` ready for a diagnostic: scrubbed, then cut short (a cut could split a psk, keep half). */
  safe(text: string): string {
    return bounded(this.scrub(text));
  }

  /** A thrown value as text for a diagnostic: never throws, holds no known psk, stays short. */
  describe(thrown: unknown): string {
    return this.safe(describeThrown(thrown));
  }

  /** Remembers one psk; anything but a non-empty string is no secret. */
  add(psk: unknown): void {
    // An empty psk is an open network: no secret.
    if (typeof psk === "string" && psk !== "") this.#known.add(psk);
  }
}
