/**
 * Writing traces: the header and input lines of trace-format.md, with every psk redacted.
 *
 * @module
 */
import type { Device } from "../device.ts";
import type { Input } from "../input.ts";
import { redactSecrets } from "../redact.ts";
import { TRACE_VERSION } from "./header.ts";

/**
 * The header line for a run with `config` on `device`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { headerLine } from "./writer.ts";
 * const line = headerLine({ sta: { ssid: "home", psk: "secret12" } }, { mac: "24:0a:c4:12:34:56", nvs: { sta_psk: "x" } });
 * assert.equal(line, '{"trace":"netfsm","version":1,"config":{"sta":{"ssid":"home","psk":"<redacted>"}},"device":{"mac":"24:0a:c4:12:34:56","nvs":{"sta_psk":"<redacted>"}}}');
 * ```
 */
export function headerLine(config: unknown, device: Device): string {
  return JSON.stringify({
    trace: "netfsm",
    version: TRACE_VERSION,
    config: redactSecrets(config),
    device: redactSecrets(device),
  });
}

/**
 * The line for one input, `at` first. Timer firings are not inputs of a trace: a replayer fires
 * timers itself, so they are refused here.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inputLine } from "./writer.ts";
 * assert.equal(inputLine({ type: "sta_disconnected", at: 60000, reason: 200 }), '{"at":60000,"type":"sta_disconnected","reason":200}');
 * ```
 */
export function inputLine(input: Input): string {
  if (input.type === "timer") throw new Error("Cannot write a timer firing as a trace input");
  const { at, ...fields } = input;
  return JSON.stringify(redactSecrets({ at, ...fields }));
}
