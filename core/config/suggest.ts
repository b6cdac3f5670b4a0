/**
 * Nearest-key suggestions for unknown configuration keys (`pskk` → `psk`).
 *
 * @module
 */

/** Levenshtein distance with a single reused row: keys are short, so this stays cheap. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The known key closest to `key`, if it is close enough to be a likely typo: within a third of the
 * key's length (at least 2 edits), or the known key with a prefix such as `ap_` added or dropped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nearestKey } from "./suggest.ts";
 * assert.equal(nearestKey("pskk", ["ssid", "psk"]), "psk");
 * assert.equal(nearestKey("ap_ssid_hidden", ["ssid_hidden", "max_connections"]), "ssid_hidden");
 * assert.equal(nearestKey("colour", ["ssid", "psk"]), undefined);
 * ```
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const affix = key.endsWith(candidate) || candidate.endsWith(key);
    const distance = affix
      ? Math.min(1, editDistance(key, candidate))
      : editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
