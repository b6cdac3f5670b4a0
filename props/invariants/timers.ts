/**
 * The timers' bookkeeping: the state's timer slots are exactly what the effects have said, a
 * firing acts only when due, and nothing is left armed after stop.
 *
 * @module
 */
import type { Invariant } from "./step.ts";

/**
 * The timers' invariant.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createState, step } from "../../core/mod.ts";
 * import { TIMER_INVARIANTS } from "./timers.ts";
 * const [before] = step(createState({ config: { sta: { ssid: "home" } }, device: { mac: "24:0a:c4:12:34:56" } }), { type: "start", at: 0 });
 * const input = { type: "sta_connected", at: 900 } as const;
 * const [after, effects] = step(before, input);
 * const [accounted] = TIMER_INVARIANTS;
 * assert.equal(accounted!.check({ before, input, after, effects, secrets: [] }), null);
 * // Re-arming the join deadline without cancelling it first would break it.
 * const again = [...effects, { type: "set_timer", timer: "dhcp", at: 5000 }] as const;
 * assert.match(accounted!.check({ before, input, after, effects: again, secrets: [] })!, /set while armed/);
 * ```
 */
export const TIMER_INVARIANTS: readonly Invariant[] = [
  {
    name: "timers_accounted",
    promise:
      "every timer started is fired or cancelled: a slot is set only when empty, cancelled only when armed, and the state's timers are what the effects say",
    check: ({ before, input, after, effects }) => {
      if (input.type === "timer" && !(before.timers[input.timer]! <= input.at)) {
        const changed =
          JSON.stringify({ ...after, now: 0 }) !== JSON.stringify({ ...before, now: 0 });
        if (changed || effects.some((e) => e.type !== "diagnostic")) {
          return `timer ${input.timer} acted before it was due`;
        }
      }
      const armed: Record<string, number> = { ...before.timers };
      if (
        input.type === "timer" && armed[input.timer] !== undefined &&
        armed[input.timer]! <= input.at
      ) delete armed[input.timer];
      for (const effect of effects) {
        if (effect.type === "set_timer") {
          if (armed[effect.timer] !== undefined) return `${effect.timer} set while armed`;
          armed[effect.timer] = effect.at;
        } else if (effect.type === "cancel_timer") {
          if (armed[effect.timer] === undefined) return `${effect.timer} cancelled while not armed`;
          delete armed[effect.timer];
        }
      }
      const names = Object.keys(armed);
      const timers: Readonly<Record<string, number | undefined>> = after.timers;
      const same = names.length === Object.keys(timers).length &&
        names.every((name) => timers[name] === armed[name]);
      if (!same) {
        return `timers ${JSON.stringify(after.timers)} but the effects say ${
          JSON.stringify(armed)
        }`;
      }
      if (after.active === null && Object.keys(after.timers).length > 0) {
        return "timers left armed after stop";
      }
      return null;
    },
  },
];
