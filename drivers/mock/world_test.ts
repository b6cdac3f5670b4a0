import assert from "node:assert/strict";
import { dhcpAnswers, isPresent, worldCodec } from "./world.ts";

Deno.test("world: dhcp_outage and lease decode; a bad span or a too-short lease is refused", () => {
  const ok = worldCodec.decode({
    access_points: [{ ssid: "home", lease: 60_000, dhcp_outage: [{ from: 1000, until: 2000 }] }],
  });
  assert.equal(ok._tag, "Right");
  for (
    const ap of [
      { ssid: "home", lease: 999 },
      { ssid: "home", dhcp_outage: [{ until: 5 }] },
      { ssid: "home", dhcp_outage: { from: 0 } },
    ]
  ) {
    assert.equal(worldCodec.decode({ access_points: [ap] })._tag, "Left", JSON.stringify(ap));
  }
});

Deno.test("world: DHCP answers only outside its outages, while the AP is on the air, and never when silent", () => {
  const ap = {
    ssid: "home",
    present: [{ from: 0, until: 10_000 }],
    dhcp_outage: [{ from: 1000, until: 2000 }, { from: 5000 }],
  };
  assert.deepEqual(
    [0, 999, 1000, 1999, 2000, 4999, 5000].map((at) => dhcpAnswers(ap, at)),
    [true, true, false, false, true, true, false],
  );
  const gone = { ssid: "home", present: [{ from: 0, until: 10_000 }] };
  assert.equal(isPresent(gone, 10_000), false);
  assert.equal(dhcpAnswers(gone, 10_000), false);
  assert.equal(dhcpAnswers({ ssid: "home", dhcp: "silent" }, 0), false);
  assert.equal(dhcpAnswers({ ssid: "home", dhcp: "answers" }, 0), true);
});
