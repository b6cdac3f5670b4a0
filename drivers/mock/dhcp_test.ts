import assert from "node:assert/strict";
import { discoverBackoff, leaseTimes } from "./dhcp.ts";

Deno.test("dhcp: a lease is renewed at T1, rebound at T2, and asked again at half the time left", () => {
  // Two hours: T1 at 1 h, T2 at 1 h 45 min; retries while half the time left is a minute or more.
  const { attempts, expiry } = leaseTimes(0, 7_200_000);
  assert.equal(expiry, 7_200_000);
  assert.deepEqual(attempts, [
    3_600_000,
    4_950_000,
    5_625_000,
    5_962_500,
    6_131_250,
    6_215_625,
    6_300_000,
    6_750_000,
    6_975_000,
    7_087_500,
  ]);
  for (let i = 1; i < attempts.length; i++) assert.ok(attempts[i]! > attempts[i - 1]!);
  assert.ok(attempts.every((at) => at < expiry));
});

Deno.test("dhcp: a short lease gets one renewal and one rebind, counted from when it was bound", () => {
  assert.deepEqual(leaseTimes(10_000, 60_000), { attempts: [40_000, 62_500], expiry: 70_000 });
  assert.deepEqual(leaseTimes(0, 1000), { attempts: [500, 875], expiry: 1000 });
});

Deno.test("dhcp: an unanswered DISCOVER is sent again after 2, 4, 8, 16, 32 s, then every minute", () => {
  assert.deepEqual(
    Array.from({ length: 8 }, (_, i) => discoverBackoff(i + 1)),
    [2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000],
  );
});
