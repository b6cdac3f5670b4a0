import assert from "node:assert/strict";
import type { Scenario } from "../../drivers/mock/scenario.ts";
import { BOUND_MS, HOLD_MS } from "./bounds.ts";
import { SOAK_SCENARIOS } from "./own_scenarios.ts";
import { loadScenarios, soakScenario } from "./scenarios.ts";

Deno.test("soakScenario: which scenarios qualify, from when, and why the others do not", async () => {
  const { ready, skipped } = await loadScenarios(
    new URL("../../examples/scenarios/", import.meta.url),
  );
  const from = Object.fromEntries(ready.map((s) => [s.scenario.name, s.usableFrom]));
  assert.equal(from.beacon_loss, 45_000);
  assert.equal(from.reconnect_backoff, 600_000);
  assert.equal(from.managed, 25_000, "the application's last sta_connect");
  assert.equal(from.dhcp_outage, 260_000, "the end of the DHCP outage");
  for (const soaked of ready) {
    assert.equal(soaked.scenario.duration, soaked.usableFrom + BOUND_MS + HOLD_MS);
    assert.ok(soaked.scenario.requests.every((r) => r.type !== "stop"), soaked.scenario.name);
  }
  assert.deepEqual(skipped.map((s) => s.split(" ")[0]).sort(), [
    "absent_ap",
    "flaky",
    "silent_dhcp",
    "wrong_password",
  ]);
  const base: Scenario = { ...SOAK_SCENARIOS[0]!, world: { access_points: [{ ssid: "home" }] } };
  assert.deepEqual(soakScenario({ ...base, config: { ap: {} } }), {
    _tag: "Left",
    left: "it has no station",
  });
  const leaves = soakScenario({
    ...base,
    requests: [{ at: 0, type: "start" }, { at: 9, type: "sta_disconnect" }],
  });
  assert.deepEqual(leaves, { _tag: "Left", left: "the application leaves for good" });
});
