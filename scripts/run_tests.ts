// deno-lint-ignore-file no-console -- a command-line script reports on the console
/**
 * The whole test suite, as `deno task test` runs it: formatting and lint gates, the core purity
 * check, then every test (doc examples included). It ends with one plain line,
 * `N passed, N failed`, counted from Deno's JUnit report, and exits non-zero on any failure.
 *
 * Usage: deno task test [-- DENO_TEST_ARGS...]
 *
 * @module
 */
import { ensureSocat } from "./ensure_socat.ts";

/** Counts of a JUnit report. */
export interface Counts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/**
 * Counts the test cases in a JUnit XML report: a case with `<failure` or `<error` failed, one with
 * `<skipped` was skipped, any other passed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countJUnit } from "./run_tests.ts";
 * const xml = '<testsuite><testcase name="a"/><testcase name="b"><failure message="x"/></testcase><testcase name="c"><skipped/></testcase></testsuite>';
 * assert.deepEqual(countJUnit(xml), { passed: 1, failed: 1, skipped: 1 });
 * const node = '<testcase name="x_test.js => one" time="0.1"/><testcase name="x_test.js => two"><failure type="testCodeFailure"/></testcase>';
 * assert.deepEqual(countJUnit(node), { passed: 1, failed: 1, skipped: 0 });
 * ```
 */
export function countJUnit(xml: string): Counts {
  let passed = 0, failed = 0, skipped = 0;
  // Attribute values may hold ">" (Node's reporter keeps a test named "a => b" as written).
  const testcase = /<testcase\b(?:[^>"]|"[^"]*")*?(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testcase)) {
    const body = match[2] ?? "";
    if (/<(failure|error)\b/.test(body)) failed++;
    else if (/<skipped\b/.test(body)) skipped++;
    else passed++;
  }
  return { passed, failed, skipped };
}

async function run(args: string[]): Promise<number> {
  const { code } = await new Deno.Command(Deno.execPath(), {
    args,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  return code;
}

if (import.meta.main) {
  const report = ".test-results/junit.xml";
  await Deno.mkdir(".test-results", { recursive: true });
  // The serial transports' tests need socat; without it they fail saying so.
  await ensureSocat();
  const gates: [string, string[]][] = [
    ["formatting", ["fmt", "--check"]],
    ["lint", ["lint"]],
    ["core purity", ["run", "--allow-read", "scripts/check_purity.ts", "core"]],
  ];
  let gateFailures = 0;
  for (const [name, args] of gates) {
    if (await run(args) !== 0) {
      gateFailures++;
      console.error(`gate failed: ${name}`);
    }
  }
  const testCode = await run([
    "test",
    "--allow-all",
    "--doc",
    "--parallel",
    `--junit-path=${report}`,
    ...Deno.args,
  ]);
  // The same suite again on Node against the npm build, and the package's consumer test.
  // On the machine's Node and on each supported LTS line (scripts/build_npm.ts).
  const npmReports = ["", "-node22", "-node24"].flatMap((suffix) => [
    `.test-results/node${suffix}-junit.xml`,
    `.test-results/npm-consumer${suffix}-junit.xml`,
  ]);
  for (const old of npmReports) await Deno.remove(old).catch(() => {});
  const npmCode = await run(["run", "--allow-all", "scripts/build_npm.ts"]);
  let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  let lost = 0;
  const reports: [string, string][] = [
    [report, "deno test"],
    ...npmReports.map((path): [string, string] => [path, "the npm build"]),
  ];
  for (const [path, what] of reports) {
    try {
      const more = countJUnit(await Deno.readTextFile(path));
      counts = {
        passed: counts.passed + more.passed,
        failed: counts.failed + more.failed,
        skipped: counts.skipped + more.skipped,
      };
    } catch {
      lost++;
      console.error(`no JUnit report at ${path}: ${what} did not finish`);
    }
  }
  const unexplained = (testCode !== 0 || npmCode !== 0) && counts.failed === 0 && lost === 0;
  const failed = counts.failed + gateFailures + lost + (unexplained ? 1 : 0);
  const passed = counts.passed + gates.length - gateFailures;
  console.log(
    `${passed} passed, ${failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ""}`,
  );
  Deno.exit(failed === 0 ? 0 : 1);
}
