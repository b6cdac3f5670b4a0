/**
 * Rejections nobody handled and errors nobody caught, while an input runs: each is something that
 * escaped netfsm, so the input it happened under is charged with it.
 *
 * @module
 */

const caught: string[] = [];
let listening = false;

/** How a thrown value reads in a report, even one whose conversion to a string throws. */
export function describeThrown(thrown: unknown): string {
  if (typeof thrown === "object" && thrown !== null && Object.getPrototypeOf(thrown) === null) {
    return "an object with no prototype";
  }
  try {
    if (thrown instanceof Error) return `${thrown.name}: ${thrown.message}`;
    return `a thrown ${typeof thrown}: ${String(thrown)}`;
  } catch {
    return `a thrown ${typeof thrown} that cannot be shown as a string`;
  }
}

/**
 * Starts listening (once) for unhandled rejections and uncaught errors, and returns those seen
 * since the last call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { takeStray } from "./stray.ts";
 * takeStray();
 * assert.deepEqual(takeStray(), []);
 * ```
 */
export function takeStray(): string[] {
  // Node has no global event target for these; there an unhandled rejection ends the process,
  // which a test reports as well.
  if (!listening && typeof globalThis.addEventListener === "function") {
    listening = true;
    globalThis.addEventListener("unhandledrejection", (event) => {
      event.preventDefault();
      caught.push(`unhandled rejection: ${describeThrown(event.reason)}`);
    });
    globalThis.addEventListener("error", (event) => {
      event.preventDefault();
      caught.push(`uncaught: ${describeThrown(event.error)}`);
    });
  }
  return caught.splice(0);
}
