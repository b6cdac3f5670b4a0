/**
 * Choosing among several networks. Each consecutive failure lowers a network's priority by one;
 * a point comes back every `recovery_ms` after its last failure, and an address clears them all.
 * The station joins the network with the highest priority so lowered, the configured order
 * breaking ties. So a failing first choice yields to the next, and is tried again later.
 *
 * @module
 */
import type { StaNetwork } from "./config/resolve.ts";
import type { NetworkHealth } from "./state.ts";

const HEALTHY: NetworkHealth = { failures: 0, since: 0 };

/** The penalty a network still carries at `now`. */
export function penalty(
  health: NetworkHealth | undefined,
  now: number,
  recoveryMs: number,
): number {
  if (health === undefined || health.failures === 0) return 0;
  return Math.max(0, health.failures - Math.floor((now - health.since) / recoveryMs));
}

/**
 * The index of the network to join next.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { chooseNetwork } from "./networks.ts";
 * const networks = [{ ssid: "a", psk: null, priority: 1 }, { ssid: "b", psk: null, priority: 0 }];
 * assert.equal(chooseNetwork(networks, [], 0, 60_000), 0);
 * assert.equal(chooseNetwork(networks, [{ failures: 2, since: 0 }], 1000, 60_000), 1);
 * assert.equal(chooseNetwork(networks, [{ failures: 2, since: 0 }], 120_000, 60_000), 0);
 * ```
 */
export function chooseNetwork(
  networks: readonly StaNetwork[],
  health: readonly NetworkHealth[],
  now: number,
  recoveryMs: number,
): number {
  let best = 0;
  let bestScore = -Infinity;
  networks.forEach((network, index) => {
    const score = network.priority - penalty(health[index], now, recoveryMs);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/** Health with one more failure of network `index` at `now` (recovered points are forgotten). */
export function withFailure(
  health: readonly NetworkHealth[],
  index: number,
  now: number,
  recoveryMs: number,
): NetworkHealth[] {
  const next = [...health];
  while (next.length <= index) next.push(HEALTHY);
  next[index] = { failures: penalty(next[index], now, recoveryMs) + 1, since: now };
  return next;
}
