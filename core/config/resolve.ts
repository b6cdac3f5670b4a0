/**
 * From a decoded configuration and the device's facts to the settings the radio runs with: NVS
 * fills a missing key of a section that exists, defaults are applied, and what must be present is
 * checked. Runs once per `start`.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { apMacOf, defaultName, type Device } from "../device.ts";
import { boundedText } from "./codecs.ts";
import { type ConfigProblem, toProblems } from "./problem.ts";
import { AP_CALLBACKS, type NetworkConfig, sntpHost, STA_CALLBACKS } from "./schema.ts";
import {
  RECONNECT_DEFAULTS,
  type ReconnectPolicy,
  ROAM_DEFAULTS,
  type RoamPolicy,
} from "./policy.ts";
import { DEADLINE_DEFAULTS, type Deadlines } from "./deadlines.ts";
import { seedFrom } from "../random.ts";

/** Every callback key the configuration can register. */
export const CALLBACK_NAMES = [...STA_CALLBACKS, ...AP_CALLBACKS, "synchronized"] as const;
/** A callback key: the name a callback has in the configuration and in traces. */
export type CallbackName = typeof CALLBACK_NAMES[number];
/** Which callbacks the application registered. */
export type Registered = Readonly<Record<CallbackName, boolean>>;

/** One network the station may join. `psk` is null for an open network. */
export interface StaNetwork {
  readonly ssid: string;
  readonly psk: string | null;
  readonly priority: number;
}

/** Defaults for `wifi_scan/0`, from the `sta` section. */
export interface ScanDefaults {
  readonly results: number;
  readonly dwell_ms: number;
  readonly show_hidden: boolean;
  readonly passive: boolean;
}

/** The station as it runs. */
export interface StaSettings {
  /** Highest priority first; empty only in managed mode before `sta_connect` names a network. */
  readonly networks: readonly StaNetwork[];
  readonly hostname: string;
  readonly managed: boolean;
  readonly scan: ScanDefaults;
  readonly reconnect: ReconnectPolicy;
  /** Looking for a better network while joined to a lesser one; null when off. */
  readonly roam: RoamPolicy | null;
}

/** The soft-AP as it runs. `psk` is null for an open network. */
export interface ApSettings {
  readonly ssid: string;
  readonly psk: string | null;
  readonly ssid_hidden: boolean;
  readonly max_connections: number;
  /** The configured channel, or null for ESP-IDF's default. */
  readonly channel: number | null;
  readonly hostname: string;
  /** When set, the AP starts only after the station has been without an address this long. */
  readonly fallback_after_ms: number | null;
}

/** The mDNS responder's name and its answers' TTL in seconds. */
export interface MdnsSettings {
  readonly hostname: string;
  readonly ttl: number;
}

/** AtomVM's responder's TTL when `mdns` gives none, in seconds. */
export const DEFAULT_MDNS_TTL = 900;

/** Everything `start` needs, resolved. */
export interface ActiveConfig {
  readonly sta: StaSettings | null;
  readonly ap: ApSettings | null;
  readonly sntp: string | null;
  /** The mDNS responder to run on each station address, or null. */
  readonly mdns: MdnsSettings | null;
  readonly callbacks: Registered;
  /** How long each wait on the device may last. */
  readonly deadlines: Deadlines;
}

/** Default AP station limit, as in AtomVM and ESP-IDF. */
export const DEFAULT_MAX_CONNECTIONS = 4;

const nvsSsid = boundedText(1, 32);
const nvsStaPsk = boundedText(0, 64);
const nvsApPsk = boundedText(8, 64, "for WPA2");

function fromNvs(
  value: string | undefined,
  codec: t.Type<string, string, unknown>,
  path: string,
  problems: ConfigProblem[],
): string | undefined {
  if (value === undefined) return undefined;
  const result = codec.decode(value);
  if (result._tag === "Left") {
    problems.push(
      ...toProblems(result.left).map((p) => ({ path, message: `${p.message} (read from NVS)` })),
    );
    return undefined;
  }
  return result.right;
}

function emptyAsNull(psk: string | undefined): string | null {
  return psk === undefined || psk === "" ? null : psk;
}

/**
 * Resolves a configuration against a device. A key in the configuration always wins; NVS fills a
 * key only when its section exists and the key is absent. An empty psk means an open network.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveConfig } from "./resolve.ts";
 * const device = { mac: "24:0a:c4:12:34:56", nvs: { sta_ssid: "home", sta_psk: "secret12" } };
 * const active = resolveConfig({ sta: { got_ip: true } }, device);
 * assert.equal(active._tag === "Right" && active.right.sta?.networks[0]?.ssid, "home");
 * assert.equal(active._tag === "Right" && active.right.sta?.hostname, "atomvm-240ac4123456");
 * ```
 */
export function resolveConfig(
  config: NetworkConfig,
  device: Device,
): Either<readonly ConfigProblem[], ActiveConfig> {
  const problems: ConfigProblem[] = [];
  const nvs = device.nvs ?? {};
  let sta: StaSettings | null = null;
  let ap: ApSettings | null = null;

  if (config.sta !== undefined) {
    const section = config.sta;
    const managed = section.managed === true;
    let networks: StaNetwork[];
    if (section.networks !== undefined) {
      networks = section.networks.map((n) => ({
        ssid: n.ssid,
        psk: emptyAsNull(n.psk),
        priority: n.priority ?? 0,
      }));
    } else {
      const ssid = section.ssid ?? fromNvs(nvs.sta_ssid, nvsSsid, "nvs.sta_ssid", problems);
      const psk = section.psk ?? fromNvs(nvs.sta_psk, nvsStaPsk, "nvs.sta_psk", problems);
      if (ssid === undefined && nvs.sta_ssid === undefined && !managed) {
        problems.push({
          path: "sta.ssid",
          message: "is required: set it here or store sta_ssid in NVS",
        });
      }
      networks = ssid === undefined ? [] : [{ ssid, psk: emptyAsNull(psk), priority: 0 }];
    }
    // A stable sort keeps the configured order among equal priorities.
    networks = networks.map((n, i) => [n, i] as const).sort((a, b) =>
      b[0].priority - a[0].priority || a[1] - b[1]
    ).map(([n]) => n);
    sta = {
      networks,
      hostname: section.dhcp_hostname ?? defaultName(device.mac),
      managed,
      scan: {
        results: section.default_scan_results ?? 6,
        dwell_ms: section.scan_dwell_ms ?? (section.scan_passive === true ? 360 : 120),
        show_hidden: section.scan_show_hidden === true,
        passive: section.scan_passive === true,
      },
      reconnect: { ...RECONNECT_DEFAULTS, seed: seedFrom(device.mac), ...section.reconnect },
      roam: section.roam === undefined ? null : { ...ROAM_DEFAULTS, ...section.roam },
    };
  }

  if (config.ap !== undefined) {
    const section = config.ap;
    const ssid = section.ssid ?? fromNvs(nvs.ap_ssid, nvsSsid, "nvs.ap_ssid", problems) ??
      defaultName(apMacOf(device));
    const psk = section.psk ?? fromNvs(nvs.ap_psk, nvsApPsk, "nvs.ap_psk", problems) ?? null;
    ap = {
      ssid,
      psk,
      ssid_hidden: section.ssid_hidden ?? false,
      max_connections: section.max_connections ?? DEFAULT_MAX_CONNECTIONS,
      channel: section.ap_channel ?? null,
      hostname: section.dhcp_hostname ?? defaultName(device.mac),
      fallback_after_ms: section.fallback_after_ms ?? null,
    };
  }

  if (problems.length > 0) return left(problems);
  const sntp = config.sntp;
  const callbacks = Object.fromEntries(CALLBACK_NAMES.map((name) => [name, false])) as Record<
    CallbackName,
    boolean
  >;
  for (const name of STA_CALLBACKS) callbacks[name] = config.sta?.[name] === true;
  for (const name of AP_CALLBACKS) callbacks[name] = config.ap?.[name] === true;
  callbacks.synchronized = typeof sntp === "object" && sntp.synchronized === true;
  const deadlines = { ...DEADLINE_DEFAULTS, ...config.deadlines };
  const mdns = config.mdns?.hostname === undefined
    ? null
    : { hostname: config.mdns.hostname, ttl: config.mdns.ttl ?? DEFAULT_MDNS_TTL };
  return right({ sta, ap, sntp: sntpHost(config) ?? null, mdns, callbacks, deadlines });
}
