// deno-lint-ignore-file no-console -- a command-line script reports on the console
/**
 * Installs Debian's `chromium` when /usr/bin/chromium is missing: the HTML report's browser test
 * (cli/report/report_browser_test.ts) drives it headless, and a clean CI machine lacks it. It
 * uses apt-get as root (or through `sudo -n`), and runs `apt-get update` only when a plain install
 * fails (a fresh image has no package lists). Run it again and it does nothing. When apt-get is
 * missing or the install fails, it says so and returns false; the browser test then fails with
 * {@link CHROMIUM_MISSING}, which says how to install it.
 *
 * Usage: deno run --allow-run --allow-read scripts/ensure_chromium.ts (or import
 * {@link ensureChromium}).
 *
 * @module
 */
import { aptInstall } from "./apt.ts";

/** Where Debian's package puts the browser; the browser test launches exactly this. */
export const CHROMIUM = "/usr/bin/chromium";

/** What the browser test says when there is no browser. */
export const CHROMIUM_MISSING =
  `${CHROMIUM} is missing and could not be installed: as root, run "apt-get update && ` +
  `apt-get install -y chromium" (Debian's package), or deno run --allow-run --allow-read ` +
  `scripts/ensure_chromium.ts`;

async function present(): Promise<boolean> {
  try {
    return (await Deno.stat(CHROMIUM)).isFile;
  } catch {
    return false;
  }
}

/**
 * Makes sure {@link CHROMIUM} exists; true when it does (already, or after installing it).
 *
 * @example
 * ```ts ignore
 * import { CHROMIUM_MISSING, ensureChromium } from "./ensure_chromium.ts";
 * if (!await ensureChromium()) throw new Error(CHROMIUM_MISSING);
 * ```
 */
export async function ensureChromium(): Promise<boolean> {
  if (await present()) return true;
  console.error(`${CHROMIUM} is missing (the HTML report's browser test needs it): installing`);
  const installed = await aptInstall(["--no-install-recommends", "chromium"]);
  if (installed && await present()) {
    console.error("chromium installed");
    return true;
  }
  console.error(CHROMIUM_MISSING);
  return false;
}

if (import.meta.main) Deno.exit(await ensureChromium() ? 0 : 1);
