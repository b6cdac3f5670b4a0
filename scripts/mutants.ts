/**
 * Proof that the checks bite: applies hand-written mutants of the core (and one of the shell)
 * one at a time, runs the properties, the model test and the exploration (`props/`) against
 * each, and reports how many were caught. Ends with the line `killed K of N mutants`.
 *
 * A mutant that does not type-check is reported as invalid and not counted: the compiler
 * catching it proves nothing about the tests.
 *
 * Usage: deno task mutants [--runs N] [--only NAME]
 *
 * @module
 */

/** A deliberate bug: where, what text it replaces, and what it breaks. */
export interface Mutant {
  readonly name: string;
  readonly file: string;
  readonly find: string;
  readonly replace: string;
}

/** The mutants. Each `find` must occur exactly once in its file. */
export const MUTANTS: readonly Mutant[] = [
  {
    name: "drop the got_ip callback",
    file: "core/notify.ts",
    find: "if (state.active?.callbacks[name] !== true) return;",
    replace: 'if (state.active?.callbacks[name] !== true || name === "got_ip") return;',
  },
  {
    name: "call unregistered callbacks",
    file: "core/notify.ts",
    find: "if (state.active?.callbacks[name] !== true) return;",
    replace: "if (state.active?.callbacks[name] === undefined) return;",
  },
  {
    name: "associate straight to connected",
    file: "core/station.ts",
    find: 'sta: "associated",\n    channel: input.channel ?? null,',
    replace: 'sta: "connected",\n    channel: input.channel ?? null,',
  },
  {
    name: "beacon loss reads as disconnected",
    file: "core/station.ts",
    find: 'const next: State = { ...state, sta: "degraded" };',
    replace: 'const next: State = { ...state, sta: "disconnected" };',
  },
  {
    name: "a disconnect keeps the address",
    file: "core/station.ts",
    find:
      "return { ...state, ip: null, ip6: [], disconnect, channel: null, rssi: null, resume: null };",
    replace: "return { ...state, ip6: [], disconnect, channel: null, rssi: null, resume: null };",
  },
  // Issue 10's defects, each reintroduced into the core that fixed it.
  {
    name: "reason 8 alone counts as requested",
    file: "core/reasons.ts",
    find: '  [200, "beacon_loss"] as const,\n',
    replace: '  [200, "beacon_loss"] as const,\n  [8, "requested"] as const,\n',
  },
  {
    name: "a refused leave is still awaited",
    file: "core/lifecycle.ts",
    find: "if (state.leaving) return { state: { ...state, leaving: false }, effects };",
    replace: "if (state.leaving) return { state, effects };",
  },
  {
    name: "got_ip ignored while connecting",
    file: "core/station.ts",
    find: 'from: ["connecting", ...JOINED_STATUSES],\n    on: "sta_got_ip",',
    replace: 'from: JOINED_STATUSES,\n    on: "sta_got_ip",',
  },
  {
    name: "degraded without its link deadline",
    file: "core/deadlines.ts",
    find: `    if (after.sta === "degraded" && before.sta !== "degraded") {
      edits.keep(4, "link", true, true, d.degraded_ms);
    } else {
      edits.keep(4, "link", linked(after), !linked(before), d.link_check_ms);
    }`,
    replace:
      `    edits.keep(4, "link", after.sta === "connected", before.sta !== "connected", d.link_check_ms);`,
  },
  {
    name: "a scan without its deadline",
    file: "core/deadlines.ts",
    find: 'edits.keep(16, "scan", scanning,',
    replace: 'edits.keep(16, "scan", false,',
  },
  {
    // lostIp's own startFallbackTimer is now redundant (keepDeadlines keeps the fallback's clock
    // after every step), so removing it changes nothing: the defect is reintroduced where the
    // clock is kept, for the status sta_lost_ip leads to.
    name: "no fallback while associated without an address (after sta_lost_ip)",
    file: "core/deadlines.ts",
    find: 'const waiting = after.ap === "off" && after.ip === null;',
    replace:
      'const waiting = after.ap === "off" && after.ip === null && after.sta !== "associated";',
  },
  {
    name: "AP refuses joins past max_connections",
    file: "core/access_point.ts",
    find: '    effects.push(diagnostic("warning", "too_many_stations", message));\n  }',
    replace:
      '    return { state, effects: [diagnostic("warning", "too_many_stations", message)] };\n  }',
  },
  {
    name: "no join deadline",
    file: "core/deadlines.ts",
    find: '      "join",\n      joining,',
    replace: '      "join",\n      false,',
  },
  {
    name: "no DHCP deadline",
    file: "core/deadlines.ts",
    find: 'edits.keep(2, "dhcp", after.sta === "associated",',
    replace: 'edits.keep(2, "dhcp", false,',
  },
  {
    name: "no leave deadline",
    file: "core/deadlines.ts",
    find: 'const leaving = after.leaving || after.sta === "disconnecting";',
    replace: "const leaving = false;",
  },
  {
    name: "a repeated sntp_sync calls synchronized again",
    file: "core/sntp.ts",
    find:
      "if (last !== null && last.sec !== null && last.sec === input.sec && last.usec === input.usec) {",
    replace:
      "if (last !== null && last.sec !== null && last.sec === input.sec && last.usec === input.usec && false) {",
  },
  {
    name: "no SNTP restart on a new address",
    file: "core/station.ts",
    find: 'effects.push(command({ command: "start_sntp", host: next.active.sntp }));',
    replace: "",
  },
  {
    name: "no mDNS restart on a new address",
    file: "core/station.ts",
    find: "  startMdns(next, effects);\n",
    replace: "",
  },
  {
    name: "mDNS started on a wrong address",
    file: "core/station.ts",
    find: "  const ip = state.ip?.ip ?? null;",
    replace: '  const ip = state.ip?.ip === undefined ? null : "0.0.0.0";',
  },
  {
    name: "SSID limit off by one",
    file: "core/config/schema.ts",
    find: "const ssid: Codec<string> = boundedText(1, 32);",
    replace: "const ssid: Codec<string> = boundedText(1, 33);",
  },
  {
    name: "AP psk minimum off by one",
    file: "core/config/schema.ts",
    find: 'psk: boundedText(8, 64, "for WPA2; leave psk out for an open network"),',
    replace: 'psk: boundedText(7, 64, "for WPA2; leave psk out for an open network"),',
  },
  {
    name: "UTF-8 miscounts surrogate pairs",
    file: "core/utf8.ts",
    find: "        bytes += 4;",
    replace: "        bytes += 3;",
  },
  {
    name: "unknown keys accepted",
    file: "core/config/codecs.ts",
    find: "const codec = Object.hasOwn(props, key) ? props[key] : undefined;",
    replace: "const codec = Object.hasOwn(props, key) ? props[key] : t.unknown;",
  },
  {
    name: "a command carries the real psk",
    file: "core/commands.ts",
    find:
      ': { command: "connect_sta", ssid: network.ssid, psk: REDACTED, hostname: sta.hostname };',
    replace:
      ': { command: "connect_sta", ssid: network.ssid, psk: network.psk as typeof REDACTED, hostname: sta.hostname };',
  },
  {
    name: "traces keep psks",
    file: "core/redact.ts",
    find: "return SECRET_KEYS.has(key) && inner !== undefined",
    replace: 'return SECRET_KEYS.has(key + "!") && inner !== undefined',
  },
  {
    name: "stop leaves timers uncancelled",
    file: "core/lifecycle.ts",
    find: 'effects.push({ type: "cancel_timer", timer });',
    replace: "",
  },
  {
    name: "cancelling a timer says nothing",
    file: "core/timers.ts",
    find: '  effects.push({ type: "cancel_timer", timer });',
    replace: "",
  },
  {
    name: "timers fire a second early",
    file: "core/timers.ts",
    find: "return deadline !== undefined && deadline <= at;",
    replace: "return deadline !== undefined && deadline <= at + 1000;",
  },
  {
    name: "stale timer firings act",
    file: "core/step.ts",
    find: "if (!isDue(current, input.timer, at)) {",
    replace: "if (!isDue(current, input.timer, at) && current.timers[input.timer] !== undefined) {",
  },
  {
    name: "no cap on the reconnect delay",
    file: "core/backoff.ts",
    find: "return { delay: Math.min(policy.max_ms, Math.max(1, jittered)), random: next };",
    replace: "return { delay: Math.max(1, jittered), random: next };",
  },
  {
    name: "wrong credentials retried at full speed",
    file: "core/reconnect.ts",
    find:
      'const slow = disconnect.class === "wrong_credentials" || disconnect.class === "handshake_timeout";',
    replace: 'const slow = false && disconnect.class === "wrong_credentials";',
  },
  {
    name: "retry after a requested leave",
    file: "core/reconnect.ts",
    find:
      'if (!policy.enabled || disconnect.class === "requested") return { delay: null, random };',
    replace: "if (!policy.enabled) return { delay: null, random };",
  },
  {
    name: "sta_disconnect keeps the retry armed",
    file: "core/sta_requests.ts",
    find:
      'const next = disarmTimer(state, effects, "reconnect");\n  if (state.sta === "disconnecting"',
    replace: 'const next = state;\n  if (state.sta === "disconnecting"',
  },
  {
    name: "a join past max_connections diagnosed one late",
    file: "core/access_point.ts",
    find: "if (state.stations.length >= limit) {",
    replace: "if (state.stations.length > limit) {",
  },
  {
    name: "AP admits a MAC twice",
    file: "core/access_point.ts",
    find: "if (state.stations.includes(input.mac)) {",
    replace: "if (state.stations.includes(input.mac) && false) {",
  },
  {
    name: "AP reports a leave without a join",
    file: "core/access_point.ts",
    find: "if (!state.stations.includes(input.mac)) {",
    replace: "if (!state.stations.includes(input.mac) && false) {",
  },
  {
    name: "a stopped AP forgets its stations silently",
    file: "core/access_point.ts",
    find: 'for (const mac of state.stations) notify(state, effects, "sta_disconnected", mac);',
    replace: "",
  },
  {
    name: "scan while joining",
    file: "core/scan.ts",
    find: 'if (state.sta === "connecting") {',
    replace: 'if (state.sta === "connecting" && false) {',
  },
  {
    name: "scan_done to an unregistered callback",
    file: "core/scan.ts",
    find: 'notify(next, effects, "scan_done", result);',
    replace: 'effects.push({ type: "callback", name: "scan_done", args: [result] });',
  },
  {
    // Not the timer's cancel, as before: keepDeadlines now cancels it too, so that mutant would
    // change nothing. What the station's address must still do itself is stop the AP.
    name: "fallback AP kept after an address",
    file: "core/fallback.ts",
    find: 'if (state.ap !== "starting" && state.ap !== "started") return state;',
    replace: "return state;",
  },
  {
    name: "stop twice is an error",
    file: "core/lifecycle.ts",
    find: 'apply: (state) => ({ state, effects: [reply("stop", "ok")] }),',
    replace: 'apply: (state) => ({ state, effects: [reply("stop", { error: "not_started" })] }),',
  },
  {
    name: "a request goes unanswered",
    file: "core/sta_requests.ts",
    find: 'effects: [command({ command: "read_rssi" }), reply("sta_rssi", "ok")]',
    replace: 'effects: [command({ command: "read_rssi" })]',
  },
  {
    name: "lost_ip keeps the address",
    file: "core/station.ts",
    find: 'return { state: { ...state, sta: "associated", ip: null }, effects };',
    replace: 'return { state: { ...state, sta: "associated" }, effects };',
  },
  {
    name: "callbacks run after stop",
    file: "drivers/shell.ts",
    find: "      if (stops !== this.#stops) return;",
    replace: "",
  },
  {
    name: "networks never lose priority",
    file: "core/networks.ts",
    find: "const score = network.priority - penalty(health[index], now, recoveryMs);",
    replace: "const score = network.priority;",
  },
  {
    name: "a rejected sta_connect is not rolled back",
    file: "core/lifecycle.ts",
    find: "? { ...active, sta: state.rollback }",
    replace: "? active",
  },
  {
    name: "a connection opens a second socket on a repeated link_up",
    file: "core/connection.ts",
    find: 'return state.phase === "waiting" ? open(state, 0) : [state, []];',
    replace: 'return state.phase !== "opening" ? open(state, 0) : [state, []];',
  },
  {
    name: "a connection leaving its phase keeps its socket and its retry",
    file: "core/connection.ts",
    find: "  const actions = release(state);",
    replace: "  const actions: ConnectionAction[] = [];",
  },
  {
    name: "a connection backing off keeps its retry when the link goes",
    file: "core/connection.ts",
    find: 'return state.phase === "waiting" ? [state, []] : leave(state, "waiting", input.why);',
    replace:
      'return state.phase === "waiting" || state.phase === "backing_off" ? [state, []] : leave(state, "waiting", input.why);',
  },
];

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  const result = await new Deno.Command(Deno.execPath(), {
    args,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: result.code,
    output: new TextDecoder().decode(result.stdout) + new TextDecoder().decode(result.stderr),
  };
}

/** What happened to one mutant. */
export type Verdict = "killed" | "survived" | "invalid";

/** Applies one mutant, runs the checks, restores the file. */
export async function tryMutant(
  mutant: Mutant,
  runs: number,
): Promise<{ verdict: Verdict; by: string }> {
  const original = await Deno.readTextFile(mutant.file);
  const parts = original.split(mutant.find);
  if (parts.length !== 2) {
    throw new Error(
      `Cannot apply mutant "${mutant.name}": its text occurs ${
        parts.length - 1
      } times in ${mutant.file}`,
    );
  }
  await Deno.writeTextFile(mutant.file, parts.join(mutant.replace));
  try {
    const checked = await run(["check", "mod.ts", "props/", "drivers/"]);
    if (checked.code !== 0) return { verdict: "invalid", by: "does not type-check" };
    const tested = await run(["test", "--allow-all", "--no-check", "--fail-fast", "props/"], {
      NETFSM_PROP_RUNS: String(runs),
    });
    if (tested.code === 0) return { verdict: "survived", by: "" };
    const by = /^([^:]+): /m.exec(
      tested.output.split("\n").find((line) => /^error: (Error|AssertionError)/.test(line))
        ?.replace(/^error: \w+: /, "") ?? "",
    )?.[1] ??
      (tested.output.match(/=> \.\/props\/([\w/]+)_test\.ts/)?.[1] ?? "a test");
    return { verdict: "killed", by };
  } finally {
    await Deno.writeTextFile(mutant.file, original);
  }
}

if (import.meta.main) {
  const runsAt = Deno.args.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(Deno.args[runsAt + 1]) : 2000;
  const onlyAt = Deno.args.indexOf("--only");
  const only = onlyAt >= 0 ? Deno.args[onlyAt + 1] : undefined;
  const chosen = MUTANTS.filter((m) => only === undefined || m.name.includes(only));
  let killed = 0;
  let valid = 0;
  for (const mutant of chosen) {
    const { verdict, by } = await tryMutant(mutant, runs);
    if (verdict !== "invalid") valid++;
    if (verdict === "killed") killed++;
    const detail = verdict === "killed" ? ` (by ${by})` : verdict === "invalid" ? ` (${by})` : "";
    Deno.stdout.writeSync(
      new TextEncoder().encode(`${verdict.padEnd(8)}  ${mutant.name}${detail}\n`),
    );
  }
  Deno.stdout.writeSync(new TextEncoder().encode(`killed ${killed} of ${valid} mutants\n`));
}
