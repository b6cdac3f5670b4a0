/**
 * What an XS application (Moddable, or the `xsnap` CLI) imports from netfsm's XS bundle
 * (`deno task build:xs`): the pure core (`createState`, `step`, `advance`, the trace reader and
 * replay), the one imperative shell, and a virtual clock for tests and simulations.
 *
 * The bundle is ES2020 with no host API beyond the language: no `console`, timers only through
 * the `Clock` the application passes the shell (a `VirtualClock`, or one over Moddable's `Timer`).
 *
 * @module
 */
export * from "../../core/mod.ts";
export { Shell } from "../shell.ts";
export type { Diagnostic, Handlers, ShellOptions } from "../shell.ts";
export { VirtualClock } from "../clock.ts";
export type { Clock } from "../clock.ts";
export type { Driver, DriverCommand } from "../driver.ts";
