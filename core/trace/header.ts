/**
 * The trace header (line 1 of a trace file): which format, which version, the configuration the
 * network was started with, and the device's facts. See trace-format.md.
 *
 * @module
 */
import * as t from "io-ts";
import { type Either, isLeft, left, right } from "fp-ts/lib/Either.js";
import { type Device, deviceCodec } from "../device.ts";
import { describeType, isRecord } from "../json.ts";
import { clip, exceedsDepth, TOO_DEEP } from "../limits.ts";
import { toProblems } from "../config/problem.ts";

/** The trace format version this reader and writer speak. */
export const TRACE_VERSION = 1;

/** A decoded header. `config` stays raw JSON: an invalid one is replayed, and `start` reports it. */
export interface TraceHeader {
  readonly trace: "netfsm";
  readonly version: 1;
  readonly config: unknown;
  readonly device: Device;
}

const headerFields = t.type({ config: t.unknown, device: deviceCodec });

/**
 * Decodes a parsed header line. Another format or version is refused with a clear message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeHeader } from "./header.ts";
 * const bad = decodeHeader({ trace: "netfsm", version: 2, config: {}, device: { mac: "24:0a:c4:12:34:56" } });
 * assert.equal(bad._tag === "Left" && bad.left, "trace version 2 is not supported: this reader knows version 1");
 * ```
 */
export function decodeHeader(json: unknown): Either<string, TraceHeader> {
  if (!isRecord(json)) return left(`the header must be a JSON object, got ${describeType(json)}`);
  if (json.trace !== "netfsm") {
    return left(`the header must have "trace": "netfsm" (is this a netfsm trace?)`);
  }
  if (json.version !== TRACE_VERSION) {
    const version = json.version;
    if (typeof version !== "number" && typeof version !== "string") {
      return left(`the header's "version" must be ${TRACE_VERSION}, got ${describeType(version)}`);
    }
    const shown = typeof version === "number" ? String(version) : `"${clip(version)}"`;
    return left(
      `trace version ${shown} is not supported: this reader knows version ${TRACE_VERSION}`,
    );
  }
  if (!isRecord(json.device) || typeof json.device.mac !== "string") {
    return left(
      `the header needs "device": {"mac": "24:0a:c4:12:34:56", ...}, the device's facts, got ${
        json.device === undefined ? "no device" : `a device without a "mac" string`
      }`,
    );
  }
  const fields = headerFields.decode(json);
  if (isLeft(fields)) {
    const problems = toProblems(fields.left, "header");
    return left(problems.map((p) => `${p.path}: ${p.message}`).join("; "));
  }
  // The configuration stays raw until start decodes it, so its depth is bounded here.
  if (exceedsDepth(fields.right.config)) return left(`config: ${TOO_DEEP}`);
  return right({
    trace: "netfsm",
    version: 1,
    config: fields.right.config,
    device: fields.right.device,
  });
}
