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
 * ```
 */
export function countJUnit(xml: string): Counts {
  let passed = 0, failed = 0, skipped = 0;
  for (const match of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
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
  let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    counts = countJUnit(await Deno.readTextFile(report));
  } catch {
    console.error(`no JUnit report at ${report}: deno test did not finish`);
  }
  const failed = counts.failed + gateFailures + (testCode !== 0 && counts.failed === 0 ? 1 : 0);
  const passed = counts.passed + gates.length - gateFailures;
  console.log(
    `${passed} passed, ${failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ""}`,
  );
  Deno.exit(failed === 0 ? 0 : 1);
}
