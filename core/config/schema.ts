/**
 * The network configuration, with AtomVM's key names exactly, decoded by io-ts. In JSON a callback
 * key holds `true` where the application registered that callback.
 *
 * Rules (atomvm-network-spec §1): an `sta` or `ap` section is required; SSIDs are 1 to 32 bytes;
 * a station psk is at most 64 bytes (no minimum: WEP keys are short); an AP psk is 8 to 64 bytes,
 * and absent means an open network; `max_connections` is 1 to 15 (ESP-IDF's ESP32 limit); the
 * DHCP hostname is 1 to 32 bytes (ESP-IDF's netif limit, where the seed silently truncated).
 *
 * From AtomVM's newest `network`: `managed`, `beacon_timeout`, `scan_done` and the scan defaults
 * (`default_scan_results` 1-64, `scan_dwell_ms` 1-1500, `scan_show_hidden`, `scan_passive`);
 * `ap_channel` (1-14) and an AP `dhcp_hostname`. netfsm's own: `got_ip6`, `networks` (instead of
 * `ssid`/`psk`), `reconnect` and `roam` (see policy.ts), `ap.fallback_after_ms`, which makes the
 * AP a fallback that starts only when the station has been without an address that long, and the
 * top-level `deadlines` (see deadlines.ts). The newest `mdns` section is `{hostname, ttl}`, the key
 * AtomVM's code reads (see mdns.ts).
 *
 * @module
 */
import * as t from "io-ts";
import { type Either, isLeft, left, right } from "fp-ts/lib/Either.js";
import { describeType, isRecord } from "../json.ts";
import { boundedText, flag, integerIn, type KeyHomes, strictSection } from "./codecs.ts";
import {
  type NetworkEntry,
  networksCodec,
  reconnectCodec,
  type ReconnectSection,
  roamCodec,
  type RoamSection,
} from "./policy.ts";
import { deadlinesCodec, type DeadlinesSection } from "./deadlines.ts";
import { mdnsCodec, type MdnsSection } from "./mdns.ts";
import { type ConfigProblem, toProblems } from "./problem.ts";

/** Callbacks a `sta` section can register. */
export const STA_CALLBACKS = [
  "connected",
  "disconnected",
  "got_ip",
  "beacon_timeout",
  "scan_done",
  "got_ip6",
] as const;
/** Callbacks an `ap` section can register. */
export const AP_CALLBACKS = [
  "ap_started",
  "sta_connected",
  "sta_disconnected",
  "sta_ip_assigned",
] as const;

/** The `sta` section: the station (client) side. Callbacks are `true` where registered. */
export interface StaSection {
  readonly ssid?: string;
  readonly psk?: string;
  readonly dhcp_hostname?: string;
  readonly managed?: boolean;
  readonly networks?: readonly NetworkEntry[];
  readonly reconnect?: ReconnectSection;
  readonly roam?: RoamSection;
  readonly default_scan_results?: number;
  readonly scan_dwell_ms?: number;
  readonly scan_show_hidden?: boolean;
  readonly scan_passive?: boolean;
  readonly connected?: boolean;
  readonly disconnected?: boolean;
  readonly got_ip?: boolean;
  readonly beacon_timeout?: boolean;
  readonly scan_done?: boolean;
  readonly got_ip6?: boolean;
}

/** The `ap` section: the soft access point. Callbacks are `true` where registered. */
export interface ApSection {
  readonly ssid?: string;
  readonly psk?: string;
  readonly ssid_hidden?: boolean;
  readonly max_connections?: number;
  readonly ap_channel?: number;
  readonly dhcp_hostname?: string;
  readonly fallback_after_ms?: number;
  readonly ap_started?: boolean;
  readonly sta_connected?: boolean;
  readonly sta_disconnected?: boolean;
  readonly sta_ip_assigned?: boolean;
}

/** SNTP: the seed's bare host string, or the newer `{host, synchronized}`. */
export type SntpSection = string | { readonly host?: string; readonly synchronized?: boolean };

type Codec<A> = t.Type<A, unknown, unknown>;
type Props<A> = { readonly [K in keyof Required<A>]: t.Type<NonNullable<A[K]>, unknown, unknown> };

const ssid: Codec<string> = boundedText(1, 32);

const hostname: Codec<string> = boundedText(1, 32, "(ESP-IDF's hostname limit)");

const staProps: Props<StaSection> = {
  ssid,
  psk: boundedText(0, 64),
  dhcp_hostname: hostname,
  managed: flag,
  networks: networksCodec,
  reconnect: reconnectCodec,
  roam: roamCodec,
  default_scan_results: integerIn(1, 64),
  scan_dwell_ms: integerIn(1, 1500, "milliseconds per channel"),
  scan_show_hidden: flag,
  scan_passive: flag,
  connected: flag,
  disconnected: flag,
  got_ip: flag,
  beacon_timeout: flag,
  scan_done: flag,
  got_ip6: flag,
};

const apProps: Props<ApSection> = {
  ssid,
  psk: boundedText(8, 64, "for WPA2; leave psk out for an open network"),
  ssid_hidden: flag,
  max_connections: integerIn(1, 15, "an ESP32 soft-AP serves at most 15 stations"),
  ap_channel: integerIn(1, 14, "2.4 GHz channels"),
  dhcp_hostname: hostname,
  fallback_after_ms: integerIn(1000, 86_400_000, "milliseconds"),
  ap_started: flag,
  sta_connected: flag,
  sta_disconnected: flag,
  sta_ip_assigned: flag,
};

const sntpProps = { host: boundedText(1, 255), synchronized: flag };

const HOMES: KeyHomes = {
  ...Object.fromEntries(Object.keys(staProps).map((key) => [key, "sta"])),
  ...Object.fromEntries(Object.keys(apProps).map((key) => [key, "ap"])),
  // Keys both sections have are misplaced only outside both.
  ssid: "sta or ap",
  psk: "sta or ap",
  dhcp_hostname: "sta or ap",
  host: "sntp",
  synchronized: "sntp",
  sta: "config",
  ap: "config",
  sntp: "config",
  mdns: "config",
  ttl: "mdns",
  deadlines: "config",
};

const staSection: Codec<StaSection> = strictSection("sta", staProps, HOMES);
const apSection: Codec<ApSection> = strictSection("ap", apProps, HOMES);
const sntpObject = strictSection("sntp", sntpProps, HOMES);

export type { MdnsSection } from "./mdns.ts";

/** A decoded network configuration. */
export interface NetworkConfig {
  readonly sta?: StaSection;
  readonly ap?: ApSection;
  readonly sntp?: SntpSection;
  readonly mdns?: MdnsSection;
  readonly deadlines?: DeadlinesSection;
}

const sntpSection: Codec<SntpSection> = new t.Type<SntpSection, unknown, unknown>(
  "sntp",
  (u): u is SntpSection => typeof u === "string" || sntpObject.is(u),
  (u, c) => {
    if (typeof u === "string") return boundedText(1, 255).validate(u, c);
    if (isRecord(u)) {
      const decoded = sntpObject.validate(u, c);
      if (isLeft(decoded)) return decoded;
      return decoded.right.host === undefined
        ? t.failure(
          u,
          t.appendContext(c, "host", t.string, undefined),
          "is required: the SNTP server to ask",
        )
        : decoded;
    }
    return t.failure(
      u,
      c,
      `must be a host name or {"host": ..., "synchronized": true}, got ${describeType(u)}`,
    );
  },
  t.identity,
);

const mdnsSection = mdnsCodec(HOMES);

const rootSection: Codec<NetworkConfig> = strictSection(
  "config",
  {
    sta: staSection,
    ap: apSection,
    sntp: sntpSection,
    mdns: mdnsSection,
    deadlines: deadlinesCodec,
  },
  HOMES,
);

/**
 * Decodes a JSON configuration, reporting every problem at once. Whether the station has an SSID
 * is decided later, at `start`, because NVS may supply it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeConfig } from "./schema.ts";
 * const bad = decodeConfig({ sta: { ssid: "home", pskk: "x" }, ap: { psk: "short" } });
 * assert.deepEqual(bad._tag === "Left" && bad.left.map((p) => p.path), ["sta.pskk", "ap.psk"]);
 * ```
 */
export function decodeConfig(json: unknown): Either<readonly ConfigProblem[], NetworkConfig> {
  const decoded = rootSection.decode(json);
  if (isLeft(decoded)) return left(toProblems(decoded.left));
  const config = decoded.right as NetworkConfig;
  const problems = crossKeyProblems(config);
  return problems.length > 0 ? left(problems) : right(config);
}

/** Rules that tie keys together, checked once each key is valid on its own. */
function crossKeyProblems(config: NetworkConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { sta, ap } = config;
  if (sta === undefined && ap === undefined) {
    problems.push({ path: "config", message: "needs a sta section, an ap section, or both" });
  }
  if (sta?.networks !== undefined && (sta.ssid !== undefined || sta.psk !== undefined)) {
    problems.push({
      path: "sta.networks",
      message: "replaces ssid and psk: give one or the other",
    });
  }
  const reconnect = sta?.reconnect;
  if (reconnect?.max_ms !== undefined && reconnect.max_ms < (reconnect.initial_ms ?? 1000)) {
    problems.push({ path: "sta.reconnect.max_ms", message: "must not be less than initial_ms" });
  }
  if (ap?.fallback_after_ms !== undefined && sta === undefined) {
    problems.push({
      path: "ap.fallback_after_ms",
      message: "needs a sta section: the AP is the station's fallback",
    });
  }
  return problems;
}

/** The SNTP host of either form, if SNTP is configured. */
export function sntpHost(config: NetworkConfig): string | undefined {
  const sntp = config.sntp;
  return typeof sntp === "string" ? sntp : sntp?.host;
}

const flatConnect: Codec<Pick<StaSection, "ssid" | "psk" | "dhcp_hostname">> = strictSection(
  "config",
  {
    ssid,
    psk: boundedText(0, 64),
    dhcp_hostname: hostname,
  },
  HOMES,
);

/**
 * Decodes the configuration of a `sta_connect` request: `{"sta": {...}}`, a section merged key by
 * key over the running one, or the flat `{"ssid", "psk", "dhcp_hostname"}`. Problems carry paths
 * from `config`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeStaConnect } from "./schema.ts";
 * assert.deepEqual(decodeStaConnect({ ssid: "cafe" }), { _tag: "Right", right: { ssid: "cafe" } });
 * const bad = decodeStaConnect({ ssid: "cafe", got_ip: true });
 * assert.deepEqual(bad._tag === "Left" && bad.left[0], { path: "config.got_ip", message: "belongs in the sta section" });
 * ```
 */
export function decodeStaConnect(json: unknown): Either<readonly ConfigProblem[], StaSection> {
  const nested = isRecord(json) && Object.hasOwn(json, "sta");
  const decoded = nested
    ? strictSection("config", { sta: staSection }, HOMES).decode(json)
    : flatConnect.decode(json);
  if (isLeft(decoded)) {
    return left(
      toProblems(decoded.left).map((p) => ({
        ...p,
        path: p.path === "config" ? p.path : `config.${p.path}`,
      })),
    );
  }
  const section = nested
    ? (decoded.right as { sta?: StaSection }).sta ?? {}
    : decoded.right as StaSection;
  if (section.networks !== undefined && (section.ssid !== undefined || section.psk !== undefined)) {
    return left([{
      path: "config.sta.networks",
      message: "replaces ssid and psk: give one or the other",
    }]);
  }
  return right(section);
}
