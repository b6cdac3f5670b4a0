/**
 * Inputs and verdicts as JSON lines, between the fuzzer and the process that evaluates for it:
 * JSON as it is, but a file's bytes (not valid UTF-8, or they would be text) as Latin-1 text
 * under `$bytes`.
 *
 * @module
 */
import type { AnyCase } from "./evaluate.ts";

/** One request: an input to evaluate, by id. */
export interface WireRequest {
  readonly id: number;
  readonly job: AnyCase;
}

function latin1(bytes: Uint8Array): string {
  let text = "";
  // In slices: spreading two megabytes into one call would overflow the stack.
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return text;
}

/**
 * A request as one line of JSON.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeRequest, encodeRequest } from "./wire.ts";
 * const job = { kind: "cli" as const, input: { command: "check" as const, argv: ["check", "c"], files: { c: new Uint8Array([0xff, 0x0a]) }, psk: "P", family: "" } };
 * const back = decodeRequest(encodeRequest({ id: 7, job }));
 * assert.equal(back.id, 7);
 * assert.deepEqual(back.job, job);
 * assert.ok(!encodeRequest({ id: 7, job }).includes("\n"));
 * ```
 */
export function encodeRequest(request: WireRequest): string {
  return JSON.stringify(
    request,
    (_key, value) => value instanceof Uint8Array ? { $bytes: latin1(value) } : value,
  );
}

/** A request from its line. */
export function decodeRequest(line: string): WireRequest {
  return JSON.parse(line, (_key, value) => {
    if (typeof value === "object" && value !== null && typeof value.$bytes === "string") {
      const text = value.$bytes as string;
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return bytes;
    }
    return value;
  }) as WireRequest;
}
