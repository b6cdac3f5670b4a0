/**
 * `netfsm run CONFIG [--driver mock|esp-at|esp-idf|esp-hosted] [device options] [--json]
 * [--record FILE] [--duration SECONDS]`: starts the network on a device in real time and prints
 * the timeline as it happens, until the duration passes or the user interrupts it; then stops the
 * network and lets the device go.
 *
 * @module
 */
import type { Applied } from "../core/advance.ts";
import { formatProblems } from "../core/config/problem.ts";
import type { NetworkConfig } from "../core/config/schema.ts";
import { toRecord } from "../core/trace/replay.ts";
import { describeThrown } from "../drivers/describe.ts";
import { SHELL_DIAGNOSTIC_CODES } from "../drivers/diagnostic.ts";
import { recordTrace } from "../drivers/recorder.ts";
import { Secrets } from "../drivers/secrets.ts";
import { Shell } from "../drivers/shell.ts";
import { loadConfigFile } from "./config_file.ts";
import { type CliIo, EXIT, type InterruptSignal } from "./io.ts";
import {
  defaultWorld,
  type DeviceChoice,
  loadWorld,
  type OpenDevice,
  openDevice,
} from "./run_devices.ts";
import type { ReportStep } from "./report/model.ts";
import { reportStep, writeReport } from "./report/report_command.ts";
import { planRun, type RunOptions } from "./run_plan.ts";
import { formatRecord, formatTime, TIMELINE_HEADER } from "./timeline.ts";

export type { RunOptions } from "./run_plan.ts";

/** Every psk the configuration holds, to scrub from what the device says. */
function secretsOf(config: NetworkConfig): Secrets {
  const secrets = new Secrets();
  secrets.add(config.sta?.psk);
  for (const network of config.sta?.networks ?? []) secrets.add(network.psk);
  secrets.add(config.ap?.psk);
  return secrets;
}

/** Why a run ended. */
type Ending =
  | { readonly kind: "duration" }
  | { readonly kind: "interrupt"; readonly signal: InterruptSignal }
  | { readonly kind: "lost"; readonly reason: string }
  | { readonly kind: "refused" }
  | { readonly kind: "record" }
  | { readonly kind: "output" };

/**
 * Runs the network on a device until the duration passes, the user interrupts it, or the device
 * is lost; returns the exit code. Output streams: each record is written as it happens.
 */
export async function runCommand(
  io: CliIo,
  // `html`: also write the run's HTML report there when it ends.
  options: RunOptions & { readonly html?: string },
  open: OpenDevice = openDevice,
): Promise<number> {
  const fail = async (message: string, code: number = EXIT.finding) => {
    await io.writeError(`netfsm run: ${message}\n`);
    return code;
  };
  const plan = planRun(options);
  if (plan._tag === "Left") return fail(plan.left, EXIT.usage);
  const loaded = await loadConfigFile(io, options.config);
  if (loaded._tag === "Left") return fail(loaded.left);
  const { value, config, notes, reword } = loaded.right;
  for (const note of notes) await io.writeError(`netfsm run: note: ${note}\n`);
  const secrets = secretsOf(config);
  const planned = plan.right.device;
  let choice: DeviceChoice = planned.driver !== "mock"
    ? planned
    : { driver: "mock", world: defaultWorld(config) };
  if (planned.driver === "mock" && planned.world !== undefined) {
    const world = await loadWorld(io, planned.world);
    if (world._tag === "Left") return fail(world.left);
    choice = { driver: "mock", world: world.right };
  }
  const sink = options.record === undefined ? undefined : await io.createFile(options.record);
  if (sink?._tag === "Left") return fail(sink.left);

  let end: (ending: Ending) => void = () => {};
  const ended = new Promise<Ending>((resolve) => (end = resolve));
  // Everything goes out through one queue, in the order it happened, each piece as it comes.
  let queue = Promise.resolve();
  let outputError: { readonly thrown: unknown } | undefined;
  const emit = (write: () => Promise<void>) => {
    queue = queue.then(() => outputError === undefined ? write() : undefined).catch((thrown) => {
      // A reader that went away (`netfsm run c.json | head`): stop, and rethrow once stopped.
      outputError ??= { thrown };
      end({ kind: "output" });
    });
  };
  const say = (message: string) => emit(() => io.writeError(`netfsm run: ${message}\n`));
  // The trace has a queue of its own: a file that fails is a finding, not a reader gone away.
  let traceQueue = Promise.resolve();
  let traceError: string | undefined;
  const writeTrace = (line: string) => {
    if (sink?._tag !== "Right") return;
    traceQueue = traceQueue.then(() =>
      traceError === undefined ? sink.right.write(line) : undefined
    )
      .catch((thrown) => {
        traceError ??= `cannot write "${options.record}": ${describeThrown(thrown)}`;
        end({ kind: "record" });
      });
  };

  const opened = await open(choice, (notice) => say(`notice: ${secrets.safe(notice)}`));
  if (opened._tag === "Left") {
    await queue;
    return fail(secrets.safe(opened.left));
  }
  const device = opened.right;
  const { driver, clock } = device;
  secrets.add(driver.capabilities.device.nvs?.sta_psk);
  secrets.add(driver.capabilities.device.nvs?.ap_psk);
  say(secrets.safe(device.description));

  let steps = 0;
  let recorded = 0;
  const reported: ReportStep[] | undefined = options.html === undefined ? undefined : [];
  const record = sink === undefined
    ? undefined
    : recordTrace(value, driver.capabilities.device, (line) => writeTrace(line + "\n"));
  const onStep = (applied: Applied) => {
    const shown = toRecord(applied.input, applied.state, applied.effects);
    steps++;
    if (applied.input.type !== "timer") recorded++;
    const text = options.json ? JSON.stringify(shown) + "\n" : formatRecord(shown, io.color);
    emit(() => io.write(text));
    record?.(applied);
    reported?.push(reportStep(shown, applied.state));
  };
  if (!options.json) emit(() => io.write(TIMELINE_HEADER));
  const shell = new Shell({
    driver,
    clock,
    config: value,
    onStep,
    onDiagnostic: (d) =>
      SHELL_DIAGNOSTIC_CODES.includes(d.code) && say(`${d.level}: ${d.code}: ${d.message}`),
  });

  const stopListening = io.onInterrupt((signal) => {
    // Only the first: a second interrupt ends the program at once, as the user then wants.
    stopListening();
    end({ kind: "interrupt", signal });
  });
  const { durationMs } = plan.right;
  const cancelTimer = durationMs === undefined
    ? () => {}
    : clock.schedule(clock.now() + durationMs, () => end({ kind: "duration" }));
  device.lost?.then(
    (reason) => end({ kind: "lost", reason }),
    (thrown) => end({ kind: "lost", reason: describeThrown(thrown) }),
  );

  const started = shell.request({ type: "start" });
  if (started === "ok") {
    say(
      `running ${
        durationMs === undefined ? "until interrupted" : `for ${formatTime(durationMs).trim()}`
      } (Ctrl-C stops it)`,
    );
  } else {
    const problems = started.problems === undefined
      ? ""
      : `\n${formatProblems(started.problems.map(reword))}`;
    say(`the network did not start: ${started.error}${problems}`);
    end({ kind: "refused" });
  }
  const ending = await ended;
  stopListening();
  cancelTimer();
  if (ending.kind === "interrupt") say(`${ending.signal}: stopping the network`);
  if (ending.kind === "lost") say(`lost the device: ${secrets.safe(ending.reason)}; stopping`);
  // A run ends by stopping: a real input, so that a replay also fires every timer due before it.
  if (shell.state.active !== null) shell.request({ type: "stop" });
  await shell.close();
  if (!options.json) {
    const ran = formatTime(clock.now()).trim();
    emit(() => io.write(`\nran ${ran} in real time: ${steps} step${steps === 1 ? "" : "s"}\n`));
  }
  await traceQueue;
  // Closed even when standard output broke: the trace holds the run either way.
  if (sink?._tag === "Right") await sink.right.close().catch(() => {});
  await queue;
  if (outputError !== undefined) throw outputError.thrown;
  if (traceError !== undefined) return fail(traceError);
  if (reported !== undefined && options.html !== undefined) {
    const failed = await writeReport(io, options.html, options.config, reported);
    if (failed !== null) return fail(failed);
    if (!options.json) await io.write(`wrote the report to ${options.html}\n`);
  }
  if (sink?._tag === "Right" && !options.json) {
    await io.write(`recorded ${recorded} input${recorded === 1 ? "" : "s"} to ${options.record}\n`);
  }
  return ending.kind === "lost" || ending.kind === "refused" ? EXIT.finding : EXIT.ok;
}
