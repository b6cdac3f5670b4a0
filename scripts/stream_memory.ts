// deno-lint-ignore-file no-console -- a measuring script reports on the console
/**
 * Shows that `netfsm replay -` and `netfsm import -` stream: generates a trace (and an ESP-IDF
 * log) of N lines on the fly, pipes it through the real CLI, and reports the child's peak
 * resident memory (VmHWM, Linux). Flat memory means the peak at ten million lines is the peak at
 * one million.
 *
 *     deno task stream-memory                 # 1,000,000 and 10,000,000 lines
 *     deno task stream-memory 100000 1000000  # other sizes
 *
 * @module
 */

const ENTRY = new URL("../cli/netfsm.ts", import.meta.url).pathname;
const encoder = new TextEncoder();

const HEADER = JSON.stringify({
  trace: "netfsm",
  version: 1,
  config: {
    sta: { ssid: "home", psk: "<redacted>", connected: true, disconnected: true, got_ip: true },
  },
  device: { mac: "24:0a:c4:12:34:56" },
});

/** Line `i` of a trace that joins, gets an address and loses the AP every ten seconds. */
function traceLine(i: number): string {
  if (i === 0) return HEADER;
  if (i === 1) return '{"at": 0, "type": "start"}';
  const cycle = Math.floor((i - 2) / 3);
  const at = cycle * 10_000;
  switch ((i - 2) % 3) {
    case 0:
      return `{"at": ${at + 1000}, "type": "sta_connected", "ssid": "home", "channel": 6}`;
    case 1:
      return `{"at": ${at + 1500}, "type": "sta_got_ip", "ip": "192.168.1.${
        20 + cycle % 200
      }", "netmask": "255.255.255.0", "gw": "192.168.1.1"}`;
    default:
      return `{"at": ${at + 6000}, "type": "sta_disconnected", "reason": 8}`;
  }
}

/** Line `i` of an ESP-IDF soft-AP log where a station joins, is given an address and leaves. */
function logLine(i: number): string {
  const ms = 1000 + i * 1000;
  switch (i % 3) {
    case 0:
      return `I (${ms}) wifi: station: f4:31:c3:c3:41:f9 join, AID=1, bg, 20`;
    case 1:
      return `I (${ms}) esp_netif_lwip: DHCP server assigned IP to a station, IP is: 192.168.4.2`;
    default:
      return `I (${ms}) wifi: station: f4:31:c3:c3:41:f9 leave, AID = 1`;
  }
}

/**
 * The peak resident memory (VmHWM) of a running process, in KiB; undefined once it has ended or
 * off Linux. A high-water mark: read it while the process runs, as late as possible.
 *
 * @example
 * ```ts ignore
 * import { peakKib } from "./stream_memory.ts";
 * peakKib(Deno.pid); // e.g. 61234
 * ```
 */
export function peakKib(pid: number): number | undefined {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match === null ? undefined : Number(match[1]);
  } catch {
    return undefined; // the process has ended
  }
}

interface Measure {
  readonly lines: number;
  readonly outputBytes: number;
  readonly peakMib: number;
  readonly seconds: number;
}

async function measure(args: string[], lines: number, line: (i: number) => string) {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-env", ENTRY, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  let peak = 0;
  const watch = setInterval(() => peak = Math.max(peak, peakKib(child.pid) ?? 0), 100);
  let outputBytes = 0;
  const drained = (async () => {
    for await (const chunk of child.stdout) {
      outputBytes += chunk.length;
      // VmHWM is a high-water mark: read it while the child still runs, after its last output.
      peak = Math.max(peak, peakKib(child.pid) ?? 0);
    }
  })();
  const writer = child.stdin.getWriter();
  const batch: string[] = [];
  for (let i = 0; i < lines; i++) {
    batch.push(line(i));
    if (batch.length === 4096) {
      await writer.write(encoder.encode(batch.join("\n") + "\n"));
      batch.length = 0;
    }
  }
  await writer.write(encoder.encode(batch.join("\n") + "\n"));
  await writer.close();
  await drained;
  const status = await child.status;
  clearInterval(watch);
  if (!status.success) throw new Error(`netfsm ${args.join(" ")} exited ${status.code}`);
  return {
    lines,
    outputBytes,
    peakMib: peak / 1024,
    seconds: (performance.now() - started) / 1000,
  } satisfies Measure;
}

if (import.meta.main) {
  const sizes = Deno.args.length > 0 ? Deno.args.map(Number) : [1_000_000, 10_000_000];
  console.log("| command | lines in | output | peak RSS | time |");
  console.log("|---|---:|---:|---:|---:|");
  for (
    const [name, args, line] of [
      ["replay - --json", ["replay", "-", "--json"], traceLine],
      ["import -", ["import", "-", "--mac", "24:0a:c4:12:34:56"], logLine],
    ] as const
  ) {
    for (const size of sizes) {
      const m = await measure([...args], size, line);
      console.log(
        `| \`netfsm ${name}\` | ${m.lines.toLocaleString("en")} | ${
          (m.outputBytes / 1e6).toFixed(0)
        } MB | ${m.peakMib.toFixed(0)} MiB | ${m.seconds.toFixed(1)} s |`,
      );
    }
  }
}
