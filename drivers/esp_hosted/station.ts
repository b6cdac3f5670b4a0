/**
 * The station: joining, leaving and measuring through the control library, and its events
 * (305 connected, 303 disconnected) as the core's.
 *
 * A join is accepted at once and its outcome reported as events, for both firmware generations:
 * - up to Jul 2024, `wifi_connect_ap` blocks until the join is done and answers its outcome:
 *   SUCCESS, or FAILURE for an absent AP and a wrong password alike (the firmware overwrites
 *   its finer status). FAILURE is reported as `sta_disconnected` without a reason, since it
 *   carries none; CTRL_ERR_NO_AP_FOUND as 201 and CTRL_ERR_INVALID_PASSWORD as 202, which the
 *   library knows, should a firmware send them;
 * - from Aug 2024, it answers SUCCESS at once and the outcome comes as 305, or as 303 with
 *   ESP-IDF's reason (201 no AP, 15 handshake timeout), while the firmware retries by itself.
 * A SUCCESS therefore does not say the station is joined: the driver asks (`wifi_get_ap_config`)
 * and reports `sta_connected` from its answer or from a 305, whichever comes first (the oldest
 * firmware sends no 305 at all). After a failure or a loss the driver sends `wifi_disconnect_ap`
 * to stop the firmware's own retries: rejoining is netfsm's business, with its backoff.
 *
 * Events the ESP32 sent before it answered a join are about the link before it, and are
 * dropped; so is a 303 during a leave: a leave is reported once, reason 8, when its answer
 * comes, whether or not the firmware also sends a 303.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type { DriverCommand, DriverEvent } from "../driver.ts";
import {
  CONNECT_TIMEOUT_SEC,
  CTRL_ERR_INVALID_PASSWORD,
  CTRL_ERR_NO_AP_FOUND,
  FAILURE,
  statusName,
  SUCCESS,
} from "./binding.ts";
import type { Answer, ControlChannel } from "./control.ts";
import type { HostedEvent } from "./events.ts";
import type { AddressWatch } from "./host_address.ts";
import { unionView, WIFI_AP_CONFIG } from "./layouts.ts";

/** ESP-IDF's reasons for what ESP-Hosted's answers say. */
export const ASSOC_LEAVE = 8;
export const NO_AP_FOUND = 201;
export const AUTH_FAIL = 202;

type Phase =
  | { readonly name: "idle" }
  | { readonly name: "joining"; readonly ssid: string; answered: boolean }
  | { readonly name: "joined"; readonly ssid: string }
  | { readonly name: "leaving" };

type Join = Extract<DriverCommand, { command: "connect_sta" }>;

const bytesOf = (text: string) => new TextEncoder().encode(text).byteLength;

/**
 * The `sta_disconnected` reason for a blocking connect's failed answer, if it has one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { joinFailureReason } from "./station.ts";
 * assert.equal(joinFailureReason(-1), undefined);
 * assert.equal(joinFailureReason(2), 201);
 * assert.equal(joinFailureReason(3), 202);
 * ```
 */
export function joinFailureReason(status: number): number | undefined {
  if (status === CTRL_ERR_NO_AP_FOUND) return NO_AP_FOUND;
  if (status === CTRL_ERR_INVALID_PASSWORD) return AUTH_FAIL;
  return undefined;
}

/** What the station is built from. */
export interface StationOptions {
  readonly channel: ControlChannel;
  readonly addresses: AddressWatch;
  readonly emit: (event: DriverEvent) => void;
}

/**
 * The station's link, as the driver knows it.
 *
 * @example
 * ```ts ignore
 * const station = new Station({ channel, addresses, emit });
 * station.join({ command: "connect_sta", ssid: "home", psk: "secret12", hostname: "sensor" });
 * // later, from the event callback's microtask:
 * station.event(decodeEvent(message));
 * ```
 */
export class Station {
  readonly #options: StationOptions;
  #phase: Phase = { name: "idle" };
  /** Bumped by every join, leave, reset and stop: an answer to an older one is ignored. */
  #attempt = 0;

  constructor(options: StationOptions) {
    this.#options = options;
  }

  /** Starts a join; a Left (at once) when the library would refuse the SSID or password. */
  join(command: Join): Either<string, void> {
    const psk = command.psk ?? "";
    if (bytesOf(command.ssid) < 1 || bytesOf(command.ssid) > 32) {
      return left(`the SSID must be 1 to 32 bytes, not ${bytesOf(command.ssid)}`);
    }
    if (bytesOf(psk) > 64) return left("the password must be at most 64 bytes");
    if (psk.includes("\0")) return left("the password holds a NUL, which C cannot carry");
    const attempt = this.#begin({ name: "joining", ssid: command.ssid, answered: false });
    const fill = (message: Uint8Array) => {
      const config = unionView(WIFI_AP_CONFIG, message);
      config.setCString("ssid", command.ssid);
      config.setCString("pwd", psk);
    };
    void this.#options.channel.task(async (send) => {
      const answer = await send("wifi_connect_ap", { fill, timeoutSec: CONNECT_TIMEOUT_SEC });
      if (!this.#connectAnswered(attempt, answer)) return;
      this.#configAnswered(attempt, await send("wifi_get_ap_config"));
    });
    return right(undefined);
  }

  /** Leaves (or stops joining); reports reason 8 once the ESP32 has answered. */
  leave(): void {
    const attempt = this.#begin({ name: "leaving" });
    void this.#options.channel.call("wifi_disconnect_ap").then((answer) => {
      if (attempt !== this.#attempt) return;
      this.#phase = { name: "idle" };
      // FAILURE is "not connected, nothing to leave": left all the same.
      if (answer._tag === "Left") this.#fail("disconnect_sta", answer.left);
      else this.#options.emit({ type: "sta_disconnected", reason: ASSOC_LEAVE });
    });
  }

  /** Measures the joined AP's signal; not connected is a refusal (the link is gone). */
  measure(): void {
    void this.#options.channel.call("wifi_get_ap_config").then((answer) => {
      if (answer._tag === "Left") return this.#fail("read_rssi", answer.left);
      if (answer.right.status !== SUCCESS) {
        return this.#fail("read_rssi", `wifi_get_ap_config: ${statusName(answer.right.status)}`);
      }
      const rssi = unionView(WIFI_AP_CONFIG, answer.right.message).i32("rssi");
      this.#options.emit({ type: "sta_rssi_measured", rssi });
    });
  }

  /** An event of the station's (303, 305); others are not its business. */
  event(event: HostedEvent): void {
    const phase = this.#phase;
    if (event.kind === "station_connected") {
      if (phase.name !== "joining" || !phase.answered || event.ssid !== phase.ssid) return;
      this.#joined(phase.ssid, {
        ...(event.bssid === undefined ? {} : { bssid: event.bssid }),
        ...(event.channel > 0 ? { channel: event.channel } : {}),
        ...(event.aid > 0 ? { aid: event.aid } : {}),
      });
    } else if (event.kind === "station_disconnected") {
      const linked = phase.name === "joined" || (phase.name === "joining" && phase.answered);
      if (!linked) return;
      this.#begin({ name: "idle" });
      this.#stopFirmwareRetries();
      const why = event.reason > 0 ? { reason: event.reason } : {};
      this.#options.emit({ type: "sta_disconnected", ...why });
    }
  }

  /** The ESP32 reset itself: whatever link there was is gone (with no reason to give). */
  lost(): void {
    const was = this.#phase.name;
    this.#begin({ name: "idle" });
    if (was === "joining" || was === "joined") this.#options.emit({ type: "sta_disconnected" });
    if (was === "leaving") this.#options.emit({ type: "sta_disconnected", reason: ASSOC_LEAVE });
  }

  /** The radio stops: forget the link, report nothing. */
  stop(): void {
    this.#begin({ name: "idle" });
  }

  #begin(phase: Phase): number {
    this.#phase = phase;
    this.#options.addresses.stop();
    return ++this.#attempt;
  }

  /** Whether to ask next whether the station is joined (the answer was SUCCESS). */
  #connectAnswered(attempt: number, answer: Either<string, Answer>): boolean {
    const phase = this.#phase;
    if (attempt !== this.#attempt || phase.name !== "joining") return false;
    if (answer._tag === "Left") {
      this.#begin({ name: "idle" });
      this.#stopFirmwareRetries();
      this.#fail("connect_sta", answer.left);
      return false;
    }
    const status = answer.right.status;
    if (status === SUCCESS) {
      phase.answered = true;
      return true;
    }
    this.#begin({ name: "idle" });
    if (status === FAILURE || joinFailureReason(status) !== undefined) {
      const reason = joinFailureReason(status);
      this.#options.emit({ type: "sta_disconnected", ...(reason === undefined ? {} : { reason }) });
    } else {
      this.#fail("connect_sta", `wifi_connect_ap: ${statusName(status)}`);
    }
    return false;
  }

  #configAnswered(attempt: number, answer: Either<string, Answer>): void {
    const phase = this.#phase;
    if (attempt !== this.#attempt || phase.name !== "joining") return;
    // Not connected (yet): the firmware joins on its own time and says so with 305 or 303.
    if (answer._tag === "Left" || answer.right.status !== SUCCESS) return;
    const config = unionView(WIFI_AP_CONFIG, answer.right.message);
    const bssid = config.cstring("bssid").toLowerCase();
    const channel = config.i32("channel");
    this.#joined(phase.ssid, {
      ...(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(bssid) ? { bssid } : {}),
      ...(channel > 0 ? { channel } : {}),
    });
  }

  #joined(ssid: string, details: { bssid?: string; channel?: number; aid?: number }): void {
    this.#phase = { name: "joined", ssid };
    this.#options.emit({ type: "sta_connected", ssid, ...details });
    // ESP-Hosted reports no address: the host's DHCP client gets one on its interface.
    this.#options.addresses.start();
  }

  /** The Aug 2024 firmware retries a failed or lost link by itself until told to stop. */
  #stopFirmwareRetries(): void {
    void this.#options.channel.call("wifi_disconnect_ap");
  }

  #fail(command: string, error: string): void {
    this.#options.emit({ type: "driver_failed", command, error });
  }
}
