/**
 * The radio: its mode (`wifi_set_mode`) and the soft-AP (`wifi_start_softap`,
 * `wifi_stop_softap`) as netfsm's start_wifi, start_ap, stop_ap and stop_wifi, and putting
 * them back after the ESP32 reset itself.
 *
 * @module
 */
import type { WifiMode } from "../../core/effect.ts";
import type { DriverCommand, DriverEvent } from "../driver.ts";
import { MODE_NUMBERS, WIFI_MODE_APSTA, WIFI_MODE_NONE, WIFI_MODE_STA } from "./binding.ts";
import { type ControlChannel, type Send, succeeded } from "./control.ts";
import { unionView, WIFI_MODE } from "./layouts.ts";
import { softApRequest, type SoftApSettings, type Visitors } from "./soft_ap.ts";

/** The soft-AP netfsm started: its settings and their request, to start it again after a reset. */
interface RunningSoftAp {
  readonly settings: SoftApSettings;
  readonly fill: (message: Uint8Array) => void;
}

/** What the radio is built from. */
export interface RadioOptions {
  readonly channel: ControlChannel;
  readonly visitors: Visitors;
  readonly emit: (event: DriverEvent) => void;
  readonly notice: (message: string) => void;
}

type Start = Extract<DriverCommand, { command: "start_wifi" }>;
type StartAp = Extract<DriverCommand, { command: "start_ap" }>;

/**
 * The ESP32's radio, as netfsm set it.
 *
 * @example
 * ```ts ignore
 * const radio = new Radio({ channel, visitors, emit, notice });
 * radio.start({ command: "start_wifi", mode: "sta" });
 * radio.stop();
 * ```
 */
export class Radio {
  readonly #options: RadioOptions;
  /** Between stop_wifi and the next start_wifi no event is reported, as the core expects. */
  #on = false;
  #mode: WifiMode | undefined;
  #softAp: RunningSoftAp | undefined;

  constructor(options: RadioOptions) {
    this.#options = options;
  }

  /** Whether netfsm has started the radio (and not stopped it since). */
  get on(): boolean {
    return this.#on;
  }

  /** Whether the soft-AP runs. */
  get softAp(): boolean {
    return this.#softAp !== undefined;
  }

  /** start_wifi: the mode, then the soft-AP when the mode has one; a refusal at once, if any. */
  start(command: Start): string | undefined {
    const ap = command.ap === undefined ? undefined : softApRequest(command.ap);
    if (ap?._tag === "Left") return ap.left;
    this.#on = true;
    this.#mode = command.mode;
    const softAp = ap === undefined || command.ap === undefined
      ? undefined
      : { settings: command.ap, fill: ap.right };
    this.#task(
      "start_wifi",
      async (send) =>
        await this.#setMode(send, MODE_NUMBERS[command.mode]) ??
          (softAp === undefined ? undefined : await this.#startSoftAp(send, softAp)),
    );
    return undefined;
  }

  /** start_ap, while the station runs (the fallback AP): APSTA, then the soft-AP. */
  startAp(command: StartAp): string | undefined {
    const ap = softApRequest(command.ap);
    if (ap._tag === "Left") return ap.left;
    this.#mode = "apsta";
    const softAp = { settings: command.ap, fill: ap.right };
    this.#task(
      "start_ap",
      async (send) =>
        await this.#setMode(send, WIFI_MODE_APSTA) ?? await this.#startSoftAp(send, softAp),
    );
    return undefined;
  }

  /** stop_ap: the soft-AP goes, the station stays. */
  stopAp(): void {
    this.#mode = "sta";
    this.#task("stop_ap", async (send) => {
      const stopped = await send("wifi_stop_softap");
      // FAILURE is "no soft-AP to stop": stopped all the same.
      if (stopped._tag === "Left") return stopped.left;
      this.#forgetSoftAp();
      // The firmware turns the radio off when the soft-AP ran alone: the station stays up.
      return await this.#setMode(send, WIFI_MODE_STA);
    });
  }

  /** stop_wifi: leave, stop the soft-AP, radio off (WIFI_MODE_NONE); no event follows. */
  stop(): void {
    this.#on = false;
    this.#mode = undefined;
    this.#softAp = undefined;
    this.#options.visitors.stop();
    void this.#options.channel.task(async (send) => {
      await send("wifi_disconnect_ap");
      await send("wifi_stop_softap");
      const off = await this.#setMode(send, WIFI_MODE_NONE);
      if (off !== undefined) this.#options.notice(`could not turn the radio off (${off})`);
    });
  }

  /** The ESP32 rebooted (301): its visitors are gone; the mode and soft-AP are put back. */
  reset(): void {
    const { channel, notice, visitors } = this.#options;
    const mode = this.#on ? this.#mode : undefined;
    const softAp = this.#softAp;
    visitors.lost();
    void channel.task(async (send) => {
      // It boots with the station on: off again when netfsm has not started the radio.
      const number = mode === undefined ? WIFI_MODE_NONE : MODE_NUMBERS[mode];
      const failed = await this.#setMode(send, number);
      if (failed !== undefined) notice(`could not restore the radio's mode (${failed})`);
      if (softAp === undefined || this.#softAp !== softAp) return;
      const request = { fill: softAp.fill };
      const started = succeeded("wifi_start_softap", await send("wifi_start_softap", request));
      if (started._tag === "Left") {
        notice(`could not restart the soft-AP after the reset (${started.left})`);
        this.#forgetSoftAp();
      }
    });
  }

  /** Runs `steps` in the queue; what they return is a refusal of `command`, reported. */
  #task(command: string, steps: (send: Send) => Promise<string | undefined>): void {
    void this.#options.channel.task(steps).then((failed) => {
      if (failed !== undefined) {
        this.#options.emit({ type: "driver_failed", command, error: failed });
      }
    });
  }

  async #setMode(send: Send, mode: number): Promise<string | undefined> {
    const fill = (message: Uint8Array) => unionView(WIFI_MODE, message).setI32("mode", mode);
    const answer = succeeded("wifi_set_mode", await send("wifi_set_mode", { fill }));
    return answer._tag === "Left" ? answer.left : undefined;
  }

  async #startSoftAp(send: Send, softAp: RunningSoftAp): Promise<string | undefined> {
    const request = { fill: softAp.fill };
    const answer = succeeded("wifi_start_softap", await send("wifi_start_softap", request));
    if (answer._tag === "Left") return answer.left;
    this.#softAp = softAp;
    this.#options.emit({ type: "ap_started" });
    this.#options.visitors.start();
    return undefined;
  }

  #forgetSoftAp(): void {
    this.#softAp = undefined;
    this.#options.visitors.stop();
    this.#options.emit({ type: "ap_stopped" });
  }
}
