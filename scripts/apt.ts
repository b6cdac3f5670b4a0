/**
 * Installing a Debian package for a test's tool (socat, chromium) on a clean machine: apt-get as
 * root, or through `sudo -n` (never asks a password); `apt-get update` first only when a plain
 * install fails (a fresh image has no package lists).
 *
 * @module
 */

/** True when `command args` runs and exits 0; false when it fails or is not installed at all. */
export async function succeeds(command: string, args: string[]): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(command, {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
      env: { DEBIAN_FRONTEND: "noninteractive" },
    }).output();
    return code === 0;
  } catch {
    return false;
  }
}

async function aptGet(args: string[]): Promise<boolean> {
  return await succeeds("apt-get", args) || await succeeds("sudo", ["-n", "apt-get", ...args]);
}

/**
 * Runs `apt-get install -y ARGS...`, again after `apt-get update` if the first try fails; true
 * when an install succeeded.
 *
 * @example
 * ```ts ignore
 * import { aptInstall } from "./apt.ts";
 * await aptInstall(["--no-install-recommends", "chromium"]);
 * ```
 */
export async function aptInstall(args: string[]): Promise<boolean> {
  const install = ["install", "-y", ...args];
  return await aptGet(install) || (await aptGet(["update"]) && await aptGet(install));
}
