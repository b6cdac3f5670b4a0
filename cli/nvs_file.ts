/**
 * The `--nvs FILE` of `netfsm check`: what the device's NVS holds, so that
 * `esp:nvs_get_binary(atomvm, sta_ssid, ...)` can be checked against the stored value. Three
 * shapes are read: namespaces of keys (`{"atomvm": {"sta_ssid": "home"}}`), the `nvs` object of a
 * device (core/device.ts: `{"sta_ssid": "home"}`, the `atomvm` namespace), or a whole device
 * (`{"mac": ..., "nvs": {...}}`). Errors name keys, never values.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { isRecord } from "../core/json.ts";
import { describeJsonProblem, parseJson } from "../core/json_parse.ts";
import { clip } from "../core/limits.ts";
import type { NvsStore } from "./erlang_values.ts";

function strings(
  object: Readonly<Record<string, unknown>>,
  at: string,
): Either<string, Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    if (typeof value !== "string") return left(`${at}${clip(key)} must be a string`);
    Object.defineProperty(out, key, { value, enumerable: true });
  }
  return right(out);
}

/**
 * Reads an NVS file's text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseNvs } from "./nvs_file.ts";
 * assert.deepEqual(parseNvs('{"sta_ssid": "home"}'), { _tag: "Right", right: { atomvm: { sta_ssid: "home" } } });
 * assert.deepEqual(parseNvs('{"atomvm": {"sta_psk": 7}}'), { _tag: "Left", left: "atomvm.sta_psk must be a string" });
 * ```
 */
export function parseNvs(text: string): Either<string, NvsStore> {
  const parsed = parseJson(text);
  if (parsed._tag === "Left") return left(describeJsonProblem(parsed.left));
  let json = parsed.right;
  if (isRecord(json) && isRecord(json.nvs)) json = json.nvs;
  if (!isRecord(json)) return left("must be a JSON object of namespaces, or of atomvm's keys");
  if (Object.values(json).every((value) => !isRecord(value))) {
    const atomvm = strings(json, "");
    return atomvm._tag === "Left" ? atomvm : right({ atomvm: atomvm.right });
  }
  const store: Record<string, Record<string, string>> = {};
  for (const [namespace, keys] of Object.entries(json)) {
    if (!isRecord(keys)) return left(`${clip(namespace)} must be an object of keys`);
    const values = strings(keys, `${clip(namespace)}.`);
    if (values._tag === "Left") return values;
    Object.defineProperty(store, namespace, { value: values.right, enumerable: true });
  }
  return right(store);
}
