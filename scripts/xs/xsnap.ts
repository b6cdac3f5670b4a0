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
import { isFile, runQuietly } from "../run_quietly.ts";

export const XSNAP_VERSION = "0.15.0";

const root = new URL("../../", import.meta.url).pathname;
/** Where the tarball is unpacked and built: one folder per version, so a bump rebuilds. */
export const XSNAP_DIR = `${root}tools/xsnap/${XSNAP_VERSION}/`;
/** The binary `ensureXsnap` builds. */
export const XSNAP_BIN = `${XSNAP_DIR}package/moddable/build/bin/lin/release/xsnap`;

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
  if (await isFile(XSNAP_BIN)) return XSNAP_BIN;
  // Built aside and moved into place: test files run in parallel isolates, which share no
  // promise, so two may build at once; the first to finish wins and the other's copy goes.
  const aside = `${XSNAP_DIR.replace(/\/$/, "")}.building-${crypto.randomUUID()}/`;
  await Deno.mkdir(aside, { recursive: true });
  try {
    console.error(`building xsnap ${XSNAP_VERSION} in ${XSNAP_DIR} (about 30 s)`);
    await runQuietly("npm", ["pack", "--silent", `@agoric/xsnap@${XSNAP_VERSION}`], aside);
    await runQuietly("tar", ["xzf", `agoric-xsnap-${XSNAP_VERSION}.tgz`], aside);
    await runQuietly("make", [
      "-C",
      "package/xsnap-native/xsnap/makefiles/lin",
      "-f",
      "xsnap.mk",
      "GOAL=release",
      `MODDABLE=${aside}package/moddable`,
    ], aside);
    if (await isFile(XSNAP_BIN)) return XSNAP_BIN;
    // A half-built folder (an interrupted run) makes way.
    await Deno.remove(XSNAP_DIR, { recursive: true }).catch(() => {});
    await Deno.rename(aside, XSNAP_DIR).catch(() => {});
  } finally {
    await Deno.remove(aside, { recursive: true }).catch(() => {});
  }
  if (!await isFile(XSNAP_BIN)) throw new Error(`the xsnap build made no ${XSNAP_BIN}`);
  return XSNAP_BIN;
}

if (import.meta.main) console.log(await ensureXsnap());
