/**
 * The readable replay timeline: one block per applied input, with the time, the input and its
 * fields, the station status after it, and what it caused.
 *
 * ```text
 *    1.520s  connected      sta_got_ip ip=192.168.1.20 netmask=255.255.255.0 gw=192.168.1.1
 *                           callback  got_ip({"ip":"192.168.1.20","netmask":"255.255.255.0","gw":"192.168.1.1"})
 * ```
 *
 * What an input caused is listed as the core emits it: diagnostics, callbacks, commands, reply.
 *
 * @module
 */
import type { ReplayRecord } from "../core/trace/replay.ts";

function value(json: unknown): string {
  return typeof json === "string" ? json : JSON.stringify(json);
}

function fields(object: object, prefix = ""): string {
  return Object.entries(object)
    .filter(([key]) => prefix !== "" || (key !== "type" && key !== "command"))
    .map(([key, inner]) => {
      const isObject = typeof inner === "object" && inner !== null && !Array.isArray(inner);
      return isObject
        ? fields(inner, `${prefix}${key}.`)
        : `${prefix}${key}=${typeof inner === "object" ? JSON.stringify(inner) : value(inner)}`;
    })
    .join(" ");
}

// Wide enough for the longest status, "disconnecting".
const STATUS_WIDTH = 13;
const INDENT = " ".repeat(9 + 2 + STATUS_WIDTH + 2);

/** Milliseconds as seconds with three decimals, right-aligned. */
export function formatTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`.padStart(9);
}

/**
 * Formats one replay record as a block of lines, each ending in a newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRecord } from "./timeline.ts";
 * const text = formatRecord({ at: 900, input: { type: "sta_connected" }, status: "associated",
 *   callbacks: [{ name: "connected", args: [] }], commands: [], reply: null });
 * assert.match(text, /^ {3}0\.900s {2}associated {5}sta_connected\n {26}callback {2}connected\(\)\n$/);
 * ```
 */
export function formatRecord(record: ReplayRecord): string {
  const input = record.input as { readonly type?: string; readonly timer?: string };
  const described = input.type === "timer"
    ? `timer ${value(input.timer)} fired`
    : [input.type, fields(input)].filter((s) => s !== "").join(" ");
  const lines = [`${formatTime(record.at)}  ${record.status.padEnd(STATUS_WIDTH)}  ${described}`];
  for (const diagnostic of record.diagnostics ?? []) {
    lines.push(`${INDENT}${diagnostic.level.padEnd(8)}  ${diagnostic.code}: ${diagnostic.message}`);
  }
  for (const callback of record.callbacks) {
    lines.push(
      `${INDENT}callback  ${callback.name}(${
        callback.args.map((arg) => JSON.stringify(arg)).join(", ")
      })`,
    );
  }
  for (const command of record.commands) {
    lines.push(
      `${INDENT}command   ${[command.command, fields(command)].filter((s) => s !== "").join(" ")}`,
    );
  }
  if (record.reply !== null) {
    const reply = record.reply === "ok" ? "ok" : `error ${record.reply.error}`;
    lines.push(`${INDENT}reply     ${reply}`);
    if (record.reply !== "ok") {
      for (const problem of record.reply.problems ?? []) {
        lines.push(`${INDENT}          ${problem.path}: ${problem.message}`);
      }
    }
  }
  return lines.join("\n") + "\n";
}

/** The header line above a timeline. */
export const TIMELINE_HEADER = `${"time".padStart(9)}  ${"station".padEnd(STATUS_WIDTH)}  input\n`;
