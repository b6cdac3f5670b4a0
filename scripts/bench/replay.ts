/**
 * The `replay --json` section: a trace of N lines generated from an example trace's inputs (the
 * first trace's inputs again and again, times shifted by its length each time, so time runs
 * forward and every copy starts and stops the network), replayed end to end by the real CLI
 * (`deno run` with the `netfsm` task's permissions, `cli/netfsm.ts replay FILE --json`, stdout to
 * /dev/null) against replay_floor.ts on the same file; wall time and peak RSS (VmHWM polled, the
 * reader of scripts/stream_memory.ts, or GNU time's exact figure when /usr/bin/time is there) of each child.
 *
 * @module
 */
import { peakKib } from "../stream_memory.ts";

const root = new URL("../../", import.meta.url).pathname;

/**
 * Writes a trace of `lines` lines (header included) built from `source`'s inputs; returns how
 * many inputs it repeats.
 *
 * @example
 * ```ts ignore
 * await generateTrace("/tmp/t.jsonl", 1_000_000, await Deno.readTextFile("examples/traces/sta.jsonl"));
 * ```
 */
export async function generateTrace(path: string, lines: number, source: string): Promise<number> {
  const all = source.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const header = all[0]!;
  const inputs = all.slice(1).map((l) => JSON.parse(l) as { at: number });
  const period = inputs[inputs.length - 1]!.at + 1000;
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  const encoder = new TextEncoder();
  try {
    let batch = [header];
    for (let i = 0; i < lines - 1; i++) {
      const input = inputs[i % inputs.length]!;
      const shift = Math.floor(i / inputs.length) * period;
      batch.push(JSON.stringify({ ...input, at: input.at + shift }));
      if (batch.length === 8192) {
        await file.write(encoder.encode(batch.join("\n") + "\n"));
        batch = [];
      }
    }
    if (batch.length > 0) await file.write(encoder.encode(batch.join("\n") + "\n"));
  } finally {
    file.close();
  }
  return inputs.length;
}

/** The `deno run` permissions of deno.json's `netfsm` task, so the CLI runs as users run it. */
export async function netfsmPermissions(): Promise<string[]> {
  const json = JSON.parse(await Deno.readTextFile(`${root}deno.json`));
  const task: string = json.tasks.netfsm;
  return task.split(/\s+/).filter((word) => word.startsWith("--allow-"));
}

/** One child's wall time (s) and peak RSS (MiB). */
export interface ChildRun {
  readonly seconds: number;
  readonly peakMib: number;
}

/**
 * Runs a command to completion with stdout to /dev/null, polling its VmHWM.
 *
 * @example
 * ```ts ignore
 * const { seconds, peakMib } = await timeChild(Deno.execPath(), ["run", "empty.ts"]);
 * ```
 */
export async function timeChild(command: string, args: string[]): Promise<ChildRun> {
  // GNU time reports the exact peak (the kernel's ru_maxrss) even of a child too short to poll.
  const time = await Deno.stat("/usr/bin/time").then(() => true, () => false);
  const report = time ? await Deno.makeTempFile() : undefined;
  const [bin, argv] = report === undefined
    ? [command, args]
    : ["/usr/bin/time", ["-f", "%M", "-o", report, command, ...args]];
  const started = performance.now();
  const child = new Deno.Command(bin, { args: argv, stdout: "null", stderr: "piped" }).spawn();
  let peak = 0;
  const watch = report === undefined
    ? setInterval(() => peak = Math.max(peak, peakKib(child.pid) ?? 0), 20)
    : undefined;
  const { code, stderr } = await child.output();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(watch);
  if (report !== undefined) {
    peak = Number((await Deno.readTextFile(report)).trim().split("\n").at(-1));
    await Deno.remove(report);
  }
  if (code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${code}: ${new TextDecoder().decode(stderr)}`,
    );
  }
  return { seconds, peakMib: peak / 1024 };
}

/**
 * The section: `reps` interleaved runs of each on a generated trace of `lines` lines.
 *
 * @example
 * ```ts ignore
 * const { netfsm, floor } = await replaySection(1_000_000, 3);
 * ```
 */
export async function replaySection(lines: number, reps: number) {
  const dir = await Deno.makeTempDir({ prefix: "netfsm-bench-" });
  try {
    const trace = `${dir}/trace.jsonl`;
    const source = await Deno.readTextFile(`${root}examples/traces/sta.jsonl`);
    const repeated = await generateTrace(trace, lines, source);
    const bytes = (await Deno.stat(trace)).size;
    const cli = [...await netfsmPermissions(), `${root}cli/netfsm.ts`, "replay", trace, "--json"];
    const floor = ["--allow-read", `${root}scripts/bench/replay_floor.ts`, trace];
    const runs = { netfsm: [] as ChildRun[], floor: [] as ChildRun[] };
    for (let rep = 0; rep < reps; rep++) {
      runs.netfsm.push(await timeChild(Deno.execPath(), ["run", ...cli]));
      runs.floor.push(await timeChild(Deno.execPath(), ["run", ...floor]));
    }
    return { lines, bytes, source: "examples/traces/sta.jsonl", repeated, ...runs };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
