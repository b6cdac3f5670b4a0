/**
 * The station and the soft-AP's visitors as the AT port shows them, turned into the core's
 * events. The port is coarse: `WIFI DISCONNECT` carries no reason, `WIFI GOT IP` no address
 * (the driver asks `AT+CIPSTA?`: an event never carries an invented address), a failed join
 * only a `+CWJAP:<code>` (reasons.ts). So this keeps what the link is, to report each change
 * once: a leave netfsm asked for as reason 8, a drop it did not with no reason at all.
 *
 * @module
 */
import type { ScanOptions } from "../../core/effect.ts";
import type { DriverEvent } from "../driver.ts";
import {
  readAddresses,
  readJoinedAp,
  readJoinFailure,
  readScanLine,
  readSntpTime,
} from "./answers.ts";
import type { AtChannel } from "./channel.ts";
import * as at from "./commands.ts";
import { reasonForJoinFailure } from "./reasons.ts";
import type { Unsolicited } from "./reports.ts";
import { COMMAND_MS, describeFailure } from "./setup.ts";

/** What the station's link is, as far as the port has told. */
export type Link = "idle" | "joining" | "connected";

/** What the reports are turned into events with. */
export interface StationContext {
  readonly channel: AtChannel;
  readonly emit: (event: DriverEvent) => void;
  readonly notice: (message: string) => void;
}

/** ESP-AT's `jap_timeout` is 15 s by default; the answer to a join comes within it. */
export const JOIN_MS = 25_000;
/** ESP-IDF's reason for a leave the station asked for. */
const ASSOC_LEAVE = 8;
const CHANNELS = 13;

/** The station's side of the driver. */
export class StationReports {
  readonly #context: StationContext;
  #link: Link = "idle";
  #ssid: string | undefined;
  /** Disconnects reported so far; a leave reports one unless one came since it was asked. */
  #disconnects = 0;
  #leaveAskedAt: number | undefined;
  #leaving = false;
  readonly #visitors = new Set<string>();

  constructor(context: StationContext) {
    this.#context = context;
  }

  /** What the link is. */
  get link(): Link {
    return this.#link;
  }

  /** `disconnect_sta` was applied: from now on a disconnect, whatever its cause, ends the leave. */
  leaveAsked(): void {
    this.#leaveAskedAt ??= this.#disconnects;
  }

  /** Joins `ssid`: resolves when the firmware has answered; failures come as events. */
  async join(ssid: string, psk: string | undefined): Promise<string | undefined> {
    this.#link = "joining";
    this.#ssid = ssid;
    const answer = await this.#context.channel.run(at.join(ssid, psk), { timeout: JOIN_MS });
    if (answer._tag === "Right") return undefined;
    const failure = answer.left;
    if (failure.kind === "lost" || failure.kind === "reset") return undefined;
    const code = failure.kind === "error" ? readJoinFailure(failure.lines) : undefined;
    if (code !== undefined) {
      // A report (a reset, say) may have changed the link while the join ran.
      if (this.link !== "idle") this.#disconnected(reasonForJoinFailure(code));
      return undefined;
    }
    this.#link = "idle";
    return `AT+CWJAP: ${describeFailure(failure)}`;
  }

  /** Leaves the AP (or stops a join); the leave's disconnect is reported once, as reason 8. */
  async leave(): Promise<string | undefined> {
    this.#leaving = true;
    const answer = await this.#context.channel.run("AT+CWQAP", { timeout: COMMAND_MS });
    this.#leaving = false;
    if (answer._tag === "Left") {
      this.#leaveAskedAt = undefined;
      return answer.left.kind === "lost" ? undefined : `AT+CWQAP: ${describeFailure(answer.left)}`;
    }
    if (this.#leaveAskedAt === this.#disconnects) this.#disconnected(ASSOC_LEAVE);
    this.#link = "idle";
    this.#leaveAskedAt = undefined;
    return undefined;
  }

  /** Scans, then reports `scan_done` with the strongest `results` networks. */
  async scan(options: ScanOptions): Promise<string | undefined> {
    const { channel, emit } = this.#context;
    await channel.run(at.SCAN_FIELDS, { timeout: COMMAND_MS });
    const timeout = CHANNELS * options.dwell_ms + COMMAND_MS;
    const [withOptions, plain] = at.scan(options);
    let answer = await channel.run(withOptions, { timeout });
    if (answer._tag === "Left" && answer.left.kind === "error") {
      answer = await channel.run(plain, { timeout });
    }
    if (answer._tag === "Left") {
      return answer.left.kind === "lost" ? undefined : `AT+CWLAP: ${describeFailure(answer.left)}`;
    }
    const seen = answer.right.flatMap((line) => readScanLine(line) ?? []);
    const shown = seen.filter((network) => options.show_hidden || !network.hidden)
      .sort((a, b) => b.rssi - a.rssi);
    emit({ type: "scan_done", networks: shown.slice(0, options.results), found: shown.length });
    return undefined;
  }

  /** Measures the joined AP's signal; `No AP` is a refusal, which tells the core the link is gone. */
  async measure(): Promise<string | undefined> {
    const answer = await this.#context.channel.run("AT+CWJAP?", { timeout: COMMAND_MS });
    if (answer._tag === "Left") {
      return answer.left.kind === "lost" ? undefined : `AT+CWJAP?: ${describeFailure(answer.left)}`;
    }
    const joined = readJoinedAp(answer.right);
    if (joined === "none") return "not connected (AT+CWJAP? answered No AP)";
    if (joined === undefined) return "AT+CWJAP? answered in a form netfsm does not know";
    this.#context.emit({ type: "sta_rssi_measured", rssi: joined.rssi });
    return undefined;
  }

  /** A report from the firmware. */
  report(report: Unsolicited): void {
    const { emit } = this.#context;
    switch (report.type) {
      case "wifi_connected":
        if (this.#link === "connected") return;
        this.#link = "connected";
        emit({ type: "sta_connected", ...(this.#ssid === undefined ? {} : { ssid: this.#ssid }) });
        return;
      case "wifi_got_ip":
        void this.#readAddress();
        return;
      case "wifi_got_ipv6":
        void this.#readAddress6(report.scope);
        return;
      case "wifi_disconnect":
        // During a join the join's own answer tells how it ended.
        if (this.#leaving) this.#disconnected(ASSOC_LEAVE);
        else if (this.#link === "connected") this.#disconnected(undefined);
        return;
      case "station_joined":
        this.#visitors.add(report.mac);
        emit({ type: "ap_sta_connected", mac: report.mac });
        return;
      case "station_left":
        this.#visitors.delete(report.mac);
        emit({ type: "ap_sta_disconnected", mac: report.mac });
        return;
      case "station_address":
        emit({ type: "ap_sta_ip_assigned", mac: report.mac, ip: report.ip });
        return;
      case "time_updated":
        void this.#readTime();
        return;
    }
  }

  /** The soft-AP stopped: its visitors went with it. */
  forgetVisitors(): void {
    this.#visitors.clear();
  }

  /** The radio stopped: nothing is joined, and no event follows. */
  reset(): void {
    this.#link = "idle";
    this.#leaveAskedAt = undefined;
    this.#visitors.clear();
  }

  /** The module reset itself: the link and the visitors are gone, and the core is told so. */
  moduleReset(): void {
    if (this.#link !== "idle") this.#disconnected(undefined);
    for (const mac of this.#visitors) this.#context.emit({ type: "ap_sta_disconnected", mac });
    this.#visitors.clear();
  }

  #disconnected(reason: number | undefined): void {
    if (this.#link === "idle" && reason !== ASSOC_LEAVE) return;
    if (this.#leaving && this.#leaveAskedAt !== this.#disconnects) return;
    this.#link = "idle";
    this.#disconnects++;
    this.#context.emit({
      type: "sta_disconnected",
      ...(reason === undefined ? {} : { reason }),
    });
  }

  async #readAddress(): Promise<void> {
    const { channel, emit, notice } = this.#context;
    const answer = await channel.run("AT+CIPSTA?", { timeout: COMMAND_MS, urgent: true });
    if (answer._tag === "Left") {
      if (answer.left.kind !== "lost") {
        notice(`WIFI GOT IP, but AT+CIPSTA? failed: ${describeFailure(answer.left)}`);
      }
      return;
    }
    const { ip, gateway, netmask } = readAddresses(answer.right);
    if (ip === undefined || ip === "0.0.0.0" || gateway === undefined || netmask === undefined) {
      notice("WIFI GOT IP, but AT+CIPSTA? showed no address; no event is made up");
      return;
    }
    emit({ type: "sta_got_ip", ip, netmask, gw: gateway });
  }

  async #readAddress6(scope: "link_local" | "global"): Promise<void> {
    const answer = await this.#context.channel.run("AT+CIPSTA?", {
      timeout: COMMAND_MS,
      urgent: true,
    });
    if (answer._tag === "Left") return;
    const addresses = readAddresses(answer.right);
    const ip6 = scope === "global" ? addresses.ip6gl : addresses.ip6ll;
    if (ip6 !== undefined && ip6 !== "" && ip6 !== "::") {
      this.#context.emit({ type: "sta_got_ip6", ip6 });
    }
  }

  async #readTime(): Promise<void> {
    const answer = await this.#context.channel.run("AT+CIPSNTPTIME?", {
      timeout: COMMAND_MS,
      urgent: true,
    });
    if (answer._tag === "Left") return;
    const sec = readSntpTime(answer.right);
    if (sec === undefined) {
      this.#context.notice(
        "+TIME_UPDATED, but AT+CIPSNTPTIME? still shows 1970; no event is made up",
      );
      return;
    }
    this.#context.emit({ type: "sntp_sync", sec, usec: 0 });
  }
}
