/**
 * The soak's own scenarios, for the faults that no example scenario file has.
 *
 * @module
 */
import { MOCK_DEVICE } from "../../drivers/mock/mock_driver.ts";
import type { Scenario } from "../../drivers/mock/scenario.ts";

const CALLBACKS = { connected: true, disconnected: true, got_ip: true } as const;

/** Scenarios of the soak's own: the faults that no example file has. */
export const SOAK_SCENARIOS: readonly Scenario[] = [
  {
    name: "dhcp_outage",
    description:
      "Joined with a 60 s lease, then the AP's DHCP server stops answering for four minutes: the lease runs out, sta_lost_ip 120 s later, and the address comes back with DHCP.",
    config: {
      sta: { ssid: "home", psk: "secret12", ...CALLBACKS },
      sntp: { host: "pool.ntp.org" },
    },
    device: MOCK_DEVICE,
    world: {
      access_points: [{
        ssid: "home",
        psk: "secret12",
        lease: 60_000,
        dhcp_outage: [{ from: 20_000, until: 260_000 }],
      }],
    },
    duration: 1,
    requests: [{ at: 0, type: "start" }],
    seed: 1,
  },
  {
    name: "ap_reboot",
    description:
      "STA+AP with SNTP: the home AP is off the air for three minutes, long enough for the backoff to reach its cap, while visitors use the soft-AP.",
    config: {
      sta: { ssid: "home", psk: "secret12", ...CALLBACKS },
      ap: { ssid: "sensor-setup", psk: "setup-1234", max_connections: 2 },
      sntp: { host: "pool.ntp.org" },
    },
    device: MOCK_DEVICE,
    world: {
      access_points: [{
        ssid: "home",
        psk: "secret12",
        present: [{ from: 0, until: 40_000 }, { from: 220_000 }],
      }],
      stations: [
        { mac: "3c:22:fb:01:02:03", join: 10_000, leave: 100_000 },
        { mac: "f0:18:98:aa:bb:cc", join: 150_000 },
      ],
    },
    duration: 1,
    requests: [{ at: 0, type: "start" }],
    seed: 1,
  },
];
