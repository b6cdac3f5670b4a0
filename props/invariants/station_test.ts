/** The station's invariants bite: an implied association out of order, an address ignored. */
import assert from "node:assert/strict";
import { IP, lastStep, otherwise, STA, verdict } from "./_testing.ts";

const CALLS = { sta: { ...STA.sta, connected: true, got_ip: true } };

Deno.test("got_ip_while_associated: while connecting, connected comes first", () => {
  const step = lastStep(CALLS, [{ type: "start" }, { type: "sta_got_ip", ...IP }]);
  assert.equal(verdict("got_ip_while_associated", step), null);
  const alone = {
    ...step,
    effects: step.effects.filter((e) => e.type !== "callback" || e.name !== "connected"),
  };
  assert.match(verdict("got_ip_while_associated", alone)!, /without connected/);
  const late = lastStep(CALLS, [{ type: "start" }, { type: "sta_disconnected", reason: 201 }]);
  const fromNowhere = {
    ...late,
    effects: [{ type: "callback", name: "got_ip", args: [IP] } as const],
  };
  assert.equal(verdict("got_ip_while_associated", fromNowhere), "got_ip while connecting");
});

Deno.test("address_taken: an address while connecting or joined is taken", () => {
  const step = lastStep(STA, [{ type: "start" }, { type: "sta_got_ip", ...IP }]);
  assert.equal(verdict("address_taken", step), null);
  const ignored = otherwise(step, { sta: "connecting", ip: null });
  assert.equal(verdict("address_taken", ignored), "sta_got_ip while connecting left it connecting");
});

Deno.test("lost_link_noticed: a refused read_rssi while joined means the link is gone", () => {
  const refused = { type: "driver_failed", command: "read_rssi", error: "ESP_FAIL" } as const;
  const step = lastStep(STA, [{ type: "start" }, { type: "sta_connected" }, refused]);
  assert.equal(step.after.sta, "disconnected");
  assert.equal(verdict("lost_link_noticed", step), null);
  assert.match(
    verdict("lost_link_noticed", otherwise(step, { sta: "associated" }))!,
    /left the station associated/,
  );
});
