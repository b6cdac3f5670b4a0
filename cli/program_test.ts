/**
 * The Deno CLI as a program on real pipes: files and standard input, output that comes while input
 * is still arriving, colour only on a terminal. (On Node, the npm build's consumer test runs the
 * package's bin instead.)
 */
import assert from "node:assert/strict";

const ENTRY = new URL("./netfsm.ts", import.meta.url).pathname;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Runs netfsm reading standard input, and returns what it wrote, as it writes it. */
function spawnNetfsm(args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", ENTRY, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  const reader = child.stdout.getReader();
  let seen = "";
  return {
    send: (lines: string[]) => writer.write(encoder.encode(lines.map((l) => l + "\n").join(""))),
    /** Reads standard output until `text` has appeared; fails if it ends first. */
    async waitFor(text: string): Promise<string> {
      // A program that held its output until input ended would never get here: fail, not hang.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no ${text} after 20 s; got: ${seen}`)), 20_000);
      });
      try {
        while (!seen.includes(text)) {
          const chunk = await Promise.race([reader.read(), late]);
          if (chunk.done) assert.fail(`output ended without ${JSON.stringify(text)}: ${seen}`);
          seen += decoder.decode(chunk.value);
        }
        return seen;
      } finally {
        clearTimeout(timer);
      }
    },
    async finish(): Promise<{ code: number; stdout: string }> {
      await writer.close();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        seen += decoder.decode(chunk.value);
      }
      await child.stderr.cancel();
      return { code: (await child.status).code, stdout: seen };
    },
  };
}

const HEADER = JSON.stringify({
  trace: "netfsm",
  version: 1,
  config: { sta: { ssid: "home", psk: "hunter22hunter", connected: true } },
  device: { mac: "24:0a:c4:12:34:56" },
});

Deno.test("replay prints each input's record before the next line has been written", async () => {
  const netfsm = spawnNetfsm(["replay", "-", "--json"]);
  await netfsm.send([HEADER, '{"at": 0, "type": "start"}', '{"at": 800, "type": "sta_connected"}']);
  // Standard input is still open: the record can only be here if replay streams.
  const early = await netfsm.waitFor('"type":"sta_connected"');
  assert.match(early, /"callbacks":\[\{"name":"connected","args":\[\]\}\]/);
  await netfsm.send(['{"at": 900, "type": "sta_disconnected", "reason": 8}']);
  await netfsm.waitFor('"type":"sta_disconnected"');
  const { code, stdout } = await netfsm.finish();
  assert.equal(code, 0);
  assert.equal(stdout.trimEnd().split("\n").length, 3);
});

Deno.test("import writes each event once the log has moved past it, before the log ends", async () => {
  const netfsm = spawnNetfsm(["import", "-", "--mac", "24:0a:c4:12:34:56"]);
  await netfsm.send([
    "I (57008) wifi: station: f4:31:c3:c3:41:f9 join, AID=1, bg, 20",
    // A later happening releases the join; the importer holds only one event back.
    "I (57148) tcpip_adapter: softAP assign IP to station,IP is: 192.168.4.2",
  ]);
  const early = await netfsm.waitFor('"type":"ap_sta_connected"');
  assert.match(early, /^\{"trace":"netfsm"/);
  assert.doesNotMatch(early, /ap_sta_ip_assigned/);
  const { code, stdout } = await netfsm.finish();
  assert.equal(code, 0);
  assert.match(stdout, /"type":"ap_sta_ip_assigned","ip":"192\.168\.4\.2"/);
});

const ESCAPE = "\x1b[";

Deno.test("output to a pipe carries no colour codes", async () => {
  const trace = new URL("../examples/traces/sta.jsonl", import.meta.url).pathname;
  const run = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-env", ENTRY, "replay", trace],
    stdout: "piped",
  }).output();
  assert.equal(run.code, 0);
  const text = decoder.decode(run.stdout);
  assert.match(text, /callback {2}connected\(\)/);
  assert.ok(!text.includes(ESCAPE));
});

// util-linux `script` gives the program a real terminal; without it this test cannot run.
const hasScript = (() => {
  try {
    return new Deno.Command("script", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "on a terminal the timeline is coloured, unless NO_COLOR is set",
  ignore: !hasScript,
  async fn() {
    const trace = new URL("../examples/traces/sta.jsonl", import.meta.url).pathname;
    const command = [Deno.execPath(), "run", "--allow-read", "--allow-env", ENTRY, "replay", trace]
      .map((word) => `'${word}'`).join(" ");
    const onTerminal = async (noColor: string) => {
      const run = await new Deno.Command("script", {
        args: ["--quiet", "--return", "--command", command, "/dev/null"],
        env: { NO_COLOR: noColor, TERM: "xterm" },
        stdout: "piped",
      }).output();
      assert.equal(run.code, 0);
      return decoder.decode(run.stdout);
    };
    const coloured = await onTerminal("");
    assert.ok(coloured.includes(`${ESCAPE}36mcallback${ESCAPE}0m`), coloured);
    assert.ok(coloured.includes(`${ESCAPE}32mconnected`), "a joined status is green");
    const plain = await onTerminal("1");
    assert.ok(!plain.includes(ESCAPE), plain);
    // Colour adds codes and nothing else.
    // deno-lint-ignore no-control-regex
    assert.equal(coloured.replace(/\x1b\[\d+m/g, ""), plain);
  },
});

Deno.test("netfsm replay runs as a program, from a file and from standard input", async () => {
  const trace = new URL("../examples/traces/sta.jsonl", import.meta.url).pathname;
  const fromFile = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", ENTRY, "replay", trace, "--json"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(fromFile.code, 0, new TextDecoder().decode(fromFile.stderr));
  const lines = new TextDecoder().decode(fromFile.stdout).trimEnd().split("\n");
  assert.equal(lines.length, 11, "9 inputs and 2 reconnect timers");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", ENTRY, "replay", "-", "--json"],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(await Deno.readFile(trace));
  await writer.close();
  const fromStdin = await child.output();
  assert.equal(fromStdin.code, 0);
  assert.equal(
    new TextDecoder().decode(fromStdin.stdout),
    new TextDecoder().decode(fromFile.stdout),
  );
});

Deno.test("the programs: netfsm simulate --record FILE, then netfsm replay FILE --json, agree", async () => {
  const file = await Deno.makeTempFile({ suffix: ".jsonl" });
  const run = (args: string[]) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-write", ENTRY, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
  try {
    const simulated = await run(["simulate", "--json", "--record", file]);
    assert.equal(simulated.code, 0, new TextDecoder().decode(simulated.stderr));
    const replayed = await run(["replay", file, "--json"]);
    assert.equal(replayed.code, 0, new TextDecoder().decode(replayed.stderr));
    const output = new TextDecoder().decode(replayed.stdout);
    assert.equal(output, new TextDecoder().decode(simulated.stdout));
    assert.ok(output.split("\n").length > 20);
    const recorded = await Deno.readTextFile(file);
    assert.ok(!/secret12|setup-1234/.test(recorded + output));
  } finally {
    await Deno.remove(file);
  }
});
