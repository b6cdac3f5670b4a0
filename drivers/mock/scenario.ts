/**
 * Scenario files: a configuration, a device, the world around it, the application's requests,
 * and how long to run. See examples/scenarios/README.md for the format.
 *
 * @module
 */
import * as t from "io-ts";
import { type Either, isLeft, left, right } from "fp-ts/lib/Either.js";
import { type ConfigProblem, toProblems } from "../../core/config/problem.ts";
import { integerIn } from "../../core/config/codecs.ts";
import { type Device, deviceCodec } from "../../core/device.ts";
import type { Json } from "../../core/json.ts";
import { type World, worldCodec } from "./world.ts";
import { MOCK_DEVICE } from "./mock_driver.ts";

/** A request the scenario makes, and when. */
export interface ScenarioRequest {
  readonly at: number;
  readonly type: "start" | "stop" | "sta_connect" | "sta_disconnect" | "scan" | "sta_rssi";
  /** For `sta_connect`: a `sta` section or a flat `ssid`/`psk`/`dhcp_hostname`. */
  readonly config?: Json;
  /** For `scan`: `results`, `dwell`, `passive`, `show_hidden`. */
  readonly options?: Json;
}

const ms: t.Type<number, unknown, unknown> = integerIn(0, Number.MAX_SAFE_INTEGER, "milliseconds");
const json = new t.Type<Json, Json, unknown>(
  "json",
  (u): u is Json => u !== undefined,
  (u, c) => u === undefined ? t.failure(u, c) : t.success(u as Json),
  t.identity,
);
const requestCodec: t.Type<ScenarioRequest, unknown, unknown> = t.exact(t.intersection([
  t.type({
    at: ms,
    type: t.keyof({
      start: null,
      stop: null,
      sta_connect: null,
      sta_disconnect: null,
      scan: null,
      sta_rssi: null,
    }),
  }),
  t.partial({ config: json, options: json }),
]));

const scenarioCodec = t.exact(t.intersection([
  t.type({ config: t.unknown, duration: integerIn(1, 7 * 24 * 3_600_000, "milliseconds") }),
  t.partial({
    name: t.string,
    description: t.string,
    device: deviceCodec,
    world: worldCodec,
    requests: t.readonlyArray(requestCodec),
    seed: integerIn(0, 2 ** 32 - 1),
  }),
]));

/** A decoded scenario with its defaults filled in. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly config: unknown;
  readonly device: Device;
  readonly world: World;
  readonly duration: number;
  readonly requests: readonly ScenarioRequest[];
  readonly seed: number;
}

/**
 * Decodes a parsed scenario file; every problem is reported with its path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeScenario } from "./scenario.ts";
 * const bad = decodeScenario({ config: {}, duration: 0, world: { faults: { drop: 2 } } });
 * assert.deepEqual(bad._tag === "Left" && bad.left.map((p) => p.path), ["duration", "world.faults.drop"]);
 * ```
 */
export function decodeScenario(json: unknown): Either<readonly ConfigProblem[], Scenario> {
  const decoded = scenarioCodec.decode(json);
  if (isLeft(decoded)) return left(toProblems(decoded.left, "scenario"));
  const s = decoded.right;
  return right({
    name: s.name ?? "scenario",
    description: s.description ?? "",
    config: s.config,
    device: s.device ?? MOCK_DEVICE,
    world: s.world ?? {},
    duration: s.duration,
    requests: s.requests ?? [{ at: 0, type: "start" }],
    seed: s.seed ?? 1,
  });
}
