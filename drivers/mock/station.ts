/**
 * The simulated station radio. Times are drawn from the seed:
 * - joining: a scan (0.8-1.5 s); no such AP present → disconnect 201 (NO_AP_FOUND) after 1-2 s
 *   more; a wrong psk → 15 (4WAY_HANDSHAKE_TIMEOUT) or 204 (HANDSHAKE_TIMEOUT) after 1-3 s;
 *   otherwise `sta_connected`, then DHCP (0.3-0.9 s) unless the AP's DHCP is `silent`, then an
 *   IPv6 link-local address when the AP offers IPv6.
 * - DHCP as lwIP does it (dhcp.ts): an unanswered DISCOVER is sent again, 2 s, 4 s, ... then every
 *   60 s; a lease is renewed from half its time on, and when it runs out unrenewed the address is
 *   gone and the client starts over. The link stays up throughout.
 * - the lost-IP timer (esp_netif, CONFIG_ESP_NETIF_IP_LOST_TIMER_INTERVAL, 120 s): started when an
 *   address is lost (a lease that ran out, or a disconnect); if no address is back when it ends,
 *   `sta_lost_ip`.
 * - losing the AP: 6 s without beacons → `sta_beacon_timeout`, then disconnect 200 1.5 s later.
 * - leaving on request: disconnect 8 (ASSOC_LEAVE) 30-80 ms later, even when a connect follows.
 * - scanning: 13 channels × the dwell time; refused while joining, as ESP-IDF does.
 * - DHCP leases that stay the same across reconnects; SNTP that syncs after each address.
 *
 * @module
 */
import type { DriverCommand, DriverEvent } from "../driver.ts";
import { seedFrom } from "../../core/random.ts";
import { discoverBackoff, leaseTimes } from "./dhcp.ts";
import type { Random } from "./random.ts";
import {
  type AccessPoint,
  DEFAULT_LEASE_MS,
  dhcpAnswers,
  isPresent,
  nextAbsence,
  type World,
} from "./world.ts";

const BEACON_TIMEOUT_MS = 6000;
/** CONFIG_ESP_NETIF_IP_LOST_TIMER_INTERVAL's default. */
const IP_LOST_TIMER_MS = 120_000;
const DEFAULT_EPOCH = 1795000000;
const CHANNELS = 13;

type StaConnect = Extract<DriverCommand, { command: "connect_sta" }>;
type Scan = Extract<DriverCommand, { command: "scan" }>;

/** What the station needs from the simulated device around it. */
export interface StationContext {
  readonly random: Random;
  readonly world: World;
  readonly mac: string;
  readonly now: () => number;
  /** Runs a task after a delay, unless the radio is reset first. */
  readonly after: (delay: number, task: () => void) => void;
  readonly at: (at: number, task: () => void) => void;
  readonly emit: (event: DriverEvent) => void;
  /** Told after the link or the address changed, with what changed it. */
  readonly changed?: (cause: string) => void;
}

/** The link's state, as the radio sees it. */
export type Link = "idle" | "joining" | "associated";

/** A simulated station and its link. */
export class SimulatedStation {
  /** The hostname the station last asked DHCP for. */
  hostname: string | undefined;
  readonly #context: StationContext;
  /** The current link: a new one cancels the old one's pending events. */
  #attempt = 0;
  /** The radio's life: a reset (the radio stops) cancels everything. */
  #radio = 0;
  #link: Link = "idle";
  #ap: AccessPoint | undefined;
  #ip: string | undefined;
  /** The address the lost-IP timer guards (esp_netif's `ip_info_old`), cleared when it fires. */
  #lastIp: string | undefined;
  #lostIpTimer = false;
  #leases = new Map<string, string>();
  #sntpHost: string | undefined;
  #synced = -1;
  #scanning = false;

  constructor(context: StationContext) {
    this.#context = context;
  }

  /** The link as the radio really has it, whatever the events said. */
  get link(): Link {
    return this.#link;
  }

  /** The IPv4 address the station really holds, if any. */
  get address(): string | undefined {
    return this.#ip;
  }

  /** Forgets the link, as the radio stops. */
  reset(): void {
    this.#attempt++;
    this.#radio++;
    this.#link = "idle";
    this.#ap = undefined;
    this.#ip = undefined;
    this.#lastIp = undefined;
    this.#lostIpTimer = false;
    this.#sntpHost = undefined;
    this.#scanning = false;
  }

  /** Starts joining; returns an error name when the radio cannot. */
  connect(command: StaConnect): string | undefined {
    const { random, after, emit } = this.#context;
    const attempt = ++this.#attempt;
    const current = () => attempt === this.#attempt;
    this.hostname = command.hostname;
    this.#update("joining", undefined, "connect_sta");
    after(random.between(800, 1500), () => {
      if (!current()) return;
      const ap = this.#strongest(command.ssid);
      if (ap === undefined) return this.#fail(attempt, random.between(1000, 2000), 201);
      if (ap.psk !== undefined && ap.psk !== "" && command.psk !== ap.psk) {
        return this.#fail(attempt, random.between(1000, 3000), random.chance(0.5) ? 15 : 204);
      }
      this.#ap = ap;
      this.#update("associated", undefined, "sta_connected");
      emit({
        type: "sta_connected",
        ssid: ap.ssid,
        bssid: bssidOf(ap),
        channel: ap.channel ?? 6,
        aid: 1,
      });
      this.#watchBeacons(ap, attempt);
      if (ap.dhcp !== "silent") {
        after(random.between(300, 900), () => current() && this.#discover(ap, attempt, 0, true));
      }
    });
    return undefined;
  }

  /**
   * Leaves the AP (or stops joining); the radio reports reason 8. The leave is reported even when
   * a connect follows at once, as ESP-IDF does; only the radio stopping cancels it.
   */
  disconnect(): string | undefined {
    if (this.#link === "idle") return "ESP_ERR_WIFI_NOT_CONNECT";
    this.#attempt++;
    const radio = this.#radio;
    this.#update("idle", undefined, "disconnect_sta");
    this.#context.after(this.#context.random.between(30, 80), () => {
      if (radio === this.#radio) this.#context.emit({ type: "sta_disconnected", reason: 8 });
    });
    return undefined;
  }

  /** Starts SNTP; it syncs once there is an address. */
  startSntp(host: string): void {
    // A restart with the same server after an address that already synced changes nothing.
    if (host !== this.#sntpHost) this.#synced = -1;
    this.#sntpHost = host;
    if (this.#ip !== undefined) this.#sync(this.#attempt);
  }

  /** Measures the joined AP's signal. */
  readRssi(): string | undefined {
    const ap = this.#ap;
    if (this.#link !== "associated" || ap === undefined) return "ESP_ERR_WIFI_NOT_CONNECT";
    const rssi = (ap.rssi ?? -60) + this.#context.random.between(-3, 3);
    this.#context.after(5, () => this.#context.emit({ type: "sta_rssi_measured", rssi }));
    return undefined;
  }

  /** Scans every channel for `dwell_ms` each; refused while joining, as ESP-IDF does. */
  scan(command: Scan): string | undefined {
    if (this.#link === "joining") return "ESP_ERR_WIFI_STATE";
    if (this.#scanning) return "ESP_ERR_WIFI_STATE";
    this.#scanning = true;
    const { after, emit, now } = this.#context;
    const attempt = this.#attempt;
    after(CHANNELS * command.dwell_ms, () => {
      this.#scanning = false;
      if (attempt !== this.#attempt && this.#link === "idle") return;
      const seen = (this.#context.world.access_points ?? [])
        .filter((ap) => isPresent(ap, now()) && (command.show_hidden || ap.hidden !== true))
        .sort((a, b) => (b.rssi ?? -60) - (a.rssi ?? -60));
      const networks = seen.slice(0, command.results).map((ap) => ({
        ssid: ap.hidden === true ? "" : ap.ssid,
        bssid: bssidOf(ap),
        rssi: ap.rssi ?? -60,
        channel: ap.channel ?? 6,
        authmode: ap.psk ? "wpa2_psk" : "open",
        hidden: ap.hidden === true,
      }));
      emit({ type: "scan_done", found: seen.length, networks });
    });
    return undefined;
  }

  #fail(attempt: number, delay: number, reason: number): void {
    this.#context.after(delay, () => {
      if (attempt !== this.#attempt) return;
      this.#update("idle", undefined, "sta_disconnected");
      this.#context.emit({ type: "sta_disconnected", reason });
    });
  }

  /** Sets the link and the address; losing an address starts the lost-IP timer. */
  #update(link: Link, ip: string | undefined, cause: string): void {
    const lost = this.#ip !== undefined && ip === undefined;
    this.#link = link;
    this.#ip = ip;
    if (lost) this.#startIpLostTimer();
    this.#context.changed?.(cause);
  }

  #startIpLostTimer(): void {
    // esp_netif starts it once, and only for an address it had.
    if (this.#lostIpTimer || this.#lastIp === undefined) return;
    this.#lostIpTimer = true;
    const radio = this.#radio;
    this.#context.after(IP_LOST_TIMER_MS, () => {
      if (radio !== this.#radio) return;
      this.#lostIpTimer = false;
      // Whether an address came back is checked only now: that is what cancels the event.
      if (this.#ip !== undefined) return;
      this.#lastIp = undefined;
      this.#context.emit({ type: "sta_lost_ip" });
    });
  }

  /** A DISCOVER, sent again until the server answers or the link goes. */
  #discover(ap: AccessPoint, attempt: number, tries: number, first: boolean): void {
    if (dhcpAnswers(ap, this.#context.now())) return this.#bind(ap, attempt, first);
    this.#context.after(discoverBackoff(tries + 1), () => {
      if (attempt === this.#attempt) this.#discover(ap, attempt, tries + 1, first);
    });
  }

  /** The server answered: an address, the same one on every reconnect. */
  #bind(ap: AccessPoint, attempt: number, first: boolean): void {
    const { random, emit, after, now } = this.#context;
    const subnet = ap.subnet ?? "192.168.1";
    const ip = this.#leases.get(bssidOf(ap)) ?? `${subnet}.${random.between(100, 199)}`;
    this.#leases.set(bssidOf(ap), ip);
    this.#lastIp = ip;
    this.#update("associated", ip, "sta_got_ip");
    emit({ type: "sta_got_ip", ip, netmask: "255.255.255.0", gw: `${subnet}.1` });
    if (this.#sntpHost !== undefined) this.#sync(attempt);
    // The link-local address does not depend on DHCP: it comes once per link.
    if (first && ap.ipv6 === true) {
      after(
        random.between(200, 600),
        () =>
          attempt === this.#attempt &&
          emit({ type: "sta_got_ip6", ip6: linkLocal(this.#context.mac) }),
      );
    }
    this.#keepLease(ap, attempt, now());
  }

  /** Renews the lease bound at `boundAt` while the server answers; when it runs out, starts over. */
  #keepLease(ap: AccessPoint, attempt: number, boundAt: number): void {
    const { at, now } = this.#context;
    const { attempts, expiry } = leaseTimes(boundAt, ap.lease ?? DEFAULT_LEASE_MS);
    const renew = (index: number) => {
      if (attempt !== this.#attempt) return;
      // A renewal keeps the same address: esp_netif reports nothing.
      if (dhcpAnswers(ap, now())) return this.#keepLease(ap, attempt, now());
      const next = attempts[index + 1];
      if (next !== undefined) return at(next, () => renew(index + 1));
      at(expiry, () => {
        if (attempt !== this.#attempt) return;
        this.#update("associated", undefined, "lease_expired");
        this.#discover(ap, attempt, 0, false);
      });
    };
    at(attempts[0]!, () => renew(0));
  }

  #strongest(ssid: string): AccessPoint | undefined {
    const now = this.#context.now();
    return (this.#context.world.access_points ?? [])
      .filter((ap) => ap.ssid === ssid && isPresent(ap, now))
      .sort((a, b) => (b.rssi ?? -60) - (a.rssi ?? -60))[0];
  }

  #watchBeacons(ap: AccessPoint, attempt: number): void {
    const { at, after, emit, now } = this.#context;
    const gone = nextAbsence(ap, now());
    if (gone === undefined) return;
    at(gone + BEACON_TIMEOUT_MS, () => {
      if (attempt !== this.#attempt) return;
      if (isPresent(ap, now())) return this.#watchBeacons(ap, attempt);
      emit({ type: "sta_beacon_timeout" });
      after(1500, () => {
        if (attempt !== this.#attempt) return;
        this.#attempt++;
        this.#update("idle", undefined, "sta_disconnected");
        emit({ type: "sta_disconnected", reason: 200 });
      });
    });
  }

  #sync(attempt: number): void {
    const { world, random, after, emit, now } = this.#context;
    if (world.sntp?.reachable === false || this.#synced === attempt) return;
    this.#synced = attempt;
    after(random.between(200, 800), () => {
      if (attempt !== this.#attempt || this.#sntpHost === undefined) return;
      const epoch = world.sntp?.epoch ?? DEFAULT_EPOCH;
      emit({
        type: "sntp_sync",
        sec: epoch + Math.floor(now() / 1000),
        usec: (now() % 1000) * 1000,
      });
    });
  }
}

/** The AP's BSSID, or one derived from its SSID, so that two unnamed APs never share leases. */
function bssidOf(ap: AccessPoint): string {
  if (ap.bssid !== undefined) return ap.bssid;
  const hash = seedFrom(ap.ssid);
  const octet = (shift: number) => ((hash >>> shift) & 0xff).toString(16).padStart(2, "0");
  return `a4:2b:b0:${octet(16)}:${octet(8)}:${octet(0)}`;
}

/** The EUI-64 link-local IPv6 address of a MAC. */
export function linkLocal(mac: string): string {
  const b = mac.split(":").map((h) => parseInt(h, 16));
  const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
  return `fe80::${hex(b[0]! ^ 2, b[1]!)}:${hex(b[2]!, 0xff)}:${hex(0xfe, b[3]!)}:${
    hex(b[4]!, b[5]!)
  }`;
}
