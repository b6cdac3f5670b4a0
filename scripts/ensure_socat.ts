// deno-lint-ignore-file no-console -- a command-line script reports on the console
/**
 * Installs socat when it is missing: the serial transports' tests join two pseudo-terminals with
 * it (drivers/esp_at/pty_pair.ts), and a clean CI machine lacks it. Debian's apt-get, as root (or
 * through `sudo -n`); `apt-get update` first only when a plain install fails (a fresh image has no
 * package lists). When it cannot be installed it says so and returns false: the tests then fail
 * with pty_pair's own message, `socat is not installed: apt-get install socat`.
 *
 * Usage: deno run --allow-run scripts/ensure_socat.ts (or import {@link ensureSocat}).
 *
 * @module
 */
import { aptInstall, succeeds } from "./apt.ts";

/**
 * Makes sure `socat` runs; true when it does (already, or after installing it).
 *
 * @example
 * ```ts ignore
 * import { ensureSocat } from "./ensure_socat.ts";
 * if (!await ensureSocat()) console.error("the serial tests will fail: no socat");
 * ```
 */
export async function ensureSocat(): Promise<boolean> {
  if (await succeeds("socat", ["-V"])) return true;
  console.error("socat is missing (the serial tests need it): running apt-get install -y socat");
  const installed = await aptInstall(["socat"]);
  if (installed && await succeeds("socat", ["-V"])) {
    console.error("socat installed");
    return true;
  }
  console.error(
    "socat could not be installed (apt-get install -y socat failed, also after apt-get update): " +
      "the serial tests will fail until it is installed",
  );
  return false;
}

if (import.meta.main) Deno.exit(await ensureSocat() ? 0 : 1);
