/**
 * The firmware: an AT interpreter in front of the radio, as ESP-AT is one in front of ESP-IDF's
 * Wi-Fi driver. It reads command lines, answers them, runs the radio in the Wi-Fi mode asked
 * for, and prints what the radio reports, through its parts (station, soft-AP, SNTP, scan).
 *
 * Its life: booting (input is lost) for the boot delay after power-up or a reset, then `ready`
 * and running; hung (`hang()`: nothing in, nothing out, the radio dead) until a reset. While a
 * command runs, or the firmware joins by itself, every new line gets `busy p...` and is dropped.
 *
 * @module
 */
import type { Clock } from "../../clock.ts";
import type { DriverEvent } from "../../driver.ts";
import { parseAtLine } from "./at_line.ts";
import { handlerFor } from "./command_table.ts";
import { ERR } from "./error_codes.ts";
import { MdnsControl } from "./mdns_control.ts";
import type { Module } from "./module.ts";
import { bootNoise, BUSY, CRLF, finalText, READY } from "./reports.ts";
import { ScanControl } from "./scan_control.ts";
import { failed, type Final, type Radio } from "./services.ts";
import { hasSoftAp, hasStation, type ModeNumber, Nvs, type Stored } from "./settings.ts";
import { SntpControl } from "./sntp_control.ts";
import { SoftApControl, softApSettings } from "./soft_ap_control.ts";
import { StationControl } from "./station_control.ts";

/** What the firmware runs on. */
export interface FirmwareOptions {
  readonly clock: Clock;
  readonly radio: Radio;
  readonly device: { readonly mac: string; readonly apMac: string };
  readonly versions: readonly string[];
  readonly bootDelayMs: number;
  readonly bootNoise: boolean;
  /** NVS at power-up. */
  readonly stored: Stored;
  /** Where its output goes, in order. */
  readonly output: (chunk: string | Uint8Array) => void;
}

type Life = "booting" | "running" | "hung" | "closed";

const RADIO_MODES = { 1: "sta", 2: "ap", 3: "apsta" } as const;
/** ESP-IDF's default station hostname, which the firmware keeps until `AT+CWHOSTNAME`. */
const DEFAULT_HOSTNAME = "espressif";

/** The firmware of one module. It powers up when constructed. */
export class Firmware implements Module {
  readonly clock: Clock;
  readonly radio: Radio;
  readonly nvs: Nvs;
  readonly device: { readonly mac: string; readonly apMac: string };
  readonly versions: readonly string[];
  echo = true;
  syslog = false;
  station: StationControl;
  softAp: SoftApControl;
  sntp: SntpControl;
  mdns: MdnsControl;
  scan: ScanControl;
  readonly #options: FirmwareOptions;
  readonly #timers = new Set<() => void>();
  readonly #unsubscribe: () => void;
  #life: Life = "booting";
  #mode: ModeNumber = 0;
  #hostname = DEFAULT_HOSTNAME;
  /** The command running, by name, until it ends. */
  #command: string | undefined;
  #ownWork = false;

  constructor(options: FirmwareOptions) {
    this.#options = options;
    this.clock = options.clock;
    this.radio = options.radio;
    this.device = options.device;
    this.versions = options.versions;
    this.nvs = new Nvs(options.stored);
    this.station = new StationControl(this);
    this.softAp = new SoftApControl(this);
    this.sntp = new SntpControl(this);
    this.mdns = this.#newMdns();
    this.scan = new ScanControl(this);
    this.#unsubscribe = options.radio.events.subscribe((event) => this.#heard(event));
    this.#boot(false);
  }

  /** The Wi-Fi mode the radio runs. */
  get mode(): ModeNumber {
    return this.#mode;
  }

  /** Whether the firmware takes commands: booted, not hung, not closed. */
  get running(): boolean {
    return this.#life === "running";
  }

  /** One command line from the host, without its line end; `overlong` when it had too many bytes. */
  receive(line: string, overlong = false): void {
    if (this.#life !== "running" || (line === "" && !overlong)) return;
    if (this.echo && !overlong) this.print(line);
    if (this.busy()) return this.print(BUSY);
    if (overlong) return this.#conclude(failed(ERR.LENGTH_MISMATCH));
    const parsed = parseAtLine(line);
    if (parsed._tag === "Left") return this.#conclude(failed(parsed.left));
    const handler = handlerFor(parsed.right);
    if (handler._tag === "Left") return this.#conclude(failed(handler.left));
    this.#command = parsed.right.name;
    const reply = handler.right(this, parsed.right);
    if (reply !== "pending") this.#conclude(reply);
  }

  /** The module resets itself: what was not stored is lost, the radio stops, `ready` follows. */
  reset(): void {
    this.#boot(true);
  }

  /** The module crashes: it answers nothing, prints nothing, and its radio is dead. */
  hang(): void {
    this.#cancelTimers();
    this.#life = "hung";
    void this.radio.apply({ command: "stop_wifi" });
  }

  /** Stops for good. */
  close(): void {
    this.#cancelTimers();
    this.#life = "closed";
    this.#unsubscribe();
  }

  print(line: string): void {
    if (this.#life === "running") this.#options.output(line + CRLF);
  }

  finish(final: Final): void {
    if (this.#command !== undefined && this.#life === "running") this.#conclude(final);
  }

  after(ms: number, task: () => void): () => void {
    const cancel = this.clock.schedule(this.clock.now() + ms, () => {
      this.#timers.delete(cancel);
      task();
    });
    this.#timers.add(cancel);
    return () => {
      this.#timers.delete(cancel);
      cancel();
    };
  }

  ownWork(busy: boolean): void {
    this.#ownWork = busy;
  }

  busy(): boolean {
    return this.#command !== undefined || this.#ownWork;
  }

  hostname(): string {
    return this.#hostname;
  }

  setHostname(name: string): void {
    this.#hostname = name;
  }

  restart(): void {
    this.#boot(true);
  }

  setMode(mode: ModeNumber, autoConnect: boolean): void {
    const from = this.#mode;
    if (from === mode) return;
    this.#mode = mode;
    const ap = softApSettings(this.nvs.current.softAp, this.#hostname);
    if (from === 1 && mode === 3) {
      void this.radio.apply({ command: "start_ap", ap });
    } else if (from === 3 && mode === 1) {
      this.softAp.stopped();
      void this.radio.apply({ command: "stop_ap" });
    } else {
      // The radio cannot change between these in place: it stops and starts again.
      if (from !== 0) {
        this.station.stopped(hasStation(from));
        this.softAp.stopped();
        void this.radio.apply({ command: "stop_wifi" });
      }
      if (mode !== 0) {
        const radioMode = RADIO_MODES[mode];
        void this.radio.apply({
          command: "start_wifi",
          mode: radioMode,
          ...(hasSoftAp(mode) ? { ap } : {}),
        });
        this.sntp.restart();
      }
    }
    if (!hasStation(from) && hasStation(mode) && autoConnect) this.station.joinBySelf();
  }

  restartSoftAp(): void {
    const ap = softApSettings(this.nvs.current.softAp, this.#hostname);
    this.softAp.stopped();
    if (this.#mode === 3) {
      void this.radio.apply({ command: "stop_ap" });
      void this.radio.apply({ command: "start_ap", ap });
    } else if (this.#mode === 2) {
      void this.radio.apply({ command: "stop_wifi" });
      void this.radio.apply({ command: "start_wifi", mode: "ap", ap });
      this.sntp.restart();
    }
  }

  /** Power-up or reset: the radio stops, NVS is read again, `ready` after the boot delay. */
  #boot(software: boolean): void {
    this.#cancelTimers();
    void this.radio.apply({ command: "stop_wifi" });
    this.nvs.revert();
    this.#life = "booting";
    this.#mode = 0;
    this.#command = undefined;
    this.#ownWork = false;
    this.echo = true;
    this.syslog = false;
    this.#hostname = DEFAULT_HOSTNAME;
    this.station = new StationControl(this);
    this.softAp = new SoftApControl(this);
    this.sntp = new SntpControl(this);
    this.mdns = this.#newMdns();
    this.scan = new ScanControl(this);
    this.after(this.#options.bootDelayMs, () => {
      if (this.#options.bootNoise) {
        for (const chunk of bootNoise(software)) {
          this.#options.output(typeof chunk === "string" ? chunk + CRLF : chunk);
        }
      }
      this.#life = "running";
      this.print(READY);
      this.setMode(this.nvs.current.mode, this.nvs.current.autoConnect);
    });
  }

  #conclude(final: Final): void {
    this.#command = undefined;
    for (const line of final.lines ?? []) this.print(line);
    this.#options.output(finalText(final, this.syslog));
    if (final.ok) final.then?.();
  }

  #heard(event: DriverEvent): void {
    if (this.#life !== "running") return;
    this.station.handle(event);
    this.softAp.handle(event);
    this.sntp.handle(event);
    this.scan.handle(event);
  }

  /** mDNS is not stored: each boot has a new, stopped responder. */
  #newMdns(): MdnsControl {
    return new MdnsControl(() => this.station.address?.ip ?? undefined);
  }

  #cancelTimers(): void {
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
  }
}
