import assert from "node:assert/strict";
import { replayLines } from "../core/trace/replay.ts";
import { main } from "../cli/main.ts";
import { memoryIo } from "../cli/memory_io.ts";
import { scenarioPath } from "../cli/simulate_command.ts";
import { decodeScenario, type Scenario } from "./mock/scenario.ts";
import { simulate } from "./simulate.ts";

async function scenario(name: string): Promise<Scenario> {
  const json = JSON.parse(
    await Deno.readTextFile(new URL(`../examples/scenarios/${name}.json`, import.meta.url)),
  );
  const decoded = decodeScenario(json);
  if (decoded._tag === "Left") throw new Error(JSON.stringify(decoded.left));
  return decoded.right;
}

/** The built-in scenario files, as the in-memory CLI must see them. */
async function builtIns(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of ["default", "wrong_password"]) {
    files[scenarioPath(name)] = await Deno.readTextFile(scenarioPath(name));
  }
  return files;
}

async function replayed(trace: readonly string[]) {
  const records = [];
  for await (const event of replayLines(trace)) {
    assert.equal(event.kind, "record", JSON.stringify(event));
    if (event.kind === "record") records.push(event.record);
  }
  return records;
}

Deno.test("record -> replay: a recorded run replays to the same callbacks and commands, for 120 seeds", async () => {
  let inputs = 0;
  for (const name of ["default", "flaky", "wrong_password", "absent_ap"]) {
    const base = await scenario(name);
    for (let seed = 1; seed <= 30; seed++) {
      const run = await simulate(base, { seed });
      assert.deepEqual(await replayed(run.trace), run.records, `${name} seed ${seed}`);
      inputs += run.trace.length - 1;
    }
  }
  assert.ok(inputs > 1000, `only ${inputs} inputs`);
});

Deno.test("the default scenario: connect, lose the AP, reconnect; AP visitors come and go", async () => {
  const run = await simulate(await scenario("default"));
  const names = run.records.flatMap((r) => r.callbacks.map((c) => c.name));
  assert.deepEqual(names.filter((n) => n === "got_ip").length, 2);
  assert.ok(names.indexOf("disconnected") > names.indexOf("got_ip"));
  assert.deepEqual(names.filter((n) => n === "sta_connected").length, 2);
  assert.deepEqual(names.filter((n) => n === "sta_disconnected").length, 2);
  assert.deepEqual(run.mock.refused, ["00:11:22:33:44:55"]);
  assert.equal(run.records.at(-1)?.status, "stopped");
});

Deno.test("simulations are deterministic by seed", async () => {
  const flaky = await scenario("flaky");
  const a = await simulate(flaky, { seed: 9 });
  const b = await simulate(flaky, { seed: 9 });
  const c = await simulate(flaky, { seed: 10 });
  assert.deepEqual(a.trace, b.trace);
  assert.notDeepEqual(a.trace, c.trace);
});

Deno.test("netfsm simulate --record, then replay --json, reproduces the run without any psk", async () => {
  const io = memoryIo(await builtIns());
  assert.equal(await main(["simulate", "--seed", "3", "--record", "run.jsonl", "--json"], io), 0);
  const simulated = io.stdout.join("");
  const file = io.written["run.jsonl"]!;
  const again = memoryIo({ "run.jsonl": file });
  assert.equal(await main(["replay", "run.jsonl", "--json"], again), 0);
  assert.equal(again.stdout.join(""), simulated);
  for (const text of [file, simulated, again.stdout.join("")]) {
    assert.ok(!text.includes("secret12") && !text.includes("setup-1234"));
  }
  assert.ok(file.includes("<redacted>"));
});

Deno.test("netfsm simulate prints a timeline and names bad scenarios and seeds", async () => {
  const io = memoryIo(await builtIns());
  assert.equal(await main(["simulate", "wrong_password"], io), 0);
  const text = io.stdout.join("");
  assert.match(text, /^wrong_password \(seed 1\): /);
  assert.match(text, /sta_disconnected reason=(15|204)/);
  assert.match(text, /simulated 100\.000s of device time: \d+ steps\n$/);
  const cases: [string[], number, RegExp][] = [
    [
      ["simulate", "--seed", "-4"],
      2,
      /--seed must be a whole number from 0 to 4294967295, got "-4"/,
    ],
    [
      ["simulate", "nope"],
      1,
      /no scenario named "nope": give a file, or one of absent_ap, .*wrong_password/,
    ],
    [
      ["simulate", "bad.json"],
      1,
      /bad\.json is not a valid scenario:\nduration: must be from 1 to/,
    ],
    [["simulate", "--record", "/nonexistent/x.jsonl"], 1, /cannot write "\/nonexistent\/x\.jsonl"/],
  ];
  for (const [args, code, message] of cases) {
    const failing = memoryIo({
      ...await builtIns(),
      "bad.json": '{"config": {"ap": {}}, "duration": 0}',
    });
    assert.equal(await main(args, failing), code, args.join(" "));
    assert.match(failing.stderr.join(""), message);
  }
});

Deno.test("an onRecord that throws is a hook_failed diagnostic; the run still ends", async () => {
  const run = await simulate(await scenario("default"), {
    onRecord: () => {
      throw new Error("pipe closed");
    },
  });
  assert.equal(run.records.at(-1)?.status, "stopped");
  assert.ok(run.diagnostics.length > 0);
  assert.ok(run.diagnostics.every((d) => d.code === "hook_failed"));
  assert.equal(run.diagnostics[0]?.message, "onStep threw: pipe closed");
});
