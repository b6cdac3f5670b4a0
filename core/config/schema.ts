/**
 * The network configuration, with AtomVM's key names exactly, decoded by io-ts. In JSON a callback
 * key holds `true` where the application registered that callback.
 *
 * Rules (atomvm-network-spec §1): an `sta` or `ap` section is required; SSIDs are 1 to 32 bytes;
 * a station psk is at most 64 bytes (no minimum: WEP keys are short); an AP psk is 8 to 64 bytes,
 * and absent means an open network; `max_connections` is 1 to 15 (ESP-IDF's ESP32 limit); the
 * DHCP hostname is 1 to 32 bytes (ESP-IDF's netif limit, where the seed silently truncated).
 *
 * @module
 */
import * as t from "io-ts";
import { type Either, isLeft, left, right } from "fp-ts/lib/Either.js";
import { describeType, isRecord } from "../json.ts";
import { boundedText, flag, integerIn, type KeyHomes, strictSection } from "./codecs.ts";
import { type ConfigProblem, toProblems } from "./problem.ts";

/** Callbacks a `sta` section can register. */
export const STA_CALLBACKS = ["connected", "disconnected", "got_ip"] as const;
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
  readonly connected?: boolean;
  readonly disconnected?: boolean;
  readonly got_ip?: boolean;
}

/** The `ap` section: the soft access point. Callbacks are `true` where registered. */
export interface ApSection {
  readonly ssid?: string;
  readonly psk?: string;
  readonly ssid_hidden?: boolean;
  readonly max_connections?: number;
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

const staProps: Props<StaSection> = {
  ssid,
  psk: boundedText(0, 64),
  dhcp_hostname: boundedText(1, 32, "(ESP-IDF's hostname limit)"),
  connected: flag,
  disconnected: flag,
  got_ip: flag,
};

const apProps: Props<ApSection> = {
  ssid,
  psk: boundedText(8, 64, "for WPA2; leave psk out for an open network"),
  ssid_hidden: flag,
  max_connections: integerIn(1, 15, "an ESP32 soft-AP serves at most 15 stations"),
  ap_started: flag,
  sta_connected: flag,
  sta_disconnected: flag,
  sta_ip_assigned: flag,
};

const sntpProps = { host: boundedText(1, 255), synchronized: flag };

const HOMES: KeyHomes = {
  ...Object.fromEntries(Object.keys(staProps).map((key) => [key, "sta"])),
  ...Object.fromEntries(Object.keys(apProps).map((key) => [key, "ap"])),
  // Keys both sections have are never "misplaced".
  ssid: "",
  psk: "",
  host: "sntp",
  synchronized: "sntp",
  sta: "config",
  ap: "config",
  sntp: "config",
};

const staSection: Codec<StaSection> = strictSection("sta", staProps, HOMES);
const apSection: Codec<ApSection> = strictSection("ap", apProps, HOMES);
const sntpObject = strictSection("sntp", sntpProps, HOMES);

/** A decoded network configuration. */
export interface NetworkConfig {
  readonly sta?: StaSection;
  readonly ap?: ApSection;
  readonly sntp?: SntpSection;
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

const rootSection: Codec<NetworkConfig> = strictSection(
  "config",
  { sta: staSection, ap: apSection, sntp: sntpSection },
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
  if (config.sta === undefined && config.ap === undefined) {
    return left([{ path: "config", message: "needs a sta section, an ap section, or both" }]);
  }
  return right(config);
}

/** The SNTP host of either form, if SNTP is configured. */
export function sntpHost(config: NetworkConfig): string | undefined {
  const sntp = config.sntp;
  return typeof sntp === "string" ? sntp : sntp?.host;
}
