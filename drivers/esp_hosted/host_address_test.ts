/**
 * The real address source's two halves: the gateway from a `/proc/net/route` text, and an
 * interface's address through `os.networkInterfaces()` (read here for `lo`, the one interface
 * every Linux host has); and the watch that turns a source's answers into `sta_got_ip`.
 */
import assert from "node:assert/strict";
import type { IpInfo } from "../../core/input.ts";
import { realClock } from "../clock.ts";
import {
  type AddressSource,
  AddressWatch,
  defaultGateway,
  type HostAddress,
  hostAddressSource,
  interfaceAddress,
} from "./host_address.ts";

// As a Raspberry Pi with ESP-Hosted shows it: eth0 and ethsta0 both with a default route.
const ROUTES = [
  "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
  "eth0\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
  "ethsta0\t00000000\t0107A8C0\t0003\t0\t0\t303\t00000000\t0\t0\t0",
  "ethsta0\t00000000\tFE07A8C0\t0003\t0\t0\t400\t00000000\t0\t0\t0",
  "ethsta0\t0007A8C0\t00000000\t0001\t0\t0\t303\t00FFFFFF\t0\t0\t0",
  "ethap0\t00000000\t0104A8C0\t0001\t0\t0\t0\t00000000\t0\t0\t0",
  "",
].join("\n");

Deno.test("host address: the default route's gateway of an interface, little-endian hex", () => {
  assert.equal(defaultGateway(ROUTES, "ethsta0"), "192.168.7.1", "the lowest metric");
  assert.equal(defaultGateway(ROUTES, "eth0"), "192.168.0.1");
  assert.equal(defaultGateway(ROUTES, "ethap0"), undefined, "a route without RTF_GATEWAY");
  assert.equal(defaultGateway(ROUTES, "wlan0"), undefined);
  assert.equal(defaultGateway("", "ethsta0"), undefined);
  assert.equal(defaultGateway("garbage\nmore garbage", "ethsta0"), undefined);
});

Deno.test("host address: lo's address and netmask come from os.networkInterfaces", async () => {
  assert.deepEqual(interfaceAddress("lo"), {
    _tag: "Right",
    right: { ip: "127.0.0.1", netmask: "255.0.0.0" },
  });
  assert.deepEqual(interfaceAddress("netfsm-none0"), { _tag: "Right", right: {} });
  // The whole source on this host: lo has no default route, so no gateway, so no sta_got_ip.
  const lo = await hostAddressSource("lo");
  assert.ok(lo._tag === "Right");
  assert.deepEqual(lo.right, { ip: "127.0.0.1", netmask: "255.0.0.0" });
});

Deno.test("host address: the watch reports once all three are there, again after a change, never after stop", async () => {
  const answers: HostAddress[] = [
    {},
    { ip: "192.168.7.23", netmask: "255.255.255.0" },
    { ip: "192.168.7.23", netmask: "255.255.255.0", gw: "192.168.7.1" },
    { ip: "192.168.7.23", netmask: "255.255.255.0", gw: "192.168.7.1" },
    { ip: "192.168.7.42", netmask: "255.255.255.0", gw: "192.168.7.1" },
  ];
  let looks = 0;
  const source: AddressSource = () => {
    const answer = answers[Math.min(looks++, answers.length - 1)] ?? {};
    return Promise.resolve({ _tag: "Right", right: answer });
  };
  const reported: IpInfo[] = [];
  const notices: string[] = [];
  const watch = new AddressWatch({
    source,
    iface: "ethsta0",
    clock: realClock(),
    everyMs: 5,
    onAddress: (address) => reported.push(address),
    notice: (message) => notices.push(message),
  });
  watch.start();
  while (looks < 8) await new Promise((resolve) => setTimeout(resolve, 5));
  watch.stop();
  const stoppedAt = looks;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(looks <= stoppedAt + 1, "no look after stop");
  assert.deepEqual(reported, [
    { ip: "192.168.7.23", netmask: "255.255.255.0", gw: "192.168.7.1" },
    { ip: "192.168.7.42", netmask: "255.255.255.0", gw: "192.168.7.1" },
  ]);
  assert.deepEqual(notices, []);
});

Deno.test("host address: a source that cannot read is told once, not at every look", async () => {
  let looks = 0;
  const notices: string[] = [];
  const watch = new AddressWatch({
    source: () => {
      looks++;
      return Promise.resolve({ _tag: "Left", left: "cannot read the host's routes" });
    },
    iface: "ethsta0",
    clock: realClock(),
    everyMs: 5,
    onAddress: () => assert.fail("no address"),
    notice: (message) => notices.push(message),
  });
  watch.start();
  while (looks < 5) await new Promise((resolve) => setTimeout(resolve, 5));
  watch.stop();
  assert.deepEqual(notices, ["cannot read the host's routes"]);
});
