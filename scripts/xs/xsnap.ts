// deno-lint-ignore-file no-console -- a build script reports on the console
/**
 * `deno task xsnap:build`: the plain `xsnap` CLI (Moddable XS, the agoric-labs fork), built from
 * the pinned `@agoric/xsnap` npm tarball into `tools/xsnap/` (git-ignored), only when missing.
 *
 * The tarball carries the XS sources and the CLI's makefile; its postinstall would build only the
 * netstring-speaking `xsnap-worker`, so the package is packed, not installed, and `xsnap.mk` is
 * run by hand (about 30 s on one core; needs gcc and make). The CLI runs `xsnap file.js` as a
 * script, prints with `print(...)`, and has no `console` and no `setTimeout`.
 *
 * Usage: deno task xsnap:build (prints the binary's path)
 *
 * @module
 */

/** The `@agoric/xsnap` release whose XS (13.3.0) the XS suites and the benchmark run on. */
export const XSNAP_VERSION = "0.15.0";

const root = new URL("../../", import.meta.url).pathname;
/** Where the tarball is unpacked and built: one folder per version, so a bump rebuilds. */
export const XSNAP_DIR = `${root}tools/xsnap/${XSNAP_VERSION}/`;
/** The binary `ensureXsnap` builds. */
export const XSNAP_BIN = `${XSNAP_DIR}package/moddable/build/bin/lin/release/xsnap`;

async function exists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

async function sh(command: string, args: string[], cwd: string): Promise<void> {
  // The build's output goes to stderr, so that a caller's stdout holds only the path.
  const { code, stdout, stderr } = await new Deno.Command(command, { args, cwd }).output();
  if (code !== 0) {
    const text = new TextDecoder();
    throw new Error(
      `${command} ${args.join(" ")} exited ${code}\n${text.decode(stdout)}${text.decode(stderr)}`,
    );
  }
}

/**
 * The path of the `xsnap` CLI, building it first when it is missing. Concurrent callers in one
 * process share one build.
 */
export function ensureXsnap(): Promise<string> {
  building ??= build().catch((error) => {
    building = undefined;
    throw error;
  });
  return building;
}

let building: Promise<string> | undefined;

async function build(): Promise<string> {
  if (await exists(XSNAP_BIN)) return XSNAP_BIN;
  // Built aside and moved into place: test files run in parallel isolates, which share no
  // promise, so two may build at once; the first to finish wins and the other's copy goes.
  const aside = `${XSNAP_DIR.replace(/\/$/, "")}.building-${crypto.randomUUID()}/`;
  await Deno.mkdir(aside, { recursive: true });
  try {
    console.error(`building xsnap ${XSNAP_VERSION} in ${XSNAP_DIR} (about 30 s)`);
    await sh("npm", ["pack", "--silent", `@agoric/xsnap@${XSNAP_VERSION}`], aside);
    await sh("tar", ["xzf", `agoric-xsnap-${XSNAP_VERSION}.tgz`], aside);
    await sh("make", [
      "-C",
      "package/xsnap-native/xsnap/makefiles/lin",
      "-f",
      "xsnap.mk",
      "GOAL=release",
      `MODDABLE=${aside}package/moddable`,
    ], aside);
    if (await exists(XSNAP_BIN)) return XSNAP_BIN;
    // A half-built folder (an interrupted run) makes way.
    await Deno.remove(XSNAP_DIR, { recursive: true }).catch(() => {});
    await Deno.rename(aside, XSNAP_DIR).catch(() => {});
  } finally {
    await Deno.remove(aside, { recursive: true }).catch(() => {});
  }
  if (!await exists(XSNAP_BIN)) throw new Error(`the xsnap build made no ${XSNAP_BIN}`);
  return XSNAP_BIN;
}

if (import.meta.main) console.log(await ensureXsnap());
