import assert from "node:assert/strict";
import { realClock } from "../clock.ts";
import { AtChannel } from "./channel.ts";
import type { Unsolicited } from "./reports.ts";
import { ScriptedModule } from "./_scripted_module.ts";

function channelTo(module: ScriptedModule) {
  const reports: Unsolicited[] = [];
  const resets: number[] = [];
  const lost: string[] = [];
  const channel = new AtChannel({
    stream: module.host,
    clock: realClock(),
    onReport: (report) => reports.push(report),
    onReset: () => resets.push(1),
    onLost: (reason) => lost.push(reason),
  });
  return { channel, reports, resets, lost };
}

Deno.test("one command at a time: the second is sent only once the first has ended", async () => {
  const module = new ScriptedModule([{ when: /^AT\+SLOW$/, reply: () => "silent" }]);
  const { channel } = channelTo(module);
  const slow = channel.run("AT+SLOW", { timeout: 300 });
  const fast = channel.run("AT", { timeout: 1000 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(module.received, ["AT+SLOW"]);
  assert.equal((await slow)._tag, "Left");
  assert.deepEqual(await fast, { _tag: "Right", right: [] });
  assert.deepEqual(module.received, ["AT+SLOW", "AT"]);
  await channel.close();
});

Deno.test("reports interleaved with an answer go to their listener; the answer keeps its own lines", async () => {
  const module = new ScriptedModule([{
    when: /^AT\+CIPSTA\?$/,
    reply: (line) => [line, '+CIPSTA:ip:"10.0.0.2"', "WIFI DISCONNECT", "", "OK"],
  }]);
  const { channel, reports } = channelTo(module);
  const answer = await channel.run("AT+CIPSTA?", { timeout: 1000 });
  assert.deepEqual(answer, { _tag: "Right", right: ['+CIPSTA:ip:"10.0.0.2"'] });
  assert.deepEqual(reports, [{ type: "wifi_disconnect" }]);
  await channel.close();
});

Deno.test("ERROR keeps what came before it and the ERR CODE", async () => {
  const module = new ScriptedModule([{
    when: /^AT\+CWJAP=/,
    reply: () => ["+CWJAP:3", "ERR CODE:0x01090000", "", "ERROR"],
  }]);
  const { channel } = channelTo(module);
  const answer = await channel.run('AT+CWJAP="x","y"', { timeout: 1000 });
  assert.deepEqual(answer, {
    _tag: "Left",
    left: { kind: "error", lines: ["+CWJAP:3"], code: 0x01090000 },
  });
  await channel.close();
});

Deno.test("an urgent query goes before the commands still waiting", async () => {
  const module = new ScriptedModule();
  const { channel } = channelTo(module);
  const first = channel.run("AT", { timeout: 1000 });
  const later = channel.run("ATE0", { timeout: 1000 });
  const urgent = channel.run("AT+CIPSTAMAC?", { timeout: 1000, urgent: true });
  await Promise.all([first, later, urgent]);
  assert.deepEqual(module.received, ["AT", "AT+CIPSTAMAC?", "ATE0"]);
  await channel.close();
});

Deno.test("a command past ESP-AT's 256 bytes is refused before it is sent, naming only the command", async () => {
  const module = new ScriptedModule();
  const { channel } = channelTo(module);
  const answer = await channel.run(`AT+CWJAP="home","${"s".repeat(300)}"`, { timeout: 1000 });
  assert.deepEqual(answer, {
    _tag: "Left",
    left: { kind: "refused", message: "AT+CWJAP would be 320 bytes; ESP-AT takes at most 256" },
  });
  assert.deepEqual(module.received, []);
  await channel.close();
});

Deno.test("a ready in the middle of a command fails it as a reset and tells the listener", async () => {
  const module = new ScriptedModule([{ when: /^AT\+CWLAP$/, reply: () => ["ready"] }]);
  const { channel, resets } = channelTo(module);
  const answer = await channel.run("AT+CWLAP", { timeout: 1000 });
  assert.deepEqual(answer, {
    _tag: "Left",
    left: { kind: "reset", message: "the module reset itself during AT+CWLAP" },
  });
  assert.equal(resets.length, 1);
  await channel.close();
});

Deno.test("a closed port fails the running command and every waiting one, once", async () => {
  const module = new ScriptedModule([{ when: /^AT\+SLOW$/, reply: () => "silent" }]);
  const { channel, lost } = channelTo(module);
  const running = channel.run("AT+SLOW", { timeout: 5000 });
  const waiting = channel.run("AT", { timeout: 5000 });
  await module.unplug();
  const results = await Promise.all([running, waiting]);
  assert.deepEqual(results.map((r) => r._tag === "Left" && r.left.kind), ["lost", "lost"]);
  assert.deepEqual(lost, ["host: the far side closed"]);
  const after = await channel.run("AT", { timeout: 100 });
  assert.equal(after._tag === "Left" && after.left.kind, "lost");
  await channel.close();
});
