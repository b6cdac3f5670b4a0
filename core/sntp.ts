/**
 * The SNTP region: a synchronisation calls `synchronized({sec, usec})` when registered.
 *
 * @module
 */
import type { Effect } from "./effect.ts";
import type { InputOf } from "./input.ts";
import { notify } from "./notify.ts";
import type { State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";

function synchronized(state: State, input: InputOf<"sntp_sync">): Outcome {
  const effects: Effect[] = [];
  notify(state, effects, "synchronized", { sec: input.sec, usec: input.usec });
  return { state, effects };
}

/** The SNTP rows. */
export const SNTP_ROWS: readonly Transition[] = [
  row({
    region: "sntp",
    from: ["started"],
    on: "sntp_sync",
    to: "same",
    does: "synchronized({sec, usec})",
    apply: synchronized,
  }),
];
