/**
 * Recording a live run as a trace: the header from the configuration and the device, then every
 * input the shell applied except timer firings (a replayer fires those itself). Every psk is
 * redacted on the way out.
 *
 * @module
 */
import type { Applied } from "../core/advance.ts";
import type { Device } from "../core/device.ts";
import { headerLine, inputLine } from "../core/trace/writer.ts";

/**
 * Returns an `onStep` hook that writes trace lines to `write`, after writing the header.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordTrace } from "./recorder.ts";
 * const lines: string[] = [];
 * const onStep = recordTrace({ ap: {} }, { mac: "24:0a:c4:12:34:56" }, (line) => lines.push(line));
 * onStep({ input: { type: "start", at: 0 }, state: undefined as never, effects: [] });
 * onStep({ input: { type: "timer", at: 5, timer: "reconnect" }, state: undefined as never, effects: [] });
 * assert.deepEqual(lines.slice(1), ['{"at":0,"type":"start"}']);
 * ```
 */
export function recordTrace(
  config: unknown,
  device: Device,
  write: (line: string) => void,
): (applied: Applied) => void {
  write(headerLine(config, device));
  return (applied) => {
    if (applied.input.type !== "timer") write(inputLine(applied.input));
  };
}
