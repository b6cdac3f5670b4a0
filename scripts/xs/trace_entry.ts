/**
 * The XS test bundle beside the budgeted one (`globalThis.netfsmTrace`): the trace reader and
 * writer, replay and the virtual clock, what the XS suites and the XS benchmark need but an
 * application on a device does not. Replay steps with this bundle's own copy of the core, built
 * from the same sources by the same bundler; the invariant and shell suites and the benchmark
 * step with the budgeted bundle itself.
 *
 * @module
 */
export * from "../../core/trace/header.ts";
export * from "../../core/trace/input_line.ts";
export * from "../../core/trace/replay.ts";
export * from "../../core/trace/writer.ts";
export { VirtualClock } from "../../drivers/clock.ts";
