/**
 * The station side of the firmware: `AT+CWJAP` and `AT+CWQAP`, the joins the firmware makes by
 * itself (auto-connect, its own reconnection), and what it prints as the radio reports. The radio
 * speaks ESP-IDF (events with reason codes); the AT port hears only `WIFI CONNECTED`,
 * `WIFI GOT IP`, `WIFI DISCONNECT` and, for a failed `AT+CWJAP`, `+CWJAP:<code>`.
 *
 * - A join ends at `WIFI GOT IP` (then `OK`), at a disconnect (`+CWJAP:<code>`, `ERROR`), or
 *   after jap_timeout (`+CWJAP:1`): an AP that associates but whose DHCP never answers keeps the
 *   link (`WIFI CONNECTED` was printed; `WIFI GOT IP` follows if DHCP answers later).
 * - A disconnect the firmware did not ask for prints `WIFI DISCONNECT` and, when the reconnection
 *   interval is not 0, starts the firmware's own reconnection: a join every interval seconds,
 *   `repeat` times (0: forever). A failed `AT+CWJAP` does not start it.
 * - While the firmware joins by itself it is busy, as during `AT+CWJAP`.
 *
 * @module
 */
import type { IpInfo } from "../../../core/input.ts";
import type { DriverEvent } from "../../driver.ts";
import { joinedLine, URC } from "./reports.ts";
import { failed, type Final, ok, type Reply, type Services } from "./services.ts";
import type { JoinConfig } from "./settings.ts";

/** Where the station is, as `AT+CWSTATE?` tells it. */
export type StationPhase = "idle" | "connecting" | "associated" | "got_ip" | "disconnected";

const STATE_NUMBER: Readonly<Record<StationPhase, number>> = {
  idle: 0,
  associated: 1,
  got_ip: 2,
  connecting: 3,
  disconnected: 4,
};

/** How long `AT+CWJAP?` waits for the radio to measure the signal before it answers anyway. */
const RSSI_WAIT_MS = 500;

/**
 * `+CWJAP:<code>` for the reason ESP-IDF gave: 3 the AP was not found (201 NO_AP_FOUND and its
 * 210-212 variants), 2 a wrong password (15 4WAY_HANDSHAKE_TIMEOUT, 202 AUTH_FAIL,
 * 204 HANDSHAKE_TIMEOUT), 4 any other failure. (1, the timeout, has no reason.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { joinErrorCode } from "./station_control.ts";
 * assert.deepEqual([201, 15, 204, 202, 200, undefined].map(joinErrorCode), [3, 2, 2, 2, 4, 4]);
 * ```
 */
export function joinErrorCode(reason: number | undefined): number {
  if (reason === 201 || reason === 210 || reason === 211 || reason === 212) return 3;
  if (reason === 15 || reason === 202 || reason === 204) return 2;
  return 4;
}

interface Attempt {
  readonly by: "host" | "self";
  readonly cancelTimeout: () => void;
}

interface Joined {
  readonly ssid: string;
  readonly bssid: string;
  readonly channel: number;
}

/** The station and its joins. */
export class StationControl {
  /** `AT+CIPV6=1`: the station takes IPv6 addresses and reports them. */
  ipv6 = false;
  readonly #s: Services;
  #phase: StationPhase = "idle";
  #target: JoinConfig | undefined;
  #joined: Joined | undefined;
  #ip: IpInfo | undefined;
  #linkLocal: string | undefined;
  #rssi = -60;
  #attempt: Attempt | undefined;
  /** The firmware's own reconnection: attempts left (Infinity: forever). */
  #retry: { left: number } | undefined;
  #cancelRetry: (() => void) | undefined;
  /** Leaves the firmware asked for, whose reason-8 disconnects are its own doing. */
  #ownLeaves = 0;
  #cancelRssiWait: (() => void) | undefined;

  constructor(services: Services) {
    this.#s = services;
  }

  /** The IPv4 settings the station holds, if any. */
  get address(): IpInfo | undefined {
    return this.#ip;
  }

  /** The link-local IPv6 address, once reported with IPv6 on. */
  get linkLocal(): string | undefined {
    return this.#linkLocal;
  }

  /** `AT+CWJAP`: joins `config`; ends later with `OK` or `+CWJAP:<code>`/`ERROR`. */
  join(config: JoinConfig): Reply {
    this.#stopRetrying();
    this.#start(config, "host");
    return "pending";
  }

  /** Auto-connect (power-up, or entering station mode): joins the stored AP, if there is one. */
  joinBySelf(): void {
    const config = this.#s.nvs.current.station;
    if (config === undefined) return;
    this.#retry = this.#policy();
    this.#start(config, "self");
  }

  /** `AT+CWQAP`: leaves (or stops joining), stops the firmware's reconnection. */
  quit(): Final {
    this.#stopRetrying();
    const wasJoined = this.#isJoined();
    if (this.#s.radio.link !== "idle") this.#leave();
    this.#clearLink();
    this.#phase = this.#target === undefined ? "idle" : "disconnected";
    return ok(wasJoined ? [URC.disconnected] : []);
  }

  /** The radio stopped (a mode change, a reset); `report` prints the lost link, if there was one. */
  stopped(report: boolean): void {
    if (report && this.#isJoined()) this.#s.print(URC.disconnected);
    const attempt = this.#attempt;
    this.#attempt = undefined;
    attempt?.cancelTimeout();
    if (attempt?.by === "self") this.#s.ownWork(false);
    this.#stopRetrying();
    // The radio forgets the leaves it had yet to report.
    this.#ownLeaves = 0;
    this.#clearLink();
    this.#phase = "idle";
  }

  /** `AT+CWSTATE?`'s line. */
  stateLine(): string {
    const retrying = this.#phase === "disconnected" && this.#retry !== undefined;
    const state = retrying ? 3 : STATE_NUMBER[this.#phase];
    return `+CWSTATE:${state},"${this.#target?.ssid ?? ""}"`;
  }

  /** `AT+CWJAP?`: the joined AP, with the signal measured now, or `No AP`. */
  query(): Reply {
    if (!this.#isJoined()) return ok(["No AP"]);
    this.#cancelRssiWait = this.#s.after(RSSI_WAIT_MS, () => this.#answerQuery());
    void this.#s.radio.apply({ command: "read_rssi" }).then((result) => {
      if (result._tag === "Left") this.#answerQuery();
    });
    return "pending";
  }

  /** A radio event for the station. */
  handle(event: DriverEvent): void {
    switch (event.type) {
      case "sta_connected": {
        if (this.#phase !== "connecting" || this.#target === undefined) return;
        const channel = event.channel ?? 1;
        this.#joined = { ssid: event.ssid ?? this.#target.ssid, bssid: event.bssid ?? "", channel };
        this.#phase = "associated";
        this.#s.print(URC.connected);
        return;
      }
      case "sta_got_ip":
        if (!this.#isJoined()) return;
        this.#ip = { ip: event.ip, netmask: event.netmask, gw: event.gw };
        this.#phase = "got_ip";
        this.#s.print(URC.gotIp);
        this.#retry = undefined;
        this.#end(undefined);
        return;
      case "sta_got_ip6":
        if (!this.ipv6 || !this.#isJoined()) return;
        this.#linkLocal = event.ip6;
        this.#s.print(URC.gotIp6LinkLocal);
        return;
      case "sta_lost_ip":
        this.#ip = undefined;
        if (this.#phase === "got_ip") this.#phase = "associated";
        return;
      case "sta_disconnected":
        return this.#disconnected(event.reason);
      case "sta_rssi_measured":
        this.#rssi = event.rssi;
        return this.#answerQuery();
    }
  }

  #start(config: JoinConfig, by: Attempt["by"]): void {
    const wasJoined = this.#isJoined();
    if (this.#s.radio.link !== "idle") this.#leave();
    // A join while joined leaves first, and says so (espressif/esp-at #315).
    if (wasJoined) this.#s.print(URC.disconnected);
    this.#clearLink();
    this.#target = config;
    this.#phase = "connecting";
    const cancelTimeout = this.#s.after(config.japTimeout * 1000, () => this.#timedOut());
    this.#attempt = { by, cancelTimeout };
    if (by === "self") this.#s.ownWork(true);
    void this.#s.radio.apply({
      command: "connect_sta",
      ssid: config.ssid,
      ...(config.psk === "" ? {} : { psk: config.psk }),
      hostname: this.#s.hostname(),
    });
  }

  #timedOut(): void {
    // Associated without an address: the command gives up, the link stays for DHCP to answer.
    if (this.#phase !== "associated") {
      if (this.#s.radio.link !== "idle") this.#leave();
      this.#phase = "disconnected";
    }
    this.#end(1);
  }

  #disconnected(reason: number | undefined): void {
    if (reason === 8 && this.#ownLeaves > 0) {
      this.#ownLeaves--;
      return;
    }
    const wasJoined = this.#isJoined();
    if (wasJoined) this.#s.print(URC.disconnected);
    this.#clearLink();
    this.#phase = "disconnected";
    if (this.#attempt !== undefined) return this.#end(joinErrorCode(reason));
    if (wasJoined) {
      this.#retry = this.#policy();
      this.#scheduleRetry();
    }
  }

  /** Ends the current attempt: `code` undefined is success. */
  #end(code: number | undefined): void {
    const attempt = this.#attempt;
    if (attempt === undefined) return;
    this.#attempt = undefined;
    attempt.cancelTimeout();
    if (attempt.by === "host") {
      this.#s.finish(code === undefined ? ok() : failed(undefined, [`+CWJAP:${code}`]));
      return;
    }
    this.#s.ownWork(false);
    if (code !== undefined && this.#phase === "disconnected") this.#scheduleRetry();
  }

  /** The reconnection settings as attempts left, or none when the interval is 0. */
  #policy(): { left: number } | undefined {
    const { interval, repeat } = this.#s.nvs.current.reconnect;
    return interval === 0 ? undefined : { left: repeat === 0 ? Infinity : repeat };
  }

  #scheduleRetry(): void {
    const retry = this.#retry;
    const interval = this.#s.nvs.current.reconnect.interval;
    if (retry === undefined || retry.left <= 0 || interval === 0) {
      this.#retry = undefined;
      return;
    }
    this.#cancelRetry = this.#s.after(interval * 1000, () => {
      this.#cancelRetry = undefined;
      // A command is running: the next turn, without counting this one. (`#scheduleRetry`
      // also stops when `AT+CWRECONNCFG=0,...` came in the meantime.)
      if (this.#s.busy() || this.#s.nvs.current.reconnect.interval === 0) {
        return this.#scheduleRetry();
      }
      const config = this.#target ?? this.#s.nvs.current.station;
      if (config === undefined) return;
      retry.left--;
      this.#start(config, "self");
    });
  }

  #stopRetrying(): void {
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    this.#retry = undefined;
  }

  #answerQuery(): void {
    const cancel = this.#cancelRssiWait;
    if (cancel === undefined) return;
    this.#cancelRssiWait = undefined;
    cancel();
    const joined = this.#joined;
    const config = this.#target;
    if (joined === undefined || config === undefined) return this.#s.finish(ok(["No AP"]));
    const reconnInterval = this.#s.nvs.current.reconnect.interval;
    this.#s.finish(ok([joinedLine({ ...config, ...joined, rssi: this.#rssi, reconnInterval })]));
  }

  #leave(): void {
    this.#ownLeaves++;
    void this.#s.radio.apply({ command: "disconnect_sta" });
  }

  #isJoined(): boolean {
    return this.#phase === "associated" || this.#phase === "got_ip";
  }

  #clearLink(): void {
    this.#joined = undefined;
    this.#ip = undefined;
    this.#linkLocal = undefined;
  }
}
