/**
 * The soak's time bounds: how long after its access point becomes usable a station must have its
 * address, and how long it must then have held it.
 *
 * @module
 */

/**
 * How long after its AP becomes usable a station must have its address. It covers the longest
 * reconnect backoff (the default policy caps at 120 s, ±20% jitter: 144 s), the DHCP client's
 * DISCOVER retry after an outage (at most 60 s), and six attempts lost to dropped events, each
 * costing at most a DHCP deadline (30 s) and the first retry (1.2 s): 7 minutes. At a 30% loss
 * rate, seven losses in a row happen about twice in 10,000 recoveries.
 */
export const BOUND_MS = 420_000;

/** How long the address must have been held, unchanged, when the run ends. */
export const HOLD_MS = 30_000;

/** Why {@link BOUND_MS} is what it is, for the output's header. */
export const BOUND_WHY =
  "the longest reconnect backoff (120 s cap + 20% jitter = 144 s) + the DHCP client's DISCOVER " +
  "retry (up to 60 s) + six attempts lost to dropped events (a 30 s DHCP deadline and a 1.2 s " +
  "retry each)";
