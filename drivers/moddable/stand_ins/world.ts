/**
 * The scripted world the stand-ins of Moddable's modules live in: access points that come and
 * go, their passwords, soft-AP visitors, an SNTP server's time, other hosts' mDNS names, the
 * Preference store, all on a clock the test moves. Timings are the ESP32 port's orders of magnitude (drivers.md §4): a join
 * attempt is an all-channel scan and a handshake, a scan lasts about 2 s.
 *
 * @module
 */
import type { Clock } from "../../clock.ts";

/** An access point of the world. */
export interface WorldAccessPoint {
  readonly ssid: string;
  readonly bssid: string;
  /** Absent: an open network. */
  readonly password?: string;
  readonly rssi: number;
  readonly channel: number;
  readonly hidden?: boolean;
  /** Whether it is on the air; `setPresent` changes it. */
  present?: boolean;
}

/** How a world is made. */
export interface WorldOptions {
  readonly clock: Clock;
  readonly accessPoints?: readonly WorldAccessPoint[];
  /** The station and soft-AP MACs `Net.get("MAC", ...)` gives. */
  readonly mac?: string;
  readonly apMac?: string;
  /** The address DHCP hands the station. */
  readonly ip?: string;
  /** Seconds since 1970 at the clock's 0, or absent for an SNTP server that never answers. */
  readonly sntpEpoch?: number;
  /** Preference domains and keys at the start. */
  readonly preferences?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** MODDEF_WIFI_ESP32_CONNECT_RETRIES: silent retries before JS hears "disconnect" (5). */
  readonly connectRetries?: number;
  /** A join attempt's time, scan and handshake (2500 ms). */
  readonly attemptMs?: number;
  /** Time from association to "gotIP" (DHCP and the IPv6 link-local, 800 ms). */
  readonly dhcpMs?: number;
  /**
   * Whether "station_connect" / "station_disconnect" carry the visitor's MAC. The ESP32 port
   * passes none (false, the default); true models a build patched to pass it.
   */
  readonly visitorMacs?: boolean;
  /** Other hosts' mDNS names on the LAN and their addresses: a probe for one of them conflicts. */
  readonly mdnsHosts?: Readonly<Record<string, string>>;
}

/** The world: the stand-ins read it, the test changes it. */
export class ModdableWorld {
  readonly clock: Clock;
  readonly accessPoints: WorldAccessPoint[];
  readonly mac: string;
  readonly apMac: string;
  readonly ip: string;
  readonly sntpEpoch: number | undefined;
  readonly preferences = new Map<string, Map<string, unknown>>();
  readonly connectRetries: number;
  readonly attemptMs: number;
  readonly dhcpMs: number;
  readonly visitorMacs: boolean;
  /** Other hosts' mDNS names (lower case) and addresses; a test may add one at any time. */
  readonly mdnsHosts: Map<string, string>;
  /** Listeners for changes of presence and visitors (the radio). */
  readonly #watchers = new Set<(change: WorldChange) => void>();

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.accessPoints = (options.accessPoints ?? []).map((ap) => ({
      ...ap,
      present: ap.present ?? true,
    }));
    this.mac = options.mac ?? "24:0a:c4:12:34:56";
    this.apMac = options.apMac ?? "24:0a:c4:12:34:57";
    this.ip = options.ip ?? "192.168.1.42";
    this.sntpEpoch = options.sntpEpoch;
    this.connectRetries = options.connectRetries ?? 5;
    this.attemptMs = options.attemptMs ?? 2500;
    this.dhcpMs = options.dhcpMs ?? 800;
    this.visitorMacs = options.visitorMacs ?? false;
    this.mdnsHosts = new Map(
      Object.entries(options.mdnsHosts ?? {}).map(([name, ip]) => [name.toLowerCase(), ip]),
    );
    for (const [domain, keys] of Object.entries(options.preferences ?? {})) {
      this.preferences.set(domain, new Map(Object.entries(keys)));
    }
  }

  /** Runs `task` after `ms` on the world's clock; returns a canceller. */
  after(ms: number, task: () => void): () => void {
    return this.clock.schedule(this.clock.now() + ms, task);
  }

  /** The access point named `ssid` while it is on the air. */
  find(ssid: string): WorldAccessPoint | undefined {
    return this.accessPoints.find((ap) => ap.ssid === ssid && ap.present === true);
  }

  /** Puts an access point on the air or takes it off. */
  setPresent(ssid: string, present: boolean): void {
    for (const ap of this.accessPoints) if (ap.ssid === ssid) ap.present = present;
    this.#tell({ type: "presence", ssid, present });
  }

  /** A phone joins the soft-AP. */
  visit(mac: string): void {
    this.#tell({ type: "visitor", mac, joined: true });
  }

  /** A phone leaves the soft-AP. */
  leave(mac: string): void {
    this.#tell({ type: "visitor", mac, joined: false });
  }

  /** Tells `watcher` of every change from now on. */
  watch(watcher: (change: WorldChange) => void): () => void {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  #tell(change: WorldChange): void {
    for (const watcher of [...this.#watchers]) watcher(change);
  }
}

/** A change of the world a radio must react to. */
export type WorldChange =
  | { readonly type: "presence"; readonly ssid: string; readonly present: boolean }
  | { readonly type: "visitor"; readonly mac: string; readonly joined: boolean };
