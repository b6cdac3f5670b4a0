import assert from "node:assert/strict";
import { HOLD_MS } from "./bounds.ts";
import { classify, radioBeforeStop, type Sample } from "./classify.ts";

const IP = "192.168.1.150";
const END = 400_000;
const ASSOCIATED = { link: "associated", address: IP } as const;

/** A hand-made run: joining from 0, the address from `gotAt` on. */
function joined(gotAt: number): Sample[] {
  return [
    { at: 0, status: "connecting", ip: null },
    { at: gotAt - 500, status: "associated", ip: null },
    { at: gotAt, status: "connected", ip: IP },
    { at: gotAt + 400, status: "connected", ip: IP },
  ];
}

Deno.test("classify: an address held since before the hold window, that the radio holds too, is live", () => {
  assert.deepEqual(classify(joined(END - HOLD_MS), ASSOCIATED, END), { live: true });
  assert.deepEqual(classify(joined(2_000), ASSOCIATED, END), { live: true });
});

Deno.test("classify: no address at the end is stuck, naming what the core was doing", () => {
  const samples: Sample[] = [
    ...joined(2_000),
    { at: 30_000, status: "disconnected", ip: null },
    { at: 31_000, status: "connecting", ip: null },
  ];
  const verdict = classify(samples, { link: "idle", address: undefined }, END);
  assert.equal(verdict.live, false);
  assert.equal(!verdict.live && verdict.reason, "the core is connecting, without an address");
  assert.match(!verdict.live ? verdict.detail : "", /the radio is idle without an address/);
});

Deno.test("classify: an address got within the hold window, or lost and got back in it, is stuck", () => {
  const late = classify(joined(END - HOLD_MS + 1), ASSOCIATED, END);
  assert.equal(!late.live && late.reason, "the address was not held for the last 30 s");
  const blip: Sample[] = [
    ...joined(2_000),
    { at: END - 10_000, status: "associated", ip: null },
    { at: END - 9_000, status: "connected", ip: IP },
  ];
  const verdict = classify(blip, ASSOCIATED, END);
  assert.equal(!verdict.live && verdict.reason, "the address was not held for the last 30 s");
  assert.match(!verdict.live ? verdict.detail : "", /since 391\.000 s, not since 370\.000 s/);
  const other: Sample[] = [...joined(2_000), {
    at: END - 5_000,
    status: "connected",
    ip: "10.0.0.9",
  }];
  assert.equal(classify(other, { link: "associated", address: "10.0.0.9" }, END).live, false);
});

Deno.test("classify: an address the radio does not hold (a lost disconnect) is stuck", () => {
  for (
    const radio of [
      { link: "idle", address: undefined },
      { link: "associated", address: undefined },
      { link: "associated", address: "192.168.1.151" },
      { link: "joining", address: undefined },
    ] as const
  ) {
    const verdict = classify(joined(2_000), radio, END);
    assert.equal(
      !verdict.live && verdict.reason,
      "the core is connected with an address the radio does not hold",
      JSON.stringify(radio),
    );
  }
});

Deno.test("radioBeforeStop: what the radio had before the final stop_wifi, not after", () => {
  const history = [
    { at: 0, link: "joining", address: undefined, cause: "connect_sta" },
    { at: 900, link: "associated", address: undefined, cause: "sta_connected" },
    { at: 1500, link: "associated", address: IP, cause: "sta_got_ip" },
    { at: END, link: "idle", address: undefined, cause: "stop_wifi" },
    { at: END, link: "idle", address: undefined, cause: "close" },
  ] as const;
  assert.deepEqual(radioBeforeStop(history), ASSOCIATED);
  // A stop that changed nothing is still in the history, so the state before it is known.
  const idle = [
    { at: 0, link: "joining", address: undefined, cause: "connect_sta" },
    { at: 2000, link: "idle", address: undefined, cause: "sta_disconnected" },
    { at: END, link: "idle", address: undefined, cause: "stop_wifi" },
  ] as const;
  assert.deepEqual(radioBeforeStop(idle), { link: "idle", address: undefined });
});
