/**
 * What an XS application (Moddable, or the `xsnap` CLI) imports from netfsm's XS bundle
 * (`deno task build:xs`, budgeted): the pure core (`createState`, `step`, `advance`, the
 * configuration's decoding) and the one imperative shell. The trace reader, replay and the
 * virtual clock are tools for a host and for tests: they are in `scripts/xs/trace_entry.ts`.
 *
 * The bundle is ES2020 with no host API beyond the language: no `console`, timers only through
 * the `Clock` the application passes the shell (one over Moddable's `Timer`).
 *
 * @module
 */
export * from "../../core/advance.ts";
export * from "../../core/config/problem.ts";
export * from "../../core/config/resolve.ts";
export * from "../../core/config/schema.ts";
export * from "../../core/device.ts";
export * from "../../core/effect.ts";
export * from "../../core/input.ts";
export * from "../../core/json.ts";
export * from "../../core/redact.ts";
export * from "../../core/state.ts";
export * from "../../core/step.ts";
export * from "../../core/table.ts";
export * from "../../core/timers.ts";
export { Shell } from "../shell.ts";
export type { Diagnostic, Handlers, ShellOptions } from "../shell.ts";
export type { Clock } from "../clock.ts";
export type { Driver, DriverCommand } from "../driver.ts";
