import assert from "node:assert/strict";
import { flappingWorld, run } from "./main.ts";
import { isPresent } from "../../drivers/mock/world.ts";

Deno.test("examples/mqtt: every QoS 1 reading reaches the broker across two WiFi outages", async () => {
  const lines: string[] = [];
  // The device's clock runs 8 times faster than real time: the same run in an eighth of it.
  const report = await run({ speed: 8, say: (line) => lines.push(line) });
  assert.ok(report.published > 50, `only ${report.published} readings`);
  assert.equal(report.received, report.published);
  assert.equal(report.lost, 0);
  // Two outages: the station lost the AP, the connection closed and opened again each time.
  assert.deepEqual(report.closed, ["disconnected", "disconnected", "application"]);
  assert.equal(report.opened, 3);
  assert.equal(
    lines.at(-1),
    `published ${report.published}, received ${report.published}, lost 0`,
  );
  // The broker acknowledges late, so messages were in flight when the link went: sent again
  // from mqtt's store, some received twice, none lost.
  assert.ok(report.resent > 0, "nothing was in flight at an outage");
  assert.ok(report.duplicates <= report.resent);
  assert.equal(
    lines.at(-2),
    `resent after an outage: ${report.resent}, received twice: ${report.duplicates} (QoS 1 is at least once)`,
  );
  // The sanitizers (on by default) prove that the broker, the sockets and the timers are closed.
});

Deno.test("examples/mqtt: the world's AP is gone long enough for the radio to notice, twice", () => {
  const ap = flappingWorld(2).access_points?.[0];
  assert.ok(ap !== undefined);
  // The simulated radio disconnects after 6 s without beacons.
  const down = Array.from({ length: 30_000 }, (_, t) => !isPresent(ap, t));
  const outages: number[] = [];
  down.forEach((gone, t) => {
    if (gone && !down[t - 1]) outages.push(t);
  });
  assert.equal(outages.length, 2);
  for (const from of outages) assert.ok(down.slice(from, from + 6001).every(Boolean));
});
