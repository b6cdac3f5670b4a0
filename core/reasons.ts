/**
 * ESP-IDF's disconnect reasons (`wifi_err_reason_t`): each code's name, and a class an
 * application can act on. The names drop the `WIFI_REASON_` prefix.
 *
 * Classes, and why:
 * - `no_ap_found` (201, 210-212): the scan found no matching network.
 * - `wrong_credentials` (202, 14, 23): the network refused our key or identity.
 * - `handshake_timeout` (15, 16, 17, 204): the 4-way handshake did not finish; in the field this is
 *   what a wrong WPA2 password usually looks like, so it is retried as slowly as wrong credentials.
 * - `beacon_loss` (200): the AP went quiet.
 * - `association_failed` (2, 4, 5, 9, 18-22, 24, 29, 203, 205, 208, 209): joining failed for
 *   another reason (timeouts, capacity, ciphers).
 * - `requested` (any code, 8 included, while we were leaving): we asked to leave. Reason 8 alone
 *   does not say so: ESP-IDF also reports it when the AP disassociates the station.
 * - `timeout`: none of the radio's; a deadline of the core's passed (deadlines.ts).
 * - `other`: everything else (8 that we did not ask for among them), and a disconnect that
 *   carries no code.
 *
 * The core also names disconnects the radio never reported, with no code: `JOIN_TIMEOUT` and
 * `DHCP_TIMEOUT` (deadlines passed), `LINK_LOST` (the radio refused to measure a link it no
 * longer has) and `CONNECT_REFUSED` (the driver refused the join).
 *
 * @module
 */

const NAMES: Readonly<Record<number, string>> = {
  1: "UNSPECIFIED",
  2: "AUTH_EXPIRE",
  3: "AUTH_LEAVE",
  4: "DISASSOC_DUE_TO_INACTIVITY",
  5: "ASSOC_TOOMANY",
  6: "CLASS2_FRAME_FROM_NONAUTH_STA",
  7: "CLASS3_FRAME_FROM_NONASSOC_STA",
  8: "ASSOC_LEAVE",
  9: "ASSOC_NOT_AUTHED",
  10: "DISASSOC_PWRCAP_BAD",
  11: "DISASSOC_SUPCHAN_BAD",
  12: "BSS_TRANSITION_DISASSOC",
  13: "IE_INVALID",
  14: "MIC_FAILURE",
  15: "4WAY_HANDSHAKE_TIMEOUT",
  16: "GROUP_KEY_UPDATE_TIMEOUT",
  17: "IE_IN_4WAY_DIFFERS",
  18: "GROUP_CIPHER_INVALID",
  19: "PAIRWISE_CIPHER_INVALID",
  20: "AKMP_INVALID",
  21: "UNSUPP_RSN_IE_VERSION",
  22: "INVALID_RSN_IE_CAP",
  23: "802_1X_AUTH_FAILED",
  24: "CIPHER_SUITE_REJECTED",
  25: "TDLS_PEER_UNREACHABLE",
  26: "TDLS_UNSPECIFIED",
  27: "SSP_REQUESTED_DISASSOC",
  28: "NO_SSP_ROAMING_AGREEMENT",
  29: "BAD_CIPHER_OR_AKM",
  30: "NOT_AUTHORIZED_THIS_LOCATION",
  31: "SERVICE_CHANGE_PERCLUDES_TS",
  32: "UNSPECIFIED_QOS",
  33: "NOT_ENOUGH_BANDWIDTH",
  34: "MISSING_ACKS",
  35: "EXCEEDED_TXOP",
  36: "STA_LEAVING",
  37: "END_BA",
  38: "UNKNOWN_BA",
  39: "TIMEOUT",
  46: "PEER_INITIATED",
  47: "AP_INITIATED",
  48: "INVALID_FT_ACTION_FRAME_COUNT",
  49: "INVALID_PMKID",
  50: "INVALID_MDE",
  51: "INVALID_FTE",
  67: "TRANSMISSION_LINK_ESTABLISH_FAILED",
  68: "ALTERATIVE_CHANNEL_OCCUPIED",
  200: "BEACON_TIMEOUT",
  201: "NO_AP_FOUND",
  202: "AUTH_FAIL",
  203: "ASSOC_FAIL",
  204: "HANDSHAKE_TIMEOUT",
  205: "CONNECTION_FAIL",
  206: "AP_TSF_RESET",
  207: "ROAMING",
  208: "ASSOC_COMEBACK_TIME_TOO_LONG",
  209: "SA_QUERY_TIMEOUT",
  210: "NO_AP_FOUND_W_COMPATIBLE_SECURITY",
  211: "NO_AP_FOUND_IN_AUTHMODE_THRESHOLD",
  212: "NO_AP_FOUND_IN_RSSI_THRESHOLD",
};

/** What a disconnect means for the application. */
export type ReasonClass =
  | "no_ap_found"
  | "wrong_credentials"
  | "handshake_timeout"
  | "beacon_loss"
  | "association_failed"
  | "requested"
  | "timeout"
  | "other";

const CLASSES: ReadonlyMap<number, ReasonClass> = new Map([
  ...[201, 210, 211, 212].map((code) => [code, "no_ap_found"] as const),
  ...[202, 14, 23].map((code) => [code, "wrong_credentials"] as const),
  ...[15, 16, 17, 204].map((code) => [code, "handshake_timeout"] as const),
  [200, "beacon_loss"] as const,
  ...[2, 4, 5, 9, 18, 19, 20, 21, 22, 24, 29, 203, 205, 208, 209].map((code) =>
    [code, "association_failed"] as const
  ),
]);

/** A disconnect as the application sees it. */
export type Disconnect = {
  /** ESP-IDF's code, or null when the driver reported none. */
  readonly reason: number | null;
  /** The code's name without `WIFI_REASON_`, `UNKNOWN` for no code, `REASON_<n>` for a code not in the table. */
  readonly name: string;
  readonly class: ReasonClass;
};

/**
 * Names and classifies a disconnect. `requested` is true when the station was disconnecting on
 * the application's request: whatever code the radio gives then, we asked for it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeDisconnect } from "./reasons.ts";
 * assert.deepEqual(describeDisconnect(201, false), { reason: 201, name: "NO_AP_FOUND", class: "no_ap_found" });
 * assert.deepEqual(describeDisconnect(15, false), { reason: 15, name: "4WAY_HANDSHAKE_TIMEOUT", class: "handshake_timeout" });
 * assert.deepEqual(describeDisconnect(3, true), { reason: 3, name: "AUTH_LEAVE", class: "requested" });
 * assert.deepEqual(describeDisconnect(undefined, false), { reason: null, name: "UNKNOWN", class: "other" });
 * ```
 */
export function describeDisconnect(reason: number | undefined, requested: boolean): Disconnect {
  if (reason === undefined) {
    return { reason: null, name: "UNKNOWN", class: requested ? "requested" : "other" };
  }
  const name = NAMES[reason] ?? `REASON_${reason}`;
  return { reason, name, class: requested ? "requested" : CLASSES.get(reason) ?? "other" };
}

/** A join that neither succeeded nor failed within `deadlines.join_ms`. */
export const JOIN_TIMEOUT: Disconnect = { reason: null, name: "JOIN_TIMEOUT", class: "timeout" };
/** An association that got no address within `deadlines.dhcp_ms`. */
export const DHCP_TIMEOUT: Disconnect = { reason: null, name: "DHCP_TIMEOUT", class: "timeout" };
/** A link the radio no longer has, though its disconnect never arrived. */
export const LINK_LOST: Disconnect = { reason: null, name: "LINK_LOST", class: "beacon_loss" };
/** A join the driver refused to start. */
export const REFUSED: Disconnect = { reason: null, name: "CONNECT_REFUSED", class: "other" };

/** Every code in the table, ascending. */
export const REASON_CODES: readonly number[] = Object.keys(NAMES).map(Number);
