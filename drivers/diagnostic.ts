/**
 * Diagnostics, and handing them to the application's hooks, which may throw. A hook that throws
 * must not take the shell with it: it becomes a `hook_failed` diagnostic, and when the diagnostic
 * hook itself is the one failing, the diagnostic is dropped and counted.
 *
 * @module
 */
import type { DiagnosticLevel } from "../core/effect.ts";

/** A diagnostic from the core or the shell. */
export interface Diagnostic {
  readonly level: DiagnosticLevel;
  readonly code: string;
  readonly message: string;
}

/**
 * The codes of the shell's own diagnostics (the core's are in each step's effects): a callback
 * that threw or ran over its limit, a hook that threw, a driver event that did not decode, a
 * driver whose close failed.
 */
export const SHELL_DIAGNOSTIC_CODES: readonly string[] = [
  "callback_failed",
  "callback_timeout",
  "hook_failed",
  "invalid_event",
  "driver_close_failed",
];

/**
 * Delivers diagnostics to an `onDiagnostic` hook and runs the other hooks, so that none can throw
 * into the shell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DiagnosticSink, type Diagnostic } from "./diagnostic.ts";
 * const seen: Diagnostic[] = [];
 * const sink = new DiagnosticSink((d) => void seen.push(d), String);
 * sink.guard("onStep", () => { throw new Error("boom"); });
 * assert.deepEqual(seen, [{ level: "error", code: "hook_failed", message: "onStep threw: Error: boom" }]);
 * const broken = new DiagnosticSink(() => { throw new Error("down"); }, String);
 * broken.report({ level: "info", code: "x", message: "y" });
 * assert.equal(broken.dropped, 1);
 * ```
 */
export class DiagnosticSink {
  #dropped = 0;

  /**
   * @param hook the application's `onDiagnostic`, if any
   * @param describe text for a thrown value: it must not throw, and must hold no secret
   */
  constructor(
    readonly hook: ((diagnostic: Diagnostic) => void) | undefined,
    readonly describe: (thrown: unknown) => string,
  ) {}

  /** Diagnostics lost because `onDiagnostic` threw on them. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Hands `diagnostic` to the hook; never throws. */
  report(diagnostic: Diagnostic): void {
    if (this.hook === undefined) return;
    try {
      this.hook(diagnostic);
    } catch {
      // Reporting this failure would go to the very hook that failed: count it instead.
      this.#dropped++;
    }
  }

  /** Runs the hook `name`; if it throws, reports `hook_failed` instead. Never throws. */
  guard(name: string, run: () => void): void {
    try {
      run();
    } catch (thrown) {
      this.report({
        level: "error",
        code: "hook_failed",
        message: `${name} threw: ${this.describe(thrown)}`,
      });
    }
  }
}
