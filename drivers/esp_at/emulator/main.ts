// deno-lint-ignore-file no-console -- a CLI prints
/**
 * `deno task esp-at:emulator [SCENARIO] [--verbose]`: an emulated ESP-AT module behind a
 * pseudo-terminal, for a driver (netfsm's own `--driver esp-at`, or any other) to open as its
 * serial port. It prints the port's path, then runs on a real clock until SIGINT or SIGTERM.
 * With `--verbose` each command line it receives goes to standard error, passwords redacted.
 *
 * @module
 */
import { describeJsonProblem, parseJson } from "../../../core/json_parse.ts";
import { formatProblems } from "../../../core/config/problem.ts";
import { openPty } from "../serial_deno.ts";
import { startEmulator } from "./emulator.ts";
import { redactLine } from "./redact_line.ts";
import { decodeEmulatorScenario, describeWorld } from "./scenario.ts";

const DEFAULT_SCENARIO = new URL("../../../examples/esp_at/emulator.json", import.meta.url);

const USAGE = `usage: deno task esp-at:emulator [SCENARIO] [--verbose]

An ESP-AT module (firmware 3.2.0.0 on an ESP32) on a pseudo-terminal, its radio the simulated
ESP32 in the world SCENARIO describes (default: examples/esp_at/emulator.json).

  --verbose   print each AT command received on standard error (passwords redacted)
  --help      this text

Example:
  deno task esp-at:emulator &
  deno task netfsm run examples/esp_at/config.json --driver esp-at --port /dev/pts/N --duration 60`;

/** Runs the emulator; resolves to the exit code. */
async function main(args: readonly string[]): Promise<number> {
  const verbose = args.includes("--verbose");
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((arg) => arg.startsWith("-") && arg !== "--verbose");
  const files = args.filter((arg) => !arg.startsWith("-"));
  if (unknown.length > 0 || files.length > 1) {
    console.error(
      unknown.length > 0 ? `unknown option ${unknown[0]}` : "at most one scenario file",
    );
    console.error(USAGE);
    return 2;
  }
  const path = files[0] ?? DEFAULT_SCENARIO;
  const name = typeof path === "string" ? path : "examples/esp_at/emulator.json";
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    console.error(`cannot read ${name}: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  const json = parseJson(text);
  if (json._tag === "Left") {
    console.error(`${name}: ${describeJsonProblem(json.left)}`);
    return 1;
  }
  const scenario = decodeEmulatorScenario(json.right);
  if (scenario._tag === "Left") {
    console.error(formatProblems(scenario.left).replace(/^/gm, `${name}: `));
    return 1;
  }
  const pty = await openPty();
  if (pty._tag === "Left") {
    console.error(pty.left);
    return 1;
  }
  const s = scenario.right;
  const emulator = startEmulator({
    stream: pty.right.stream,
    world: s.world,
    seed: s.seed,
    device: s.device,
    saved: s.saved,
    bootNoise: s.bootNoise,
    bootDelayMs: s.bootDelayMs,
    firmware: s.firmware,
    ...(verbose ? { onCommand: (line: string) => console.error(`> ${redactLine(line)}`) } : {}),
  });
  console.log(`ESP-AT emulator on ${pty.right.path} (${name}: ${describeWorld(s.world)})`);
  const signalled = new Promise<string>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, () => resolve(signal));
    }
  });
  const stopped = await Promise.race([
    signalled.then((signal) => ({ signal })),
    emulator.closed.then((reason) => ({ reason })),
  ]);
  await emulator.close();
  await pty.right.close();
  if ("signal" in stopped) return 0;
  console.error(`the pseudo-terminal closed: ${stopped.reason}`);
  return 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
