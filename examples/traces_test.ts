/** The recorded example traces: each matches a fresh recording, and replays as its scenario says. */
import assert from "node:assert/strict";
import { replayLines, type ReplayRecord } from "../core/trace/replay.ts";
import { RECORDED, recording } from "../scripts/record_examples.ts";

async function replay(name: string): Promise<ReplayRecord[]> {
  const text = await Deno.readTextFile(new URL(`./traces/${name}.jsonl`, import.meta.url));
  const records: ReplayRecord[] = [];
  for await (const event of replayLines(text.split("\n"))) {
    if (event.kind === "error") throw new Error(`${name}.jsonl:${event.line}: ${event.message}`);
    records.push(event.record);
  }
  return records;
}

const kind = (r: ReplayRecord) => (r.input as { type: string }).type;
const calls = (records: readonly ReplayRecord[]) =>
  records.flatMap((r) => r.callbacks.map((c) => c.name));
const commands = (records: readonly ReplayRecord[]) =>
  records.flatMap((r) => r.commands.map((c) => c.command));

Deno.test("every recorded example trace is what its scenario records today (deno task record:examples)", async () => {
  for (const name of RECORDED) {
    const file = await Deno.readTextFile(new URL(`./traces/${name}.jsonl`, import.meta.url));
    assert.equal(
      file,
      await recording(name),
      `${name}.jsonl is stale: run deno task record:examples`,
    );
  }
});

Deno.test("managed.jsonl: nothing joins until sta_connect; RSSI is read; a requested leave is not retried", async () => {
  const records = await replay("managed");
  assert.deepEqual(records[0]!.commands, [{ command: "start_wifi", mode: "sta" }]);
  assert.equal(records[0]!.status, "disconnected");
  const measured = records.find((r) => kind(r) === "sta_rssi_measured")!;
  assert.equal(typeof (measured.input as { rssi: number }).rssi, "number");
  const left = records.findIndex((r) => kind(r) === "sta_disconnected");
  assert.equal(records[left]!.status, "disconnected");
  assert.equal(
    kind(records[left + 1]!),
    "sta_connect",
    "no reconnect timer between the leave and the next request",
  );
  assert.equal(records.at(-2)!.status, "connected");
});

Deno.test("scan.jsonl: a scan while joining waits; a second is busy; show_hidden reveals the hidden AP", async () => {
  const records = await replay("scan");
  const scans = records.filter((r) => kind(r) === "scan");
  assert.deepEqual(scans.map((r) => r.reply), ["ok", { error: "busy" }, "ok"]);
  assert.deepEqual(scans[0]!.commands, [], "queued while connecting");
  assert.deepEqual(
    records.find((r) => kind(r) === "sta_connected")!.commands.map((c) => c.command),
    ["scan"],
  );
  const results = records.filter((r) => kind(r) === "scan_done").map((r) =>
    r.callbacks[0]!.args[0] as { found: number }
  );
  assert.deepEqual(results.map((r) => r.found), [2, 3]);
});

Deno.test("beacon_loss.jsonl: degraded with beacon_timeout, reason 200, backed-off retries, then back", async () => {
  const records = await replay("beacon_loss");
  const degraded = records.find((r) => kind(r) === "sta_beacon_timeout")!;
  assert.equal(degraded.status, "degraded");
  assert.deepEqual(degraded.callbacks, [{ name: "beacon_timeout", args: [] }]);
  const retries = records.filter((r) => isRetry(r)).map((r) => r.at);
  assert.ok(retries.length >= 3);
  assert.equal(records.at(-2)!.status, "connected");
});

Deno.test("reconnect_backoff.jsonl: ten minutes of reason 201 with gaps that grow to the cap", async () => {
  const records = await replay("reconnect_backoff");
  const failures = records.filter((r) => kind(r) === "sta_disconnected");
  assert.ok(failures.every((r) => (r.input as { reason: number }).reason === 201));
  const retries = records.filter((r) => isRetry(r)).map((r) => r.at);
  const waits = retries.map((at) => at - failures.filter((f) => f.at < at).at(-1)!.at);
  for (let i = 1; i < 7; i++) assert.ok(waits[i]! > waits[i - 1]!, `waits ${waits}`);
  assert.ok(waits.every((w) => w >= 800 && w <= 120_000));
  assert.ok(retries.length <= 15);
});

Deno.test("networks.jsonl: after failures on the preferred network, the station joins the other", async () => {
  const records = await replay("networks");
  const joins = records.flatMap((r) =>
    r.commands.flatMap((c) => c.command === "connect_sta" ? [c.ssid] : [])
  );
  assert.deepEqual(joins, ["office", "office", "phone"]);
  assert.equal(records.at(-2)!.status, "connected");
});

Deno.test("fallback_ap.jsonl: the AP starts after 30 s without an address and stops once there is one", async () => {
  const records = await replay("fallback_ap");
  const started = records.find((r) => r.commands.some((c) => c.command === "start_ap"))!;
  assert.equal(started.at, 30_000);
  assert.ok(calls(records).includes("sta_connected"), "a phone joined the fallback AP");
  const gotIp = records.find((r) => kind(r) === "sta_got_ip")!;
  assert.deepEqual(gotIp.commands.map((c) => c.command), ["stop_ap"]);
  assert.ok(commands(records).indexOf("start_ap") < commands(records).indexOf("stop_ap"));
});

Deno.test("ipv6.jsonl: got_ip, then got_ip6 with the link-local address", async () => {
  const records = await replay("ipv6");
  assert.deepEqual(calls(records), ["got_ip", "got_ip6"]);
  assert.deepEqual(records.find((r) => kind(r) === "sta_got_ip6")!.callbacks[0]!.args, [
    "fe80::260a:c4ff:fe12:3456",
  ]);
});

/** A reconnection timer's firing (the deadlines' timers fire too, and are not retries). */
function isRetry(record: ReplayRecord): boolean {
  return (record.input as { timer?: string }).timer === "reconnect";
}
