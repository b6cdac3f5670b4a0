/**
 * `AT+CWLAPOPT` and `AT+CWLAP`: the radio scans every channel, and the firmware prints the
 * networks that pass the filters, with the fields the print mask selects. Hidden networks are
 * listed with an empty ssid. Without sorting the networks come in channel order, as the radio
 * finds them; with `AT+CWLAPOPT=1,...` strongest first.
 *
 * @module
 */
import type { ScanResult } from "../../../core/input.ts";
import type { DriverEvent } from "../../driver.ts";
import type { ParamReader } from "./params.ts";
import { ALL_FIELDS, ecnOf, scanLine } from "./reports.ts";
import { failed, type Final, ok, type Reply, type Services } from "./services.ts";

/** The dwell a channel when `AT+CWLAP` leaves scan_time_max out or 0, as the firmware has it. */
const ACTIVE_DWELL_MS = 120;
const PASSIVE_DWELL_MS = 360;
/** The radio scans 13 channels; past this much more the firmware gives up on the scan. */
const CHANNELS = 13;
const SCAN_GRACE_MS = 3000;

/** What `AT+CWLAP=` asks for: only networks matching these. */
interface Filter {
  readonly ssid?: string;
  readonly mac?: string;
  readonly channel?: number;
}

/** The scan options and a scan in progress. */
export class ScanControl {
  readonly #s: Services;
  #sort = false;
  #mask = ALL_FIELDS;
  #minRssi = -100;
  #authmodes = 0xffff;
  #pending: { readonly filter: Filter; readonly cancel: () => void } | undefined;

  constructor(services: Services) {
    this.#s = services;
  }

  /** `AT+CWLAPOPT=<sort_enable>,<print mask>[,<rssi filter>][,<authmode mask>]`. */
  configure(p: ParamReader): Final {
    const sort = p.integer(0, 0, 1);
    const mask = p.integer(1, 0, ALL_FIELDS);
    const minRssi = p.optionalInteger(2, -100, 40);
    const authmodes = p.optionalInteger(3, 0, 0xffff);
    if (p.error !== undefined) return failed(p.error);
    this.#sort = sort === 1;
    this.#mask = mask;
    this.#minRssi = minRssi ?? -100;
    this.#authmodes = authmodes ?? 0xffff;
    return ok();
  }

  /**
   * `AT+CWLAP` (`p` undefined) or `AT+CWLAP=[<"ssid">][,<"mac">][,<channel>][,<scan_type>]
   * [,<scan_time_min>][,<scan_time_max>]`; ends when the radio reports the scan.
   */
  scan(p: ParamReader | undefined): Reply {
    const ssid = p?.optionalText(0, 0, 32);
    const mac = p?.optionalText(1, 17, 17);
    const channel = p?.optionalInteger(2, 1, 14);
    const passive = p?.optionalInteger(3, 0, 1) === 1;
    p?.optionalInteger(4, 0, 1500);
    const maxTime = p?.optionalInteger(5, 0, 1500) ?? 0;
    if (p?.error !== undefined) return failed(p.error);
    const dwell = maxTime > 0 ? maxTime : passive ? PASSIVE_DWELL_MS : ACTIVE_DWELL_MS;
    const filter: Filter = {
      ...(ssid === undefined || ssid === "" ? {} : { ssid }),
      ...(mac === undefined ? {} : { mac: mac.toLowerCase() }),
      ...(channel === undefined ? {} : { channel }),
    };
    const cancel = this.#s.after(CHANNELS * dwell + SCAN_GRACE_MS, () => this.#end(undefined));
    this.#pending = { filter, cancel };
    void this.#s.radio.apply({
      command: "scan",
      results: 64,
      dwell_ms: dwell,
      show_hidden: true,
      passive,
    }).then((result) => {
      if (result._tag === "Left") this.#end(undefined);
    });
    return "pending";
  }

  /** A radio event: `scan_done` ends a scan in progress. */
  handle(event: DriverEvent): void {
    if (event.type === "scan_done") {
      this.#end(event.error === undefined ? event.networks ?? [] : undefined);
    }
  }

  /** Ends the scan: the lines and `OK`, or `ERROR` when the radio could not scan. */
  #end(networks: readonly ScanResult[] | undefined): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    pending.cancel();
    if (networks === undefined) return this.#s.finish(failed(undefined));
    const { ssid, mac, channel } = pending.filter;
    const shown = networks.filter((n) =>
      (ssid === undefined || n.ssid === ssid) &&
      (mac === undefined || n.bssid.toLowerCase() === mac) &&
      (channel === undefined || n.channel === channel) &&
      n.rssi >= this.#minRssi &&
      (this.#authmodes & (1 << ecnOf(n.authmode))) !== 0
    );
    const ordered = this.#sort
      ? [...shown].sort((a, b) => b.rssi - a.rssi)
      : [...shown].sort((a, b) => a.channel - b.channel);
    this.#s.finish(ok(ordered.map((network) => scanLine(network, this.#mask))));
  }
}
