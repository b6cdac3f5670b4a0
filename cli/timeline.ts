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
        // null is a value the device or log did not show (README, "Unknown values").
        : inner === null
        ? `${prefix}${key}=unknown`
        : `${prefix}${key}=${typeof inner === "object" ? JSON.stringify(inner) : value(inner)}`;
    })
    .join(" ");
}

/** ANSI colours for a terminal; each wraps text and resets after it. */
const PAINT = {
  dim: (text: string) => `\x1b[2m${text}\x1b[0m`,
  green: (text: string) => `\x1b[32m${text}\x1b[0m`,
  yellow: (text: string) => `\x1b[33m${text}\x1b[0m`,
  red: (text: string) => `\x1b[31m${text}\x1b[0m`,
  cyan: (text: string) => `\x1b[36m${text}\x1b[0m`,
  magenta: (text: string) => `\x1b[35m${text}\x1b[0m`,
} as const;
const PLAIN = (text: string) => text;
const LEVEL_STYLE: Readonly<Record<string, keyof typeof PAINT>> = {
  info: "dim",
  warning: "yellow",
  error: "red",
};

// Green once joined, yellow on the way in or out, dim at rest: the eye finds the changes.
function statusPaint(status: string): (text: string) => string {
  if (status === "connected" || status === "associated") return PAINT.green;
  if (status === "connecting" || status === "disconnecting") return PAINT.yellow;
  return PAINT.dim;
}

// Wide enough for the longest status, "disconnecting".
const STATUS_WIDTH = 13;
const INDENT = " ".repeat(9 + 2 + STATUS_WIDTH + 2);

/** Milliseconds as seconds with three decimals, right-aligned. */
export function formatTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`.padStart(9);
}

/**
 * Formats one replay record as a block of lines, each ending in a newline; with `color`, the
 * time, status and labels carry ANSI colours for a terminal.
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
export function formatRecord(record: ReplayRecord, color = false): string {
  const paint = (style: keyof typeof PAINT) => color ? PAINT[style] : PLAIN;
  const paintStatus = color ? statusPaint(record.status) : PLAIN;
  const input = record.input as { readonly type?: string; readonly timer?: string };
  const described = input.type === "timer"
    ? `timer ${value(input.timer)} fired`
    : [input.type, fields(input)].filter((s) => s !== "").join(" ");
  const lines = [
    `${paint("dim")(formatTime(record.at))}  ${
      paintStatus(record.status.padEnd(STATUS_WIDTH))
    }  ${described}`,
  ];
  for (const diagnostic of record.diagnostics ?? []) {
    const level = paint(LEVEL_STYLE[diagnostic.level] ?? "yellow")(diagnostic.level.padEnd(8));
    lines.push(`${INDENT}${level}  ${diagnostic.code}: ${diagnostic.message}`);
  }
  for (const callback of record.callbacks) {
    lines.push(
      `${INDENT}${paint("cyan")("callback")}  ${callback.name}(${
        callback.args.map((arg) => JSON.stringify(arg)).join(", ")
      })`,
    );
  }
  for (const command of record.commands) {
    lines.push(
      `${INDENT}${paint("magenta")("command")}   ${
        [command.command, fields(command)].filter((s) => s !== "").join(" ")
      }`,
    );
  }
  if (record.reply !== null) {
    const reply = record.reply === "ok"
      ? paint("green")("ok")
      : paint("red")(`error ${record.reply.error}`);
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
