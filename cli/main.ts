/**
 * The `netfsm` command line: dispatches a command, prints help, returns an exit code (0 ok,
 * 1 a finding, 2 misuse). All I/O goes through {@link CliIo}.
 *
 * @module
 */
import { clip } from "../core/limits.ts";
import { type ArgSpec, parseArgs } from "./args.ts";
import { type CliIo, EXIT } from "./io.ts";
import { checkCommand } from "./check_command.ts";
import { diagramCommand } from "./diagram_command.ts";
import { importCommand } from "./import_command.ts";
import { replayCommand } from "./replay_command.ts";
import { replayReportCommand } from "./report/report_command.ts";
import { runCommand } from "./run_command.ts";
import { simulateCommand } from "./simulate_command.ts";
import { VERSION } from "./version.ts";

interface CommandEntry {
  readonly summary: string;
  readonly usage: string;
  readonly help: string;
  readonly spec: ArgSpec;
  readonly run: (
    io: CliIo,
    positionals: readonly string[],
    options: Readonly<Record<string, string | true>>,
  ) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  import: {
    summary: "turn a device's serial log into a trace",
    usage: "netfsm import LOG [--config FILE] [--mac MAC] [--at since-first|log-clock] [--strict]",
    help: `Reads a serial log and writes the trace it records to standard output. It reads ESP-IDF
3.x to 5.x, AtomVM's network_driver, Arduino-ESP32 1.x to 3.x, MicroPython, ESPHome, Tasmota,
ESP-AT and ESP-Hosted, mixed with the noise of real logs. Times come from the log's own stamps.
A value the log does not show is null in the trace, never invented. Lines it does not know are
skipped and counted on standard error. LOG may be -.

Options:
  --config FILE   the configuration the device ran with (JSON or Erlang term); by default every
                  callback is registered, so a replay shows every event's callback
  --mac MAC       the station MAC, when the log does not name it
  --at CLOCK      what "at" is: since-first (default), milliseconds since the log's first
                  stamped line; or log-clock, the log's own stamps in milliseconds
  --strict        stop at the first line netfsm does not know

Example:
  netfsm import boot.log > boot.jsonl && netfsm replay boot.jsonl`,
    spec: {
      positionals: ["LOG"],
      options: { config: "value", mac: "value", at: "value", strict: "switch", help: "switch" },
    },
    run: (io, [log], options) =>
      importCommand(io, {
        log: log!,
        strict: options.strict === true,
        ...(typeof options.at === "string" ? { at: options.at } : {}),
        ...(typeof options.config === "string" ? { config: options.config } : {}),
        ...(typeof options.mac === "string" ? { mac: options.mac } : {}),
      }),
  },
  replay: {
    summary: "replay a trace through the state machine",
    usage: "netfsm replay FILE [--json] [--check] [--html OUT.html]",
    help:
      `Replays a trace (JSON Lines, trace-format version 1) through the core and prints, for each
input and each timer that fired, the station status and the callbacks, commands and reply it
caused. FILE may be - for standard input.

Options:
  --json    one JSON object a line, as docs/trace-format.md documents, instead of a timeline
  --check   check every invariant (docs/verification.md) at every step; exit 1 at the first broken one
  --html OUT.html
            write the run as one self-contained HTML page instead: each region's status as bands
            over time, every input, callback, command and diagnostic with its details on hover,
            the reconnect waits, and the state diagram with the path the run took

Example:
  netfsm replay examples/traces/sta.jsonl --json`,
    spec: {
      positionals: ["FILE"],
      options: { json: "switch", check: "switch", html: "value", help: "switch" },
    },
    run: (io, [file], options) =>
      typeof options.html === "string"
        ? replayReportCommand(io, { file: file!, html: options.html })
        : replayCommand(io, {
          file: file!,
          json: options.json === true,
          check: options.check === true,
        }),
  },
  check: {
    summary: "check a configuration, JSON or the Erlang term AtomVM takes",
    usage: "netfsm check FILE [--nvs NVS] [--json]",
    help:
      `Checks a network configuration against every rule netfsm enforces, and prints each problem
with its path. FILE holds JSON (callbacks true) or the Erlang term an AtomVM application passes
to network:start/1 (a bare {sta, [...]} tuple too); there, funs, calls such as self() and macros
such as ?MODULE count as registered callbacks, charlists, binaries and lists of code points are
all strings, and problems are told in Erlang's words. A value read with
esp:nvs_get_binary(Namespace, Key, Default) is checked against --nvs, or else noted as read
from NVS at run time, its default standing in. Exits 1 when there is any problem.

Options:
  --nvs NVS  what the device's NVS holds, as JSON: {"atomvm": {"sta_ssid": "home", ...}}, or
             a device's nvs object {"sta_ssid": ...} (the atomvm namespace)
  --json     the report as one JSON object

Example:
  netfsm check config.erl --nvs nvs.json`,
    spec: { positionals: ["FILE"], options: { json: "switch", nvs: "value", help: "switch" } },
    run: (io, [file], options) =>
      checkCommand(io, {
        file: file!,
        json: options.json === true,
        ...(typeof options.nvs === "string" ? { nvs: options.nvs } : {}),
      }),
  },
  diagram: {
    summary: "draw the state machine from the table the code runs",
    usage: "netfsm diagram [--format mermaid|dot|svg|png] [--out FILE]",
    help: `Draws the state machine from the transition table that step runs, one cluster per region
(lifecycle, station, access point, SNTP, scan), one edge per row labelled "input / what it does".
SVG and PNG are drawn in-process by Graphviz and resvg compiled to WebAssembly, with a font
that comes with netfsm: nothing to install.

Options:
  --format F    mermaid (default), dot, svg, or png
  --out FILE    write the diagram to FILE instead of standard output (for PNG where a shell's
                redirection is not binary-safe, as PowerShell 5's > is not)

Example:
  netfsm diagram --format png --out netfsm.png`,
    spec: { positionals: [], options: { format: "value", out: "value", help: "switch" } },
    run: (io, _positionals, options) =>
      diagramCommand(
        io,
        typeof options.format === "string" ? options.format : "mermaid",
        typeof options.out === "string" ? { out: options.out } : {},
      ),
  },
  simulate: {
    summary: "run a scenario on the simulated ESP32",
    usage: "netfsm simulate [SCENARIO] [--seed N] [--record FILE] [--json] [--html OUT.html]",
    help: `Runs a scenario on the simulated ESP32 under a virtual clock (minutes of device time take
milliseconds) and prints what the state machine did. SCENARIO is a file, or the name of one in
examples/scenarios/ (default: "default"), whose README.md documents the format; both folders
named here are in the npm package too.

Options:
  --seed N        seed every random choice of the simulation (default: the scenario's, or 1)
  --record FILE   also write the run as a trace (psks redacted) that netfsm replay reproduces
  --json          one JSON object a line, as netfsm replay --json prints them
  --html OUT.html also write the run as one self-contained HTML page, as netfsm replay --html

Example:
  netfsm simulate --seed 7 --record run.jsonl && netfsm replay run.jsonl --json`,
    spec: {
      positionals: [],
      optionalPositionals: ["SCENARIO"],
      options: { seed: "value", record: "value", json: "switch", html: "value", help: "switch" },
    },
    run: (io, [scenario], options) =>
      simulateCommand(io, {
        scenario: scenario ?? "default",
        json: options.json === true,
        ...(typeof options.seed === "string" ? { seed: options.seed } : {}),
        ...(typeof options.record === "string" ? { record: options.record } : {}),
        ...(typeof options.html === "string" ? { html: options.html } : {}),
      }),
  },
  run: {
    summary: "run the network in real time: on the simulated ESP32, ESP-AT, ESP-IDF or ESP-Hosted",
    usage:
      "netfsm run CONFIG [--driver mock|esp-at|esp-idf|esp-hosted] [--port PATH] [--baud N] [--lib PATH] [--idf V] [--world FILE] [--duration SECONDS] [--record FILE] [--json] [--html OUT.html]",
    help:
      `Starts the network from CONFIG (JSON or the Erlang term, read as netfsm check reads it) on a
device, in real time, and prints the timeline as it happens, until --duration passes or it is
interrupted (Ctrl-C, SIGTERM); then it stops the network, lets the device go and exits 0. A second
interrupt ends it at once. What the device says (its firmware, MAC and notices) goes to standard
error. Exits 1 when the device cannot be opened, does not answer, or is lost during the run (the
run is stopped first).

Options:
  --driver D        mock: the simulated ESP32 (the default without --port or --lib); esp-at: a
                    module running Espressif's AT firmware on a serial port (the default with
                    --port); esp-idf: ESP-IDF's WiFi API in a shared library (the default with
                    --lib); esp-hosted: an ESP32 as the WiFi co-processor of this Linux host
  --port PATH       esp-at: the module's serial port: /dev/ttyUSB0, /dev/cu.usbserial-0001, COM3
  --baud N          esp-at: the port's speed (default 115200, ESP-AT's factory rate)
  --lib PATH        esp-idf: the library; esp-hosted: its control library (default
                    libesp_hosted_rpc.so, found where the system's loader looks)
  --idf V           esp-idf: the IDF version the library was built for, 5.1 to 6.0 (default 5.5):
                    it decides the layout of every struct
  --world FILE      mock: the world of a scenario file, or of one in examples/scenarios/
                    (default: an access point for each network CONFIG names, with its psk)
  --duration S      stop after S seconds (default: run until interrupted)
  --record FILE     also write the run as a trace (psks redacted) that netfsm replay reproduces
  --json            one JSON object a line, as netfsm replay --json prints them
  --html OUT.html   when the run ends, write it as one self-contained HTML page, as netfsm
                    replay --html

Examples:
  netfsm run config.json --duration 10 --world flaky
  netfsm run config.erl --port /dev/ttyUSB0 --record run.jsonl && netfsm replay run.jsonl
  netfsm run config.json --driver esp-hosted --duration 60`,
    spec: {
      positionals: ["CONFIG"],
      options: {
        driver: "value",
        port: "value",
        baud: "value",
        lib: "value",
        idf: "value",
        world: "value",
        duration: "value",
        record: "value",
        html: "value",
        json: "switch",
        help: "switch",
      },
    },
    run: (io, [config], options) =>
      runCommand(io, {
        config: config!,
        json: options.json === true,
        ...(typeof options.driver === "string" ? { driver: options.driver } : {}),
        ...(typeof options.port === "string" ? { port: options.port } : {}),
        ...(typeof options.baud === "string" ? { baud: options.baud } : {}),
        ...(typeof options.lib === "string" ? { lib: options.lib } : {}),
        ...(typeof options.idf === "string" ? { idf: options.idf } : {}),
        ...(typeof options.world === "string" ? { world: options.world } : {}),
        ...(typeof options.duration === "string" ? { duration: options.duration } : {}),
        ...(typeof options.record === "string" ? { record: options.record } : {}),
        ...(typeof options.html === "string" ? { html: options.html } : {}),
      }),
  },
};

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const list = Object.entries(COMMANDS).map(([name, entry]) =>
    `  ${name.padEnd(width)}  ${entry.summary}`
  ).join("\n");
  return `netfsm ${VERSION}: AtomVM's WiFi network state machine, as data

Usage: netfsm COMMAND [ARGS]

Commands:
${list}

Run "netfsm COMMAND --help" for a command's options and an example.
`;
}

/**
 * Runs the CLI with `argv` (without the program name) and returns the exit code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { main } from "./main.ts";
 * import { memoryIo } from "./memory_io.ts";
 * const io = memoryIo({});
 * assert.equal(await main(["--version"], io), 0);
 * assert.match(io.stdout.join(""), /^netfsm \d+\.\d+\.\d+/);
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    await io.write(overview());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version") {
    await io.write(`netfsm ${VERSION}\n`);
    return EXIT.ok;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    await io.writeError(`netfsm: unknown command "${clip(name)}"\n\n${overview()}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    await io.write(`Usage: ${entry.usage}\n\n${entry.help}\n`);
    return EXIT.ok;
  }
  const args = parseArgs(rest, entry.spec);
  if (args._tag === "Left") {
    await io.writeError(`netfsm ${name}: ${args.left}\nUsage: ${entry.usage}\n`);
    return EXIT.usage;
  }
  return entry.run(io, args.right.positionals, args.right.options);
}
