/**
 * The no-leak property (issue 11) over every CLI command that reads input, and over the API: for
 * hostile input carrying a planted psk, the exit code is 0, 1 or 2, nothing escapes uncaught, no
 * stack trace or internal error is shown, no prototype member stands in for a value, the psk
 * shows in no byte of stdout, stderr, a recorded trace, a diagnostic, an error or a hook's input,
 * and every call ends within a budget of event-loop turns (never of seconds).
 *
 * A smaller sample of what `deno task fuzz` (scripts/fuzz/) tries by the ten thousand, for CI; it
 * stands alone because the npm build compiles props/ without scripts/.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { main } from "../cli/main.ts";
import { memoryIo } from "../cli/memory_io.ts";
import { FakeDriver } from "../drivers/_fake_driver.ts";
import { VirtualClock } from "../drivers/clock.ts";
import { Network } from "../drivers/network.ts";
import { validConfigArb } from "./arbitraries/config.ts";
import { untimedInputArb } from "./arbitraries/inputs.ts";
import { propRuns } from "./harness.ts";

const RUNS = propRuns(200);
const pskArb = fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => `PSKLEAK${n}`);

/** A command line, the files it reads, the psk they plant. */
interface CliCase {
  readonly psk: string;
  readonly argv: string[];
  readonly files: Record<string, string>;
}

/** What a run showed: exit code, what escaped, whether it hung, every text by where. */
interface Shown {
  readonly code?: number;
  readonly escaped: readonly string[];
  readonly hung?: string;
  readonly texts: Readonly<Record<string, string>>;
}

const INTERNAL =
  /^\s+at \S|\b(?:RangeError|TypeError|ReferenceError)\b|Maximum call stack|is not a function|Cannot read propert|(?:^|: )Error: /m;
const PROTOTYPE = /\[native code\]|\[object (?:Object|Null prototype)\]/;

/** Every promise the property makes that `shown` breaks; empty when it keeps them all. */
function broken(shown: Shown, psk: string): string[] {
  const found: string[] = [...shown.escaped.map((e) => `escaped: ${e}`)];
  if (shown.code !== undefined && ![0, 1, 2].includes(shown.code)) {
    found.push(`exit code ${shown.code}`);
  }
  if (shown.hung !== undefined) found.push(`hang: ${shown.hung}`);
  for (const [where, text] of Object.entries(shown.texts)) {
    const excerpt = (at: number) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 30));
    const checks: [number, string][] = [
      [text.search(INTERNAL), "an internal error"],
      [text.search(PROTOTYPE), "a prototype member"],
      // A message that quotes the text around a psk may cut it short; that is a leak too.
      [Math.max(text.indexOf(psk), text.search(/PSKLE|SKLEA|KLEAK|LEAK\d/)), "the psk"],
    ];
    for (const [at, what] of checks) {
      if (at !== -1) found.push(`${what} in ${where}: ${excerpt(at)}`);
    }
  }
  return found;
}

const describe = (thrown: unknown): string => {
  try {
    return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  } catch {
    return "a value that cannot be shown";
  }
};

/** Waits for `work` for at most `turns` turns of the event loop in which `progress` stays put. */
async function within<T>(work: Promise<T>, progress: () => number, turns: number) {
  let done: { value: T } | undefined;
  void work.then((value) => (done = { value }));
  let seen = progress(), idle = 0;
  while (done === undefined && idle < turns) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    idle = progress() === seen ? idle + 1 : 0;
    seen = progress();
  }
  return done;
}

/** Rejections nobody handled, charged to the input that was running. */
const stray: string[] = [];
// Node has no such global event (an unhandled rejection fails its run there anyway).
const events = globalThis as {
  addEventListener?: (
    type: "unhandledrejection",
    listener: (event: { preventDefault(): void; reason: unknown }) => void,
  ) => void;
};
events.addEventListener?.("unhandledrejection", (event) => {
  event.preventDefault();
  stray.push(`unhandled rejection: ${describe(event.reason)}`);
});

/** Runs the CLI in process over memory. */
async function runCli(argv: string[], files: Record<string, string>): Promise<Shown> {
  const io = memoryIo(files);
  const run = main(argv, io).then((code) => ({ code }), (e: unknown) => ({ thrown: describe(e) }));
  const done = await within(run, () => io.stdout.length + io.stderr.length, 300);
  const texts: Record<string, string> = { stdout: io.stdout.join(""), stderr: io.stderr.join("") };
  for (const [path, text] of Object.entries(io.written)) texts[`file ${path}`] = text;
  const value = done?.value;
  return {
    ...(value && "code" in value ? { code: value.code } : {}),
    escaped: [...(value && "thrown" in value ? [value.thrown] : []), ...stray.splice(0)],
    ...(done === undefined ? { hung: "main never returned" } : {}),
    texts,
  };
}

/** Hostile JSON text for any position; the psk itself only under a psk key. */
const hostileArb = (psk: string) =>
  fc.oneof(
    fc.constantFrom(3_000, 20_000).map((n) => `${"[".repeat(n)}{"psk":"${psk}"}${"]".repeat(n)}`),
    fc.constantFrom(1_000, 20_000).map((n) =>
      `${'{"a":'.repeat(n)}{"psk":"${psk}"}${"}".repeat(n)}`
    ),
    fc.constantFrom('{"__proto__":1}', '{"constructor":{}}', '{"toString":1,"valueOf":2}'),
    fc.constantFrom("1e309", "-5", "99999999999999999999", "null", "[]", '"x"', "true"),
    fc.constantFrom(
      `{"psk":"${psk}"}`,
      `[{"ssid":"x","psk":"${psk}"}]`,
      `"${"x".repeat(100_000)}"`,
    ),
  );
/** What a psk key may hold: the psk, or the psk written wrong. */
const secretArb = (psk: string) =>
  fc.constantFrom(`"${psk}"`, psk, `'${psk}'`, `["${psk}"]`, `"${psk}`, `"${psk}\\u0000"`);
/** The text cut short, now and then. */
const oneIn = <T>(n: number, arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
const cutArb = oneIn(4, fc.double({ min: 0, max: 1, noNaN: true }));
const cut = (text: string, at: number | null) =>
  at === null ? text : text.slice(0, Math.floor(text.length * at));
const flags = (...names: string[]) => fc.subarray(names);

const replayCase: fc.Arbitrary<CliCase> = pskArb.chain((psk) =>
  fc.record({
    secret: secretArb(psk),
    extra: fc.constantFrom("", ',"constructor":{}', ',"toString":1', ',"__proto__":{"ssid":"x"}'),
    version: fc.constantFrom("1", `{"sta_psk":"${psk}"}`, "2"),
    lines: fc.array(
      fc.oneof(
        untimedInputArb.map((input) => JSON.stringify(input)),
        fc.tuple(
          fc.constantFrom(
            "scan,options",
            "sta_connect,config",
            "scan_done,networks",
            "driver_failed,error",
          ),
          hostileArb(psk),
        ).map(([f, value]) => `{"type":"${f.split(",")[0]}","${f.split(",")[1]}":${value}}`),
        fc.constant(`{"type":"sta_connect","config":{"ssid":"home","psk":"${psk}"}}`),
      ),
      { maxLength: 6 },
    ),
    cutAt: cutArb,
    flags: flags("--json", "--check"),
  }).map((c) => {
    const header =
      `{"trace":"netfsm","version":${c.version},"config":{"sta":{"ssid":"home","psk":${c.secret},"got_ip":true${c.extra}}},"device":{"mac":"24:0a:c4:12:34:56","nvs":{"sta_psk":"${psk}"}}}`;
    const inputs = ['{"type":"start"}', ...c.lines].map((l, i) =>
      `{"at":${i * 1000},${l.slice(1)}`
    );
    const trace = cut([header, ...inputs].join("\n"), c.cutAt);
    return { psk, argv: ["replay", "t.jsonl", ...c.flags], files: { "t.jsonl": trace } };
  })
);

/** A configuration file, JSON or Erlang, with the psk planted. */
const configFileArb = (psk: string) =>
  fc.oneof(
    fc.record({
      config: validConfigArb,
      secret: secretArb(psk),
      extra: fc.constantFrom(
        "",
        ',"constructor":1',
        ',"toString":{}',
        `,"x":${"[".repeat(5000)}${"]".repeat(5000)}`,
      ),
      cutAt: cutArb,
    }).map(({ config, secret, extra, cutAt }) => {
      const text = JSON.stringify({ ...config, sta: { ...(config.sta ?? {}), psk: "\u0001" } });
      return cut(text.replace('"\\u0001"', secret + extra), cutAt);
    }),
    fc.record({
      secret: fc.constantFrom(`"${psk}"`, `<<"${psk}">>`, `'${psk}'`, psk, `"${psk}`, `<<"${psk}`),
      extra: fc.constantFrom(
        "",
        ", {constructor, 1}",
        ", {toString, fun f/1}",
        ", {'__proto__', x}",
        `, {x, ${"[".repeat(20_000)}${"]".repeat(20_000)}}`,
        `, {x, ${"{".repeat(20_000)}${"}".repeat(20_000)}}`,
        ', {connected, fun() -> "end" end}',
      ),
      cutAt: cutArb,
    }).map(({ secret, extra, cutAt }) =>
      cut(`[{sta, [{ssid, "home"}, {psk, ${secret}}${extra}]}].`, cutAt)
    ),
  );

const checkCase: fc.Arbitrary<CliCase> = pskArb.chain((psk) =>
  fc.tuple(configFileArb(psk), flags("--json")).map(([text, f]) => ({
    psk,
    argv: ["check", "c.conf", ...f],
    files: { "c.conf": text },
  }))
);

const LOG = [
  "I (2150) wifi:connected with home, aid = 1, channel 1, BW20, bssid = b2:08:43:4c:40:bf",
  "I (3150) esp_netif_handlers: sta ip: 192.168.1.20, mask: 255.255.255.0, gw: 192.168.1.1",
  "I (60000) wifi:state: run -> init (c800)",
  "WIFI CONNECTED",
  "I (10) network_driver: constructor received",
  "I (10) network_driver: __proto__ received",
  "[  10][D][WiFiGeneric.cpp:1] _eventCallback(): Event: 1 - toString",
];
const importCase: fc.Arbitrary<CliCase> = pskArb.chain((psk) =>
  fc.record({
    lines: fc.array(
      fc.constantFrom(
        ...LOG,
        `I (5123) wifi station: connected to ap SSID:home password:${psk}`,
        `I (9120) wifi station: Failed to connect to SSID:home, password:${psk}`,
        `AT+CWJAP="home","${psk}"`,
        `AT+CWSAP="setup","${psk}",5,3`,
        `I (1) wifi:connected with ${"x, aid = 1, channel 1,".repeat(200)}`,
      ),
      { minLength: 1, maxLength: 8 },
    ),
    config: oneIn(3, configFileArb(psk)),
    strict: fc.boolean(),
  }).map(({ lines, config, strict }) => ({
    psk,
    argv: [
      "import",
      "boot.log",
      ...(strict ? ["--strict"] : []),
      ...(config === null ? [] : ["--config", "c.conf"]),
    ],
    files: { "boot.log": lines.join("\n"), ...(config === null ? {} : { "c.conf": config }) },
  }))
);

const simulateCase: fc.Arbitrary<CliCase> = pskArb.chain((psk) =>
  fc.record({
    secret: secretArb(psk),
    request: hostileArb(psk),
    duration: fc.constantFrom("20000", "1e309", "-5", "99999999999999999999"),
    cutAt: cutArb,
    flags: flags("--json", "--record"),
  }).map((c) => {
    const text =
      `{"config":{"sta":{"ssid":"home","psk":${c.secret},"got_ip":true}},"device":{"mac":"24:0a:c4:12:34:56","nvs":{"sta_psk":"${psk}"}},"world":{"access_points":[{"ssid":"home","psk":"${psk}"}]},"requests":[{"at":0,"type":"start"},{"at":3000,"type":"sta_connect","config":${c.request}},{"at":4000,"type":"scan","options":${c.request}}],"duration":${c.duration}}`;
    const argv = [
      "simulate",
      "s.json",
      ...c.flags.flatMap((f) => f === "--record" ? [f, "r.jsonl"] : [f]),
    ];
    return { psk, argv, files: { "s.json": cut(text, c.cutAt) } };
  })
);

/** Fails with the first few broken promises of a counterexample, the input cut short. */
async function holds<T extends { psk: string }>(
  arb: fc.Arbitrary<T>,
  run: (c: T) => Promise<Shown>,
): Promise<void> {
  const result = await fc.check(
    fc.asyncProperty(arb, async (c) => broken(await run(c), c.psk).length === 0),
    { numRuns: RUNS },
  );
  if (!result.failed) return;
  const c = result.counterexample![0];
  const problems = broken(await run(c), c.psk);
  assert.fail(`${problems.slice(0, 3).join("\n")}\ninput: ${JSON.stringify(c).slice(0, 600)}`);
}

const COMMANDS = {
  replay: replayCase,
  check: checkCase,
  import: importCase,
  simulate: simulateCase,
};
for (const [name, arb] of Object.entries(COMMANDS)) {
  Deno.test(`netfsm ${name}: hostile input with a planted psk keeps every promise (${RUNS} runs)`, () =>
    holds(arb, (c) => runCli(c.argv, c.files)));
}

/** What a callback or hook does. */
const behaviourArb = fc.constantFrom(
  ..."ok ok ok throw throw-null-prototype reject never stop".split(" "),
);
const hookArb = fc.constantFrom("ok", "ok", "throw", "throw-null-prototype", "stop");
const act = (behaviour: string, stop: () => Promise<void>): unknown => {
  if (behaviour === "throw") throw new Error("on purpose");
  if (behaviour === "throw-null-prototype") throw Object.create(null);
  if (behaviour === "reject") return Promise.reject(Object.create(null));
  if (behaviour === "never") return new Promise(() => {});
  if (behaviour === "stop") return stop();
};
const eventArb = fc.oneof(
  untimedInputArb,
  fc.constantFrom<unknown>(
    { type: "sta_got_ip", ip: 5 },
    { type: "bogus" },
    { type: "constructor" },
    null,
    { type: "driver_failed", error: {} },
  ),
);

/** A network's configuration and callbacks, its hooks, and what the driver and the test do. */
interface ApiCase {
  readonly psk: string;
  readonly config: unknown;
  readonly callbacks: Record<string, string>;
  readonly hooks: readonly [string, string];
  readonly script: readonly ({ event: unknown } | { ms: number } | { connect: unknown })[];
}

const apiCase: fc.Arbitrary<ApiCase> = pskArb.chain((psk) =>
  fc.record({
    psk: fc.constant(psk),
    // Now and then no configuration an application's types allow: every outcome is still a value.
    config: fc.oneof({ weight: 9, arbitrary: validConfigArb }, {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(null, undefined, "x", [], 5),
    }),
    callbacks: fc.dictionary(
      fc.constantFrom("connected", "disconnected", "got_ip", "scan_done", "ap_started"),
      behaviourArb,
    ),
    // A hook's return value is ignored, as documented: a promise it returns is the application's.
    hooks: fc.tuple(hookArb, hookArb),
    script: fc.array(
      fc.oneof(
        eventArb.map((event) => ({ event })),
        fc.constantFrom(0, 500, 5000, 60_000).map((ms) => ({ ms })),
        fc.constantFrom<unknown>({ ssid: "office", psk }, NaN, "x", null).map((connect) => ({
          connect,
        })),
      ),
      { maxLength: 8 },
    ),
  })
);

async function runApi(c: ApiCase): Promise<Shown> {
  stray.splice(0);
  const clock = new VirtualClock();
  const driver = new FakeDriver();
  const escaped: string[] = [];
  const texts: Record<string, string[]> = {};
  const show = (where: string, value: unknown) => (texts[where] ??= []).push(JSON.stringify(value));
  let network: Network | undefined;
  const stop = () => network?.stop() ?? Promise.resolve();
  const config = c.config as Record<string, unknown> | null | undefined;
  const sta: Record<string, unknown> = { ...(config?.sta ?? { ssid: "home" }), psk: c.psk };
  for (const [name, behaviour] of Object.entries(c.callbacks)) {
    sta[name] = (...args: unknown[]) => {
      show("callback", args);
      // An address is a dotted string, or null where the device did not say (Unknown values).
      const ip = (args[0] as { ip?: unknown } | undefined)?.ip;
      if (name === "got_ip" && typeof ip !== "string" && ip !== null) {
        escaped.push("got_ip got no address");
      }
      return act(behaviour, stop);
    };
  }
  let progress = 0;
  // A hook sees the stop's own step too: an application stops once, not on every step.
  let once = false;
  const hook = (behaviour: string) =>
    behaviour === "stop" ? (once ? "ok" : (once = true, behaviour)) : behaviour;
  const options = {
    driver,
    clock,
    record: (line: string) => show("record", line),
    onDiagnostic: (d: unknown) => (progress++, show("diagnostic", d), act(hook(c.hooks[0]), stop)),
    onStep: (a: { input: unknown; effects: unknown }) => (
      progress++, show("onStep", [a.input, a.effects]), act(hook(c.hooks[1]), stop)
    ),
  };
  const guard = (work: Promise<unknown>) =>
    work.then(() => true, (e: unknown) => (escaped.push(describe(e)), true));
  const moving = () => progress + clock.now();
  let hung: string | undefined;
  try {
    const given = typeof config === "object" && config !== null && !Array.isArray(config)
      ? { ...config, sta }
      : config;
    const started = Network.start(given as never, options as never);
    if (started._tag === "Left") {
      show("error", started.left);
      for (let i = 0; i < 5 && !driver.closed; i++) await new Promise((r) => setTimeout(r, 0));
      if (!driver.closed) escaped.push("a start that failed left the driver open");
    } else {
      network = started.right;
      for (const op of c.script) {
        if ("event" in op) driver.emit(op.event as never);
        else if ("connect" in op) show("error", network.staConnect(op.connect as never));
        else if (!await within(guard(clock.advance(op.ms)), moving, 60)) {
          hung = `advance(${op.ms}) never returned`;
          break;
        }
      }
      if (!hung && !await within(guard(network.stop()), moving, 60)) hung = "stop() never returned";
      if (!hung && !driver.closed) escaped.push("stop() left the driver open");
    }
  } catch (thrown) {
    escaped.push(describe(thrown));
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  return {
    escaped: [...escaped, ...stray.splice(0)],
    ...(hung ? { hung } : {}),
    texts: Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.join("\n")])),
  };
}

Deno.test(`the API: hostile configurations, callbacks, hooks and driver events keep every promise (${RUNS} runs)`, () =>
  holds(apiCase, runApi));
