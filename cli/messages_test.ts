/**
 * Messages a new user met that did not help (issue 18), each now saying what is wrong in the
 * user's terms: the value or the rule, one place, nothing echoed at length.
 */
import assert from "node:assert/strict";
import { main } from "./main.ts";
import { memoryIo } from "./memory_io.ts";
import { BUILT_IN_SCENARIOS } from "./simulate_command.ts";

const HEADER =
  '{"trace":"netfsm","version":1,"config":{"sta":{"ssid":"home"}},"device":{"mac":"24:0a:c4:12:34:56"}}';

async function replayError(trace: string): Promise<string> {
  const io = memoryIo({ "t.jsonl": trace });
  assert.equal(await main(["replay", "t.jsonl"], io), 1);
  return io.stderr.join("");
}

Deno.test("replay's messages name the rule and the value: a negative at, a huge integer, no device, an empty file", async () => {
  assert.equal(
    await replayError(`${HEADER}\n{"at":-5,"type":"start"}\n`),
    'netfsm replay: t.jsonl:2: "at" must be a whole number of milliseconds, 0 or more, got -5\n',
  );
  assert.equal(
    await replayError(
      `${HEADER}\n{"at":0,"type":"start"}\n{"at":5,"type":"sta_connected","channel":99999999999999999999}\n`,
    ),
    "netfsm replay: t.jsonl:3: sta_connected: channel must be an integer, got an integer too large to be exact\n",
  );
  assert.equal(
    await replayError('{"trace":"netfsm","version":1,"config":{}}\n'),
    'netfsm replay: t.jsonl:1: the header needs "device": {"mac": "24:0a:c4:12:34:56", ...}, the device\'s facts, got no device\n',
  );
  assert.equal(
    await replayError(""),
    "netfsm replay: t.jsonl: the trace is empty: it needs a header line\n",
  );
});

Deno.test("simulate with a name it does not know lists the scenarios there are, and the list is the folder's", async () => {
  const io = memoryIo({});
  assert.equal(await main(["simulate", "nosuch"], io), 1);
  assert.equal(
    io.stderr.join(""),
    `netfsm simulate: no scenario named "nosuch": give a file, or one of ${
      BUILT_IN_SCENARIOS.join(", ")
    }\n`,
  );
  // A path, not a URL: Node's Deno shim reads directories by path only.
  const dir = decodeURIComponent(new URL("../examples/scenarios/", import.meta.url).pathname);
  const folder = [...Deno.readDirSync(dir)]
    .filter((e) => e.name.endsWith(".json")).map((e) => e.name.slice(0, -".json".length)).sort();
  assert.deepEqual([...BUILT_IN_SCENARIOS], folder);
});
