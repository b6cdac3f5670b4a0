import assert from "node:assert/strict";

async function runExample(file: string): Promise<string[]> {
  const path = new URL(file, import.meta.url).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", path],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return new TextDecoder().decode(stdout).trimEnd().split("\n").map((line) =>
    line.replace(/^ *\d+\.\ds {2}/, "")
  );
}

Deno.test("examples/sta_network.ts joins, gets an address (callback first, then the wait), sets the clock, stops", async () => {
  const lines = await runExample("./sta_network.ts");
  const events = lines.map((line) => line.split(" ")[0]);
  assert.deepEqual(
    events.filter((e) => ["connected", "got", "waitForSta:", "clock", "stopped;"].includes(e!)),
    [
      "connected",
      "got",
      "waitForSta:",
      "clock",
      "stopped;",
    ],
  );
  assert.match(
    lines.find((l) => l.startsWith("got IP"))!,
    /^got IP 192\.168\.1\.\d+ \(netmask 255\.255\.255\.0, gateway 192\.168\.1\.1\)$/,
  );
  assert.equal(lines.at(-1), "stopped; station status is now stopped");
});

Deno.test("examples/ap_network.ts starts an AP and reports stations coming and going", async () => {
  const lines = await runExample("./ap_network.ts");
  assert.deepEqual(lines.filter((l) => !l.startsWith("waitForAp")), [
    "AP started",
    "station 3c:22:fb:01:02:03 connected",
    "station got 192.168.4.2",
    "station f0:18:98:aa:bb:cc connected",
    "station got 192.168.4.3",
    "station f0:18:98:aa:bb:cc disconnected",
    "stopped",
  ]);
});
