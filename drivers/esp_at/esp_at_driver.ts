/**
 * The ESP-AT driver: netfsm managing an ESP32 (or ESP8266) that runs Espressif's AT firmware,
 * over any {@link ByteStream} (a serial port: serial.ts). The wire protocol is in channel.ts,
 * the command texts in commands.ts, taking charge of the module in setup.ts, the reports in
 * reports.ts; this file carries out the core's commands and turns reports into events.
 *
 * Every `apply` is accepted at once and carried out in order, one AT command at a time: a join
 * holds the module for up to 15 s (`busy p...` to anything else), longer than the shell lets a
 * call take. So outcomes arrive as events, as on ESP-IDF, and a command the module refuses comes
 * back as a `driver_failed` event naming it, as a refused `apply` would.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { WifiMode } from "../../core/effect.ts";
import { type Clock, realClock } from "../clock.ts";
import type { Capabilities, Driver, DriverCommand, DriverEvent, EventSource } from "../driver.ts";
import { ALL_MODES } from "../driver.ts";
import type { ByteStream } from "./byte_stream.ts";
import { commandName } from "./at_text.ts";
import { AtChannel } from "./channel.ts";
import * as at from "./commands.ts";
import type { Unsolicited } from "./reports.ts";
import { applySettings, COMMAND_MS, describeFailure, takeCharge } from "./setup.ts";
import { StationReports } from "./station_reports.ts";

/** How the driver opens the module. */
export interface EspAtOptions {
  /** Time for the driver's own command timeouts; the runtime's timers by default. */
  readonly clock?: Clock;
  /** Whether to reset the module at open (`AT+RST`); default true. */
  readonly reset?: boolean;
  /** Told of what the module did that no event carries: a reset it did by itself, say. */
  readonly onNotice?: (message: string) => void;
  /** The service `AT+MDNS=1` advertises with the hostname; `_iot` on 8080 by default. */
  readonly mdnsService?: at.MdnsService;
}

/** A driver for a module running ESP-AT. */
export interface EspAtDriver extends Driver {
  /** The firmware's version lines (`AT+GMR`), the first being `AT version:...`. */
  readonly firmware: readonly string[];
  /** Settles with why, once the port closed or the module stopped answering. */
  readonly lost: Promise<string>;
}

type SoftAp = Extract<DriverCommand, { command: "start_ap" }>["ap"];

/** How long `close` waits for the commands still queued (a join may hold the module 15 s). */
export const CLOSE_MS = 8000;

/**
 * Opens the module on `stream`: resets it (unless told not to), takes charge of it, reads its
 * MACs and version. An error says why it does not answer as ESP-AT does; the stream is closed.
 *
 * @example
 * ```ts ignore
 * import { openSerial } from "./serial.ts";
 * import { openEspAt } from "./esp_at_driver.ts";
 * const port = await openSerial("/dev/ttyUSB0", { baud: 115200 });
 * if (port._tag === "Right") {
 *   const driver = await openEspAt(port.right);
 *   if (driver._tag === "Right") console.log(driver.right.firmware[0]);
 * }
 * ```
 */
export async function openEspAt(
  stream: ByteStream,
  options: EspAtOptions = {},
): Promise<Either<string, EspAtDriver>> {
  const driver = new EspAtModule(stream, options);
  const opened = await driver.open(options.reset ?? true);
  if (opened._tag === "Left") {
    await driver.close();
    return opened;
  }
  return right(driver);
}

class EspAtModule implements EspAtDriver {
  readonly events: EventSource = { subscribe: (listener) => this.#subscribe(listener) };
  readonly lost: Promise<string>;
  #capabilities: Capabilities | undefined;
  #firmware: readonly string[] = [];
  readonly #channel: AtChannel;
  readonly #station: StationReports;
  readonly #notice: (message: string) => void;
  readonly #clock: Clock;
  #listener: ((event: DriverEvent) => void) | undefined;
  #work: Promise<void> = Promise.resolve();
  #ready = false;
  #mode: WifiMode | undefined;
  #softAp: SoftAp | undefined;
  #sntpHost: string | undefined;
  readonly #mdnsService: at.MdnsService;
  /** Whether an `AT+MDNS=1` of ours is in force (a reset ends it). */
  #mdns = false;
  #markLost: (reason: string) => void = () => {};

  constructor(stream: ByteStream, options: EspAtOptions) {
    this.#notice = options.onNotice ?? (() => {});
    this.#clock = options.clock ?? realClock();
    this.#mdnsService = options.mdnsService ?? at.DEFAULT_MDNS_SERVICE;
    this.lost = new Promise((resolve) => this.#markLost = resolve);
    this.#channel = new AtChannel({
      stream,
      clock: this.#clock,
      onReport: (report) => this.#report(report),
      onReset: () => this.#resetItself(),
      onLost: (reason) => this.#lose(reason),
    });
    this.#station = new StationReports({
      channel: this.#channel,
      emit: (event) => this.#emit(event),
      notice: this.#notice,
    });
  }

  get capabilities(): Capabilities {
    return this.#capabilities ??
      { name: "esp-at", device: { mac: "00:00:00:00:00:00" }, modes: ALL_MODES, reasons: false };
  }

  get firmware(): readonly string[] {
    return this.#firmware;
  }

  async open(reset: boolean): Promise<Either<string, void>> {
    const facts = await takeCharge(this.#channel, this.#channel.name, reset, this.#notice);
    if (facts._tag === "Left") return facts;
    this.#firmware = facts.right.firmware;
    // ESP-AT's port gives no disconnect reasons, only join failures' four codes (reasons.ts);
    // its mDNS answers with ESP-IDF's fixed 120 s TTL.
    this.#capabilities = {
      name: "esp-at",
      device: facts.right.device,
      modes: ALL_MODES,
      reasons: false,
      mdns: { ttl: false },
    };
    this.#ready = true;
    return right(undefined);
  }

  apply(command: DriverCommand): Promise<Either<string, void>> {
    const lost = this.#channel.lost;
    if (lost !== undefined) return Promise.resolve(left(lost));
    if (command.command === "disconnect_sta") this.#station.leaveAsked();
    this.#work = this.#work.then(() => this.#carryOut(command));
    return Promise.resolve(right(undefined));
  }

  async close(): Promise<void> {
    // Commands still queued (the stop_wifi that came just before, say) go out first, in a bound.
    let cancel = () => {};
    const bound = new Promise<void>((resolve) => {
      cancel = this.#clock.schedule(this.#clock.now() + CLOSE_MS, resolve);
    });
    await Promise.race([this.#work, bound]);
    cancel();
    if (this.#mdns && this.#channel.lost === undefined) await this.#run(at.STOP_MDNS);
    this.#mdns = false;
    this.#ready = false;
    this.#listener = undefined;
    await this.#channel.close();
  }

  async #carryOut(command: DriverCommand): Promise<void> {
    let failed: string | undefined;
    try {
      failed = await this.#steps(command);
    } catch {
      // A bug of ours must not stop the commands after this one.
      failed = "the ESP-AT driver failed while carrying it out";
    }
    if (failed !== undefined && this.#channel.lost === undefined) {
      this.#emit({ type: "driver_failed", command: command.command, error: failed });
    }
  }

  /** Carries out one command; returns why it failed, if it did. */
  async #steps(command: DriverCommand): Promise<string | undefined> {
    switch (command.command) {
      case "start_wifi":
        return await this.#setMode(command.mode) ??
          (command.ap === undefined ? undefined : await this.#startSoftAp(command.ap));
      case "start_ap":
        return await this.#setMode("apsta") ?? await this.#startSoftAp(command.ap);
      case "stop_ap": {
        const failed = await this.#setMode("sta");
        if (failed === undefined) {
          this.#softAp = undefined;
          this.#station.forgetVisitors();
          this.#emit({ type: "ap_stopped" });
        }
        return failed;
      }
      case "stop_wifi":
        // No event follows a stop: reports are ignored from here on.
        this.#mode = undefined;
        this.#station.reset();
        if (this.#mdns) await this.#run(at.STOP_MDNS);
        this.#mdns = false;
        await this.#run("AT+CIPSNTPCFG=0");
        await this.#run("AT+CWQAP");
        await this.#run(at.setMode("off")[0]);
        this.#mode = undefined;
        this.#softAp = undefined;
        this.#sntpHost = undefined;
        return undefined;
      case "start_sntp": {
        const failed = await this.#run(at.startSntp(command.host));
        if (failed === undefined) this.#sntpHost = command.host;
        return failed;
      }
      case "start_mdns": {
        // AT+MDNS=1 over a running responder restarts nothing (3.x refuses the service it
        // already has, 4.1 and later answer OK and keep the old name): stop it first. The
        // firmware follows the station's address by itself, so the ip is not sent.
        const failed = await this.#run(at.STOP_MDNS) ??
          await this.#run(at.startMdns(command.hostname, this.#mdnsService));
        this.#mdns = failed === undefined;
        return failed;
      }
      case "connect_sta":
        return await this.#run(at.setHostname(command.hostname)) ??
          await this.#station.join(command.ssid, command.psk);
      case "disconnect_sta":
        return await this.#station.leave();
      case "scan":
        return await this.#station.scan(command);
      case "read_rssi":
        return await this.#station.measure();
    }
  }

  async #setMode(mode: WifiMode | "off"): Promise<string | undefined> {
    const [withoutAutoConnect, plain] = at.setMode(mode);
    let failed = await this.#run(withoutAutoConnect);
    if (failed !== undefined) failed = await this.#run(plain);
    if (failed === undefined) this.#mode = mode === "off" ? undefined : mode;
    return failed;
  }

  async #startSoftAp(ap: SoftAp): Promise<string | undefined> {
    const failed = await this.#run(at.configureSoftAp(ap));
    if (failed !== undefined) return failed;
    this.#softAp = ap;
    // ESP-AT prints nothing when its soft-AP starts: the OK is the news.
    this.#emit({ type: "ap_started" });
    return undefined;
  }

  /** Runs one command; returns why it failed, naming the command but never its parameters. */
  async #run(line: string, timeout = COMMAND_MS): Promise<string | undefined> {
    const answer = await this.#channel.run(line, { timeout });
    return answer._tag === "Right"
      ? undefined
      : `${commandName(line)}: ${describeFailure(answer.left)}`;
  }

  #report(report: Unsolicited): void {
    if (this.#ready && this.#mode !== undefined) this.#station.report(report);
  }

  /** The module printed `ready` unasked: it lost everything; the driver puts it back. */
  #resetItself(): void {
    if (!this.#ready) return;
    this.#notice('the module reset itself (an unasked "ready"); netfsm re-initialised it');
    this.#station.moduleReset();
    // The reset ended the responder; the core starts it again on the next address.
    this.#mdns = false;
    const mode = this.#mode;
    const softAp = this.#softAp;
    const sntpHost = this.#sntpHost;
    this.#work = this.#work.then(async () => {
      await applySettings(this.#channel, this.#notice);
      if (mode === undefined) return;
      const failed = await this.#setMode(mode) ??
        (softAp === undefined ? undefined : await this.#run(at.configureSoftAp(softAp)));
      if (failed !== undefined) {
        this.#notice(`could not restore the radio after the reset (${failed})`);
        if (softAp !== undefined) this.#emit({ type: "ap_stopped" });
        this.#softAp = undefined;
      }
      if (sntpHost !== undefined) await this.#run(at.startSntp(sntpHost));
    });
  }

  #lose(reason: string): void {
    this.#markLost(reason);
    if (this.#ready) this.#emit({ type: "driver_failed", error: reason });
    this.#ready = false;
  }

  #emit(event: DriverEvent): void {
    if (this.#ready) this.#listener?.(event);
  }

  #subscribe(listener: (event: DriverEvent) => void): () => void {
    this.#listener = listener;
    return () => {
      if (this.#listener === listener) this.#listener = undefined;
    };
  }
}
