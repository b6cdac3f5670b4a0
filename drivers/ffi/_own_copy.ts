/**
 * For the tests: this test file's own copy of a stand-in library. A stand-in keeps its world in
 * globals, and a process loads one path once, so test files running in parallel in one process
 * (Deno's `--parallel` workers) would share, and reset, one world. A copy under another path is
 * loaded apart, with globals of its own. Copies are removed when the file's tests end.
 *
 * @module
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import process from "node:process";

const copies = new Map<string, string>();
let folder: string | undefined;

function removeCopies(): void {
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
  copies.clear();
}

/**
 * The path of this module instance's copy of the library at `path`, made on first use.
 *
 * @example
 * ```ts ignore
 * import { ownCopy } from "./_own_copy.ts";
 * const path = ownCopy(await ensureNative("esp_idf_sim_5.5")); // then open `path`, never the original
 * ```
 */
export function ownCopy(path: string): string {
  const known = copies.get(path);
  if (known !== undefined) return known;
  if (folder === undefined) {
    folder = mkdtempSync(join(tmpdir(), "netfsm-stand-in-"));
    // A Deno test worker ends with "unload"; a Node process with "exit".
    const events = globalThis as {
      addEventListener?: (type: string, listener: () => void) => void;
    };
    if (events.addEventListener !== undefined) events.addEventListener("unload", removeCopies);
    else process.on("exit", removeCopies);
  }
  const copy = join(folder, basename(path));
  copyFileSync(path, copy);
  copies.set(path, copy);
  return copy;
}
