/**
 * Every regular expression the log importer applies to a line, in one table, so that one test
 * (recognize_test.ts) can prove each runs in linear time (see linear_check.ts): a log line is
 * untrusted, and a pattern that backtracks makes a crafted line cost minutes.
 *
 * Two kinds. A `KEY` finds where a line says something; it has no unbounded quantifier, so the
 * engine's search costs a constant at each position. A sticky (`y`) pattern then reads the rest
 * from just that position, once; its runs stop at a character that cannot continue them. A line
 * is read from the first place its key matches: a log line says one thing.
 *
 * @module
 */

const HEX2 = "[0-9a-fA-F]{2}";
const MAC = `(${HEX2}(?::${HEX2}){5})`;
const OCTET = "\\d{1,3}";
const IP = `(${OCTET}(?:\\.${OCTET}){3})`;

const pattern = (source: string, flags = "") => new RegExp(source, flags);

/** The log's own time: ESP-IDF (after an optional colour escape), Arduino, a terminal's clock. */
export const STAMP = {
  idf: pattern("^\\s*(?:\\x1b\\[[0-9;]*m)?[EWIDV] \\((\\d+)\\)"),
  arduino: pattern("^\\s*\\[\\s*(\\d+)\\]\\[[EWIDV]\\]"),
  clock: pattern("^\\s*\\[?(\\d{2}):(\\d{2}):(\\d{2})[.,](\\d{3})\\]?"),
} as const;

/** ESP-IDF's `wifi:` driver lines and its network interface lines. */
export const IDF = {
  connectedKey: pattern("wifi: ?connected with "),
  /** After the SSID: `, aid = 1, channel 6,`; then `bssid = MAC` further on. */
  aidChannel: pattern(", aid = (\\d+), channel (\\d+),", "y"),
  mac: pattern(MAC, "y"),
  stateKey: pattern("wifi: ?state: "),
  state: pattern("(\\w+) -> (\\w+) \\(([0-9a-fA-F]+)\\)", "y"),
  staIp: pattern(
    `\\b(?:esp_netif_handlers|tcpip_adapter|event): sta ip: ${IP}, mask: ${IP}, gw: ${IP}`,
  ),
  joinKey: pattern(`wifi: ?station: ?${MAC} join, AID ?= ?`),
  digits: pattern("(\\d+)", "y"),
  leave: pattern(`wifi: ?station: ?${MAC} ?leave`),
  assigned: pattern(
    `(?:DHCP server assigned IP to a (?:client|station), IP is|softAP assign IP to station, ?IP is): ${IP}`,
  ),
  dhcpStartedKey: pattern("DHCP server started on interface "),
  /** The interface's name, which must hold "AP", then ` with IP`. */
  dhcpStarted: pattern("(\\w*) with IP", "y"),
  softAp: pattern("AP"),
  beaconTimeout: pattern("wifi: ?bcn_timeout"),
  /** `mode : sta (MAC)`, `mode : softAP (MAC)`, or `mode : sta (MAC) + softAP (MAC)`. */
  mode: pattern(
    `wifi: ?mode : s(?:ta \\(${MAC}\\)(?: \\+ softAP \\(${MAC}\\))?|oftAP \\(${MAC}\\))`,
  ),
} as const;

/** AtomVM's network driver: `network_driver: WIFI_EVENT_... received.` */
export const ATOMVM = {
  key: pattern("network_driver: "),
  event: pattern("(\\w+) received", "y"),
} as const;

/** Arduino-ESP32's event lines, old and new. */
export const ARDUINO = {
  eventKey: pattern("_eventCallback\\(\\): (?:Arduino )?Event: "),
  event: pattern("\\d+ - (\\w+)", "y"),
  reasonKey: pattern("_eventCallback\\(\\): Reason: "),
  reason: pattern("(\\d+) - \\w", "y"),
  disconnectedKey: pattern("_arduino_event_cb\\(\\): STA Disconnected: "),
  staIp: pattern(`_arduino_event_cb\\(\\): STA IP: ${IP}, MASK: ${IP}, GW: ${IP}`),
  apStation: pattern(`_arduino_event_cb\\(\\): AP Station (Connected|Disconnected): MAC: ${MAC}`),
} as const;

/** ESP-AT's responses, after a terminal's optional `[HH:MM:SS.mmm] ->` prefix. */
export const AT = {
  prefix: pattern("^\\s*\\[?\\d{2}:\\d{2}:\\d{2}[.,]\\d{3}\\]?\\s*(?:->\\s*)?"),
  cwjap: pattern("^\\+CWJAP:(\\d+)$"),
  cipsta: pattern(`^\\+CIPSTA:(ip|gateway|netmask):"?${IP}"?$`),
  staConnected: pattern(`^\\+STA_CONNECTED: ?"?${MAC}"?$`),
  staDisconnected: pattern(`^\\+STA_DISCONNECTED: ?"?${MAC}"?$`),
  distStaIp: pattern(`^\\+DIST_STA_IP: ?"?${MAC}"?, ?"?${IP}"?$`),
} as const;

/** All of them, for the linearity test. */
export const IMPORT_PATTERNS: readonly RegExp[] = [STAMP, IDF, ATOMVM, ARDUINO, AT].flatMap((
  group,
) => Object.values(group));
