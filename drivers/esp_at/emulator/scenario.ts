/**
 * The emulator's scenario file: the simulated world, the radio's seed, the device's MAC, what its
 * NVS held at power-up, and how it boots. See examples/esp_at/README.md for the format.
 *
 * @module
 */
import * as t from "io-ts";
import { type Either, isLeft, left, right } from "fp-ts/lib/Either.js";
import { boundedText, flag, integerIn } from "../../../core/config/codecs.ts";
import { type ConfigProblem, toProblems } from "../../../core/config/problem.ts";
import { type Device, deviceCodec } from "../../../core/device.ts";
import { MOCK_DEVICE } from "../../mock/mock_driver.ts";
import { type World, worldCodec } from "../../mock/world.ts";
import { DEFAULT_BOOT_DELAY_MS } from "./emulator.ts";
import { DEFAULT_VERSIONS } from "./reports.ts";
import { type Saved, savedCodec } from "./settings.ts";

/** A decoded scenario, defaults filled in. */
export interface EmulatorScenario {
  readonly description: string;
  readonly world: World;
  readonly seed: number;
  readonly device: Device;
  readonly saved: Saved;
  readonly bootNoise: boolean;
  readonly bootDelayMs: number;
  readonly firmware: readonly string[];
}

const scenarioCodec = t.exact(t.partial({
  name: t.string,
  description: t.string,
  world: worldCodec,
  seed: integerIn(0, 2 ** 32 - 1),
  device: deviceCodec,
  saved: savedCodec,
  boot_noise: flag,
  boot_delay_ms: integerIn(0, 60_000, "milliseconds"),
  firmware: t.readonlyArray(boundedText(1, 128)),
}));

/**
 * Decodes a parsed scenario file; every problem is reported with its path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeEmulatorScenario } from "./scenario.ts";
 * const bad = decodeEmulatorScenario({ saved: { mode: 5 }, world: { access_points: [{}] } });
 * assert.deepEqual(bad._tag === "Left" && bad.left.map((p) => p.path), ["world.access_points.0.ssid", "saved.mode"]);
 * const good = decodeEmulatorScenario({});
 * assert.equal(good._tag === "Right" && good.right.device.mac, "24:0a:c4:12:34:56");
 * ```
 */
export function decodeEmulatorScenario(
  json: unknown,
): Either<readonly ConfigProblem[], EmulatorScenario> {
  const decoded = scenarioCodec.decode(json);
  if (isLeft(decoded)) return left(toProblems(decoded.left, "scenario"));
  const s = decoded.right;
  return right({
    description: s.description ?? "",
    world: s.world ?? {},
    seed: s.seed ?? 1,
    device: s.device ?? MOCK_DEVICE,
    saved: s.saved ?? {},
    bootNoise: s.boot_noise ?? false,
    bootDelayMs: s.boot_delay_ms ?? DEFAULT_BOOT_DELAY_MS,
    firmware: s.firmware ?? DEFAULT_VERSIONS,
  });
}

/**
 * The world in a few words, for the line the CLI prints when it starts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeWorld } from "./scenario.ts";
 * assert.equal(
 *   describeWorld({ access_points: [{ ssid: "home" }], stations: [{ mac: "3c:22:fb:01:02:03", join: 0 }] }),
 *   'access point "home", 1 soft-AP visitor, SNTP reachable',
 * );
 * assert.equal(describeWorld({ sntp: { reachable: false } }), "no access point, no soft-AP visitor, SNTP unreachable");
 * ```
 */
export function describeWorld(world: World): string {
  const aps = world.access_points ?? [];
  const names = aps.map((ap) => JSON.stringify(ap.ssid)).join(", ");
  const apText = aps.length === 0
    ? "no access point"
    : `access point${aps.length === 1 ? "" : "s"} ${names}`;
  const visitors = world.stations?.length ?? 0;
  const visitorText = visitors === 0
    ? "no soft-AP visitor"
    : `${visitors} soft-AP visitor${visitors === 1 ? "" : "s"}`;
  const sntp = world.sntp?.reachable === false ? "SNTP unreachable" : "SNTP reachable";
  const faults = world.faults === undefined ? "" : ", faults injected";
  return `${apText}, ${visitorText}, ${sntp}${faults}`;
}
