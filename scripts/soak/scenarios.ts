/**
 * The scenarios to soak: which ones qualify (a station, an access point it can join that stays
 * usable, an application that does not leave for good), from when, and for how long they run.
 *
 * @module
 */
import { type Either, isLeft, left, right } from "fp-ts/lib/Either.js";
import {
  decodeScenario,
  type Scenario,
  type ScenarioRequest,
} from "../../drivers/mock/scenario.ts";
import type { AccessPoint } from "../../drivers/mock/world.ts";
import { BOUND_MS, HOLD_MS } from "./bounds.ts";
import { SOAK_SCENARIOS } from "./own_scenarios.ts";

/** A scenario ready to soak: it ends BOUND + HOLD after its AP becomes usable for good. */
export interface SoakScenario {
  readonly scenario: Scenario;
  /** When its access point is usable from, for good (ms since the run began). */
  readonly usableFrom: number;
}

/** An SSID and psk the station may join with. */
export interface Credential {
  readonly ssid: string;
  readonly psk?: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

function credentialsOf(sta: Record<string, unknown> | undefined): Credential[] {
  if (sta === undefined) return [];
  const one = (s: Record<string, unknown> | undefined): Credential[] =>
    typeof s?.ssid === "string"
      ? [typeof s.psk === "string" ? { ssid: s.ssid, psk: s.psk } : { ssid: s.ssid }]
      : [];
  const networks = Array.isArray(sta.networks) ? sta.networks.map(record) : [];
  return [...one(sta), ...networks.flatMap(one)];
}

/**
 * The networks a scenario's station may join: its `sta` section (`ssid`/`psk` or `networks`),
 * the NVS, and every `sta_connect` request.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { credentials } from "./scenarios.ts";
 * import { MOCK_DEVICE } from "../../drivers/mock/mock_driver.ts";
 * const scenario = {
 *   name: "s", description: "", duration: 1, seed: 1, device: MOCK_DEVICE, world: {},
 *   config: { sta: { managed: true } },
 *   requests: [{ at: 0, type: "start" as const }, { at: 5, type: "sta_connect" as const, config: { ssid: "home", psk: "secret12" } }],
 * };
 * assert.deepEqual(credentials(scenario), [{ ssid: "home", psk: "secret12" }]);
 * ```
 */
export function credentials(scenario: Scenario): readonly Credential[] {
  const found = credentialsOf(record(record(scenario.config)?.sta));
  const nvs = scenario.device.nvs;
  if (nvs?.sta_ssid !== undefined) {
    found.push(
      nvs.sta_psk === undefined ? { ssid: nvs.sta_ssid } : {
        ssid: nvs.sta_ssid,
        psk: nvs.sta_psk,
      },
    );
  }
  for (const request of scenario.requests) {
    if (request.type !== "sta_connect") continue;
    const config = record(request.config);
    found.push(...credentialsOf(record(config?.sta) ?? config));
  }
  return found;
}

/**
 * When `ap` is usable from, for good: on the air from then on, not flapping, and with DHCP that
 * answers (not `silent`, and after its last outage); undefined if never.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { usableFrom } from "./scenarios.ts";
 * assert.equal(usableFrom({ ssid: "a" }), 0);
 * assert.equal(usableFrom({ ssid: "a", present: [{ from: 0, until: 9 }, { from: 50 }] }), 50);
 * assert.equal(usableFrom({ ssid: "a", dhcp_outage: [{ from: 10, until: 70 }] }), 70);
 * assert.equal(usableFrom({ ssid: "a", flap: { every: 10, down_for: 2 } }), undefined);
 * assert.equal(usableFrom({ ssid: "a", dhcp: "silent" }), undefined);
 * ```
 */
export function usableFrom(ap: AccessPoint): number | undefined {
  if (ap.flap !== undefined || ap.dhcp === "silent") return undefined;
  const forever = (ap.present ?? [{ from: 0 }]).filter((s) => s.until === undefined);
  if (forever.length === 0) return undefined;
  let from = Math.min(...forever.map((s) => s.from));
  for (const outage of ap.dhcp_outage ?? []) {
    if (outage.until === undefined) return undefined;
    from = Math.max(from, outage.until);
  }
  return from;
}

function joinable(ap: AccessPoint, with_: readonly Credential[]): boolean {
  // As the mock decides: an open AP takes any psk.
  const open = ap.psk === undefined || ap.psk === "";
  return with_.some((c) => c.ssid === ap.ssid && (open || c.psk === ap.psk));
}

/**
 * A scenario made ready to soak, or why it cannot be: it needs a station, an access point the
 * station can join that stays usable, and an application that does not leave for good. Stops are
 * dropped (the soak stops the run at its end), and the run lasts until BOUND + HOLD after the
 * later of the AP becoming usable and the application's last request.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BOUND_MS, HOLD_MS } from "./bounds.ts";
 * import { soakScenario } from "./scenarios.ts";
 * import { MOCK_DEVICE } from "../../drivers/mock/mock_driver.ts";
 * const base = { name: "s", description: "", duration: 1, seed: 1, device: MOCK_DEVICE };
 * const ready = soakScenario({
 *   ...base, config: { sta: { ssid: "home", psk: "secret12" } },
 *   world: { access_points: [{ ssid: "home", psk: "secret12", present: [{ from: 45_000 }] }] },
 *   requests: [{ at: 0, type: "start" }, { at: 70_000, type: "stop" }],
 * });
 * assert.equal(ready._tag === "Right" && ready.right.usableFrom, 45_000);
 * assert.equal(ready._tag === "Right" && ready.right.scenario.duration, 45_000 + BOUND_MS + HOLD_MS);
 * assert.deepEqual(ready._tag === "Right" && ready.right.scenario.requests, [{ at: 0, type: "start" }]);
 * const wrong = soakScenario({ ...base, config: { sta: { ssid: "home", psk: "nope" } }, world: { access_points: [{ ssid: "home", psk: "secret12" }] }, requests: [{ at: 0, type: "start" }] });
 * assert.equal(wrong._tag, "Left");
 * ```
 */
export function soakScenario(scenario: Scenario): Either<string, SoakScenario> {
  if (record(record(scenario.config)?.sta) === undefined) return left("it has no station");
  const starts = scenario.requests.filter((r) => r.type === "start").map((r) => r.at);
  if (starts.length === 0) return left("it never starts the network");
  const lastStart = Math.max(...starts);
  const requests: ScenarioRequest[] = scenario.requests.filter((r) =>
    !(r.type === "stop" && r.at >= lastStart)
  );
  const joins = requests.filter((r) => r.type === "sta_connect" || r.type === "sta_disconnect");
  if (joins.at(-1)?.type === "sta_disconnect") return left("the application leaves for good");
  const known = credentials(scenario);
  const usable = (scenario.world.access_points ?? [])
    .filter((ap) => joinable(ap, known))
    .map(usableFrom)
    .filter((at): at is number => at !== undefined);
  if (usable.length === 0) return left("no access point it can join stays usable");
  const from = Math.max(Math.min(...usable), ...requests.map((r) => r.at));
  return right({
    scenario: { ...scenario, requests, duration: from + BOUND_MS + HOLD_MS },
    usableFrom: from,
  });
}

/**
 * The scenarios to soak: the scenario files in `folder` that qualify, then the soak's own; and
 * the files that do not, each with why.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadScenarios } from "./scenarios.ts";
 * const { ready, skipped } = await loadScenarios(new URL("../../examples/scenarios/", import.meta.url));
 * assert.ok(ready.some((s) => s.scenario.name === "beacon_loss" && s.usableFrom === 45_000));
 * assert.ok(skipped.includes("wrong_password (no access point it can join stays usable)"));
 * ```
 */
export async function loadScenarios(
  folder: URL,
): Promise<{ ready: SoakScenario[]; skipped: string[] }> {
  const ready: SoakScenario[] = [];
  const skipped: string[] = [];
  const names: string[] = [];
  for await (const entry of Deno.readDir(folder)) {
    if (entry.isFile && entry.name.endsWith(".json")) names.push(entry.name);
  }
  for (const name of names.sort()) {
    const decoded = decodeScenario(JSON.parse(await Deno.readTextFile(new URL(name, folder))));
    if (isLeft(decoded)) {
      skipped.push(`${name} (not a valid scenario)`);
      continue;
    }
    const soaked = soakScenario(decoded.right);
    if (isLeft(soaked)) skipped.push(`${decoded.right.name} (${soaked.left})`);
    else ready.push(soaked.right);
  }
  for (const scenario of SOAK_SCENARIOS) {
    const soaked = soakScenario(scenario);
    if (isLeft(soaked)) throw new Error(`${scenario.name}: ${soaked.left}`);
    ready.push(soaked.right);
  }
  return { ready, skipped };
}
