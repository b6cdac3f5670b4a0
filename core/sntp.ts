/**
 * The SNTP region: a synchronisation calls `synchronized({sec, usec})` when registered; the same
 * one reported twice calls it once.
 *
 * @module
 */
import { diagnostic, type Effect } from "./effect.ts";
import type { InputOf } from "./input.ts";
import { notify } from "./notify.ts";
import type { State } from "./state.ts";
import { type Outcome, row, type Transition } from "./table.ts";

function synchronized(state: State, input: InputOf<"sntp_sync">): Outcome {
  const last = state.synced;
  // Two synchronisations to an unknown time are two: nothing shows they are the same one.
  if (last !== null && last.sec !== null && last.sec === input.sec && last.usec === input.usec) {
    return {
      state,
      effects: [diagnostic("info", "sync_repeated", "the same synchronisation was reported twice")],
    };
  }
  const effects: Effect[] = [];
  const next: State = { ...state, synced: { sec: input.sec, usec: input.usec } };
  notify(next, effects, "synchronized", { sec: input.sec, usec: input.usec });
  return { state: next, effects };
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
