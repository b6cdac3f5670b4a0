/**
 * The fault mixes the soak runs every scenario under.
 *
 * @module
 */
import type { Faults } from "../../drivers/mock/world.ts";

/** A set of faults to inject, by name. */
export interface Mix {
  readonly name: string;
  readonly faults: Faults;
}

const RATES = [0.1, 0.2, 0.3] as const;
const KINDS = ["drop", "duplicate", "delay", "reorder"] as const;

/**
 * Every fault kind at 0.1, 0.2 and 0.3 alone, then all four at 0.3 with delays of up to 5 s
 * (the mock's default `max_delay` is 2 s).
 */
export const MIXES: readonly Mix[] = [
  ...KINDS.flatMap((kind) =>
    RATES.map((rate) => ({ name: `${kind}${rate}`, faults: { [kind]: rate } }))
  ),
  {
    name: "mixed",
    faults: { drop: 0.3, duplicate: 0.3, delay: 0.3, reorder: 0.3, max_delay: 5000 },
  },
];
