// deno-lint-ignore-file no-console -- a command-line tool reports on the console
/**
 * Runs the Moddable scenarios (_scenarios.ts) on XS: bundles them with `deno bundle` into a
 * temporary directory and runs the bundle on the `xsnap` CLI (XS 13.3, toolchain.md §5). xsnap
 * has `setImmediate` but no `setTimeout`, which the shell uses for a turn of the event loop; the
 * runner defines one over `setImmediate`, as set_timeout.ts does over `Timer` on a device.
 *
 * Run: `node scripts/deno.mjs run --allow-all drivers/moddable/_run_on_xs.ts [path/to/xsnap]`.
 *
 * @module
 */

/** Where the project's xsnap build puts the binary (scripts/xs). */
export const XSNAP = new URL(
  "../../tools/xsnap/0.15.0/package/moddable/build/bin/lin/release/xsnap",
  import.meta.url,
).pathname;

const RUNNER = `
globalThis.setTimeout = (callback) => { setImmediate(callback); return 0; };
globalThis.clearTimeout = () => {};
const { runScenarios } = await import("./scenarios.mjs");
const results = await runScenarios();
for (const r of results) print(JSON.stringify(r));
`;

/** A scenario's result as XS printed it. */
export interface XsResult {
  readonly name: string;
  readonly pass: boolean;
  readonly failures: readonly string[];
}

/** Bundles and runs the scenarios on `xsnap`; an error says what failed before any result. */
export async function runOnXs(
  xsnap: string = XSNAP,
): Promise<{ readonly results: readonly XsResult[] } | { readonly error: string }> {
  const dir = await Deno.makeTempDir({ prefix: "netfsm_moddable_xs_" });
  try {
    const config = new URL("../../deno.json", import.meta.url).pathname;
    const entry = new URL("./_scenarios.ts", import.meta.url).pathname;
    const bundled = await new Deno.Command(Deno.execPath(), {
      args: ["bundle", "--config", config, "--format=esm", "-o", `${dir}/scenarios.mjs`, entry],
      stdout: "null",
    }).output();
    if (bundled.code !== 0) return { error: new TextDecoder().decode(bundled.stderr) };
    await Deno.writeTextFile(`${dir}/run.mjs`, RUNNER);
    const run = await new Deno.Command(xsnap, { args: ["-m", `${dir}/run.mjs`], cwd: dir })
      .output();
    const out = new TextDecoder().decode(run.stdout);
    if (run.code !== 0) return { error: `xsnap exited ${run.code}: ${out}` };
    const results = out.split("\n").filter((line) => line.startsWith("{")).map((line) =>
      JSON.parse(line) as XsResult
    );
    return { results };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const outcome = await runOnXs(Deno.args[0]);
  if ("error" in outcome) {
    console.error(outcome.error);
    Deno.exit(1);
  }
  for (const result of outcome.results) {
    console.log(`${result.pass ? "ok  " : "FAIL"} ${result.name}`);
    for (const failure of result.failures) console.log(`     ${failure}`);
  }
  Deno.exit(outcome.results.every((result) => result.pass) ? 0 : 1);
}
