/**
 * The Node section: step_suite.js on Node against the npm build (npm/esm/, from
 * `deno task build:npm`), on the machine's `node` and on the pinned Node 24 (scripts/ensure_node.ts),
 * each a child process running node_runner.mjs. A missing npm build, or one older than core/, is
 * built with `--build`; otherwise a missing one skips the section and an old one is flagged.
 *
 * @module
 */
const root = new URL("../../", import.meta.url).pathname;
/** The npm build the Node section imports. */
export const NPM_DIR = `${root}npm`;

async function mtime(path: string): Promise<number | undefined> {
  try {
    return (await Deno.stat(path)).mtime?.getTime();
  } catch {
    return undefined;
  }
}

async function newestTs(dir: string): Promise<number> {
  let newest = 0;
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) newest = Math.max(newest, await newestTs(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, (await mtime(path)) ?? 0);
  }
  return newest;
}

/**
 * Whether the npm build is there (building it when asked), and a warning when core/ is newer.
 *
 * @example
 * ```ts ignore
 * const { ok, note } = await npmBuild(false);
 * ```
 */
export async function npmBuild(build: boolean): Promise<{ ok: boolean; note?: string }> {
  const entry = `${NPM_DIR}/esm/core/mod.js`;
  const stale = async () => (await newestTs(`${root}core`)) > ((await mtime(entry)) ?? 0);
  const missing = (await mtime(entry)) === undefined;
  if (build && (missing || await stale())) {
    const run = await new Deno.Command(Deno.execPath(), {
      args: ["task", "build:npm"],
      cwd: root,
      stdout: "null",
      stderr: "inherit",
    }).output();
    if (!run.success) return { ok: false, note: `deno task build:npm exited ${run.code}` };
  } else if (missing) {
    return { ok: false, note: "npm/ is missing: run `deno task build:npm` or pass --build" };
  }
  return await stale()
    ? { ok: true, note: "npm/ is older than core/: this measures the build, not core/ (--build)" }
    : { ok: true };
}

/**
 * Runs node_runner.mjs on `node` (a path or a name on PATH); its version and rates.
 *
 * @example
 * ```ts ignore
 * const { node, rates } = await runOnNode("node", traces, 1_000_000, 7);
 * ```
 */
export async function runOnNode(
  node: string,
  traces: readonly string[],
  steps: number,
  reps: number,
): Promise<{ node: string; rates: Record<string, number[]> }> {
  const runner = `${root}scripts/bench/node_runner.mjs`;
  const { code, stdout, stderr } = await new Deno.Command(node, {
    args: [runner, NPM_DIR, String(steps), String(reps), ...traces],
    cwd: root,
  }).output();
  const text = new TextDecoder();
  if (code !== 0) throw new Error(`${node} node_runner.mjs exited ${code}: ${text.decode(stderr)}`);
  return JSON.parse(text.decode(stdout).trim().split("\n").at(-1)!);
}
